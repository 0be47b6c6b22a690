/**
 * "My voices" (PRODUCT §7): saving a cloned voice with its reference recording, renaming and
 * deleting it. The recording is measured like a clone upload (services/clone-references.ts),
 * kept privately at `voice-reference/<user id>/<voice id>` for as long as the voice exists, and
 * deleted with it; consent is recorded on the row. A name may not be one a voice request could
 * already mean (a catalogue voice or an OpenAI voice name), so a name always finds one voice.
 */
import { deactivateSavedVoice, findVoice, insertSavedVoice, isUniqueViolation, listSavedVoices, renameSavedVoice, type SavedVoiceRecord } from "../db/voices";
import type { SavedVoice, SaveVoiceFields } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { MAX_SAVED_VOICES } from "../shared/limits";
import { OPENAI_VOICE_MAP } from "../shared/openai-speech";
import { inspectReference } from "./clone-references";

export const VOICE_REFERENCE_PREFIX = "voice-reference/";
export const voiceReferenceKey = (userId: string, voiceId: string) => `${VOICE_REFERENCE_PREFIX}${userId}/${voiceId}`;

export function savedVoiceView(record: SavedVoiceRecord): SavedVoice {
  return {
    id: record.voice.id,
    name: record.voice.name,
    language: record.voice.language,
    referenceDurationSeconds: record.reference.durationSeconds,
    consentedAt: record.consentedAt,
    createdAt: record.createdAt,
  };
}

const limitReached = () => new AppError("limit_reached", `You can keep at most ${MAX_SAVED_VOICES} saved voices. Delete one to save another.`);
const nameTaken = (name: string) => new AppError("conflict", `name: you already have a voice called "${name}".`, { field: "name" });

async function refuseReservedName(db: D1Database, name: string): Promise<void> {
  if (Object.hasOwn(OPENAI_VOICE_MAP, name.toLowerCase()) || (await findVoice(db, name, "tts")) !== null || (await findVoice(db, name, "call")) !== null) {
    throw new AppError("conflict", `name: "${name}" is the name of one of our voices; choose another.`, { field: "name" });
  }
}

export async function saveVoice(env: Env, userId: string, fields: SaveVoiceFields, bytes: Uint8Array): Promise<SavedVoice> {
  await refuseReservedName(env.DB, fields.name);
  // Checked before storing anything; the insert checks again, atomically.
  if ((await listSavedVoices(env.DB, userId)).length >= MAX_SAVED_VOICES) throw limitReached();
  const measured = await inspectReference(bytes);
  const id = `voice-${crypto.randomUUID()}`;
  const key = voiceReferenceKey(userId, id);
  await env.AUDIO_BUCKET.put(key, bytes, { httpMetadata: { contentType: measured.contentType }, customMetadata: { format: measured.format } });
  let inserted: boolean;
  try {
    inserted = await insertSavedVoice(env.DB, { id, userId, name: fields.name, language: fields.locale, reference: { key, ...measured } }, MAX_SAVED_VOICES);
  } catch (error) {
    await env.AUDIO_BUCKET.delete(key);
    if (isUniqueViolation(error)) throw nameTaken(fields.name);
    throw error;
  }
  if (!inserted) {
    await env.AUDIO_BUCKET.delete(key);
    throw limitReached();
  }
  const saved = (await listSavedVoices(env.DB, userId)).find((record) => record.voice.id === id);
  if (saved === undefined) throw new AppError("internal_error", "The voice was saved but could not be read back.");
  return savedVoiceView(saved);
}

export async function renameVoice(db: D1Database, userId: string, id: string, name: string): Promise<SavedVoice> {
  await refuseReservedName(db, name);
  let renamed: boolean;
  try {
    renamed = await renameSavedVoice(db, userId, id, name);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
  const saved = renamed ? (await listSavedVoices(db, userId)).find((record) => record.voice.id === id) : undefined;
  if (saved === undefined) throw new AppError("voice_not_found", "You have no such voice.");
  return savedVoiceView(saved);
}

/**
 * The reference goes first: should the row's update then fail, the voice still exists and the
 * delete can be repeated (its next generation fails without a charge, as for a missing upload).
 */
export async function deleteVoice(env: Env, userId: string, id: string): Promise<void> {
  const saved = (await listSavedVoices(env.DB, userId)).find((record) => record.voice.id === id);
  if (saved === undefined) throw new AppError("voice_not_found", "You have no such voice.");
  await env.AUDIO_BUCKET.delete(saved.reference.key);
  await deactivateSavedVoice(env.DB, userId, id);
}
