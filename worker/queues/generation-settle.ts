/** `generation.settle`: the settlement of a voice generation (services/settlement.ts), from its message. */
import type { z } from "zod";
import type { ProductionSettlement } from "../services/settlement";
import type { generationSettleMessage } from "./messages";

export function generationSettlement(message: z.input<typeof generationSettleMessage>): ProductionSettlement {
  return {
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
  };
}
