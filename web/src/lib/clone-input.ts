/**
 * The Clone form's rules, checked in the browser before anything is uploaded and matching what
 * `POST /api/clone-voice` enforces (worker/routes/clone.ts, worker/services/clone.ts): an empty
 * file, then the size limit, then the format judged by the bytes (never the name), then the
 * duration rounded to the millisecond, then enough speech in the decoded audio (the server's own
 * rule, worker/shared/speech-activity.ts, which the server applies to WAV); the text NFC-normalised and trimmed, within the character
 * (grapheme) limit and the code-point bound, at least one word, priced by billable words (the
 * server's text-metrics rule); a known locale; consent. Limits come from the shared
 * limits module and price list, so the page and the Worker cannot disagree.
 */
import { type CLONE_AUDIO_FORMATS, CLONE_FILE_MAX_BYTES, CLONE_MAX_SECONDS, CLONE_MIN_SECONDS, CLONE_TEXT_MAX_CHARACTERS, CLONE_TEXT_MAX_CODE_POINTS } from "../../../worker/shared/limits";
import { CLONE_CREDITS_PER_WORD, estimateCloneCredits } from "../../../worker/shared/pricing";
import { hasEnoughSpeech, measureSpeech, SPEECH_MIN_SECONDS } from "../../../worker/shared/speech-activity";
import { normaliseText } from "../../../worker/shared/text-metrics";
import type { Translator } from "../i18n/translate";
import { countField, type FieldCount } from "./speech-input";

export { CLONE_CREDITS_PER_WORD };

export { CLONE_FILE_MAX_BYTES, SPEECH_MIN_SECONDS, CLONE_MIN_SECONDS, CLONE_MAX_SECONDS, CLONE_TEXT_MAX_CHARACTERS, CLONE_TEXT_MAX_CODE_POINTS };

export type CloneFormat = (typeof CLONE_AUDIO_FORMATS)[number];

/** What the file picker offers (the server still judges by content, and so does sniffAudioFormat). */
export const CLONE_ACCEPT = ".mp3,.ogg,.oga,.opus,.m4a,.mp4,.wav,audio/mpeg,audio/ogg,audio/mp4,audio/x-m4a,audio/wav,audio/x-wav,audio/wave";

/**
 * Longest microphone recording: two minutes of 16 kHz mono WAV is 3.84 MB, within the upload
 * limit, and far more than a clone needs (10 to 30 seconds).
 */
export const MAX_RECORDING_SECONDS = 120;

/** How many leading bytes sniffAudioFormat needs to decide. */
export const SNIFF_BYTES = 4_096;

const ascii = (bytes: Uint8Array, offset: number, text: string) => {
  if (bytes.length < offset + text.length) return false;
  for (let index = 0; index < text.length; index += 1) if (bytes[offset + index] !== text.charCodeAt(index)) return false;
  return true;
};

/**
 * WAV's sample encoding from its `fmt ` chunk: 1 PCM, 3 IEEE float, 0xFFFE extensible (all
 * accepted by the server), anything else (ADPCM, µ-law…) refused. Null when the chunk is not
 * within the bytes given; the server then decides.
 */
function wavFormatTag(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const size = view.getUint32(offset + 4, true);
    if (ascii(bytes, offset, "fmt ")) return offset + 10 <= bytes.length ? view.getUint16(offset + 8, true) : null;
    offset += 8 + size + (size % 2);
  }
  return null;
}

/** A WAV file's sample rate from its `fmt ` chunk, or null when it is not within the bytes given. */
export function wavSampleRate(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const size = view.getUint32(offset + 4, true);
    if (ascii(bytes, offset, "fmt ")) return offset + 16 <= bytes.length ? view.getUint32(offset + 12, true) : null;
    offset += 8 + size + (size % 2);
  }
  return null;
}

/**
 * The accepted format the bytes are, by signature, or null for anything else (WebM, FLAC, AAC
 * without a container, text…). Mirrors the server's detector for the cases a user meets: RIFF/WAVE
 * with PCM or float samples; an ID3 tag or an MPEG Layer III frame; Ogg with Opus or Vorbis; an
 * ISO BMFF `ftyp` box (M4A, MP4; the server also refuses files with a video track).
 */
export function sniffAudioFormat(bytes: Uint8Array): CloneFormat | null {
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) {
    const tag = wavFormatTag(bytes);
    return tag === null || tag === 1 || tag === 3 || tag === 0xfffe ? "wav" : null;
  }
  if (ascii(bytes, 0, "ID3")) return "mp3";
  // MPEG audio frame sync (11 bits) with layer bits 01 = Layer III; 00 would be AAC (ADTS).
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0 && (bytes[1]! & 0x06) === 0x02) return "mp3";
  if (ascii(bytes, 0, "OggS")) {
    if (bytes.length < 36) return "ogg";
    return ascii(bytes, 28, "OpusHead") || ascii(bytes, 28, "\x01vorbis") ? "ogg" : null;
  }
  if (ascii(bytes, 4, "ftyp")) return "m4a";
  return null;
}

/** The duration as the server compares it: rounded to the millisecond. */
export function roundedSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

export type ReferenceProblem = "empty" | "too_large" | "unsupported" | "unreadable" | "too_short" | "too_long" | "no_speech";

export interface ReferenceFacts {
  size: number;
  format: CloneFormat | null;
  /** Seconds as decoded by the browser; null when the browser could not decode the file. */
  durationSeconds: number | null;
  /** Seconds of speech by the shared rule in the decoded audio; null when it was not decoded. */
  speechSeconds: number | null;
}

/**
 * The first reason the server would refuse this recording, in the server's order, or null. A file
 * the browser cannot decode is refused only if it is WAV (every browser decodes PCM WAV, so it is
 * damaged); a compressed file may simply use a codec this browser lacks, and the server measures it.
 */
export function referenceProblem({ size, format, durationSeconds, speechSeconds }: ReferenceFacts): ReferenceProblem | null {
  if (size === 0) return "empty";
  if (size > CLONE_FILE_MAX_BYTES) return "too_large";
  if (format === null) return "unsupported";
  if (durationSeconds === null) return format === "wav" ? "unreadable" : null;
  const seconds = roundedSeconds(durationSeconds);
  if (!(seconds > 0)) return "unreadable";
  if (seconds < CLONE_MIN_SECONDS) return "too_short";
  if (seconds > CLONE_MAX_SECONDS) return "too_long";
  if (speechSeconds !== null && !hasEnoughSpeech({ speechSeconds, analysedSeconds: seconds })) return "no_speech";
  return null;
}

/**
 * The rate to decode at: a WAV's own rate, so the browser hands over the very samples the server
 * reads (no resampling, same speech measure); 16 kHz for compressed audio, which keeps all of
 * speech's band while a 5-minute file's decoded copy stays small.
 */
export function decodeRateFor(format: CloneFormat, head: Uint8Array): number {
  const rate = format === "wav" ? wavSampleRate(head) : null;
  return rate !== null && rate >= 8_000 && rate <= 96_000 ? rate : 16_000;
}

/** Browser only: the decoded duration and speech, or null when this browser cannot decode the bytes. */
export async function decodeReference(data: ArrayBuffer, sampleRate: number): Promise<{ durationSeconds: number; speechSeconds: number } | null> {
  let buffer: AudioBuffer;
  try {
    buffer = await new OfflineAudioContext(1, 1, sampleRate).decodeAudioData(data.slice(0));
  } catch {
    return null;
  }
  if (!Number.isFinite(buffer.duration) || buffer.duration <= 0) return null;
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, index) => buffer.getChannelData(index));
  return { durationSeconds: buffer.duration, speechSeconds: measureSpeech(channels, buffer.sampleRate).speechSeconds };
}

/** Browser only: everything referenceProblem needs, read from the file itself. */
export async function inspectReferenceFile(file: Blob): Promise<ReferenceFacts> {
  const unmeasured = { durationSeconds: null, speechSeconds: null };
  if (file.size === 0) return { size: 0, format: null, ...unmeasured };
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const format = sniffAudioFormat(head);
  // Nothing to measure in a file that is refused anyway.
  if (format === null || file.size > CLONE_FILE_MAX_BYTES) return { size: file.size, format, ...unmeasured };
  const decoded = await decodeReference(await file.arrayBuffer(), decodeRateFor(format, head));
  return { size: file.size, format, ...(decoded ?? unmeasured) };
}

/** The text as the server counts it: NFC, trimmed, against the clone limits (characters and code points). */
export function cloneTextCount(text: string, locale?: string): FieldCount {
  return countField(normaliseText(text).trim(), CLONE_TEXT_MAX_CHARACTERS, CLONE_TEXT_MAX_CODE_POINTS, locale);
}

/** Live estimate from the shared price list, by billable words (0 until there is a word to speak). */
export function cloneEstimate(text: string, locale?: string): number {
  const { words, billableWords } = cloneTextCount(text, locale);
  return words === 0 ? 0 : estimateCloneCredits(billableWords);
}

/** `text_too_long`: over the character limit or the code-point bound. */
export type CloneFormProblem = "no_file" | "checking_file" | "bad_file" | "no_words" | "text_too_long" | "no_consent";

export interface CloneFormInput {
  /** null: no recording yet; "checking": still being measured. */
  reference: null | "checking" | { problem: ReferenceProblem | null };
  text: string;
  locale: string;
  consent: boolean;
}

/** The first reason the form cannot be sent yet, or null. */
export function cloneFormProblem(input: CloneFormInput): CloneFormProblem | null {
  if (input.reference === null) return "no_file";
  if (input.reference === "checking") return "checking_file";
  if (input.reference.problem !== null) return "bad_file";
  const count = cloneTextCount(input.text, input.locale);
  if (count.words === 0) return "no_words";
  if (count.overLimit) return "text_too_long";
  if (!input.consent) return "no_consent";
  return null;
}

/** A file size for people: whole KB below 1 MB, else MB with one decimal ("4.5 MB"; "4,5 Mo" in French). */
export function formatFileSize(bytes: number, { t, formatNumber }: Pick<Translator, "t" | "formatNumber">): string {
  const kib = bytes / 1024;
  // A non-empty file is never "0 KB"; nothing uploaded yet is.
  if (kib < 1024) return t("clone.sizeKb", { value: formatNumber(bytes === 0 ? 0 : Math.max(1, Math.round(kib))) });
  return t("clone.sizeMb", { value: formatNumber(Math.round((kib / 1024) * 10) / 10) });
}
