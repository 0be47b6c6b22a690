/** `usage.record`: appends one `usage_events` row; a redelivered message hits the unique (type, source_id). */
import type { z } from "zod";
import type { usageRecordMessage } from "./messages";

export async function recordUsage(db: D1Database, message: z.infer<typeof usageRecordMessage>): Promise<void> {
  await db
    .prepare(
      `INSERT INTO usage_events (id, user_id, type, source_id, provider, model, credits_used, quantity, unit, metadata, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (type, source_id) DO NOTHING`,
    )
    .bind(
      crypto.randomUUID(),
      message.userId,
      message.usageType,
      message.sourceId,
      message.provider,
      message.model,
      message.creditsUsed,
      message.quantity,
      message.unit,
      JSON.stringify(message.metadata),
      message.occurredAt,
    )
    .run();
}
