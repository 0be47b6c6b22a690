// Shared test factories: users with a chosen plan and balance (signed in, or made straight in
// D1), balances, ledgers and reservations read back from D1, unique texts. Every suite builds its
// users here; signed tokens come from the local sign-in in ./app.ts, audio fixtures from ./audio.ts.
import { env } from "cloudflare:test";
import { grant, reserve } from "../../worker/db/ledger";
import { authorized, callJson, signInNewUser } from "./app";

export interface TestUser {
  token: string;
  userId: string;
  email: string;
}

/**
 * A signed-in user whose account exists (10,000 welcome credits), optionally a paid user (one
 * 1-credit purchase) and optionally drained to `balance` through a ledger reservation, so the
 * ledger still adds up.
 */
export async function newUser(opts: { paid?: boolean; balance?: number; prefix?: string } = {}): Promise<TestUser> {
  const user = await signInNewUser(opts.prefix ?? "user");
  await callJson("/api/me", authorized(user.token));
  if (opts.paid) await grant(env.DB, { userId: user.userId, amount: 1, type: "purchase", key: `buy:${user.userId}`, description: "test purchase" });
  if (opts.balance !== undefined) {
    const current = await balanceOf(user.userId);
    if (current > opts.balance) await reserve(env.DB, { userId: user.userId, amount: current - opts.balance, key: `drain:${user.userId}`, purpose: "test", description: "drain" });
  }
  return user;
}

export async function balanceOf(userId: string): Promise<number> {
  return (await env.DB.prepare("SELECT balance FROM credits WHERE user_id = ?1").bind(userId).first<{ balance: number }>())?.balance ?? 0;
}

/** The reservation a history row was paid with. */
export async function reservationOf(audioFileId: string) {
  return env.DB.prepare("SELECT r.id, r.amount, r.status, r.final_amount FROM audio_files a JOIN credit_reservations r ON r.id = a.reservation_id WHERE a.id = ?1")
    .bind(audioFileId)
    .first<{ id: string; amount: number; status: string; final_amount: number | null }>();
}

/**
 * An account made straight in D1, without signing in: a profile and, when `balance` > 0, one
 * `adjustment` grant of it (no welcome credits). For ledger, queue and cron tests.
 */
export async function newAccount(balance = 0): Promise<string> {
  const userId = crypto.randomUUID();
  await env.DB.prepare("INSERT INTO profiles (id, email, auth_provider) VALUES (?1, ?2, 'local')").bind(userId, `${userId}@example.test`).run();
  if (balance > 0) await grant(env.DB, { userId, amount: balance, type: "adjustment", key: `seed:${userId}`, description: "test seed" });
  return userId;
}

/** A user's ledger: the sum of its rows (always equal to the balance) and how many there are. */
export async function ledgerTotals(userId: string): Promise<{ sum: number; rows: number }> {
  const row = await env.DB.prepare("SELECT COALESCE(SUM(amount), 0) AS sum, COUNT(*) AS rows FROM credit_transactions WHERE user_id = ?1").bind(userId).first<{ sum: number; rows: number }>();
  return { sum: row?.sum ?? 0, rows: row?.rows ?? 0 };
}

export async function ledgerSum(userId: string): Promise<number> {
  return (await ledgerTotals(userId)).sum;
}

/** Ten distinct words: 66 credits on a Gemini voice, 240 on an Orpheus voice. */
export const tenWords = (tag: string) => `Alpha ${tag} bravo charlie delta echo foxtrot golf hotel india`;
export const uniqueTag = () => crypto.randomUUID().slice(0, 8);
