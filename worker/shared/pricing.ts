/**
 * Credit prices (PRODUCT §5) as pure functions, shared by the Worker and the SPA's live estimate.
 * The local engine costs what the voice's real provider would.
 */
export type PricedProvider = "gemini" | "replicate";

export const GEMINI_CREDITS_PER_WORD = 6.6;
export const REPLICATE_CREDITS_PER_WORD = 24;
export const CLONE_CREDITS_PER_WORD = 66;
export const GEMINI_CREDITS_PER_TOKEN = 1.1;

export function estimateSpeechCredits(provider: PricedProvider, words: number): number {
  const rate = provider === "gemini" ? GEMINI_CREDITS_PER_WORD : REPLICATE_CREDITS_PER_WORD;
  return Math.max(1, Math.ceil(words * rate));
}

export function estimateCloneCredits(words: number): number {
  return Math.max(1, Math.ceil(words * CLONE_CREDITS_PER_WORD));
}

/** Actual Gemini cost from the provider's reported token usage. */
export function geminiCreditsFromTokens(totalTokens: number): number {
  return Math.max(1, Math.ceil(totalTokens * GEMINI_CREDITS_PER_TOKEN));
}

/** Tier limits in characters (graphemes). */
export const TEXT_LIMITS = { free: 500, paid: 1_000 } as const;
export const STYLE_LIMITS = { free: 1_000, paid: 2_500 } as const;
