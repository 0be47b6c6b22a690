/** `clone.settle`: settles a voice clone (see settle-production.ts). */
import type { z } from "zod";
import type { cloneSettleMessage } from "./messages";
import { settleProduction } from "./settle-production";

export async function settleClone(env: Env, message: z.infer<typeof cloneSettleMessage>): Promise<void> {
  await settleProduction(env, {
    reservationId: message.reservationId,
    audioFileId: message.audioFileId,
    userId: message.userId,
    actualCredits: message.actualCredits,
    usageType: "clone",
    provider: message.provider,
    model: message.model,
    characters: message.characters,
    occurredAt: message.occurredAt,
    metadata: { locale: message.locale, durationSeconds: message.durationSeconds, cloneJobId: message.cloneJobId },
    event: "voice_cloned",
    eventProperties: { locale: message.locale },
  });
}
