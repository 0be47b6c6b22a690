/**
 * The account lifecycle's SQL (services/account.ts): reading everything a user owns for the
 * export, and the two batches of a deletion. It touches every table with a `user_id`, so, like a
 * migration, it is the one exception to "one owner per table": each statement here is only ever
 * about one user's rows, and the row-by-row work on audio stays with db/audio-files.ts.
 *
 * Deletion keeps the profile (an anonymised tombstone), the ledger (`credit_transactions`,
 * `credit_reservations`, `credits`), usage events, call sessions (instructions removed) and the
 * billing records: accounting needs them, and none holds what the user wrote or said.
 */
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
const DELETED = "EXISTS (SELECT 1 FROM profiles WHERE id = ?1 AND deleted_at IS NOT NULL)";

/** The ledger key of the row that takes what is left of the balance when the deletion completes. */
export const accountDeletionLedgerKey = (userId: string) => `account-deletion:${userId}`;

export interface ExportRows {
  ledger: { id: string; type: string; amount: number; balance_after: number; shortfall: number; description: string; operation: string | null; reservation_id: string | null; created_at: string }[];
  history: {
    id: string;
    kind: "tts" | "clone";
    voice_id: string;
    voice_name: string | null;
    text_content: string;
    style: string | null;
    locale: string | null;
    storage_key: string;
    content_type: string;
    byte_size: number;
    duration_seconds: number;
    provider: string;
    model: string;
    credits_used: number;
    cached: number;
    created_at: string;
    deleted_at: string | null;
  }[];
  usageEvents: { id: string; type: string; source_id: string; provider: string; model: string; credits_used: number; quantity: number; unit: string; metadata: string; created_at: string }[];
  savedVoices: {
    id: string;
    name: string;
    language: string;
    is_active: number;
    reference_sha256: string;
    reference_format: string;
    reference_bytes: number;
    reference_duration_seconds: number;
    reference_pitch_hz: number | null;
    consented_at: string;
    created_at: string;
    deleted_at: string | null;
  }[];
  apiKeys: { id: string; name: string; prefix: string; scopes: string; created_at: string; last_used_at: string | null; expires_at: string | null; revoked_at: string | null }[];
  cloneJobs: {
    id: string;
    consented_at: string;
    locale: string;
    reference_sha256: string;
    reference_format: string;
    reference_bytes: number;
    reference_duration_seconds: number;
    reference_pitch_hz: number | null;
    provider: string;
    model: string;
    status: string;
    error_code: string | null;
    audio_file_id: string | null;
    created_at: string;
    finished_at: string | null;
  }[];
  callSessions: {
    id: string;
    status: string;
    voice_id: string | null;
    config: string;
    started_at: string | null;
    ended_at: string | null;
    duration_seconds: number;
    billed_seconds: number;
    credits_used: number;
    end_reason: string | null;
    created_at: string;
  }[];
  payments: { id: string; kind: string; package_id: string; amount_cents: number; currency: string; credits: number; refunded_cents: number; created_at: string }[];
  subscriptions: { id: string; package_id: string; status: string; current_period_end: string | null; cancel_at_period_end: number; updated_at: string }[];
  checkouts: { session_id: string; package_id: string; status: string; created_at: string }[];
}

/** Every section of the export in one round trip (one read transaction), oldest rows first; never another user's rows. */
export async function readExportRows(db: D1Database, userId: string): Promise<ExportRows> {
  const q = (sql: string) => db.prepare(sql).bind(userId);
  const results = await db.batch([
    q("SELECT id, type, amount, balance_after, shortfall, description, operation, reservation_id, created_at FROM credit_transactions WHERE user_id = ?1 ORDER BY created_at, rowid"),
    q(
      `SELECT a.id, a.kind, a.voice_id, v.name AS voice_name, a.text_content, a.style, a.locale, a.storage_key, a.content_type, a.byte_size, a.duration_seconds,
              a.provider, a.model, a.credits_used, a.cached, a.created_at, a.deleted_at
       FROM audio_files a LEFT JOIN voices v ON v.id = a.voice_id WHERE a.user_id = ?1 ORDER BY a.created_at, a.id`,
    ),
    q("SELECT id, type, source_id, provider, model, credits_used, quantity, unit, metadata, created_at FROM usage_events WHERE user_id = ?1 ORDER BY created_at, id"),
    q(
      `SELECT id, name, language, is_active, reference_sha256, reference_format, reference_bytes, reference_duration_seconds, reference_pitch_hz, consented_at, created_at, deleted_at
       FROM voices WHERE owner_user_id = ?1 ORDER BY created_at, id`,
    ),
    q("SELECT id, name, prefix, scopes, created_at, last_used_at, expires_at, revoked_at FROM api_keys WHERE user_id = ?1 ORDER BY created_at, id"),
    q(
      `SELECT id, consented_at, locale, reference_sha256, reference_format, reference_bytes, reference_duration_seconds, reference_pitch_hz, provider, model, status, error_code,
              audio_file_id, created_at, finished_at
       FROM clone_jobs WHERE user_id = ?1 ORDER BY created_at, id`,
    ),
    q("SELECT id, status, voice_id, config, started_at, ended_at, duration_seconds, billed_seconds, credits_used, end_reason, created_at FROM call_sessions WHERE user_id = ?1 ORDER BY created_at, id"),
    q("SELECT id, kind, package_id, amount_cents, currency, credits, refunded_cents, created_at FROM billing_payments WHERE user_id = ?1 ORDER BY created_at, id"),
    q("SELECT id, package_id, status, current_period_end, cancel_at_period_end, updated_at FROM subscriptions WHERE user_id = ?1 ORDER BY updated_at, id"),
    q("SELECT session_id, package_id, status, created_at FROM billing_checkouts WHERE user_id = ?1 ORDER BY created_at, session_id"),
  ]);
  const rows = <T>(index: number) => (results[index]?.results ?? []) as T[];
  return {
    ledger: rows(0),
    history: rows(1),
    usageEvents: rows(2),
    savedVoices: rows(3),
    apiKeys: rows(4),
    cloneJobs: rows(5),
    callSessions: rows(6),
    payments: rows(7),
    subscriptions: rows(8),
    checkouts: rows(9),
  };
}

export interface DeletionState {
  email: string;
  deletionStartedAt: string | null;
  deletedAt: string | null;
}

export async function deletionStateOf(db: D1Database, userId: string): Promise<DeletionState | null> {
  const row = await db.prepare("SELECT email, deletion_started_at, deleted_at FROM profiles WHERE id = ?1").bind(userId).first<{ email: string; deletion_started_at: string | null; deleted_at: string | null }>();
  return row === null ? null : { email: row.email, deletionStartedAt: row.deletion_started_at, deletedAt: row.deleted_at };
}

/** A subscription Stripe will still charge (not cancelled, not set to end): deletion waits until it is cancelled. */
export async function hasChargingSubscription(db: D1Database, userId: string): Promise<boolean> {
  const row = await db.prepare("SELECT 1 AS live FROM subscriptions WHERE user_id = ?1 AND status IN ('active', 'trialing', 'past_due', 'unpaid', 'incomplete') AND cancel_at_period_end = 0 LIMIT 1").bind(userId).first();
  return row !== null;
}

/** The deletion begins: recorded on the profile, and the API keys stop working at once. Repeating it changes nothing. */
export async function startDeletion(db: D1Database, userId: string): Promise<void> {
  await db.batch([
    db.prepare(`UPDATE profiles SET deletion_started_at = COALESCE(deletion_started_at, ${NOW}), updated_at = ${NOW} WHERE id = ?1`).bind(userId),
    db.prepare(`UPDATE api_keys SET revoked_at = ${NOW} WHERE user_id = ?1 AND revoked_at IS NULL`).bind(userId),
  ]);
}

/** Deletions asked for before `startedBefore` and not finished (the user stopped asking): the sweep finishes them. */
export async function abandonedDeletions(db: D1Database, startedBefore: string, limit: number): Promise<string[]> {
  const rows = await db
    .prepare("SELECT id FROM profiles WHERE deletion_started_at IS NOT NULL AND deleted_at IS NULL AND deletion_started_at < ?1 ORDER BY deletion_started_at LIMIT ?2")
    .bind(startedBefore, limit)
    .all<{ id: string }>();
  return rows.results.map((row) => row.id);
}

/** The next rows of the user's audio (live and soft-deleted alike), oldest first. */
export async function accountAudioBatch(db: D1Database, userId: string, limit: number): Promise<{ id: string; storage_key: string; cache_key: string }[]> {
  const rows = await db.prepare("SELECT id, storage_key, cache_key FROM audio_files WHERE user_id = ?1 ORDER BY created_at, id LIMIT ?2").bind(userId, limit).all<{ id: string; storage_key: string; cache_key: string }>();
  return rows.results;
}

/** Reservations opened at or after `since` and not closed yet: work in flight whose audio may still land. */
export async function hasWorkInFlight(db: D1Database, userId: string, since: string): Promise<boolean> {
  const row = await db.prepare("SELECT 1 AS open FROM credit_reservations WHERE user_id = ?1 AND status = 'reserved' AND created_at >= ?2 LIMIT 1").bind(userId, since).first();
  return row !== null;
}

/**
 * The last step, one transaction: clone consent records and saved voices go; then, only if no
 * audio row is left and no reservation opened since `inFlightSince` is open, the profile is
 * anonymised and marked deleted, what is left of the balance is forfeited (one `adjustment` row),
 * and the API keys, idempotency records, feature uses and the instructions the user wrote for
 * calls go. True when the account is now deleted (also when it already was).
 */
export async function completeDeletion(db: D1Database, userId: string, inFlightSince: string): Promise<boolean> {
  const forfeitId = crypto.randomUUID();
  await db.batch([
    db.prepare("DELETE FROM clone_jobs WHERE user_id = ?1").bind(userId),
    db.prepare("DELETE FROM voices WHERE owner_user_id = ?1 AND NOT EXISTS (SELECT 1 FROM audio_files a WHERE a.voice_id = voices.id)").bind(userId),
    // A saved voice another row still names (none should) stays as an inactive, nameless row.
    db.prepare(`UPDATE voices SET is_active = 0, name = id, description = '', deleted_at = COALESCE(deleted_at, ${NOW}) WHERE owner_user_id = ?1`).bind(userId),
    db
      .prepare(
        `UPDATE profiles SET deleted_at = ${NOW}, deletion_started_at = COALESCE(deletion_started_at, ${NOW}), email = '', display_name = NULL, updated_at = ${NOW}
         WHERE id = ?1 AND deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM audio_files WHERE user_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM credit_reservations WHERE user_id = ?1 AND status = 'reserved' AND created_at >= ?2)`,
      )
      .bind(userId, inFlightSince),
    db
      .prepare(
        `INSERT INTO credit_transactions (id, user_id, amount, type, description, idempotency_key, balance_after)
         SELECT ?2, c.user_id, -c.balance, 'adjustment', 'Account deleted: remaining credits forfeited', ?3, 0 FROM credits c
         WHERE c.user_id = ?1 AND c.balance > 0 AND ${DELETED}
           AND NOT EXISTS (SELECT 1 FROM credit_transactions WHERE user_id = ?1 AND idempotency_key = ?3)`,
      )
      .bind(userId, forfeitId, accountDeletionLedgerKey(userId)),
    db
      .prepare(`UPDATE credits SET balance = balance + (SELECT amount FROM credit_transactions WHERE id = ?2), updated_at = ${NOW} WHERE user_id = ?1 AND EXISTS (SELECT 1 FROM credit_transactions WHERE id = ?2)`)
      .bind(userId, forfeitId),
    db.prepare(`DELETE FROM api_keys WHERE user_id = ?1 AND ${DELETED}`).bind(userId),
    db.prepare(`DELETE FROM api_idempotency_keys WHERE user_id = ?1 AND ${DELETED}`).bind(userId),
    db.prepare(`DELETE FROM daily_feature_uses WHERE user_id = ?1 AND ${DELETED}`).bind(userId),
    db
      .prepare(
        `UPDATE call_sessions SET config = json_set(config, '$.instructions', '')
         WHERE user_id = ?1 AND json_extract(config, '$.presetId') IS NULL AND COALESCE(json_extract(config, '$.instructions'), '') <> '' AND ${DELETED}`,
      )
      .bind(userId),
  ]);
  const state = await deletionStateOf(db, userId);
  return state?.deletedAt !== null && state?.deletedAt !== undefined;
}
