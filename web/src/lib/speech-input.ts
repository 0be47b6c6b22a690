/**
 * The Generate form's rules, using the server's own counting and pricing modules so the counter
 * and the estimate agree with what the Worker will accept and charge.
 */
import { countCharacters, countWords } from "../../../worker/shared/text-metrics";
import { estimateSpeechCredits, STYLE_LIMITS, TEXT_LIMITS, type PricedProvider } from "../../../worker/shared/pricing";
import type { GenerateVoiceRequest, Voice } from "../../../worker/shared/contracts";

export type Tier = "free" | "paid";

export interface FieldCount {
  characters: number;
  limit: number;
  remaining: number;
  overLimit: boolean;
  words: number;
}

export function countField(text: string, limit: number, locale?: string): FieldCount {
  const characters = countCharacters(text);
  return { characters, limit, remaining: limit - characters, overLimit: characters > limit, words: countWords(text, locale) };
}

export function textCount(text: string, tier: Tier, locale?: string): FieldCount {
  return countField(text, TEXT_LIMITS[tier], locale);
}

export function styleCount(style: string, tier: Tier, locale?: string): FieldCount {
  return countField(style, STYLE_LIMITS[tier], locale);
}

/** Which price list a voice is on; call voices are not offered for speech. */
export function pricedProvider(voice: Pick<Voice, "provider">): PricedProvider {
  return voice.provider === "replicate" ? "replicate" : "gemini";
}

/** Style is sent to the model only for Gemini voices, so only they accept it. */
export function acceptsStyle(voice: Pick<Voice, "provider">): boolean {
  return voice.provider === "gemini";
}

/** Live estimate: the style's words count too because they are sent to the model. */
export function estimateCredits(voice: Pick<Voice, "provider">, text: string, style: string, locale?: string): number {
  const words = countWords(text, locale) + (acceptsStyle(voice) ? countWords(style, locale) : 0);
  return words === 0 ? 0 : estimateSpeechCredits(pricedProvider(voice), words);
}

export type FormProblem = "no_voice" | "no_words" | "text_too_long" | "style_too_long" | "bad_seed";

export interface FormInput {
  voice: Voice | undefined;
  text: string;
  style: string;
  seed: string;
  temperature: number | null;
  locale: string;
  tier: Tier;
}

/** The first reason the form cannot be sent yet, or null. */
export function formProblem(input: FormInput): FormProblem | null {
  if (input.voice === undefined) return "no_voice";
  const text = textCount(input.text, input.tier, input.locale);
  if (text.words === 0) return "no_words";
  if (text.overLimit) return "text_too_long";
  if (acceptsStyle(input.voice) && styleCount(input.style, input.tier, input.locale).overLimit) return "style_too_long";
  if (input.tier === "paid" && input.seed.trim() !== "" && parseSeed(input.seed) === null) return "bad_seed";
  return null;
}

export function parseSeed(value: string): number | null {
  if (!/^\d{1,10}$/.test(value.trim())) return null;
  const seed = Number(value.trim());
  return seed <= 2_147_483_647 ? seed : null;
}

/** The request body; paid-only settings are sent only by paid users, style only to Gemini voices. */
export function buildRequest(input: FormInput & { voice: Voice }): GenerateVoiceRequest {
  const body: GenerateVoiceRequest = { text: input.text, voice: input.voice.id, locale: input.locale };
  if (acceptsStyle(input.voice) && input.style.trim() !== "") body.style = input.style;
  if (input.tier === "paid") {
    const seed = parseSeed(input.seed);
    if (seed !== null) body.seed = seed;
    if (input.temperature !== null) body.temperature = input.temperature;
  }
  return body;
}
