/**
 * Text enhancement (issue 9 §3): a Gemini text model suggests expressive tags for the selected
 * voice. Free of credits, limited per minute (ENHANCE_RATE_LIMITER) and per UTC day (one use
 * claimed atomically before the call, given back when the call or the check fails). The answer is
 * accepted only if, with its tags removed, it is the user's text word for word and it uses only the
 * voice's tags, so the suggestion can never change what is said.
 */
import { claimDailyUse, dailyUses, releaseDailyUse, utcDay } from "../db/feature-uses";
import { findVoice } from "../db/voices";
import type { AppConfig } from "../env";
import type { TextEnhancer } from "../providers/text-enhancer";
import { ProviderError } from "../providers/types";
import type { EnhanceStatusResponse, EnhanceTextResponse } from "../shared/expressive-tags";
import { vocalTagsFor } from "../shared/expressive-tags";
import { AppError } from "../shared/errors";
import { TEXT_LIMITS } from "../shared/pricing";
import { measureText, normaliseText, stripVocalTags } from "../shared/text-metrics";
import { PROVIDER_ERRORS, withDeadline } from "./production";
import { log } from "./logging";

const FEATURE = "enhance-text";
const TAG = /<([\p{L} -]{1,40})>/gu;

const words = (text: string) => stripVocalTags(text).replace(/\s+/g, " ").trim();
const tagsIn = (text: string) => [...text.matchAll(TAG)].map((match) => match[1] ?? "");

export function unavailableReason(enhancer: TextEnhancer | null): string | null {
  return enhancer === null ? "Text enhancement needs a Gemini API key (GEMINI_API_KEY)." : null;
}

export async function enhanceStatus(db: D1Database, config: AppConfig, enhancer: TextEnhancer | null, userId: string, now = new Date()): Promise<EnhanceStatusResponse> {
  const used = await dailyUses(db, { userId, feature: FEATURE, day: utcDay(now) });
  const limit = config.enhancement.dailyLimit;
  return { available: enhancer !== null, reason: unavailableReason(enhancer), remainingToday: Math.max(0, limit - used), dailyLimit: limit };
}

export async function enhanceText(
  db: D1Database,
  config: AppConfig,
  enhancer: TextEnhancer | null,
  input: { userId: string; isPaid: boolean; text: string; voice: string; locale: string | undefined },
  now = new Date(),
): Promise<EnhanceTextResponse> {
  if (enhancer === null) throw new AppError("feature_unavailable", unavailableReason(enhancer) ?? "Text enhancement is not available.");
  const voice = await findVoice(db, input.voice, "tts");
  if (voice === null) throw new AppError("voice_not_found", `There is no voice called "${input.voice}".`, { field: "voice" });
  const allowed = vocalTagsFor(voice.provider);
  if (allowed.length === 0) throw new AppError("validation_failed", "voice: this voice takes no expressive tags.", { field: "voice" });
  const text = normaliseText(input.text).trim();
  const locale = input.locale ?? (voice.language === "multi" ? "en" : voice.language);
  const measure = measureText(text, locale);
  if (measure.words === 0) throw new AppError("validation_failed", "text: write at least one word.", { field: "text" });
  const limit = TEXT_LIMITS[input.isPaid ? "paid" : "free"];
  if (measure.characters > limit) throw new AppError("validation_failed", `text: at most ${limit} characters on your plan.`, { field: "text" });

  const day = utcDay(now);
  const dailyLimit = config.enhancement.dailyLimit;
  const claimed = await claimDailyUse(db, { userId: input.userId, feature: FEATURE, day, limit: dailyLimit });
  if (!claimed.ok) throw new AppError("rate_limited", `You have used today's ${dailyLimit} text enhancements. They reset at midnight UTC.`, { retryAfterSeconds: secondsToMidnight(now) });
  try {
    const suggestion = await withDeadline(config.providerTimeoutMs, (signal) => enhancer.addTags({ text, tags: allowed, language: locale.split("-")[0] ?? "en", signal }));
    const unknown = tagsIn(suggestion).filter((tag) => !allowed.includes(tag));
    if (words(suggestion) !== words(text) || unknown.length > 0) {
      throw new ProviderError("failed", "The suggestion changed your text, so it was discarded. Please try again.", {
        detail: unknown.length > 0 ? `unknown tags: ${unknown.join(", ")}` : "words differ from the input",
      });
    }
    return { text: suggestion, tagsAdded: Math.max(0, tagsIn(suggestion).length - tagsIn(text).length), remainingToday: Math.max(0, dailyLimit - claimed.uses), dailyLimit };
  } catch (error) {
    await releaseDailyUse(db, { userId: input.userId, feature: FEATURE, day });
    if (error instanceof ProviderError) {
      log.error(`text enhancement (${enhancer.model}) failed: ${error.kind}: ${error.detail ?? error.message}`);
      throw new AppError(PROVIDER_ERRORS[error.kind], error.message);
    }
    throw error;
  }
}

function secondsToMidnight(now: Date): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
}
