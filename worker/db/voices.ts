/**
 * Voices: the catalogue (seeded by migrations; read-only at runtime, cached per isolate) and the
 * users' saved cloned voices ("My voices", PRODUCT §7), which are `voices` rows with an owner,
 * seen and used only by that owner. Lookups by id or name take a user id; without one, only the
 * catalogue answers.
 */
import type { Voice } from "../shared/contracts";
import type { AudioFormat } from "../services/audio-probe";

export type { Voice };

interface VoiceRow {
  id: string;
  name: string;
  provider: Voice["provider"];
  model_family: string;
  language: string;
  gender: Voice["gender"];
  description: string;
  feature: Voice["feature"];
  sort_order: number;
}

/** A saved voice's private part: where its reference recording is and what was measured in it. */
export interface SavedVoiceRecord {
  voice: Voice;
  ownerUserId: string;
  reference: { key: string; sha256: string; format: AudioFormat; contentType: string; byteSize: number; durationSeconds: number; pitchHz: number | null };
  consentedAt: string;
  createdAt: string;
}

interface SavedVoiceRow extends VoiceRow {
  owner_user_id: string;
  reference_key: string;
  reference_sha256: string;
  reference_format: AudioFormat;
  reference_content_type: string;
  reference_bytes: number;
  reference_duration_seconds: number;
  reference_pitch_hz: number | null;
  consented_at: string;
  created_at: string;
}

const COLUMNS = "id, name, provider, model_family, language, gender, description, feature, sort_order";
const SAVED_COLUMNS = `${COLUMNS}, owner_user_id, reference_key, reference_sha256, reference_format, reference_content_type, reference_bytes, reference_duration_seconds, reference_pitch_hz, consented_at, created_at`;

export const voiceSamplePath = (id: string) => `/api/voices/${encodeURIComponent(id)}/sample`;

function toVoice(row: VoiceRow, mine: boolean): Voice {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    modelFamily: row.model_family,
    language: row.language,
    gender: row.gender,
    description: row.description,
    feature: row.feature,
    sortOrder: row.sort_order,
    sampleUrl: mine ? null : voiceSamplePath(row.id),
    mine,
  };
}

function toSaved(row: SavedVoiceRow): SavedVoiceRecord {
  return {
    voice: toVoice(row, true),
    ownerUserId: row.owner_user_id,
    reference: {
      key: row.reference_key,
      sha256: row.reference_sha256,
      format: row.reference_format,
      contentType: row.reference_content_type,
      byteSize: row.reference_bytes,
      durationSeconds: row.reference_duration_seconds,
      pitchHz: row.reference_pitch_hz,
    },
    consentedAt: row.consented_at,
    createdAt: row.created_at,
  };
}

/**
 * The catalogue changes only with migrations (a deploy, so new isolates), so each isolate keeps
 * it for ten minutes: the generation hot path and the public list do not query D1 for it. (Not
 * keyed by the binding: each request sees its own instrumented copy of the same database.)
 */
const CATALOGUE_TTL_MS = 10 * 60_000;
let catalogue: { voices: Voice[]; loadedAt: number } | null = null;

async function catalogueVoices(db: D1Database): Promise<Voice[]> {
  if (catalogue !== null && Date.now() - catalogue.loadedAt < CATALOGUE_TTL_MS) return catalogue.voices;
  const rows = await db.prepare(`SELECT ${COLUMNS} FROM voices WHERE is_active = 1 AND owner_user_id IS NULL ORDER BY sort_order`).all<VoiceRow>();
  catalogue = { voices: rows.results.map((row) => toVoice(row, false)), loadedAt: Date.now() };
  return catalogue.voices;
}

export interface VoiceFilter {
  language?: string;
  feature?: Voice["feature"];
  gender?: Voice["gender"];
}

/**
 * Active catalogue voices, and the user's own saved voices after them when a user is given. A
 * language filter (a known language code, checked by the route) matches that language's voices
 * and the multilingual ones.
 */
export async function listVoices(db: D1Database, filter: VoiceFilter, userId?: string): Promise<Voice[]> {
  const own = userId === undefined ? [] : (await listSavedVoices(db, userId)).map((saved) => saved.voice);
  return [...(await catalogueVoices(db)), ...own].filter(
    (voice) =>
      (filter.language === undefined || voice.language === filter.language || voice.language === "multi") &&
      (filter.feature === undefined || voice.feature === filter.feature) &&
      (filter.gender === undefined || voice.gender === filter.gender),
  );
}

/** Finds an active catalogue voice by id or (case-insensitive) name. */
export async function findVoice(db: D1Database, idOrName: string, feature: Voice["feature"]): Promise<Voice | null> {
  const wanted = idOrName.toLowerCase();
  return (await catalogueVoices(db)).find((voice) => voice.feature === feature && (voice.id === idOrName || voice.name.toLowerCase() === wanted)) ?? null;
}

/** One of the user's active saved voices, by id or (case-insensitive) name; never anyone else's. */
export async function findSavedVoice(db: D1Database, userId: string, idOrName: string): Promise<SavedVoiceRecord | null> {
  const row = await db.prepare(`SELECT ${SAVED_COLUMNS} FROM voices WHERE owner_user_id = ?1 AND is_active = 1 AND (id = ?2 OR name = ?2) LIMIT 1`).bind(userId, idOrName).first<SavedVoiceRow>();
  return row === null ? null : toSaved(row);
}

export async function listSavedVoices(db: D1Database, userId: string): Promise<SavedVoiceRecord[]> {
  const rows = await db.prepare(`SELECT ${SAVED_COLUMNS} FROM voices WHERE owner_user_id = ?1 AND is_active = 1 ORDER BY created_at, id`).bind(userId).all<SavedVoiceRow>();
  return rows.results.map(toSaved);
}

export interface NewSavedVoice {
  id: string;
  userId: string;
  name: string;
  language: string;
  reference: SavedVoiceRecord["reference"];
}

/**
 * Inserts the saved voice unless the user already has `limit` active ones (one statement, so two
 * concurrent saves cannot both pass the count). False when the limit is reached; a taken name
 * throws the unique index's error (see isUniqueViolation).
 */
export async function insertSavedVoice(db: D1Database, voice: NewSavedVoice, limit: number): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO voices (id, name, provider, model_family, language, gender, description, feature, sort_order, is_active, owner_user_id,
                           reference_key, reference_sha256, reference_format, reference_content_type, reference_bytes, reference_duration_seconds, reference_pitch_hz, consented_at)
       SELECT ?1, ?2, 'replicate', 'chatterbox', ?3, 'neutral', 'Your cloned voice', 'tts', 2000, 1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE (SELECT COUNT(*) FROM voices WHERE owner_user_id = ?4 AND is_active = 1) < ?12`,
    )
    .bind(
      voice.id,
      voice.name,
      voice.language,
      voice.userId,
      voice.reference.key,
      voice.reference.sha256,
      voice.reference.format,
      voice.reference.contentType,
      voice.reference.byteSize,
      voice.reference.durationSeconds,
      voice.reference.pitchHz,
      limit,
    )
    .run();
  return result.meta.changes === 1;
}

export async function renameSavedVoice(db: D1Database, userId: string, id: string, name: string): Promise<boolean> {
  const result = await db.prepare("UPDATE voices SET name = ?3 WHERE id = ?2 AND owner_user_id = ?1 AND is_active = 1").bind(userId, id, name).run();
  return result.meta.changes === 1;
}

/**
 * Deactivates the voice (its history rows keep pointing at it) and returns where its reference
 * was, or null when the user has no such active voice.
 */
export async function deactivateSavedVoice(db: D1Database, userId: string, id: string): Promise<string | null> {
  const row = await db
    .prepare("UPDATE voices SET is_active = 0, deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?2 AND owner_user_id = ?1 AND is_active = 1 RETURNING reference_key")
    .bind(userId, id)
    .first<{ reference_key: string }>();
  return row?.reference_key ?? null;
}

/** True for D1's error when a UNIQUE constraint or index refused a write. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/i.test(error.message);
}
