// Shared test factories: users with a chosen plan and balance, balances and reservations read
// back from D1, unique texts. Every suite builds its users here (signed tokens come from the
// local sign-in in ./app.ts; audio fixtures live in ./audio.ts).
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

/** The sum of a user's ledger rows: always equal to the balance. */
export async function ledgerSum(userId: string): Promise<number> {
  return (await env.DB.prepare("SELECT COALESCE(SUM(amount), 0) AS sum FROM credit_transactions WHERE user_id = ?1").bind(userId).first<{ sum: number }>())?.sum ?? 0;
}

/** Ten distinct words: 66 credits on a Gemini voice, 240 on an Orpheus voice. */
export const tenWords = (tag: string) => `Alpha ${tag} bravo charlie delta echo foxtrot golf hotel india`;
export const uniqueTag = () => crypto.randomUUID().slice(0, 8);
