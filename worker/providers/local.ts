/**
 * The local engine: eSpeak NG in its own Worker (worker/local-engine), reached through the
 * LOCAL_ENGINE service binding. It speaks for every voice whose provider has no key. Each voice
 * gets a fixed male/female/neutral variant and pitch so voices sound different, and the language
 * comes from the request's locale (multilingual voices) or the voice's own language. A streaming
 * order is spoken sentence by sentence (a few short sentences together), each piece's PCM handed
 * over as soon as it is spoken, so the first sound comes after the first sentence, not the text.
 */
import type { Voice } from "../db/voices";
import { LOCAL_MODEL, speakLocally } from "./local-engine-client";
import { concatBytes } from "../shared/bytes";
import { stripVocalTags } from "../shared/text-metrics";
import { ProviderError, type SpeechProvider, type SpeechResult } from "./types";
import { monoPcm16, wrapPcmAsWav } from "./wav";

export { LOCAL_MODEL };

const MALE_VARIANTS = ["male1", "male2", "male3", "male4"] as const;
const FEMALE_VARIANTS = ["female1", "female2", "female3", "female4"] as const;

/** eSpeak language ids for the locales people use most; other locales use their language subtag. */
const ESPEAK_LANGUAGES: Record<string, string> = {
  en: "en-us",
  "en-us": "en-us",
  "en-gb": "en-gb",
  pt: "pt",
  "pt-br": "pt-br",
  "es-419": "es-419",
  zh: "cmn",
  "zh-cn": "cmn",
};

export function espeakLanguage(locale: string): string {
  const lower = locale.toLowerCase();
  return ESPEAK_LANGUAGES[lower] ?? ESPEAK_LANGUAGES[lower.split("-")[0] ?? ""] ?? lower.split("-")[0] ?? "en-us";
}

function hash(text: string): number {
  let value = 2166136261;
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 16777619) >>> 0;
  return value;
}

/** A stable eSpeak variant and pitch per voice. */
export function localVoiceFor(voice: Pick<Voice, "id" | "gender">): { variant: string; pitch: number } {
  const h = hash(voice.id);
  if (voice.gender === "neutral") return { variant: "neutral", pitch: 40 + (h % 20) };
  const variants = voice.gender === "male" ? MALE_VARIANTS : FEMALE_VARIANTS;
  const base = voice.gender === "male" ? 30 : 50;
  return { variant: variants[h % variants.length] ?? variants[0], pitch: base + ((h >>> 8) % 25) };
}

export function createLocalProvider(engine: Fetcher): SpeechProvider {
  return {
    name: "local",
    format: "wav",
    model: () => LOCAL_MODEL,
    synthesize(request): Promise<SpeechResult> {
      const language = espeakLanguage(request.voice.language === "multi" ? request.locale : request.voice.language);
      const { variant, pitch } = localVoiceFor(request.voice);
      const text = stripVocalTags(request.text);
      const onAudio = request.onAudio;
      if (onAudio === undefined) return speakLocally(engine, { text, language, variant, pitch }, request.signal);
      return speakInPieces(text, request.locale, (piece) => speakLocally(engine, { text: piece, language, variant, pitch }, request.signal), onAudio);
    },
  };
}

/** Pieces after the first of at least this many characters (whole sentences), so short sentences share a call. */
const MIN_PIECE_CHARACTERS = 60;

export function sentencePieces(text: string, locale: string): string[] {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(locale, { granularity: "sentence" });
  } catch {
    segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
  }
  const pieces: string[] = [];
  let current = "";
  for (const { segment } of segmenter.segment(text)) {
    current += segment;
    // The first sentence goes alone, however short: it is what the listener waits for.
    if (pieces.length === 0 || current.trim().length >= MIN_PIECE_CHARACTERS) {
      pieces.push(current.trim());
      current = "";
    }
  }
  if (current.trim() !== "") pieces.push(current.trim());
  return pieces;
}

async function speakInPieces(text: string, locale: string, speak: (piece: string) => Promise<SpeechResult>, onAudio: (chunk: { pcm: Uint8Array; sampleRate: number }) => void | Promise<void>): Promise<SpeechResult> {
  const chunks: Uint8Array[] = [];
  let sampleRate = 0;
  let last: SpeechResult | undefined;
  for (const piece of sentencePieces(text, locale)) {
    last = await speak(piece);
    const samples = monoPcm16(last.audio);
    if (samples === null) throw new ProviderError("failed", "The local speech engine returned audio that cannot be read.", { detail: "not 16-bit mono PCM" });
    if (sampleRate !== 0 && samples.sampleRate !== sampleRate) throw new ProviderError("failed", "The local speech engine changed its sample rate mid-text.");
    sampleRate = samples.sampleRate;
    const pcm = samples.pcm;
    chunks.push(pcm);
    await onAudio({ pcm, sampleRate });
  }
  if (last === undefined) throw new ProviderError("invalid_input", "text: this text cannot be spoken; check that it contains words.", { field: "text" });
  const total = concatBytes(chunks);
  return { ...last, audio: wrapPcmAsWav(total, sampleRate), durationSeconds: total.byteLength / 2 / sampleRate };
}
