/**
 * `clone.settle`: closes a voice clone's reservation at its actual cost, stamps the final cost on
 * the history row, appends the `clone` usage event and hands an analytics event to PostHog's
 * queue path when it is configured. Every step is idempotent, so a redelivered message changes
 * nothing.
 */
import type { z } from "zod";
import { readConfig } from "../env";
import { reservationSettleKey, settle } from "../services/ledger";
import { enqueueJob, type cloneSettleMessage } from "./messages";
import { recordUsage } from "./usage-record";

export async function settleClone(env: Env, message: z.infer<typeof cloneSettleMessage>): Promise<void> {
  await settle(env.DB, { reservationId: message.reservationId, actualAmount: message.actualCredits, key: reservationSettleKey(message.reservationId) });
  const reservation = await env.DB.prepare("SELECT status, final_amount FROM credit_reservations WHERE id = ?1")
    .bind(message.reservationId)
    .first<{ status: string; final_amount: number | null }>();
  const charged = reservation?.status === "settled" ? (reservation.final_amount ?? 0) : 0;
  await env.DB.prepare("UPDATE audio_files SET credits_used = ?1 WHERE id = ?2").bind(charged, message.audioFileId).run();
  await recordUsage(env.DB, {
    type: "usage.record",
    userId: message.userId,
    usageType: "clone",
    sourceId: message.audioFileId,
    provider: message.provider,
    model: message.model,
    creditsUsed: charged,
    quantity: message.characters,
    unit: "characters",
    metadata: { locale: message.locale, durationSeconds: message.durationSeconds, cloneJobId: message.cloneJobId },
    occurredAt: message.occurredAt,
  });
  if (readConfig(env).integrations.posthog.status === "configured") {
    await enqueueJob(env.JOBS_QUEUE, {
      type: "analytics.capture",
      distinctId: message.userId,
      event: "voice_cloned",
      properties: { provider: message.provider, model: message.model, locale: message.locale, credits: charged, characters: message.characters },
      occurredAt: message.occurredAt,
    });
  }
}
