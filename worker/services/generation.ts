/**
 * The generation front door's preparation (PRODUCT §6): validates a request for a user and turns
 * it into a priced, keyed SpeechOrder for the paid-audio orchestrator (services/paid-audio.ts);
 * the estimate endpoint answers from the same preparation. Text is measured with the rules the
 * SPA uses (shared/text-metrics.ts): graphemes and code points bounded, billable words priced.
 */
import type { AccountSummary } from "../db/credits";
import { findSavedVoice, findVoice, type SavedVoiceRecord, type Voice } from "../db/voices";
import type { Integrations } from "../integrations";
import type { Tier } from "../providers/types";
import type { GenerateVoiceRequest } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { CLONE_TEXT_MAX_CHARACTERS, CLONE_TEXT_MAX_CODE_POINTS, isSpeechLanguage } from "../shared/limits";
import { estimateCloneCredits, estimateSpeechCredits, STYLE_CODE_POINT_LIMITS, STYLE_LIMITS, TEXT_CODE_POINT_LIMITS, TEXT_LIMITS, type PricedProvider } from "../shared/pricing";
import { measureText, normaliseText, type TextMeasure } from "../shared/text-metrics";
import { audioCacheKey, type CacheEntry } from "./audio-cache";
import { cloneCacheKey } from "./clone";
import { storedFormat } from "./mp3";
import type { PreparedOrder } from "./orders";

export interface PreparedGeneration {
  /** A speech order, or a clone order when the voice is one of the user's saved voices. */
  order: PreparedOrder;
  voice: Voice;
  /** The voice's own provider, which sets the price whoever speaks (the local engine costs the same); "clone" for a saved voice. */
  pricedAs: PricedProvider | "clone";
  text: TextMeasure;
  /** Billable words of text and style together (the style is sent to the model). */
  billableWords: number;
  characterLimit: number;
}

const pricedAs = (voice: Voice): PricedProvider => (voice.provider === "gemini" ? "gemini" : "replicate");
/** Only Gemini voices take a style prompt. */
const takesStyle = (voice: Voice) => voice.provider === "gemini";

/** Who asks and on which plan; `modelTier` picks the other plan's model (the public API's `model`), limits stay the plan's. */
export interface Requester {
  tier: Tier;
  userId: string;
  modelTier?: Tier;
}

/** The voice a request names: the catalogue first (cached in the isolate), then the user's own saved voices (one query). */
export type ResolvedVoice = { kind: "catalogue"; voice: Voice } | { kind: "saved"; saved: SavedVoiceRecord };

export async function resolveVoice(db: D1Database, userId: string, idOrName: string): Promise<ResolvedVoice> {
  const voice = await findVoice(db, idOrName, "tts");
  if (voice !== null) return { kind: "catalogue", voice };
  const saved = await findSavedVoice(db, userId, idOrName);
  if (saved === null) throw new AppError("voice_not_found", `There is no voice called "${idOrName}".`, { field: "voice" });
  return { kind: "saved", saved };
}

/** `resolved`: the voice already looked up (prepareForAccount prepares for both plans from one lookup). */
export async function prepareGeneration(
  input: GenerateVoiceRequest,
  requester: Requester,
  integrations: Integrations,
  db: D1Database,
  resolved: Promise<ResolvedVoice> = resolveVoice(db, requester.userId, input.voice),
): Promise<PreparedGeneration> {
  const { tier } = requester;
  const found = await resolved;
  if (found.kind === "saved") return prepareSavedVoice(input, found.saved, integrations);
  const { voice } = found;
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
  const modelTier = requester.modelTier ?? tier;
  const model = provider.model(modelTier);
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
      speech: { voice, tier: modelTier, format, ...(input.seed !== undefined ? { seed: input.seed } : {}), ...(input.temperature !== undefined ? { temperature: input.temperature } : {}) },
    },
    voice,
    pricedAs: pricedAs(voice),
    text: measure,
    billableWords,
    characterLimit,
  };
}

/**
 * A saved cloned voice speaks new text through the cloning provider with the voice's kept
 * reference recording, priced as a clone (PRODUCT §7). It speaks the language it was cloned in
 * and takes no style, seed or temperature.
 */
async function prepareSavedVoice(input: GenerateVoiceRequest, saved: SavedVoiceRecord, integrations: Integrations): Promise<PreparedGeneration> {
  const { voice, reference } = saved;
  const given = [input.style?.trim() ? "style" : null, input.seed !== undefined ? "seed" : null, input.temperature !== undefined ? "temperature" : null].find((field) => field !== null);
  if (given) throw new AppError("validation_failed", `${given}: a saved cloned voice takes no ${given}.`, { field: given });
  if (input.locale !== undefined && input.locale.split("-")[0]?.toLowerCase() !== voice.language) {
    throw new AppError("validation_failed", `locale: this voice was cloned in "${voice.language}" and speaks only that language.`, { field: "locale" });
  }
  const locale = voice.language;
  const text = normaliseText(input.text).trim();
  const measure = measureText(text, locale);
  if (measure.words === 0) throw new AppError("validation_failed", "text: write at least one word.", { field: "text" });
  if (measure.characters > CLONE_TEXT_MAX_CHARACTERS || measure.codePoints > CLONE_TEXT_MAX_CODE_POINTS) {
    throw new AppError("validation_failed", `text: at most ${CLONE_TEXT_MAX_CHARACTERS} characters with a cloned voice (this text has ${measure.characters}).`, { field: "text" });
  }
  const provider = integrations.cloning();
  const model = provider.model(locale);
  const format = input.format === "mp3" ? "mp3" : undefined;
  const { key, ...measured } = reference;
  return {
    order: {
      kind: "clone",
      cacheKey: await cloneCacheKey({ provider: provider.name, model, locale, text, referenceSha256: reference.sha256, format }),
      estimate: estimateCloneCredits(measure.billableWords),
      provider: provider.name,
      model,
      characters: measure.characters,
      ledgerDescription: `Voice generation (${voice.name})`,
      history: { voiceId: voice.id, text, locale },
      clone: { savedVoiceId: voice.id, reference: measured, referenceKey: key, ...(format !== undefined ? { format } : {}) },
    },
    voice,
    pricedAs: "clone",
    text: measure,
    billableWords: measure.billableWords,
    characterLimit: CLONE_TEXT_MAX_CHARACTERS,
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
  requester: { userId: string; modelTier?: Tier },
  account: Promise<AccountSummary>,
  integrations: Integrations,
  db: D1Database,
  lookup: (cacheKey: string) => Promise<CacheEntry | null>,
): Promise<PreparedForAccount> {
  const lookups = new Map<string, Promise<CacheEntry | null>>();
  // One voice lookup for both plans: a saved voice is a D1 query, which must not run twice.
  const resolved = resolveVoice(db, requester.userId, input.voice);
  resolved.catch(() => {}); // reported by the chosen plan's preparation
  const attempt = (tier: Tier) =>
    prepareGeneration(input, { ...requester, tier }, integrations, db, resolved).then(
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
