/**
 * Voice cloning (PRODUCT §7), built on the generation machinery: the same ledger reservation,
 * refund and queue settlement, the same audio cache tiers, R2 layout and history table, the same
 * single-flight GenerationGate. `inspectReference` measures an upload (format, duration, pitch,
 * content hash); `prepareClone` validates the text and works out provider, model, cost and cache
 * key; `produceClone` is the paid path run inside the gate.
 *
 * Storage: the reference upload is kept privately at `clone-input/<user id>/<sha256 of the
 * bytes>` (one object per user and recording, whatever the file was called) only while a job
 * needs it: each job that stored or reused it sends a delayed `clone.cleanup` message, and the
 * 5-minute sweep deletes any older than CLONE_INPUT_MAX_AGE_MINUTES as a backstop. Output audio
 * lives at `audio/<cache key>.<ext>` like generated speech.
 */
import type { AppConfig, ConfigSecrets } from "../env";
import { AppError } from "../shared/errors";
import { CLONE_MAX_SECONDS, CLONE_MIN_SECONDS, CLONE_TEXT_MAX_CHARACTERS, type CloneVoiceFields } from "../shared/contracts";
import { selectCloneProvider } from "../providers";
import { ProviderError, type ProviderName } from "../providers/types";
import { enqueueJob } from "../queues/messages";
import { settleClone } from "../queues/clone-settle";
import type { CacheEntry } from "./audio-cache";
import { insertAudioFileStatement } from "../db/audio-files";
import { keepProducedAudio } from "./production";
import { probeAudio, ProbeError, type AudioFormat, type AudioProbe } from "./audio-probe";
import { PROVIDER_ERRORS, type GateOutcome } from "./generation";
import { refund, reservationRefundKey, reserve } from "../db/ledger";
import { estimateCloneCredits } from "../shared/pricing";
import { estimateWavPitchHz } from "./pitch";
import { countCharacters, countWords, normaliseText } from "../shared/text-metrics";

/** The seeded, inactive pseudo-voice that clone history rows point at (migrations/0003). */
export const CLONE_VOICE_ID = "cloned-voice";
export const CLONE_INPUT_PREFIX = "clone-input/";
/**
 * How long after its job a reference is deleted: enough for a prediction that outlives our wait
 * and for the user's next attempt with the same recording, short for biometric data.
 */
export const CLONE_INPUT_CLEANUP_DELAY_SECONDS = 10 * 60;
/** The sweep's backstop: references unused for this long go, whatever happened to their messages. */
export const CLONE_INPUT_MAX_AGE_MINUTES = 60;

export const cloneInputKey = (userId: string, sha256: string) => `${CLONE_INPUT_PREFIX}${userId}/${sha256}`;

export interface CloneReference {
  sha256: string;
  format: AudioFormat;
  contentType: string;
  byteSize: number;
  durationSeconds: number;
  pitchHz: number | null;
}

async function sha256Hex(data: BufferSource | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Format by content, duration from the container, pitch from decoded PCM (WAV only), content
 * hash. Unsupported formats are 415; unreadable files and durations out of range are 400s
 * naming the `file` field. Nothing here trusts the file name or the declared type.
 */
export async function inspectReference(bytes: Uint8Array): Promise<CloneReference> {
  const probe = await probeUpload(bytes);
  const seconds = Math.round(probe.durationSeconds * 1000) / 1000;
  if (seconds < CLONE_MIN_SECONDS || seconds > CLONE_MAX_SECONDS) {
    throw new AppError("validation_failed", `file: the recording must be ${CLONE_MIN_SECONDS} seconds to ${CLONE_MAX_SECONDS / 60} minutes long (this one is ${seconds} seconds).`, { field: "file" });
  }
  let pitchHz: number | null = null;
  if (probe.format === "wav") {
    try {
      pitchHz = estimateWavPitchHz(bytes);
    } catch (error) {
      console.error("pitch analysis failed", error);
    }
  }
  return { sha256: await sha256Hex(bytes), format: probe.format, contentType: probe.contentType, byteSize: bytes.byteLength, durationSeconds: seconds, pitchHz };
}

async function probeUpload(bytes: Uint8Array): Promise<AudioProbe> {
  try {
    return await probeAudio(bytes);
  } catch (error) {
    if (!(error instanceof ProbeError)) throw error;
    if (error.kind === "unsupported") throw new AppError("unsupported_media_type", `${error.message} Upload MP3, OGG, M4A or WAV audio.`, { field: "file" });
    throw new AppError("validation_failed", `file: ${error.message}`, { field: "file" });
  }
}

export interface PreparedClone {
  text: string;
  locale: string;
  reference: CloneReference;
  provider: ProviderName;
  model: string;
  words: number;
  characters: number;
  estimate: number;
  cacheKey: string;
}

/** Full SHA-256 (hex) of the canonical (provider, model, locale, NFC text, reference hash). */
export async function cloneCacheKey(input: { provider: string; model: string; locale: string; text: string; referenceSha256: string }): Promise<string> {
  return sha256Hex(JSON.stringify(["clone-v1", input.provider, input.model, input.locale.toLowerCase(), normaliseText(input.text), input.referenceSha256]));
}

export async function prepareClone(fields: CloneVoiceFields, reference: CloneReference, config: AppConfig, env: Env): Promise<PreparedClone> {
  const text = normaliseText(fields.text).trim();
  const { locale } = fields;
  const words = countWords(text, locale);
  const characters = countCharacters(text);
  if (words === 0) throw new AppError("validation_failed", "text: write at least one word.", { field: "text" });
  if (characters > CLONE_TEXT_MAX_CHARACTERS) {
    throw new AppError("validation_failed", `text: at most ${CLONE_TEXT_MAX_CHARACTERS} characters (this text has ${characters}).`, { field: "text" });
  }
  const provider = selectCloneProvider(config, env);
  const model = provider.model(locale);
  const cacheKey = await cloneCacheKey({ provider: provider.name, model, locale, text, referenceSha256: reference.sha256 });
  return { text, locale, reference, provider: provider.name, model, words, characters, estimate: estimateCloneCredits(words), cacheKey };
}

/** Stores the upload unless this user's copy of the same recording is already there. */
export async function storeReference(bucket: R2Bucket, userId: string, reference: CloneReference, bytes: Uint8Array): Promise<void> {
  const key = cloneInputKey(userId, reference.sha256);
  if ((await bucket.head(key)) !== null) return;
  await bucket.put(key, bytes, { httpMetadata: { contentType: reference.contentType }, customMetadata: { format: reference.format } });
}

/** A history row for a clone answered without a provider call (cache hit or shared result). */
export async function recordCloneHit(db: D1Database, userId: string, prepared: PreparedClone, entry: CacheEntry): Promise<string> {
  const id = crypto.randomUUID();
  await insertAudioFileStatement(db, { id, userId, voiceId: CLONE_VOICE_ID, kind: "clone", text: prepared.text, locale: prepared.locale, entry, cacheKey: prepared.cacheKey, creditsUsed: 0 }).run();
  return id;
}

/** What the Worker hands the GenerationGate for a clone (plain data; see GenerationJob). */
export interface CloneJob {
  cloneJobId: string;
  audioFileId: string;
  userId: string;
  prepared: PreparedClone;
  settings: ConfigSecrets;
}

/**
 * The paid path: reserve → read the stored reference → provider → R2 → history row → cache →
 * settlement message. Any failure after the reservation refunds it in full.
 */
export async function produceClone(env: Env, config: AppConfig, job: CloneJob): Promise<GateOutcome> {
  const { prepared, userId, audioFileId } = job;
  const held = await reserve(env.DB, { userId, amount: prepared.estimate, key: `reserve:${audioFileId}`, purpose: "clone", description: "Voice clone" });
  if (!held.ok) {
    return { kind: "failed", code: "insufficient_credits", message: `This needs ${prepared.estimate} credits and you have ${held.balance}.`, shareable: false };
  }
  const giveBack = () => refund(env.DB, { reservationId: held.reservationId, key: reservationRefundKey(held.reservationId), description: "Refund: voice clone failed" });

  const stored = await env.AUDIO_BUCKET.get(cloneInputKey(userId, prepared.reference.sha256));
  if (stored === null) {
    await giveBack();
    return { kind: "failed", code: "internal_error", message: "The recording was not available any more. You have not been charged; please upload it again.", shareable: false };
  }
  const audio = new Uint8Array(await stored.arrayBuffer());

  let result;
  try {
    result = await selectCloneProvider(config, env).clone({
      text: prepared.text,
      locale: prepared.locale,
      reference: { audio, format: prepared.reference.format, contentType: prepared.reference.contentType, pitchHz: prepared.reference.pitchHz },
    });
  } catch (error) {
    await giveBack();
    if (error instanceof ProviderError) {
      console.error(`clone provider ${prepared.provider} failed: ${error.message}`);
      return { kind: "failed", code: PROVIDER_ERRORS[error.kind], message: error.message, retryAfterSeconds: error.retryAfterSeconds, shareable: true };
    }
    throw error;
  }

  const creditsUsed = prepared.estimate;
  const settlement = {
    type: "clone.settle" as const,
    reservationId: held.reservationId,
    audioFileId,
    cloneJobId: job.cloneJobId,
    userId,
    actualCredits: creditsUsed,
    provider: result.provider,
    model: result.model,
    locale: prepared.locale,
    characters: prepared.characters,
    durationSeconds: Math.round(result.durationSeconds * 1000) / 1000,
    occurredAt: new Date().toISOString(),
  };
  const kept = await keepProducedAudio(env, config, {
    storedKey: prepared.cacheKey,
    result,
    giveBack,
    history: { id: audioFileId, userId, voiceId: CLONE_VOICE_ID, kind: "clone", text: prepared.text, locale: prepared.locale, creditsUsed, reservationId: held.reservationId },
    settlement,
    settleInline: () => settleClone(env, settlement),
  });
  if (!("entry" in kept)) return kept;
  const { entry } = kept;
  return { kind: "produced", entry, cacheKey: prepared.cacheKey, generationId: audioFileId, creditsUsed, creditsRemaining: held.balance };
}
