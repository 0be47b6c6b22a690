/**
 * Profiles and the account bootstrap: a user's first authenticated request creates the profile,
 * the balance row and the 10,000-credit `freemium` grant in one batch, exactly once even when
 * many first requests race (the grant's idempotency key is per user). A deleted account
 * (`DELETE /api/me`, services/account.ts) keeps its profile as a tombstone: every token of it is
 * refused here, so it is never bootstrapped (or granted) again.
 */
import { AppError } from "../shared/errors";
import { accountSummary, findAccountSummary, type AccountSummary } from "./credits";
import { grantStatements } from "./ledger";

export const FREEMIUM_CREDITS = 10_000;

export interface ProfileRow {
  id: string;
  email: string;
  display_name: string | null;
  locale: string;
  auth_provider: "supabase" | "local";
  created_at: string;
}

export interface Identity {
  userId: string;
  email: string;
  provider: "supabase" | "local";
}

/**
 * Users known to exist (and not deleted) in this isolate, with when that was read: skips the
 * bootstrap query on the hot path. An entry lives a minute, so an account deleted through another
 * isolate is refused here within a minute (and can write nothing meanwhile: migration 0008).
 */
const bootstrapped = new Map<string, number>();
const BOOTSTRAP_MEMO_LIMIT = 10_000;
export const BOOTSTRAP_MEMO_TTL_MS = 60_000;

export const accountDeletedError = () => new AppError("account_deleted", "This account has been deleted. Sign in with another account.");

/**
 * Makes sure the account exists. When this isolate has not seen the user in the last minute it
 * reads the account (one query) and returns that summary, so the request needs no second read; a
 * user known here costs nothing and gets null. A deleted account is refused (401 `account_deleted`).
 */
export async function ensureAccount(db: D1Database, identity: Identity): Promise<AccountSummary | null> {
  const seen = bootstrapped.get(identity.userId);
  if (seen !== undefined && Date.now() - seen < BOOTSTRAP_MEMO_TTL_MS) return null;
  let summary = await findAccountSummary(db, identity.userId);
  if (summary === null) {
    await db.batch([
      db.prepare("INSERT INTO profiles (id, email, auth_provider) VALUES (?1, ?2, ?3) ON CONFLICT (id) DO NOTHING").bind(identity.userId, identity.email, identity.provider),
      ...grantStatements(db, {
        userId: identity.userId,
        amount: FREEMIUM_CREDITS,
        type: "freemium",
        key: `freemium:${identity.userId}`,
        description: "Welcome credits",
      }),
    ]);
    summary = await accountSummary(db, identity.userId);
  }
  if (summary.deleted === true) {
    bootstrapped.delete(identity.userId);
    throw accountDeletedError();
  }
  if (bootstrapped.size >= BOOTSTRAP_MEMO_LIMIT) bootstrapped.clear();
  bootstrapped.set(identity.userId, Date.now());
  return summary;
}

/** This isolate stops trusting its memo of the user (their account was just deleted here). */
export function forgetAccount(userId: string): void {
  bootstrapped.delete(userId);
}

/** True when the account with this id was deleted (local sign-in refuses it before issuing a token). */
export async function isAccountDeleted(db: D1Database, userId: string): Promise<boolean> {
  const row = await db.prepare("SELECT deleted_at FROM profiles WHERE id = ?1").bind(userId).first<{ deleted_at: string | null }>();
  return row !== null && row.deleted_at !== null;
}

export async function getProfile(db: D1Database, userId: string): Promise<ProfileRow | null> {
  return db.prepare("SELECT id, email, display_name, locale, auth_provider, created_at FROM profiles WHERE id = ?1").bind(userId).first<ProfileRow>();
}
