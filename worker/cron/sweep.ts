/**
 * Frequent sweep (every 5 minutes): refunds reservations that were never settled or refunded
 * (a crash between reserve and settle). Uses the same refund key as the request path, so a late
 * normal refund and the sweep can never both apply. Then the clone-reference backstop
 * (./clone-inputs.ts).
 */
import { refund, reservationRefundKey } from "../db/ledger";
import { purgeStaleCloneInputs } from "./clone-inputs";

/** A reservation older than this with no outcome is an orphan. Generation settles within seconds. */
export const ORPHAN_AFTER_MINUTES = 15;
const SWEEP_BATCH = 200;

export async function sweepOrphanedReservations(env: Env, now: Date): Promise<{ refunded: number }> {
  const cutoff = new Date(now.getTime() - ORPHAN_AFTER_MINUTES * 60_000).toISOString();
  const rows = await env.DB.prepare("SELECT id FROM credit_reservations WHERE status = 'reserved' AND created_at < ?1 ORDER BY created_at LIMIT ?2")
    .bind(cutoff, SWEEP_BATCH)
    .all<{ id: string }>();
  let refunded = 0;
  for (const row of rows.results) {
    const outcome = await refund(env.DB, { reservationId: row.id, key: reservationRefundKey(row.id), description: "Refund: operation did not complete" });
    if (outcome.applied) refunded += 1;
  }
  return { refunded };
}

/** The 5-minute job. */
export async function runSweep(env: Env, now: Date): Promise<{ refunded: number; deletedCloneInputs: number }> {
  return { ...(await sweepOrphanedReservations(env, now)), ...(await purgeStaleCloneInputs(env, now)) };
}
