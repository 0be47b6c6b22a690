/** `generation.settle`: settles a voice generation (see settle-production.ts). */
import type { z } from "zod";
import type { generationSettleMessage } from "./messages";
import { settleProduction } from "./settle-production";

export async function settleGeneration(env: Env, message: z.infer<typeof generationSettleMessage>): Promise<void> {
  await settleProduction(env, {
    reservationId: message.reservationId,
    audioFileId: message.generationId,
    userId: message.userId,
    actualCredits: message.actualCredits,
    usageType: "tts",
    provider: message.provider,
    model: message.model,
    characters: message.characters,
    occurredAt: message.occurredAt,
    metadata: { voiceId: message.voiceId, durationSeconds: message.durationSeconds, ...(message.totalTokens !== undefined ? { totalTokens: message.totalTokens } : {}) },
    event: "voice_generated",
    eventProperties: { voiceId: message.voiceId },
  });
}
