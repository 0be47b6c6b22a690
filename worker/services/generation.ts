/**
 * The generation front door's preparation (PRODUCT §6): validates a request for a user and turns
 * it into a priced, keyed SpeechOrder for the paid-audio orchestrator (services/paid-audio.ts);
 * the estimate endpoint answers from the same preparation. Text is measured with the rules the
 * SPA uses (shared/text-metrics.ts): graphemes and code points bounded, billable words priced.
 */
import type { AccountSummary } from "../db/credits";
import { findVoice, type Voice } from "../db/voices";
import type { Integrations } from "../integrations";
import type { Tier } from "../providers/types";
import type { GenerateVoiceRequest } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { isSpeechLanguage } from "../shared/limits";
import { estimateSpeechCredits, STYLE_CODE_POINT_LIMITS, STYLE_LIMITS, TEXT_CODE_POINT_LIMITS, TEXT_LIMITS, type PricedProvider } from "../shared/pricing";
import { measureText, normaliseText, type TextMeasure } from "../shared/text-metrics";
import { audioCacheKey, type CacheEntry } from "./audio-cache";
import { storedFormat } from "./mp3";
import type { SpeechOrder } from "./orders";

export interface PreparedGeneration {
  order: Omit<SpeechOrder, "userId">;
  voice: Voice;
  /** The voice's own provider, which sets the price whoever speaks (the local engine costs the same). */
  pricedAs: PricedProvider;
  text: TextMeasure;
  /** Billable words of text and style together (the style is sent to the model). */
  billableWords: number;
  characterLimit: number;
}

const pricedAs = (voice: Voice): PricedProvider => (voice.provider === "gemini" ? "gemini" : "replicate");
/** Only Gemini voices take a style prompt. */
const takesStyle = (voice: Voice) => voice.provider === "gemini";

export async function prepareGeneration(input: GenerateVoiceRequest, tier: Tier, integrations: Integrations, db: D1Database): Promise<PreparedGeneration> {
  const voice = await findVoice(db, input.voice, "tts");
  if (voice === null) throw new AppError("voice_not_found", `There is no voice called "${input.voice}".`, { field: "voice" });
  const locale = input.locale ?? (voice.language === "multi" ? "en" : voice.language);
  if (!isSpeechLanguage(locale)) throw new AppError("validation_failed", `locale: "${locale}" is not a language our voices speak.`, { field: "locale" });
  const text = normaliseText(input.text).trim();
  const measure = measureText(text, locale);
  if (measure.words === 0) throw new AppError("validation_failed", "text: write at least one word.", { field: "text" });
  const characterLimit = TEXT_LIMITS[tier];
  if (measure.characters > characterLimit) {
    throw new AppError("validation_failed", `text: at most ${characterLimit} characters on your plan (this text has ${measure.characters}).`, { field: "text" });
  }
  if (measure.codePoints > TEXT_CODE_POINT_LIMITS[tier]) {
    throw new AppError("validation_failed", `text: at most ${TEXT_CODE_POINT_LIMITS[tier]} code points on your plan (this text has ${measure.codePoints}).`, { field: "text" });
  }
  const style = input.style === undefined ? undefined : normaliseText(input.style).trim() || undefined;
  let styleWords = 0;
  if (style !== undefined) {
    if (!takesStyle(voice)) throw new AppError("validation_failed", "style: only Gemini voices take a style.", { field: "style" });
    const styleMeasure = measureText(style, locale);
    if (styleMeasure.characters > STYLE_LIMITS[tier] || styleMeasure.codePoints > STYLE_CODE_POINT_LIMITS[tier]) {
      throw new AppError("validation_failed", `style: at most ${STYLE_LIMITS[tier]} characters on your plan.`, { field: "style" });
    }
    styleWords = styleMeasure.billableWords;
  }
  if (tier === "free" && (input.seed !== undefined || input.temperature !== undefined)) {
    throw new AppError("paid_feature", "Seed and temperature are available once you have bought credits.", { field: input.seed !== undefined ? "seed" : "temperature" });
  }
  const provider = integrations.speechFor(voice);
  const model = provider.model(tier);
  const billableWords = measure.billableWords + styleWords;
  const format = storedFormat(input.format, provider.format);
  const cacheKey = await audioCacheKey({ provider: provider.name, model, voiceId: voice.id, locale, text, style, seed: input.seed, temperature: input.temperature, format });
  return {
    order: {
      kind: "tts",
      cacheKey,
      estimate: estimateSpeechCredits(pricedAs(voice), billableWords),
      provider: provider.name,
      model,
      characters: measure.characters,
      ledgerDescription: `Voice generation (${voice.name})`,
      history: { voiceId: voice.id, text, ...(style !== undefined ? { style } : {}), locale },
      speech: { voice, tier, format, ...(input.seed !== undefined ? { seed: input.seed } : {}), ...(input.temperature !== undefined ? { temperature: input.temperature } : {}) },
    },
    voice,
    pricedAs: pricedAs(voice),
    text: measure,
    billableWords,
    characterLimit,
  };
}

export interface PreparedForAccount {
  prepared: PreparedGeneration;
  account: AccountSummary;
  /** The cache lookup for the chosen plan's key, already under way. */
  cached: Promise<CacheEntry | null>;
}

/**
 * Prepares the request for both plans while the account is read, starting each plan's cache
 * lookup at once (the plan decides the model, so the key; the local engine's key is the same for
 * both and is looked up once). A cache hit then waits for the longer of the two reads, not their
 * sum. The chosen plan's validation error is the one reported; the other plan's is dropped.
 */
export async function prepareForAccount(
  input: GenerateVoiceRequest,
  account: Promise<AccountSummary>,
  integrations: Integrations,
  db: D1Database,
  lookup: (cacheKey: string) => Promise<CacheEntry | null>,
): Promise<PreparedForAccount> {
  const lookups = new Map<string, Promise<CacheEntry | null>>();
  const attempt = (tier: Tier) =>
    prepareGeneration(input, tier, integrations, db).then(
      (prepared) => {
        const key = prepared.order.cacheKey;
        if (!lookups.has(key)) {
          const pending = lookup(key);
          pending.catch(() => {}); // reported when awaited, if this plan is the one chosen
          lookups.set(key, pending);
        }
        return { ok: true as const, prepared };
      },
      (error: unknown) => ({ ok: false as const, error }),
    );
  const [summary, free, paid] = await Promise.all([account, attempt("free"), attempt("paid")]);
  const chosen = summary.isPaid ? paid : free;
  if (!chosen.ok) throw chosen.error;
  const cached = lookups.get(chosen.prepared.order.cacheKey) ?? lookup(chosen.prepared.order.cacheKey);
  return { prepared: chosen.prepared, account: summary, cached };
}
