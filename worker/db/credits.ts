/** Read side of the ledger: balances, the paid-user flag, what is owed, and the user's credit statement. */
import type { CreditTransaction, Page, StatementKind } from "../shared/contracts";
import { decodeCursor, encodeCursor } from "./pagination";

export interface AccountSummary {
  balance: number;
  isPaid: boolean;
  /** Credits owed after a refund or dispute took more than the balance held (billing hold while > 0). */
  creditsOwed: number;
  /** Present (true) only for a deleted account (`DELETE /api/me`): authentication refuses it. */
  deleted?: true;
}

/**
 * "Paid user" = has ever had a `purchase` or `topup` ledger row (PRODUCT §4). Null: no account yet.
 * `nearby`: read through a D1 session that may answer from the closest read replica instead of
 * the primary (a continent away, maybe) — for the hot path, where the figures only shape the
 * answer: the balance that decides a charge is always checked by the reservation, on the primary.
 * Without read replication enabled the session simply reads the primary.
 */
export async function findAccountSummary(db: D1Database, userId: string, options: { nearby?: boolean } = {}): Promise<AccountSummary | null> {
  const source: D1Database | D1DatabaseSession = options.nearby ? db.withSession("first-unconstrained") : db;
  const row = await source
    .prepare(
      `SELECT (SELECT balance FROM credits WHERE user_id = ?1) AS balance,
              EXISTS (SELECT 1 FROM credit_transactions WHERE user_id = ?1 AND type IN ('purchase', 'topup')) AS is_paid,
              (SELECT credits_owed FROM profiles WHERE id = ?1) AS owed,
              (SELECT deleted_at FROM profiles WHERE id = ?1) AS deleted_at`,
    )
    .bind(userId)
    .first<{ balance: number | null; is_paid: number; owed: number | null; deleted_at: string | null }>();
  if (row === null || row.balance === null) return null;
  const summary: AccountSummary = { balance: row.balance, isPaid: row.is_paid === 1, creditsOwed: row.owed ?? 0 };
  if (row.deleted_at !== null) summary.deleted = true;
  return summary;
}

export async function accountSummary(db: D1Database, userId: string, options: { nearby?: boolean } = {}): Promise<AccountSummary> {
  return (await findAccountSummary(db, userId, options)) ?? { balance: 0, isPaid: false, creditsOwed: 0 };
}

const KIND_OF_PURPOSE: Record<string, StatementKind> = { tts: "speech", clone: "clone", call: "call" };
const KIND_OF_TYPE: Record<CreditTransaction["type"], StatementKind> = {
  freemium: "welcome",
  topup: "topup",
  purchase: "subscription",
  refund: "refund",
  chargeback: "chargeback",
  adjustment: "adjustment",
  usage: "usage",
};

/**
 * The user's credit statement, newest first: one line per operation. A reservation's opening row
 * carries the line; the row that settled or refunded it only contributes the final amount and the
 * balance after it.
 */
export async function listTransactions(db: D1Database, userId: string, limit: number, cursor: string | undefined): Promise<Page<CreditTransaction>> {
  const after = decodeCursor(cursor);
  const rows = await db
    .prepare(
      `SELECT t.id, t.amount, t.type, t.description, t.balance_after, t.created_at, t.shortfall, t.bonus_credits, t.operation,
              r.purpose, r.status, r.final_amount, r.amount AS reserved,
              COALESCE(
                (SELECT c.balance_after FROM credit_transactions c WHERE c.reservation_id = t.reservation_id AND c.id <> t.id ORDER BY c.created_at DESC LIMIT 1),
                (SELECT o.balance_after FROM credit_transactions o WHERE o.user_id = t.user_id AND o.operation = t.operation ORDER BY o.created_at DESC, o.rowid DESC LIMIT 1)
              ) AS closing_balance,
              (SELECT SUM(o.amount) FROM credit_transactions o WHERE o.user_id = t.user_id AND o.operation = t.operation) AS operation_amount,
              COALESCE(
                (SELECT v.name FROM audio_files a JOIN voices v ON v.id = a.voice_id WHERE a.reservation_id = t.reservation_id),
                (SELECT v.name FROM call_sessions s JOIN voices v ON v.id = s.voice_id WHERE 'call:' || s.id = t.operation)
              ) AS voice
       FROM credit_transactions t LEFT JOIN credit_reservations r ON r.id = t.reservation_id
       WHERE t.user_id = ?1
         AND (t.reservation_id IS NULL OR t.idempotency_key NOT IN ('settle:' || t.reservation_id, 'refund:' || t.reservation_id))
         -- an operation of several debits (a call) is shown on its first row
         AND (t.operation IS NULL OR NOT EXISTS (
               SELECT 1 FROM credit_transactions o WHERE o.user_id = t.user_id AND o.operation = t.operation
                 AND (o.created_at < t.created_at OR (o.created_at = t.created_at AND o.rowid < t.rowid))))
         AND (?2 IS NULL OR t.created_at < ?2 OR (t.created_at = ?2 AND t.id < ?3))
       ORDER BY t.created_at DESC, t.id DESC LIMIT ?4`,
    )
    .bind(userId, after?.createdAt ?? null, after?.id ?? null, limit + 1)
    .all<{
      id: string;
      amount: number;
      type: CreditTransaction["type"];
      description: string;
      balance_after: number;
      created_at: string;
      shortfall: number;
      bonus_credits: number;
      operation: string | null;
      purpose: string | null;
      status: "reserved" | "settled" | "refunded" | null;
      final_amount: number | null;
      reserved: number | null;
      closing_balance: number | null;
      operation_amount: number | null;
      voice: string | null;
    }>();
  const items = rows.results.slice(0, limit).map((row): CreditTransaction => {
    const reservation = row.status !== null && row.reserved !== null;
    return {
      id: row.id,
      amount: !reservation ? (row.operation_amount ?? row.amount) : row.status === "reserved" ? 0 - (row.reserved ?? 0) : 0 - (row.final_amount ?? 0),
      type: row.type,
      kind: reservation ? (KIND_OF_PURPOSE[row.purpose ?? ""] ?? "usage") : row.operation?.startsWith("call:") ? "call" : KIND_OF_TYPE[row.type],
      state: !reservation ? null : row.status === "reserved" ? "pending" : row.status === "settled" ? "charged" : "refunded",
      voice: row.voice,
      description: row.description,
      shortfall: row.shortfall,
      bonus: row.bonus_credits,
      balanceAfter: row.closing_balance ?? row.balance_after,
      createdAt: row.created_at,
    };
  });
  const last = items.at(-1);
  return { items, nextCursor: rows.results.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
