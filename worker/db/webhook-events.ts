/** Webhook deliveries already applied, per provider (`processed_webhook_events`): replays are recognised here. */
export async function isWebhookProcessed(db: D1Database, provider: "livekit" | "stripe", eventId: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS x FROM processed_webhook_events WHERE provider = ?1 AND event_id = ?2").bind(provider, eventId).first()) !== null;
}

/** Marks the event applied; a statement, so a handler can put it in the batch that applies it. */
export function markWebhookStatement(db: D1Database, provider: "livekit" | "stripe", eventId: string): D1PreparedStatement {
  return db.prepare("INSERT INTO processed_webhook_events (provider, event_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING").bind(provider, eventId);
}

export async function markWebhookProcessed(db: D1Database, provider: "livekit" | "stripe", eventId: string): Promise<void> {
  await markWebhookStatement(db, provider, eventId).run();
}
