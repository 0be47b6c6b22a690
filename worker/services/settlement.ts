/**
 * Settlement of a paid production (generation or clone): closes the reservation at the actual
 * cost (refunding the difference, or collecting the extra up to what the balance holds), stamps
 * the final cost on the history row, appends the usage event and, when analytics is on, queues
 * its event. Every step is idempotent, so a redelivered message or a second settler changes
 * nothing.
 *
 * Two modes. `queue` (the settlement message's consumer): any failure throws, so the queue
 * retries the whole, idempotent settlement. `inline` (the queue refused the message, on the
 * request path): the audio is already delivered and charged, so nothing here may fail the
 * request — each step's failure is logged and left to the sweep, which settles a delivered
 * reservation at its recorded price, or writes the usage event and history cost a settled one
 * lacks.
 */
import { readConfig } from "../env";
import { setAudioFileCost } from "../db/audio-files";
import { reservationSettleKey, reservationState, settle } from "../db/ledger";
import { recordUsageEvent } from "../db/usage-events";
import { enqueueJob } from "../queues/messages";
import { log } from "./logging";

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

export type SettlementMode = "queue" | "inline";

async function step(mode: SettlementMode, name: string, run: () => Promise<void>): Promise<boolean> {
  if (mode === "queue") {
    await run();
    return true;
  }
  try {
    await run();
    return true;
  } catch (error) {
    log.error(`inline settlement: ${name} failed; the 5-minute sweep finishes it`, error);
    return false;
  }
}

export async function settleProduction(env: Env, s: ProductionSettlement, mode: SettlementMode): Promise<void> {
  const closed = await step(mode, "ledger settle", async () => {
    await settle(env.DB, { reservationId: s.reservationId, actualAmount: s.actualCredits, key: reservationSettleKey(s.reservationId) });
  });
  if (!closed) return;
  let charged = 0;
  const known = await step(mode, "reading the reservation", async () => {
    const state = await reservationState(env.DB, s.reservationId);
    charged = state?.status === "settled" ? (state.finalAmount ?? 0) : 0;
  });
  if (!known) return;
  await step(mode, "history cost", () => setAudioFileCost(env.DB, s.audioFileId, charged));
  await step(mode, "usage event", () =>
    recordUsageEvent(env.DB, {
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
    }),
  );
  if (readConfig(env).integrations.posthog.status === "configured") {
    await step(mode, "analytics event", () =>
      enqueueJob(env.JOBS_QUEUE, {
        type: "analytics.capture",
        distinctId: s.userId,
        event: s.event,
        properties: { ...s.eventProperties, provider: s.provider, model: s.model, credits: charged, characters: s.characters },
        occurredAt: s.occurredAt,
      }),
    );
  }
}
