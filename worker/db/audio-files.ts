/** The user's generated audio (history): recording, listing, lookup for playback, soft deletion. */
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
}

/** One history row, for a paid production or a cache hit alike. */
export function insertAudioFileStatement(db: D1Database, row: NewAudioFile): D1PreparedStatement {
  const { entry } = row;
  return db
    .prepare(
      `INSERT INTO audio_files (id, user_id, voice_id, kind, text_content, style, locale, storage_key, content_type, byte_size, duration_seconds, provider, model, cache_key, credits_used, cached, reservation_id)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)`,
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
    );
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

/** A live (not deleted) audio file by id, for playback through a signed URL. */
export async function findPlayableAudio(db: D1Database, id: string): Promise<Pick<AudioFileRow, "storage_key" | "content_type"> | null> {
  return db.prepare("SELECT storage_key, content_type FROM audio_files WHERE id = ?1 AND deleted_at IS NULL").bind(id).first();
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
