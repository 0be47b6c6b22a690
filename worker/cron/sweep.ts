/**
 * Frequent sweep (every 5 minutes): closes reservations that were never settled or refunded (a
 * crash between reserve and settle, a lost settlement message). A reservation whose audio was
 * delivered — its history row exists — is settled at the price that row records, never
 * refunded, so the ledger and the history agree; one without a history row delivered nothing and
 * is refunded in full. Both use the same idempotency keys as the request path and the queue, so a
 * late normal settlement and the sweep can never both apply. It then finishes settlements whose
 * ledger row was written but whose usage event or history cost was not (an inline settlement
 * that failed after closing the ledger): settling again is a no-op on the ledger and writes the
 * rest. Then the clone-reference backstop (./clone-inputs.ts), and Stripe refund/dispute events
 * parked for a payment that has since been granted (services/stripe-events.ts), then calls: pending
 * sessions nobody joined are ended, and quiet active ones are reconciled by their CallMeter.
 * Then public-API Idempotency-Keys past their 24 hours are deleted (db/idempotency.ts), and one
 * account deletion left half-way for 15 minutes is carried on (services/account.ts).
 */
import { findAudioByReservation } from "../db/audio-files";
import { listIncompleteSettlements, listOpenReservations, refund, reservationRefundKey } from "../db/ledger";
import { settleProduction } from "../services/settlement";
import { applyParkedEvents } from "../services/stripe-events";
import { countCharacters } from "../shared/text-metrics";
import { purgeStaleCloneInputs } from "./clone-inputs";
import { expirePendingCalls, quietActiveCalls } from "../db/calls";
import { purgeExpiredIdempotencyKeys } from "../db/idempotency";
import { abandonedDeletions } from "../db/account";
import { readConfig } from "../env";
import { createIntegrations } from "../integrations";
import { continueDeletion } from "../services/account";
import { log } from "../services/logging";

/** A call token is valid for 5 minutes: a session still pending after this was never joined. */
export const PENDING_CALL_EXPIRY_MINUTES = 15;
/** An active call's meter acts every 30 s; one silent for this long is asked to reconcile. */
export const QUIET_CALL_MINUTES = 2;

/** Ends pending calls nobody joined and wakes meters of active calls that have gone quiet. */
export async function sweepCalls(env: Env, now: Date): Promise<{ expiredCalls: number; reconciledCalls: number }> {
  const expiredCalls = await expirePendingCalls(env.DB, new Date(now.getTime() - PENDING_CALL_EXPIRY_MINUTES * 60_000).toISOString());
  let reconciledCalls = 0;
  for (const sessionId of await quietActiveCalls(env.DB, new Date(now.getTime() - QUIET_CALL_MINUTES * 60_000).toISOString(), 50)) {
    try {
      await env.CALL_METER.get(env.CALL_METER.idFromName(sessionId)).reconcile(sessionId);
      reconciledCalls += 1;
    } catch (error) {
      log.error(`reconciling call ${sessionId} failed`, error);
    }
  }
  return { expiredCalls, reconciledCalls };
}

/** A reservation older than this with no outcome is an orphan. Generation settles within seconds. */
export const ORPHAN_AFTER_MINUTES = 15;
const SWEEP_BATCH = 200;
/** How far back the sweep looks for settlements left incomplete. */
const REPAIR_WINDOW_HOURS = 24;

export async function sweepOrphanedReservations(env: Env, now: Date): Promise<{ refunded: number; settled: number; failed: number }> {
  const cutoff = new Date(now.getTime() - ORPHAN_AFTER_MINUTES * 60_000).toISOString();
  let refunded = 0;
  let settled = 0;
  let failed = 0;
  for (const reservationId of await listOpenReservations(env.DB, cutoff, SWEEP_BATCH)) {
    try {
      const outcome = await closeOrphan(env, reservationId, now);
      if (outcome === "settled") settled += 1;
      if (outcome === "refunded") refunded += 1;
    } catch (error) {
      // One reservation that cannot be closed now must not hold up the others; the next run retries it.
      log.error(`sweep: closing reservation ${reservationId} failed`, error);
      failed += 1;
    }
  }
  return { refunded, settled, failed };
}

/** Settles a reservation's delivered audio at the price its history row records (idempotent). */
async function settleDelivered(env: Env, reservationId: string, now: Date): Promise<boolean> {
  const delivered = await findAudioByReservation(env.DB, reservationId);
  if (delivered === null) return false;
  await settleProduction(
    env,
    {
      reservationId,
      audioFileId: delivered.id,
      userId: delivered.user_id,
      actualCredits: delivered.credits_used,
      usageType: delivered.kind,
      provider: delivered.provider,
      model: delivered.model,
      characters: countCharacters(delivered.text_content),
      occurredAt: now.toISOString(),
      metadata: { voiceId: delivered.voice_id, durationSeconds: delivered.duration_seconds, settledBy: "sweep" },
      event: delivered.kind === "clone" ? "voice_cloned" : "voice_generated",
      eventProperties: { voiceId: delivered.voice_id },
    },
    "queue",
  );
  return true;
}

async function closeOrphan(env: Env, reservationId: string, now: Date): Promise<"settled" | "refunded" | "unchanged"> {
  if (await settleDelivered(env, reservationId, now)) return "settled";
  const outcome = await refund(env.DB, { reservationId, key: reservationRefundKey(reservationId), description: "Refund: operation did not complete" });
  return outcome.applied ? "refunded" : "unchanged";
}

/** Writes the usage event and history cost that an interrupted settlement left out. */
export async function repairIncompleteSettlements(env: Env, now: Date): Promise<{ repaired: number }> {
  const since = new Date(now.getTime() - REPAIR_WINDOW_HOURS * 3_600_000).toISOString();
  let repaired = 0;
  for (const reservationId of await listIncompleteSettlements(env.DB, since, SWEEP_BATCH)) {
    try {
      if (await settleDelivered(env, reservationId, now)) repaired += 1;
    } catch (error) {
      log.error(`sweep: finishing the settlement of ${reservationId} failed`, error);
    }
  }
  return { repaired };
}

/** A deletion nobody asked about for this long was left half-way (the tab closed): the sweep goes on with it. */
export const ABANDONED_DELETION_MINUTES = 15;
/** One account per run, within a share of the invocation's 1,000 operations the rest of the sweep leaves. */
const ABANDONED_DELETION_OPTIONS = { batchSize: 100, timeBudgetMs: 10_000, maxOperations: 400 };

export async function finishAbandonedDeletions(env: Env, now: Date): Promise<{ continuedDeletions: number; finishedDeletions: number }> {
  const [userId] = await abandonedDeletions(env.DB, new Date(now.getTime() - ABANDONED_DELETION_MINUTES * 60_000).toISOString(), 1);
  if (userId === undefined) return { continuedDeletions: 0, finishedDeletions: 0 };
  const config = readConfig(env);
  const outcome = await continueDeletion(env, config, createIntegrations(config, env).audioCache, userId, ABANDONED_DELETION_OPTIONS);
  return { continuedDeletions: 1, finishedDeletions: outcome.status === "deleted" ? 1 : 0 };
}

/** The 5-minute job. */
export async function runSweep(
  env: Env,
  now: Date,
): Promise<{
  refunded: number;
  settled: number;
  failed: number;
  repaired: number;
  deletedCloneInputs: number;
  parkedBillingEvents: number;
  expiredCalls: number;
  reconciledCalls: number;
  expiredIdempotencyKeys: number;
  continuedDeletions: number;
  finishedDeletions: number;
}> {
  return {
    ...(await sweepOrphanedReservations(env, now)),
    ...(await repairIncompleteSettlements(env, now)),
    ...(await purgeStaleCloneInputs(env, now)),
    // Refunds and disputes that came before their payment, whose apply after the grant failed.
    parkedBillingEvents: await applyParkedEvents(env.DB),
    ...(await sweepCalls(env, now)),
    // Idempotency-Keys of the public API are kept 24 hours.
    expiredIdempotencyKeys: await purgeExpiredIdempotencyKeys(env.DB),
    ...(await finishAbandonedDeletions(env, now)),
  };
}
