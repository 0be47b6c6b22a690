/**
 * `generation.settle`: closes a generation's reservation at the actual cost (refunding or
 * collecting the difference), stamps the final cost on the history row, appends the usage event
 * and hands an analytics event to PostHog's queue path when it is configured. Every step is
 * idempotent, so a redelivered message changes nothing.
 */
import type { z } from "zod";
import { readConfig } from "../env";
import { reservationSettleKey, settle } from "../services/ledger";
import { enqueueJob, type generationSettleMessage } from "./messages";
import { recordUsage } from "./usage-record";

export async function settleGeneration(env: Env, message: z.infer<typeof generationSettleMessage>): Promise<void> {
  await settle(env.DB, { reservationId: message.reservationId, actualAmount: message.actualCredits, key: reservationSettleKey(message.reservationId) });
  const reservation = await env.DB.prepare("SELECT status, final_amount FROM credit_reservations WHERE id = ?1")
    .bind(message.reservationId)
    .first<{ status: string; final_amount: number | null }>();
  const charged = reservation?.status === "settled" ? (reservation.final_amount ?? 0) : 0;
  await env.DB.prepare("UPDATE audio_files SET credits_used = ?1 WHERE id = ?2").bind(charged, message.generationId).run();
  await recordUsage(env.DB, {
    type: "usage.record",
    userId: message.userId,
    usageType: "tts",
    sourceId: message.generationId,
    provider: message.provider,
    model: message.model,
    creditsUsed: charged,
    quantity: message.characters,
    unit: "characters",
    metadata: { voiceId: message.voiceId, durationSeconds: message.durationSeconds, ...(message.totalTokens !== undefined ? { totalTokens: message.totalTokens } : {}) },
    occurredAt: message.occurredAt,
  });
  if (readConfig(env).integrations.posthog.status === "configured") {
    await enqueueJob(env.JOBS_QUEUE, {
      type: "analytics.capture",
      distinctId: message.userId,
      event: "voice_generated",
      properties: { provider: message.provider, model: message.model, voiceId: message.voiceId, credits: charged, characters: message.characters },
      occurredAt: message.occurredAt,
    });
  }
}
