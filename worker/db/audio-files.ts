/**
 * `audio_files`, the user's generated audio (history): recording (idempotent by id, so a deferred
 * or redelivered write lands once), the final cost stamp, listing, lookup for playback and for
 * the sweep, soft deletion, and retention's hard deletion.
 */
import type { CacheEntry } from "../services/audio-cache";
import { decodeCursor, encodeCursor, type Page } from "./pagination";

export interface NewAudioFile {
  id: string;
  userId: string;
  voiceId: string;
  kind: "tts" | "clone";
  text: string;
  style?: string;
  locale: string;
  /** The audio: R2 key, type, size, duration, who spoke it. */
  entry: CacheEntry;
  cacheKey: string;
  creditsUsed: number;
  /** Set for a paid production; absent for a cache hit (cached = 1, 0 credits). */
  reservationId?: string;
  /** When the user got the audio (ISO); a row written after the response keeps the request's time. Default: now. */
  createdAt?: string;
}

/** One history row, for a paid production or a cache hit alike; writing the same id twice is a no-op. */
export async function recordAudioFile(db: D1Database, row: NewAudioFile): Promise<void> {
  await audioFileInsert(db, row).run();
}

/** Several history rows in one round trip (one transaction: all or none). */
export async function recordAudioFiles(db: D1Database, rows: NewAudioFile[]): Promise<void> {
  if (rows.length > 0) await db.batch(rows.map((row) => audioFileInsert(db, row)));
}

function audioFileInsert(db: D1Database, row: NewAudioFile): D1PreparedStatement {
  const { entry } = row;
  return db
    .prepare(
      `INSERT INTO audio_files (id, user_id, voice_id, kind, text_content, style, locale, storage_key, content_type, byte_size, duration_seconds, provider, model, cache_key, credits_used, cached, reservation_id, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, COALESCE(?18, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))) ON CONFLICT (id) DO NOTHING`,
    )
    .bind(
      row.id,
      row.userId,
      row.voiceId,
      row.kind,
      row.text,
      row.style ?? null,
      row.locale,
      entry.storageKey,
      entry.contentType,
      entry.byteSize,
      entry.durationSeconds,
      entry.provider,
      entry.model,
      row.cacheKey,
      row.creditsUsed,
      row.reservationId === undefined ? 1 : 0,
      row.reservationId ?? null,
      row.createdAt ?? null,
    );
}

/** Stamps what a settled production finally cost on its history row. */
export async function setAudioFileCost(db: D1Database, id: string, creditsUsed: number): Promise<void> {
  await db.prepare("UPDATE audio_files SET credits_used = ?1 WHERE id = ?2").bind(creditsUsed, id).run();
}

export interface DeliveredAudio {
  id: string;
  user_id: string;
  kind: "tts" | "clone";
  voice_id: string;
  text_content: string;
  locale: string | null;
  provider: string;
  model: string;
  duration_seconds: number;
  credits_used: number;
}

/** The history row a reservation paid for, if its audio was delivered (the sweep settles those). */
export async function findAudioByReservation(db: D1Database, reservationId: string): Promise<DeliveredAudio | null> {
  return db.prepare("SELECT id, user_id, kind, voice_id, text_content, locale, provider, model, duration_seconds, credits_used FROM audio_files WHERE reservation_id = ?1").bind(reservationId).first<DeliveredAudio>();
}

export interface AudioFileRow {
  id: string;
  user_id: string;
  kind: "tts" | "clone";
  voice_id: string;
  voice_name: string;
  text_content: string;
  style: string | null;
  storage_key: string;
  content_type: string;
  byte_size: number;
  duration_seconds: number;
  provider: string;
  model: string;
  credits_used: number;
  cached: number;
  created_at: string;
}

export async function listHistory(db: D1Database, userId: string, limit: number, cursor: string | undefined): Promise<Page<AudioFileRow>> {
  const after = decodeCursor(cursor);
  const rows = await db
    .prepare(
      `SELECT a.id, a.user_id, a.kind, a.voice_id, v.name AS voice_name, a.text_content, a.style, a.storage_key, a.content_type, a.byte_size,
              a.duration_seconds, a.provider, a.model, a.credits_used, a.cached, a.created_at
       FROM audio_files a JOIN voices v ON v.id = a.voice_id
       WHERE a.user_id = ?1 AND a.deleted_at IS NULL AND (?2 IS NULL OR a.created_at < ?2 OR (a.created_at = ?2 AND a.id < ?3))
       ORDER BY a.created_at DESC, a.id DESC LIMIT ?4`,
    )
    .bind(userId, after?.createdAt ?? null, after?.id ?? null, limit + 1)
    .all<AudioFileRow>();
  const items = rows.results.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.results.length > limit && last ? encodeCursor(last.created_at, last.id) : null };
}

/** An audio file by id, deleted or not, for playback through a signed URL. */
export async function findAudioFile(db: D1Database, id: string): Promise<{ storage_key: string; content_type: string; deleted_at: string | null } | null> {
  return db.prepare("SELECT storage_key, content_type, deleted_at FROM audio_files WHERE id = ?1").bind(id).first();
}

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** Soft delete: the row leaves the user's history; shared cached audio stays for others. */
export async function deleteHistoryItem(db: D1Database, userId: string, id: string): Promise<number> {
  const result = await db.prepare(`UPDATE audio_files SET deleted_at = ${NOW} WHERE id = ?1 AND user_id = ?2 AND deleted_at IS NULL`).bind(id, userId).run();
  return result.meta.changes;
}

export async function deleteAllHistory(db: D1Database, userId: string): Promise<number> {
  const result = await db.prepare(`UPDATE audio_files SET deleted_at = ${NOW} WHERE user_id = ?1 AND deleted_at IS NULL`).bind(userId).run();
  return result.meta.changes;
}

export interface ExpiredAudio {
  id: string;
  storage_key: string;
  cache_key: string;
}

/** Free users' rows created before `cutoff` (users who never bought credits), oldest first. */
export async function listExpiredFreeAudio(db: D1Database, cutoff: string, limit: number): Promise<ExpiredAudio[]> {
  const rows = await db
    .prepare(
      `SELECT a.id, a.storage_key, a.cache_key FROM audio_files a
       WHERE a.created_at < ?1
         AND NOT EXISTS (SELECT 1 FROM credit_transactions t WHERE t.user_id = a.user_id AND t.type IN ('purchase', 'topup'))
       ORDER BY a.created_at LIMIT ?2`,
    )
    .bind(cutoff, limit)
    .all<ExpiredAudio>();
  return rows.results;
}

export async function deleteAudioFiles(db: D1Database, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.batch(ids.map((id) => db.prepare("DELETE FROM audio_files WHERE id = ?1").bind(id)));
}

/** The storage keys among `keys` that a live (not deleted) row still points at. */
export async function storageKeysInUse(db: D1Database, keys: string[]): Promise<Set<string>> {
  const used = new Set<string>();
  for (const key of keys) {
    const row = await db.prepare("SELECT 1 AS used FROM audio_files WHERE storage_key = ?1 AND deleted_at IS NULL LIMIT 1").bind(key).first();
    if (row !== null) used.add(key);
  }
  return used;
}

/**
 * Retention's view of a batch (cron/retention.ts): of `keys`, those a live row outside the batch
 * (`excludedIds`) still points at. One statement whatever the batch size (the lists go in as JSON).
 */
export async function storageKeysUsedOutside(db: D1Database, keys: string[], excludedIds: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .prepare(
      `SELECT DISTINCT storage_key FROM audio_files
       WHERE storage_key IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL AND id NOT IN (SELECT value FROM json_each(?2))`,
    )
    .bind(JSON.stringify(keys), JSON.stringify(excludedIds))
    .all<{ storage_key: string }>();
  return new Set(rows.results.map((row) => row.storage_key));
}

/** Every cache key any row (live, soft-deleted or due) recorded for one of these objects. */
export async function cacheKeysOfObjects(db: D1Database, storageKeys: string[]): Promise<string[]> {
  if (storageKeys.length === 0) return [];
  const rows = await db.prepare("SELECT DISTINCT cache_key FROM audio_files WHERE storage_key IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(storageKeys)).all<{ cache_key: string }>();
  return rows.results.map((row) => row.cache_key);
}

/** Hard-deletes rows by id in one statement; returns how many went. */
export async function purgeAudioFiles(db: D1Database, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db.prepare("DELETE FROM audio_files WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(ids)).run();
  return result.meta.changes ?? 0;
}
