/**
 * Credit prices (PRODUCT §5) as pure functions, shared by the Worker and the SPA's live estimate.
 * The local engine costs what the voice's real provider would.
 *
 * Prices apply to billable words (text-metrics: each word-like segment costs one word per started
 * 12 code points; vocal tags cost nothing), never to raw segment counts, so a long run of letters
 * or a letter loaded with combining marks cannot pass for one word.
 *
 * All arithmetic is in integers: a rate with a fraction is held as credits per 10 units, and
 * ceil(units × credits / per) is computed with an exact integer division and remainder. Every
 * function takes a non-negative safe integer and returns an integer ≥ 1; anything else (NaN, a
 * negative or fractional count, a product beyond 2^53) is a RangeError, never a guess.
 *
 * Length limits. Each tier has a bound in user-perceived characters (grapheme clusters) and one
 * in code points. The code-point bound is 10 × the character bound: the longest recommended
 * (RGI) emoji sequence, a kiss or couple with two skin tones such as 👩🏻‍❤️‍💋‍👨🏼, is 10 code points,
 * and ordinary letters, even with several accents, are far fewer (an emoji family 👩‍👩‍👧‍👦 is 7),
 * so any ordinary text within the character limit is within the code-point bound too. Only text
 * padded with combining marks or joiners (which group into few characters) reaches it, and then
 * its size stays bounded: at most 25,000 code points, whatever the tier or field.
 */
export type PricedProvider = "gemini" | "replicate";

/** Gemini voices: 6.6 credits per word, held as 66 per 10 words. */
export const GEMINI_CREDITS_PER_10_WORDS = 66;
export const REPLICATE_CREDITS_PER_WORD = 24;
export const CLONE_CREDITS_PER_WORD = 66;
/** Gemini's actual cost: 1.1 credits per token, held as 11 per 10 tokens. */
export const GEMINI_CREDITS_PER_10_TOKENS = 11;

function wholeCount(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative whole number, not ${String(value)}.`);
  return value;
}

/** max(1, ceil(units × credits / per)), exactly. */
function price(units: number, credits: number, per: number): number {
  const total = units * credits;
  if (!Number.isSafeInteger(total)) throw new RangeError(`${units} units are too many to price.`);
  const remainder = total % per;
  const whole = (total - remainder) / per;
  return Math.max(1, remainder === 0 ? whole : whole + 1);
}

/** Gemini: ceil(words × 66 / 10); Replicate: words × 24; at least 1. */
export function estimateSpeechCredits(provider: PricedProvider, billableWords: number): number {
  const words = wholeCount("billableWords", billableWords);
  return provider === "gemini" ? price(words, GEMINI_CREDITS_PER_10_WORDS, 10) : price(words, REPLICATE_CREDITS_PER_WORD, 1);
}

/** Cloning: words × 66; at least 1. */
export function estimateCloneCredits(billableWords: number): number {
  return price(wholeCount("billableWords", billableWords), CLONE_CREDITS_PER_WORD, 1);
}

/** Actual Gemini cost from the provider's reported token usage: ceil(tokens × 11 / 10); at least 1. */
export function geminiCreditsFromTokens(totalTokens: number): number {
  return price(wholeCount("totalTokens", totalTokens), GEMINI_CREDITS_PER_10_TOKENS, 10);
}

/** Tier limits in characters (graphemes). */
export const TEXT_LIMITS = { free: 500, paid: 1_000 } as const;
export const STYLE_LIMITS = { free: 1_000, paid: 2_500 } as const;

/** Tier limits in code points: 10 × the character limits (see the header). */
export const TEXT_CODE_POINT_LIMITS = { free: 5_000, paid: 10_000 } as const;
export const STYLE_CODE_POINT_LIMITS = { free: 10_000, paid: 25_000 } as const;
