/**
 * The credit ledger: grant, debit, reserve, settle and refund. Each operation is one D1 batch (one
 * transaction), writes exactly one `credit_transactions` row and is idempotent by the caller's
 * key (`idempotency_key`, unique per user): replaying an operation changes nothing and returns
 * the original outcome. Balances cannot go negative: the SQL only debits what the balance holds
 * and the `credits.balance >= 0` CHECK backs that up.
 */
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** The one key for closing a reservation each way: every caller (request path, queue, sweep) uses these. */
export const reservationSettleKey = (reservationId: string) => `settle:${reservationId}`;
export const reservationRefundKey = (reservationId: string) => `refund:${reservationId}`;

export type GrantType = "freemium" | "purchase" | "topup" | "adjustment";

export interface GrantInput {
  userId: string;
  amount: number;
  type: GrantType;
  key: string;
  description: string;
  /** A promo campaign's share of `amount` (included in it), recorded on the row. */
  bonus?: { campaignId: string; credits: number } | null;
}

/** Statements that grant credits; exported so account bootstrap can run them in its own batch. */
export function grantStatements(db: D1Database, input: GrantInput, transactionId = crypto.randomUUID()): D1PreparedStatement[] {
  assertPositiveInteger(input.amount);
  return [
    db.prepare("INSERT INTO credits (user_id, balance) VALUES (?1, 0) ON CONFLICT (user_id) DO NOTHING").bind(input.userId),
    db
      .prepare(
        `INSERT INTO credit_transactions (id, user_id, amount, type, description, idempotency_key, balance_after, campaign_id, bonus_credits)
         SELECT ?1, c.user_id, ?2, ?3, ?4, ?5, c.balance + ?2, ?7, ?8 FROM credits c
         WHERE c.user_id = ?6 AND NOT EXISTS (SELECT 1 FROM credit_transactions WHERE user_id = ?6 AND idempotency_key = ?5)`,
      )
      .bind(transactionId, input.amount, input.type, input.description, input.key, input.userId, input.bonus?.campaignId ?? null, input.bonus?.credits ?? 0),
    db
      .prepare(
        `UPDATE credits SET balance = balance + ?1, updated_at = ${NOW}
         WHERE user_id = ?2 AND EXISTS (SELECT 1 FROM credit_transactions WHERE id = ?3)`,
      )
      .bind(input.amount, input.userId, transactionId),
  ];
}

export interface LedgerOutcome {
  /** True when this call applied the operation; false when the key had already been used. */
  applied: boolean;
  balance: number;
  transactionId: string;
}

export async function grant(db: D1Database, input: GrantInput): Promise<LedgerOutcome> {
  const transactionId = crypto.randomUUID();
  await db.batch(grantStatements(db, input, transactionId));
  return outcomeForKey(db, input.userId, input.key, transactionId);
}

export interface DebitInput {
  userId: string;
  amount: number;
  key: string;
  /** Groups the debits of one operation (a call) into one statement line. */
  operation: string;
  description: string;
}

/**
 * Takes `amount` as a `usage` row if the balance covers all of it, otherwise nothing (a call's
 * bucket is paid whole or not at all). Idempotent by key: a replayed bucket debits once.
 */
export async function debit(db: D1Database, input: DebitInput): Promise<LedgerOutcome & { ok: boolean }> {
  assertPositiveInteger(input.amount);
  const transactionId = crypto.randomUUID();
  await db.batch([
    db
      .prepare(
        `INSERT INTO credit_transactions (id, user_id, amount, type, description, idempotency_key, operation, balance_after)
         SELECT ?1, user_id, -?2, 'usage', ?3, ?4, ?5, balance - ?2 FROM credits
         WHERE user_id = ?6 AND balance >= ?2
           AND NOT EXISTS (SELECT 1 FROM credit_transactions WHERE user_id = ?6 AND idempotency_key = ?4)`,
      )
      .bind(transactionId, input.amount, input.description, input.key, input.operation, input.userId),
    db.prepare(`UPDATE credits SET balance = balance - ?1, updated_at = ${NOW} WHERE user_id = ?2 AND EXISTS (SELECT 1 FROM credit_transactions WHERE id = ?3)`).bind(input.amount, input.userId, transactionId),
  ]);
  const row = await db
    .prepare("SELECT t.id, c.balance FROM credits c LEFT JOIN credit_transactions t ON t.user_id = c.user_id AND t.idempotency_key = ?1 WHERE c.user_id = ?2")
    .bind(input.key, input.userId)
    .first<{ id: string | null; balance: number }>();
  if (row === null || row.id === null) return { ok: false, applied: false, balance: row?.balance ?? 0, transactionId: "" };
  return { ok: true, applied: row.id === transactionId, balance: row.balance, transactionId: row.id };
}

export interface ReserveInput {
  userId: string;
  amount: number;
  key: string;
  purpose: string;
  description: string;
}

export type ReserveOutcome = (LedgerOutcome & { ok: true; reservationId: string }) | { ok: false; balance: number };

/** Holds `amount` credits if the balance covers it; otherwise reserves nothing. */
export async function reserve(db: D1Database, input: ReserveInput): Promise<ReserveOutcome> {
  assertPositiveInteger(input.amount);
  const reservationId = crypto.randomUUID();
  const transactionId = crypto.randomUUID();
  await db.batch([
    db
      .prepare(
        `INSERT INTO credit_reservations (id, user_id, amount, purpose)
         SELECT ?1, user_id, ?2, ?3 FROM credits
         WHERE user_id = ?4 AND balance >= ?2
           AND NOT EXISTS (SELECT 1 FROM credit_transactions WHERE user_id = ?4 AND idempotency_key = ?5)`,
      )
      .bind(reservationId, input.amount, input.purpose, input.userId, input.key),
    db
      .prepare(
        `INSERT INTO credit_transactions (id, user_id, amount, type, description, idempotency_key, reservation_id, balance_after)
         SELECT ?1, r.user_id, -r.amount, 'usage', ?2, ?3, r.id, c.balance - r.amount
         FROM credit_reservations r JOIN credits c ON c.user_id = r.user_id WHERE r.id = ?4`,
      )
      .bind(transactionId, input.description, input.key, reservationId),
    db
      .prepare(
        `UPDATE credits SET balance = balance - ?1, updated_at = ${NOW}
         WHERE user_id = ?2 AND EXISTS (SELECT 1 FROM credit_reservations WHERE id = ?3)`,
      )
      .bind(input.amount, input.userId, reservationId),
  ]);
  const row = await db
    .prepare(
      `SELECT t.id, t.reservation_id, c.balance FROM credits c
       LEFT JOIN credit_transactions t ON t.user_id = c.user_id AND t.idempotency_key = ?1 WHERE c.user_id = ?2`,
    )
    .bind(input.key, input.userId)
    .first<{ id: string | null; reservation_id: string | null; balance: number }>();
  if (row === null) return { ok: false, balance: 0 };
  if (row.id === null || row.reservation_id === null) return { ok: false, balance: row.balance };
  return { ok: true, applied: row.id === transactionId, reservationId: row.reservation_id, balance: row.balance, transactionId: row.id };
}

/**
 * Closes a reservation at the actual cost: returns the difference when the estimate was higher,
 * collects the extra (never more than the balance holds) when it was lower. The ledger row is
 * typed `refund` when credits go back and `usage` otherwise (amount 0 when the estimate was exact).
 */
export async function settle(db: D1Database, input: { reservationId: string; actualAmount: number; key: string }): Promise<LedgerOutcome & { found: boolean }> {
  if (!Number.isInteger(input.actualAmount) || input.actualAmount < 0) throw new RangeError("actualAmount must be a non-negative integer");
  const transactionId = crypto.randomUUID();
  const delta = "CASE WHEN r.amount >= ?2 THEN r.amount - ?2 ELSE -MIN(?2 - r.amount, c.balance) END";
  await db.batch([
    db
      .prepare(
        `INSERT INTO credit_transactions (id, user_id, amount, type, description, idempotency_key, reservation_id, balance_after)
         SELECT ?1, r.user_id, ${delta}, CASE WHEN ${delta} > 0 THEN 'refund' ELSE 'usage' END,
                printf('Settled at %d credits (reserved %d)', ?2, r.amount), ?3, r.id, c.balance + ${delta}
         FROM credit_reservations r JOIN credits c ON c.user_id = r.user_id
         WHERE r.id = ?4 AND r.status = 'reserved'
           AND NOT EXISTS (SELECT 1 FROM credit_transactions WHERE user_id = r.user_id AND idempotency_key = ?3)`,
      )
      .bind(transactionId, input.actualAmount, input.key, input.reservationId),
    ...closeReservationStatements(db, transactionId, input.reservationId, "settled"),
  ]);
  return closedOutcome(db, input.key, input.reservationId, transactionId);
}

/** Returns the whole reservation to the balance (the operation failed or never completed). */
export async function refund(db: D1Database, input: { reservationId: string; key: string; description?: string }): Promise<LedgerOutcome & { found: boolean }> {
  const transactionId = crypto.randomUUID();
  await db.batch([
    db
      .prepare(
        `INSERT INTO credit_transactions (id, user_id, amount, type, description, idempotency_key, reservation_id, balance_after)
         SELECT ?1, r.user_id, r.amount, 'refund', ?2, ?3, r.id, c.balance + r.amount
         FROM credit_reservations r JOIN credits c ON c.user_id = r.user_id
         WHERE r.id = ?4 AND r.status = 'reserved'
           AND NOT EXISTS (SELECT 1 FROM credit_transactions WHERE user_id = r.user_id AND idempotency_key = ?3)`,
      )
      .bind(transactionId, input.description ?? "Refund", input.key, input.reservationId),
    ...closeReservationStatements(db, transactionId, input.reservationId, "refunded"),
  ]);
  return closedOutcome(db, input.key, input.reservationId, transactionId);
}

function closeReservationStatements(db: D1Database, transactionId: string, reservationId: string, status: "settled" | "refunded"): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE credits SET balance = balance + (SELECT amount FROM credit_transactions WHERE id = ?1), updated_at = ${NOW}
         WHERE user_id = (SELECT user_id FROM credit_transactions WHERE id = ?1)`,
      )
      .bind(transactionId),
    db
      .prepare(
        `UPDATE credit_reservations
         SET status = ?1, final_amount = amount - (SELECT amount FROM credit_transactions WHERE id = ?2), closed_at = ${NOW}
         WHERE id = ?3 AND EXISTS (SELECT 1 FROM credit_transactions WHERE id = ?2)`,
      )
      .bind(status, transactionId, reservationId),
  ];
}

async function closedOutcome(db: D1Database, key: string, reservationId: string, transactionId: string): Promise<LedgerOutcome & { found: boolean }> {
  const row = await db
    .prepare(
      `SELECT r.id AS reservation_id, t.id, c.balance FROM credit_reservations r
       JOIN credits c ON c.user_id = r.user_id
       LEFT JOIN credit_transactions t ON t.user_id = r.user_id AND t.idempotency_key = ?1 WHERE r.id = ?2`,
    )
    .bind(key, reservationId)
    .first<{ reservation_id: string; id: string | null; balance: number }>();
  if (row === null) return { found: false, applied: false, balance: 0, transactionId: "" };
  return { found: true, applied: row.id === transactionId, balance: row.balance, transactionId: row.id ?? "" };
}

async function outcomeForKey(db: D1Database, userId: string, key: string, transactionId: string): Promise<LedgerOutcome> {
  const row = await db
    .prepare("SELECT t.id, c.balance FROM credit_transactions t JOIN credits c ON c.user_id = t.user_id WHERE t.user_id = ?1 AND t.idempotency_key = ?2")
    .bind(userId, key)
    .first<{ id: string; balance: number }>();
  if (row === null) throw new Error(`ledger operation ${key} left no row`);
  return { applied: row.id === transactionId, balance: row.balance, transactionId: row.id };
}

function assertPositiveInteger(amount: number): void {
  if (!Number.isInteger(amount) || amount <= 0) throw new RangeError(`credit amount must be a positive integer, got ${amount}`);
}

export interface ReservationState {
  status: "reserved" | "settled" | "refunded";
  /** What was finally charged (settled) or 0 (refunded); null while reserved. */
  finalAmount: number | null;
}

export async function reservationState(db: D1Database, reservationId: string): Promise<ReservationState | null> {
  const row = await db.prepare("SELECT status, final_amount FROM credit_reservations WHERE id = ?1").bind(reservationId).first<{ status: ReservationState["status"]; final_amount: number | null }>();
  return row === null ? null : { status: row.status, finalAmount: row.final_amount };
}

/** Reservations still open that were made before `cutoff`, oldest first (the sweep's orphans). */
export async function listOpenReservations(db: D1Database, cutoff: string, limit: number): Promise<string[]> {
  const rows = await db.prepare("SELECT id FROM credit_reservations WHERE status = 'reserved' AND created_at < ?1 ORDER BY created_at LIMIT ?2").bind(cutoff, limit).all<{ id: string }>();
  return rows.results.map((row) => row.id);
}

/**
 * Settled reservations made since `since` whose delivered audio's bookkeeping is incomplete: no
 * usage event, or a history row whose cost differs from what was charged (an inline settlement
 * that closed the ledger but failed after it). The sweep finishes them.
 */
export async function listIncompleteSettlements(db: D1Database, since: string, limit: number): Promise<string[]> {
  const rows = await db
    .prepare(
      `SELECT r.id FROM credit_reservations r JOIN audio_files a ON a.reservation_id = r.id
       WHERE r.status = 'settled' AND r.created_at >= ?1
         AND (a.credits_used <> r.final_amount OR NOT EXISTS (SELECT 1 FROM usage_events u WHERE u.type = a.kind AND u.source_id = a.id))
       ORDER BY r.created_at LIMIT ?2`,
    )
    .bind(since, limit)
    .all<{ id: string }>();
  return rows.results.map((row) => row.id);
}
