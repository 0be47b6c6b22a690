/** API keys (`api_keys`): only each key's SHA-256 is stored; scopes are a space-separated list. */
import type { ApiKey, ApiKeyScope } from "../shared/contracts";
import type { Identity } from "./profiles";

interface ApiKeyRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
}

const COLUMNS = "id, user_id, name, prefix, scopes, created_at, last_used_at, expires_at";
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
/** Unrevoked and not past its expiry (ISO timestamps in UTC compare as text once normalised on insert). */
const ACTIVE = `revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ${NOW})`;

export interface ActiveApiKey extends ApiKey {
  userId: string;
}

function toKey(row: ApiKeyRow): ActiveApiKey {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.split(" ").filter(Boolean) as ApiKeyScope[],
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
  };
}

export interface NewApiKey {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  keyHash: string;
  scopes: readonly ApiKeyScope[];
  /** ISO 8601 in UTC with milliseconds, like every timestamp D1 writes here. */
  expiresAt: string | null;
}

/** Inserts the key unless the user already has `limit` active ones (one statement: concurrent creations cannot both pass). */
export async function insertApiKey(db: D1Database, key: NewApiKey, limit: number): Promise<ActiveApiKey | null> {
  const row = await db
    .prepare(
      `INSERT INTO api_keys (id, user_id, name, prefix, key_hash, scopes, expires_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE (SELECT COUNT(*) FROM api_keys WHERE user_id = ?2 AND ${ACTIVE}) < ?8
       RETURNING ${COLUMNS}`,
    )
    .bind(key.id, key.userId, key.name, key.prefix, key.keyHash, key.scopes.join(" "), key.expiresAt, limit)
    .first<ApiKeyRow>();
  return row === null ? null : toKey(row);
}

export async function listActiveApiKeys(db: D1Database, userId: string): Promise<ActiveApiKey[]> {
  const rows = await db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE user_id = ?1 AND ${ACTIVE} ORDER BY created_at DESC, id`).bind(userId).all<ApiKeyRow>();
  return rows.results.map(toKey);
}

/** The active key with this hash and who owns it; null when unknown, revoked or expired. */
export async function findActiveApiKey(db: D1Database, keyHash: string): Promise<{ key: ActiveApiKey; owner: Identity } | null> {
  const row = await db
    .prepare(`SELECT k.id, k.user_id, k.name, k.prefix, k.scopes, k.created_at, k.last_used_at, k.expires_at, p.email, p.auth_provider
              FROM api_keys k JOIN profiles p ON p.id = k.user_id WHERE k.key_hash = ?1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ${NOW})`)
    .bind(keyHash)
    .first<ApiKeyRow & { email: string; auth_provider: Identity["provider"] }>();
  return row === null ? null : { key: toKey(row), owner: { userId: row.user_id, email: row.email, provider: row.auth_provider } };
}

export async function revokeApiKey(db: D1Database, userId: string, id: string): Promise<boolean> {
  const result = await db.prepare(`UPDATE api_keys SET revoked_at = ${NOW} WHERE id = ?2 AND user_id = ?1 AND revoked_at IS NULL`).bind(userId, id).run();
  return result.meta.changes === 1;
}

/** How often a key's last use is written (the list shows it to the minute). */
export const API_KEY_TOUCH_INTERVAL_MS = 60_000;

/** Records use at most once a minute per key, so a busy key does not write on every request (the caller skips a fresh one; this guards races). */
export async function touchApiKey(db: D1Database, id: string): Promise<void> {
  await db
    .prepare(`UPDATE api_keys SET last_used_at = ${NOW} WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-${API_KEY_TOUCH_INTERVAL_MS / 1000} seconds'))`)
    .bind(id)
    .run();
}
