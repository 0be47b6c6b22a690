/**
 * Voice generation (PRODUCT §6). `prepareGeneration` validates a request for a user and works out
 * provider, model, cost and cache key (also used by the estimate endpoint). `produceAudio` is the
 * paid path, run inside the GenerationGate Durable Object so identical concurrent requests share
 * it: reserve → provider → R2 → cache → history row → settlement message. Any failure after the
 * reservation refunds it in full before the error is returned.
 */
import type { AppConfig, ConfigSecrets } from "../env";
import { AppError, type ErrorCode } from "../shared/errors";
import { findVoice, type Voice } from "../db/voices";
import type { GenerateVoiceRequest } from "../shared/contracts";
import { selectSpeechProvider } from "../providers";
import { ProviderError, type ProviderName, type Tier } from "../providers/types";
import { settleGeneration } from "../queues/generation-settle";
import { audioCacheKey, type CacheEntry } from "./audio-cache";
import { refund, reservationRefundKey, reserve } from "../db/ledger";
import { keepProducedAudio } from "./production";
import { estimateSpeechCredits, geminiCreditsFromTokens, STYLE_LIMITS, TEXT_LIMITS } from "../shared/pricing";
import { countCharacters, countWords, normaliseText } from "../shared/text-metrics";

export interface PreparedGeneration {
  voice: Voice;
  text: string;
  style?: string;
  seed?: number;
  temperature?: number;
  locale: string;
  tier: Tier;
  provider: ProviderName;
  model: string;
  words: number;
  characters: number;
  characterLimit: number;
  estimate: number;
  cacheKey: string;
}

export async function prepareGeneration(input: GenerateVoiceRequest, tier: Tier, config: AppConfig, env: Env): Promise<PreparedGeneration> {
  const voice = await findVoice(env.DB, input.voice, "tts");
  if (voice === null) throw new AppError("voice_not_found", `There is no voice called "${input.voice}".`, { field: "voice" });
  const text = normaliseText(input.text).trim();
  const locale = input.locale ?? (voice.language === "multi" ? "en" : voice.language);
  const characters = countCharacters(text);
  const characterLimit = TEXT_LIMITS[tier];
  if (countWords(text, locale) === 0) throw new AppError("validation_failed", "text: write at least one word.", { field: "text" });
  if (characters > characterLimit) {
    throw new AppError("validation_failed", `text: at most ${characterLimit} characters on your plan (this text has ${characters}).`, { field: "text" });
  }
  const style = input.style === undefined ? undefined : normaliseText(input.style).trim() || undefined;
  if (style !== undefined) {
    if (voice.provider !== "gemini") throw new AppError("validation_failed", "style: only Gemini voices take a style.", { field: "style" });
    const styleLimit = STYLE_LIMITS[tier];
    if (countCharacters(style) > styleLimit) throw new AppError("validation_failed", `style: at most ${styleLimit} characters on your plan.`, { field: "style" });
  }
  if (tier === "free" && (input.seed !== undefined || input.temperature !== undefined)) {
    throw new AppError("paid_feature", "Seed and temperature are available once you have bought credits.", { field: input.seed !== undefined ? "seed" : "temperature" });
  }
  const provider = selectSpeechProvider(voice, config, env);
  const model = provider.model(tier);
  const words = countWords(text, locale) + (style === undefined ? 0 : countWords(style, locale));
  const estimate = estimateSpeechCredits(voice.provider === "gemini" ? "gemini" : "replicate", words);
  const cacheKey = await audioCacheKey({ provider: provider.name, model, voiceId: voice.id, locale, text, style, seed: input.seed, temperature: input.temperature });
  return { voice, text, style, seed: input.seed, temperature: input.temperature, locale, tier, provider: provider.name, model, words, characters, characterLimit, estimate, cacheKey };
}

/**
 * What the Worker hands the GenerationGate: everything needed to produce, as plain data,
 * including the settings the request was resolved under (provider choice and cache key depend
 * on them, so the object must not re-read its own).
 */
export interface GenerationJob {
  generationId: string;
  userId: string;
  prepared: PreparedGeneration;
  settings: ConfigSecrets;
}

export type GateOutcome =
  | { kind: "produced"; entry: CacheEntry; cacheKey: string; generationId: string; creditsUsed: number; creditsRemaining: number }
  | { kind: "shared"; entry: CacheEntry }
  | { kind: "failed"; code: ErrorCode; message: string; retryAfterSeconds?: number; shareable: boolean };

export const PROVIDER_ERRORS: Record<ProviderError["kind"], ErrorCode> = {
  content_refused: "content_refused",
  quota: "provider_quota",
  unavailable: "provider_unavailable",
  failed: "provider_error",
};

export async function produceAudio(env: Env, config: AppConfig, job: GenerationJob): Promise<GateOutcome> {
  const { prepared, userId, generationId } = job;
  const held = await reserve(env.DB, {
    userId,
    amount: prepared.estimate,
    key: `reserve:${generationId}`,
    purpose: "tts",
    description: `Voice generation (${prepared.voice.name})`,
  });
  if (!held.ok) {
    return { kind: "failed", code: "insufficient_credits", message: `This needs ${prepared.estimate} credits and you have ${held.balance}.`, shareable: false };
  }
  const giveBack = () => refund(env.DB, { reservationId: held.reservationId, key: reservationRefundKey(held.reservationId), description: "Refund: generation failed" });

  let result;
  try {
    result = await selectSpeechProvider(prepared.voice, config, env).synthesize({
      text: prepared.text,
      voice: prepared.voice,
      locale: prepared.locale,
      style: prepared.style,
      seed: prepared.seed,
      temperature: prepared.temperature,
      tier: prepared.tier,
    });
  } catch (error) {
    await giveBack();
    if (error instanceof ProviderError) {
      console.error(`provider ${prepared.provider} failed: ${error.message}`);
      return { kind: "failed", code: PROVIDER_ERRORS[error.kind], message: error.message, retryAfterSeconds: error.retryAfterSeconds, shareable: true };
    }
    throw error;
  }

  // A fallback model (Gemini Pro → Flash) is cached under its own key, never under Pro's.
  const storedKey =
    result.model === prepared.model && result.provider === prepared.provider
      ? prepared.cacheKey
      : await audioCacheKey({ ...prepared, provider: result.provider, model: result.model, voiceId: prepared.voice.id });
  const creditsUsed = result.totalTokens !== undefined ? geminiCreditsFromTokens(result.totalTokens) : prepared.estimate;
  const difference = prepared.estimate - creditsUsed;
  const creditsRemaining = difference >= 0 ? held.balance + difference : Math.max(0, held.balance + difference);
  const settlement = {
    type: "generation.settle" as const,
    reservationId: held.reservationId,
    generationId,
    userId,
    actualCredits: creditsUsed,
    provider: result.provider,
    model: result.model,
    voiceId: prepared.voice.id,
    characters: prepared.characters,
    durationSeconds: Math.round(result.durationSeconds * 1000) / 1000,
    totalTokens: result.totalTokens,
    occurredAt: new Date().toISOString(),
  };
  const kept = await keepProducedAudio(env, config, {
    storedKey,
    result,
    giveBack,
    history: { id: generationId, userId, voiceId: prepared.voice.id, kind: "tts", text: prepared.text, style: prepared.style, locale: prepared.locale, creditsUsed, reservationId: held.reservationId },
    settlement,
    settleInline: () => settleGeneration(env, settlement),
  });
  if (!("entry" in kept)) return kept;
  const { entry } = kept;
  return { kind: "produced", entry, cacheKey: storedKey, generationId, creditsUsed, creditsRemaining };
}
