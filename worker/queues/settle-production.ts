/**
 * Settlement shared by `generation.settle` and `clone.settle`: closes the reservation at the
 * actual cost (refunding or collecting the difference), stamps the final cost on the history row,
 * appends the usage event and, when PostHog is configured, queues the analytics event. Every step
 * is idempotent, so a redelivered message changes nothing.
 */
import { readConfig } from "../env";
import { reservationSettleKey, settle } from "../db/ledger";
import { enqueueJob } from "./messages";
import { recordUsage } from "./usage-record";

export interface ProductionSettlement {
  reservationId: string;
  audioFileId: string;
  userId: string;
  actualCredits: number;
  usageType: "tts" | "clone";
  provider: string;
  model: string;
  characters: number;
  occurredAt: string;
  metadata: Record<string, unknown>;
  event: string;
  eventProperties: Record<string, unknown>;
}

export async function settleProduction(env: Env, s: ProductionSettlement): Promise<void> {
  await settle(env.DB, { reservationId: s.reservationId, actualAmount: s.actualCredits, key: reservationSettleKey(s.reservationId) });
  const reservation = await env.DB.prepare("SELECT status, final_amount FROM credit_reservations WHERE id = ?1")
    .bind(s.reservationId)
    .first<{ status: string; final_amount: number | null }>();
  const charged = reservation?.status === "settled" ? (reservation.final_amount ?? 0) : 0;
  await env.DB.prepare("UPDATE audio_files SET credits_used = ?1 WHERE id = ?2").bind(charged, s.audioFileId).run();
  await recordUsage(env.DB, {
    type: "usage.record",
    userId: s.userId,
    usageType: s.usageType,
    sourceId: s.audioFileId,
    provider: s.provider,
    model: s.model,
    creditsUsed: charged,
    quantity: s.characters,
    unit: "characters",
    metadata: s.metadata,
    occurredAt: s.occurredAt,
  });
  if (readConfig(env).integrations.posthog.status === "configured") {
    await enqueueJob(env.JOBS_QUEUE, {
      type: "analytics.capture",
      distinctId: s.userId,
      event: s.event,
      properties: { ...s.eventProperties, provider: s.provider, model: s.model, credits: charged, characters: s.characters },
      occurredAt: s.occurredAt,
    });
  }
}
