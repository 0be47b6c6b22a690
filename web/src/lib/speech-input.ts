/**
 * The Generate form's rules, using the server's own counting and pricing modules so the counter
 * and the estimate agree with what the Worker will accept and charge. A saved voice of the user's
 * own is a clone order: the clone's price and text limit (500 characters on every plan), and no
 * style, seed or temperature.
 */
import { measureText } from "../../../worker/shared/text-metrics";
import { estimateCloneCredits, estimateSpeechCredits, STYLE_CODE_POINT_LIMITS, STYLE_LIMITS, TEXT_CODE_POINT_LIMITS, TEXT_LIMITS, type PricedProvider } from "../../../worker/shared/pricing";
import type { AudioFormat, GenerateVoiceRequest, Voice } from "../../../worker/shared/contracts";
import { CLONE_TEXT_MAX_CHARACTERS, CLONE_TEXT_MAX_CODE_POINTS } from "../../../worker/shared/limits";

export type Tier = "free" | "paid";

export interface FieldCount {
  /** User-perceived characters (grapheme clusters) after NFC, against `limit`. */
  characters: number;
  limit: number;
  remaining: number;
  /** Code points after NFC, against `codePointLimit`. */
  codePoints: number;
  codePointLimit: number;
  /** Within the character limit but over the code-point bound (combining marks, joiners). */
  overCodePointLimit: boolean;
  /** Over either bound: the server would refuse the text. */
  overLimit: boolean;
  /** Word-like segments, for "at least one word" and the word count shown. */
  words: number;
  /** What the estimate prices (long segments count as several words, vocal tags as none). */
  billableWords: number;
}

export function countField(text: string, limit: number, codePointLimit: number, locale?: string): FieldCount {
  const { characters, codePoints, words, billableWords } = measureText(text, locale);
  const overCodePointLimit = codePoints > codePointLimit;
  return { characters, limit, remaining: limit - characters, codePoints, codePointLimit, overCodePointLimit, overLimit: characters > limit || overCodePointLimit, words, billableWords };
}

/** The text against the tier's limits, or a saved voice's (the clone's, whatever the plan). */
export function textCount(text: string, tier: Tier, locale?: string, voice?: Pick<Voice, "mine">): FieldCount {
  if (voice?.mine === true) return countField(text, CLONE_TEXT_MAX_CHARACTERS, CLONE_TEXT_MAX_CODE_POINTS, locale);
  return countField(text, TEXT_LIMITS[tier], TEXT_CODE_POINT_LIMITS[tier], locale);
}

export function styleCount(style: string, tier: Tier, locale?: string): FieldCount {
  return countField(style, STYLE_LIMITS[tier], STYLE_CODE_POINT_LIMITS[tier], locale);
}

/** Which price list a voice is on; call voices are not offered for speech. */
export function pricedProvider(voice: Pick<Voice, "provider">): PricedProvider {
  return voice.provider === "replicate" ? "replicate" : "gemini";
}

type PricedVoice = Pick<Voice, "provider" | "mine">;

/** Style is sent to the model only for Gemini voices, so only they accept it. */
export function acceptsStyle(voice: PricedVoice): boolean {
  return voice.provider === "gemini" && voice.mine !== true;
}

/** Seed and temperature (paid settings) reach catalogue voices only; a saved voice takes neither. */
export function acceptsTuning(voice: Pick<Voice, "mine">): boolean {
  return voice.mine !== true;
}

/**
 * Live estimate with the server's rule: billable words of the text, plus the style's for Gemini
 * voices because it is sent to the model; a saved voice at the clone price (ceil(words × 66));
 * 0 until the text has a word to speak.
 */
export function estimateCredits(voice: PricedVoice, text: string, style: string, locale?: string): number {
  const spoken = measureText(text, locale);
  if (spoken.words === 0) return 0;
  if (voice.mine === true) return estimateCloneCredits(spoken.billableWords);
  const styleWords = acceptsStyle(voice) ? measureText(style, locale).billableWords : 0;
  return estimateSpeechCredits(pricedProvider(voice), spoken.billableWords + styleWords);
}

/** `text_too_long` / `style_too_long`: over the character limit or the code-point bound. */
export type FormProblem = "no_voice" | "no_words" | "text_too_long" | "style_too_long" | "bad_seed";

export interface FormInput {
  voice: Voice | undefined;
  text: string;
  style: string;
  seed: string;
  temperature: number | null;
  locale: string;
  tier: Tier;
  /** The stored file's format; left out of the request when not chosen (the server's default is WAV). */
  format?: AudioFormat;
}

/** The first reason the form cannot be sent yet, or null. */
export function formProblem(input: FormInput): FormProblem | null {
  if (input.voice === undefined) return "no_voice";
  const text = textCount(input.text, input.tier, input.locale, input.voice);
  if (text.words === 0) return "no_words";
  if (text.overLimit) return "text_too_long";
  if (acceptsStyle(input.voice) && styleCount(input.style, input.tier, input.locale).overLimit) return "style_too_long";
  if (input.tier === "paid" && acceptsTuning(input.voice) && input.seed.trim() !== "" && parseSeed(input.seed) === null) return "bad_seed";
  return null;
}

export function parseSeed(value: string): number | null {
  if (!/^\d{1,10}$/.test(value.trim())) return null;
  const seed = Number(value.trim());
  return seed <= 2_147_483_647 ? seed : null;
}

/**
 * The request body; paid-only settings are sent only by paid users and never to a saved voice,
 * style only to Gemini voices.
 */
export function buildRequest(input: FormInput & { voice: Voice }): GenerateVoiceRequest {
  const body: GenerateVoiceRequest = { text: input.text, voice: input.voice.id, locale: input.locale };
  if (input.format !== undefined) body.format = input.format;
  if (acceptsStyle(input.voice) && input.style.trim() !== "") body.style = input.style;
  if (input.tier === "paid" && acceptsTuning(input.voice)) {
    const seed = parseSeed(input.seed);
    if (seed !== null) body.seed = seed;
    if (input.temperature !== null) body.temperature = input.temperature;
  }
  return body;
}
