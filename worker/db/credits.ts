/** Read side of the ledger: balances, the paid-user flag and a user's transaction history. */
import type { CreditTransaction, Page } from "../shared/contracts";
import { decodeCursor, encodeCursor } from "./pagination";

export interface AccountSummary {
  balance: number;
  isPaid: boolean;
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
              EXISTS (SELECT 1 FROM credit_transactions WHERE user_id = ?1 AND type IN ('purchase', 'topup')) AS is_paid`,
    )
    .bind(userId)
    .first<{ balance: number | null; is_paid: number }>();
  return row === null || row.balance === null ? null : { balance: row.balance, isPaid: row.is_paid === 1 };
}

export async function accountSummary(db: D1Database, userId: string, options: { nearby?: boolean } = {}): Promise<AccountSummary> {
  return (await findAccountSummary(db, userId, options)) ?? { balance: 0, isPaid: false };
}

export async function listTransactions(db: D1Database, userId: string, limit: number, cursor: string | undefined): Promise<Page<CreditTransaction>> {
  const after = decodeCursor(cursor);
  const rows = await db
    .prepare(
      `SELECT id, amount, type, description, balance_after, created_at FROM credit_transactions
       WHERE user_id = ?1 AND (?2 IS NULL OR created_at < ?2 OR (created_at = ?2 AND id < ?3))
       ORDER BY created_at DESC, id DESC LIMIT ?4`,
    )
    .bind(userId, after?.createdAt ?? null, after?.id ?? null, limit + 1)
    .all<{ id: string; amount: number; type: string; description: string; balance_after: number; created_at: string }>();
  const items = rows.results.slice(0, limit).map((row) => ({
    id: row.id,
    amount: row.amount,
    type: row.type as CreditTransaction["type"],
    description: row.description,
    balanceAfter: row.balance_after,
    createdAt: row.created_at,
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.results.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
