/**
 * Clone reference recordings (PRODUCT §7): measured once on upload (format by content, duration
 * from the container, for WAV the speech in it (shared/speech-activity.ts, refused before any
 * charge when too little) and the pitch from decoded PCM, content hash) and stored privately at
 * `clone-input/<user id>/<sha256 of the bytes>` only while a job needs it: each job that stored
 * or reused it sends a delayed `clone.cleanup` message, and the 5-minute sweep deletes any older
 * than CLONE_INPUT_MAX_AGE_MINUTES as a backstop.
 */
import { AppError } from "../shared/errors";
import { CLONE_MAX_SECONDS, CLONE_MIN_SECONDS } from "../shared/contracts";
import { hasEnoughSpeech, SPEECH_MIN_SECONDS, SpeechMeter, type SpeechMeasure } from "../shared/speech-activity";
import { readWavLayout, readWavMono } from "../providers/wav";
import { probeAudio, ProbeError, type AudioFormat, type AudioProbe } from "./audio-probe";
import { estimateWavPitchHz } from "./pitch";
import { log } from "./logging";

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

export async function sha256Hex(data: BufferSource | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Format by content, duration from the container, speech and pitch from decoded PCM (WAV only),
 * content hash. Unsupported formats are 415; unreadable files and durations out of range are 400s
 * naming the `file` field; a WAV with too little speech is a 422 `insufficient_speech` naming it.
 * Compressed formats are not decoded in the Worker (docs/decisions.md): the Clone page checks
 * their speech on the browser's decoding. Nothing here trusts the file name or the declared type.
 */
export async function inspectReference(bytes: Uint8Array): Promise<CloneReference> {
  const probe = await probeUpload(bytes);
  const seconds = Math.round(probe.durationSeconds * 1000) / 1000;
  if (seconds < CLONE_MIN_SECONDS || seconds > CLONE_MAX_SECONDS) {
    throw new AppError("validation_failed", `file: the recording must be ${CLONE_MIN_SECONDS} seconds to ${CLONE_MAX_SECONDS / 60} minutes long (this one is ${seconds} seconds).`, { field: "file" });
  }
  let pitchHz: number | null = null;
  if (probe.format === "wav") {
    const speech = measureWavSpeech(bytes);
    if (speech !== null && !hasEnoughSpeech(speech)) {
      throw new AppError("insufficient_speech", `file: the recording holds ${speech.speechSeconds} seconds of speech; at least ${SPEECH_MIN_SECONDS} are needed (it is silent or too quiet).`, { field: "file" });
    }
    try {
      pitchHz = estimateWavPitchHz(bytes);
    } catch (error) {
      log.error("pitch analysis failed", error);
    }
  }
  return { sha256: await sha256Hex(bytes), format: probe.format, contentType: probe.contentType, byteSize: bytes.byteLength, durationSeconds: seconds, pitchHz };
}

/** Frames read at a time: a 5-minute upload is measured without decoding it all at once. */
const SPEECH_CHUNK_FRAMES = 65_536;

/** The shared speech measure of a PCM or float WAV, mixed to mono; null when the bytes are no such file. */
export function measureWavSpeech(bytes: Uint8Array): SpeechMeasure | null {
  const layout = readWavLayout(bytes);
  if (layout === null) return null;
  const meter = new SpeechMeter(layout.sampleRate);
  for (let start = 0; start < layout.frames; start += SPEECH_CHUNK_FRAMES) meter.push(readWavMono(bytes, layout, start, Math.min(SPEECH_CHUNK_FRAMES, layout.frames - start)));
  return meter.result();
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

/** Stores the upload unless this user's copy of the same recording is already there. */
export async function storeReference(bucket: R2Bucket, userId: string, reference: CloneReference, bytes: Uint8Array): Promise<void> {
  const key = cloneInputKey(userId, reference.sha256);
  if ((await bucket.head(key)) !== null) return;
  await bucket.put(key, bytes, { httpMetadata: { contentType: reference.contentType }, customMetadata: { format: reference.format } });
}
