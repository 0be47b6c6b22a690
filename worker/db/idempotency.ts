/**
 * `api_idempotency_keys`: one row per (user, Idempotency-Key) for 24 hours — the first request's
 * fingerprint, its state, and once done the answer to repeat. A running row older than
 * ABANDONED_AFTER_SECONDS belonged to a request that died (the Worker was evicted mid-way) and
 * may be taken over.
 */
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
export const IDEMPOTENCY_TTL_HOURS = 24;
/** Longer than any request runs (the provider deadline and the gate's wait are far shorter). */
export const ABANDONED_AFTER_SECONDS = 5 * 60;

export interface IdempotencyRow {
  fingerprint: string;
  state: "running" | "done";
  result: string | null;
}

/**
 * Claims the key for this request: inserts it, or takes over an expired or abandoned row. True
 * when this request now owns it and must run.
 */
export async function claimIdempotencyKey(db: D1Database, userId: string, key: string, fingerprint: string): Promise<boolean> {
  const row = await db
    .prepare(
      `INSERT INTO api_idempotency_keys (user_id, idempotency_key, fingerprint, state, expires_at)
       VALUES (?1, ?2, ?3, 'running', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+${IDEMPOTENCY_TTL_HOURS} hours'))
       ON CONFLICT (user_id, idempotency_key) DO UPDATE SET
         fingerprint = excluded.fingerprint, state = 'running', result = NULL, created_at = ${NOW}, expires_at = excluded.expires_at
       WHERE api_idempotency_keys.expires_at <= ${NOW}
          OR (api_idempotency_keys.state = 'running' AND api_idempotency_keys.created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-${ABANDONED_AFTER_SECONDS} seconds'))
       RETURNING 1 AS claimed`,
    )
    .bind(userId, key, fingerprint)
    .first<{ claimed: number }>();
  return row !== null;
}

export async function readIdempotencyKey(db: D1Database, userId: string, key: string): Promise<IdempotencyRow | null> {
  return db.prepare(`SELECT fingerprint, state, result FROM api_idempotency_keys WHERE user_id = ?1 AND idempotency_key = ?2 AND expires_at > ${NOW}`).bind(userId, key).first<IdempotencyRow>();
}

export async function completeIdempotencyKey(db: D1Database, userId: string, key: string, result: string): Promise<void> {
  await db.prepare("UPDATE api_idempotency_keys SET state = 'done', result = ?3 WHERE user_id = ?1 AND idempotency_key = ?2").bind(userId, key, result).run();
}

/** A failed request frees its key, so the same request may be tried again. */
export async function releaseIdempotencyKey(db: D1Database, userId: string, key: string): Promise<void> {
  await db.prepare("DELETE FROM api_idempotency_keys WHERE user_id = ?1 AND idempotency_key = ?2 AND state = 'running'").bind(userId, key).run();
}

/** The sweep's share: rows past their 24 hours, in bounded batches. */
export async function purgeExpiredIdempotencyKeys(db: D1Database, limit = 500): Promise<number> {
  const result = await db.prepare(`DELETE FROM api_idempotency_keys WHERE rowid IN (SELECT rowid FROM api_idempotency_keys WHERE expires_at <= ${NOW} LIMIT ?1)`).bind(limit).run();
  return result.meta.changes;
}
