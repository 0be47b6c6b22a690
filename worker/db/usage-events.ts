/** `usage_events`, append-only: one row per billable source; a repeat of the same (type, source) is a no-op. */
export interface UsageEvent {
  userId: string;
  usageType: "tts" | "clone" | "call";
  sourceId: string;
  provider: string;
  model: string;
  creditsUsed: number;
  quantity: number;
  unit: string;
  metadata: Record<string, unknown>;
  occurredAt: string;
}

export async function recordUsageEvent(db: D1Database, event: UsageEvent): Promise<void> {
  await db
    .prepare(
      `INSERT INTO usage_events (id, user_id, type, source_id, provider, model, credits_used, quantity, unit, metadata, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (type, source_id) DO NOTHING`,
    )
    .bind(crypto.randomUUID(), event.userId, event.usageType, event.sourceId, event.provider, event.model, event.creditsUsed, event.quantity, event.unit, JSON.stringify(event.metadata), event.occurredAt)
    .run();
}
