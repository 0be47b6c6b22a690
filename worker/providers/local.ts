/**
 * The local engine: eSpeak NG in its own Worker (worker/local-engine), reached through the
 * LOCAL_ENGINE service binding. It speaks for every voice whose provider has no key. Each voice
 * gets a fixed male/female/neutral variant and pitch so voices sound different, and the language
 * comes from the request's locale (multilingual voices) or the voice's own language.
 */
import type { Voice } from "../db/voices";
import { LOCAL_MODEL, speakLocally } from "./local-engine-client";
import { stripVocalTags } from "../shared/text-metrics";
import type { SpeechProvider, SpeechResult } from "./types";

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
      return speakLocally(engine, { text: stripVocalTags(request.text), language, variant, pitch }, request.signal);
    },
  };
}
