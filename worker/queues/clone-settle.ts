/** `clone.settle`: the settlement of a voice clone (services/settlement.ts), from its message. */
import type { z } from "zod";
import type { ProductionSettlement } from "../services/settlement";
import type { cloneSettleMessage } from "./messages";

export function cloneSettlement(message: z.input<typeof cloneSettleMessage>): ProductionSettlement {
  return {
    reservationId: message.reservationId,
    audioFileId: message.audioFileId,
    userId: message.userId,
    actualCredits: message.actualCredits,
    usageType: "clone",
    provider: message.provider,
    model: message.model,
    characters: message.characters,
    occurredAt: message.occurredAt,
    metadata: {
      locale: message.locale,
      durationSeconds: message.durationSeconds,
      ...(message.cloneJobId !== undefined ? { cloneJobId: message.cloneJobId } : {}),
      ...(message.savedVoiceId !== undefined ? { savedVoiceId: message.savedVoiceId } : {}),
    },
    event: "voice_cloned",
    eventProperties: { locale: message.locale },
  };
}
