/**
 * Profiles and the account bootstrap: a user's first authenticated request creates the profile,
 * the balance row and the 10,000-credit `freemium` grant in one batch, exactly once even when
 * many first requests race (the grant's idempotency key is per user).
 */
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

/** Users known to exist in this isolate: skips the bootstrap query on the hot path. */
const bootstrapped = new Set<string>();
const BOOTSTRAP_MEMO_LIMIT = 10_000;

/**
 * Makes sure the account exists. When this isolate has not seen the user yet it reads the
 * account (one query) and returns that summary, so the request needs no second read; a user
 * already known here costs nothing and gets null.
 */
export async function ensureAccount(db: D1Database, identity: Identity): Promise<AccountSummary | null> {
  if (bootstrapped.has(identity.userId)) return null;
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
  if (bootstrapped.size >= BOOTSTRAP_MEMO_LIMIT) bootstrapped.clear();
  bootstrapped.add(identity.userId);
  return summary;
}

export async function getProfile(db: D1Database, userId: string): Promise<ProfileRow | null> {
  return db.prepare("SELECT id, email, display_name, locale, auth_provider, created_at FROM profiles WHERE id = ?1").bind(userId).first<ProfileRow>();
}
