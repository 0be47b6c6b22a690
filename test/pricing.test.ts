// The price list and the text measures it applies to (PRODUCT §5), inside workerd so the Worker's
// own Intl.Segmenter and ICU data decide the word boundaries the Worker will bill.
import { describe, expect, it } from "vitest";
import {
  CLONE_CREDITS_PER_WORD,
  estimateCloneCredits,
  estimateSpeechCredits,
  GEMINI_CREDITS_PER_10_TOKENS,
  GEMINI_CREDITS_PER_10_WORDS,
  geminiCreditsFromTokens,
  REPLICATE_CREDITS_PER_WORD,
  STYLE_CODE_POINT_LIMITS,
  STYLE_LIMITS,
  TEXT_CODE_POINT_LIMITS,
  TEXT_LIMITS,
} from "../worker/shared/pricing";
import { CLONE_TEXT_MAX_CHARACTERS, CLONE_TEXT_MAX_CODE_POINTS } from "../worker/shared/limits";
import { BILLABLE_SEGMENT_CODE_POINTS, countBillableWords, countCharacters, countCodePoints, countWords, measureText, normaliseText } from "../worker/shared/text-metrics";

const family = "👩‍👩‍👧‍👦"; // 7 code points, one character
const kiss = "👩🏻‍❤️‍💋‍👨🏼"; // 10 code points: the longest recommended emoji sequence
/** "a" and `marks` copies of U+0316, which never composes with it: 1 character, 1 + marks code points. */
const zalgo = (marks: number) => `a${"\u0316".repeat(marks)}`;

describe("text measures", () => {
  it("counts a 500-letter word as one word but ceil(500 / 12) = 42 billable words", () => {
    expect(measureText("a".repeat(500))).toEqual({ characters: 500, codePoints: 500, words: 1, billableWords: 42 });
  });

  it("counts 'a' with 200 combining marks as one character and ceil(201 / 12) = 17 billable words", () => {
    expect(measureText(zalgo(200))).toEqual({ characters: 1, codePoints: 201, words: 1, billableWords: 17 });
  });

  it("bills one word per started 12 code points of a word-like segment", () => {
    expect(BILLABLE_SEGMENT_CODE_POINTS).toBe(12);
    expect(countBillableWords("a".repeat(12))).toBe(1);
    expect(countBillableWords("a".repeat(13))).toBe(2);
    expect(countBillableWords("a".repeat(24))).toBe(2);
    expect(countBillableWords("a".repeat(25))).toBe(3);
    expect(countBillableWords("Hello wonderful world")).toBe(3);
  });

  it("does not charge for vocal tags written in angle brackets", () => {
    expect(countBillableWords("<sigh> hello")).toBe(1);
    expect(countBillableWords("<laughs softly> hello <half-laugh> there")).toBe(2);
    expect(countBillableWords("hello<sigh>world")).toBe(2);
    expect(countBillableWords("<sigh>")).toBe(0);
  });

  it("still counts a vocal tag as a word for the at-least-one-word rule", () => {
    expect(countWords("<sigh> hello")).toBe(2);
    expect(measureText("<sigh> hello")).toMatchObject({ words: 2, billableWords: 1 });
  });

  it("charges for angle brackets that are not a vocal tag: digits, over 40 letters, or unclosed", () => {
    expect(countBillableWords("<sigh2> hello")).toBe(2);
    expect(countBillableWords(`<${"a".repeat(41)}> hello`)).toBe(5);
    expect(countBillableWords(`<${"a".repeat(40)}> hello`)).toBe(1);
    expect(countBillableWords("<sigh hello")).toBe(2);
  });

  it("counts Chinese text as several words", () => {
    const chinese = "今天天气很好我们去公园散步吧";
    expect(countWords(chinese, "zh")).toBeGreaterThan(1);
    expect(countBillableWords(chinese, "zh")).toBeGreaterThan(1);
    expect(countWords(chinese)).toBeGreaterThan(1);
  });

  it("does not count punctuation, white space or emoji as words", () => {
    expect(measureText("… !!! ? 👩‍👩‍👧‍👦")).toMatchObject({ words: 0, billableWords: 0 });
  });

  it("counts an emoji family or a flag as one character, with all their code points", () => {
    expect(countCharacters(`${family}🇩🇰`)).toBe(2);
    expect(countCodePoints(`${family}🇩🇰`)).toBe(9);
    expect(countCodePoints(kiss)).toBe(10);
    expect(countCharacters(kiss)).toBe(1);
  });

  it("measures the NFC form, so a decomposed accent is one character and one code point", () => {
    expect(normaliseText("e\u0301")).toBe("é");
    expect(measureText("e\u0301")).toEqual({ characters: 1, codePoints: 1, words: 1, billableWords: 1 });
    expect(countCodePoints("e\u0301")).toBe(1);
  });

  it("agrees with the single-purpose counters", () => {
    for (const text of ["Hello there", "a".repeat(37), zalgo(50), "<sigh> ok", "今日はいい天気ですね", `${family} é`, ""]) {
      expect(measureText(text, "en")).toEqual({ characters: countCharacters(text), codePoints: countCodePoints(text), words: countWords(text, "en"), billableWords: countBillableWords(text, "en") });
    }
  });

  it("falls back to the default rules for a locale tag Intl cannot use", () => {
    expect(countWords("hello world", "not a locale!")).toBe(2);
  });
});

describe("speech and clone estimates, in whole credits", () => {
  it("prices Gemini at ceil(words × 66 / 10): 10 words 66, 3 words 20, 1 word 7", () => {
    expect(estimateSpeechCredits("gemini", 10)).toBe(66);
    expect(estimateSpeechCredits("gemini", 3)).toBe(20);
    expect(estimateSpeechCredits("gemini", 1)).toBe(7);
    expect(estimateSpeechCredits("gemini", 5)).toBe(33);
  });

  it("prices Replicate at words × 24", () => {
    expect(estimateSpeechCredits("replicate", 1)).toBe(24);
    expect(estimateSpeechCredits("replicate", 3)).toBe(72);
  });

  it("prices cloning at words × 66", () => {
    expect(estimateCloneCredits(1)).toBe(66);
    expect(estimateCloneCredits(5)).toBe(330);
  });

  it("charges at least one credit, even for no billable words", () => {
    expect(estimateSpeechCredits("gemini", 0)).toBe(1);
    expect(estimateSpeechCredits("replicate", 0)).toBe(1);
    expect(estimateCloneCredits(0)).toBe(1);
    expect(geminiCreditsFromTokens(0)).toBe(1);
  });

  it("prices a long word by its length: a 500-letter word costs 42 words", () => {
    const words = measureText("a".repeat(500)).billableWords;
    expect(estimateSpeechCredits("gemini", words)).toBe(278);
    expect(estimateSpeechCredits("replicate", words)).toBe(1008);
    expect(estimateCloneCredits(words)).toBe(2772);
  });

  it("never returns a fraction of a credit", () => {
    for (let words = 0; words <= 2_000; words += 1) {
      expect(Number.isInteger(estimateSpeechCredits("gemini", words))).toBe(true);
      expect(Number.isInteger(estimateSpeechCredits("replicate", words))).toBe(true);
      expect(Number.isInteger(estimateCloneCredits(words))).toBe(true);
      expect(Number.isInteger(geminiCreditsFromTokens(words))).toBe(true);
    }
  });

  it("rounds up exactly, by integer division and remainder", () => {
    for (let words = 0; words <= 2_000; words += 10) expect(estimateSpeechCredits("gemini", words)).toBe(Math.max(1, (words / 10) * 66));
    for (let words = 1; words <= 2_000; words += 1) {
      const tenths = words * 66;
      expect(estimateSpeechCredits("gemini", words)).toBe((tenths - (tenths % 10)) / 10 + (tenths % 10 === 0 ? 0 : 1));
    }
  });

  it("refuses counts that are not whole non-negative numbers instead of guessing a price", () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => estimateSpeechCredits("gemini", bad)).toThrow(RangeError);
      expect(() => estimateSpeechCredits("replicate", bad)).toThrow(RangeError);
      expect(() => estimateCloneCredits(bad)).toThrow(RangeError);
      expect(() => geminiCreditsFromTokens(bad)).toThrow(RangeError);
    }
    expect(() => estimateCloneCredits(Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
  });

  it("keeps the published rates as integers", () => {
    expect([GEMINI_CREDITS_PER_10_WORDS, REPLICATE_CREDITS_PER_WORD, CLONE_CREDITS_PER_WORD, GEMINI_CREDITS_PER_10_TOKENS]).toEqual([66, 24, 66, 11]);
  });
});

describe("Gemini's actual cost from tokens", () => {
  it("is ceil(tokens × 11 / 10): 400 tokens cost 440, not 441", () => {
    expect(geminiCreditsFromTokens(400)).toBe(440);
    expect(geminiCreditsFromTokens(10)).toBe(11);
    expect(geminiCreditsFromTokens(1)).toBe(2);
    expect(geminiCreditsFromTokens(9)).toBe(10);
    expect(geminiCreditsFromTokens(1_000)).toBe(1_100);
  });

  it("is exact wherever a float would round the wrong way (400 × 1.1 is 440.00000000000006 in floating point)", () => {
    for (const tokens of [50, 90, 100, 110, 170, 400]) expect(Math.ceil(tokens * 1.1)).toBe((tokens / 10) * 11 + 1);
    for (let tokens = 10; tokens <= 20_000; tokens += 10) expect(geminiCreditsFromTokens(tokens)).toBe((tokens / 10) * 11);
  });
});

describe("length limits", () => {
  it("keeps the character limits: text 500 free and 1,000 paid, style 1,000 and 2,500, clone 500", () => {
    expect(TEXT_LIMITS).toEqual({ free: 500, paid: 1_000 });
    expect(STYLE_LIMITS).toEqual({ free: 1_000, paid: 2_500 });
    expect(CLONE_TEXT_MAX_CHARACTERS).toBe(500);
  });

  it("bounds code points at 10 × each character limit", () => {
    expect(TEXT_CODE_POINT_LIMITS).toEqual({ free: 5_000, paid: 10_000 });
    expect(STYLE_CODE_POINT_LIMITS).toEqual({ free: 10_000, paid: 25_000 });
    expect(CLONE_TEXT_MAX_CODE_POINTS).toBe(5_000);
    for (const tier of ["free", "paid"] as const) {
      expect(TEXT_CODE_POINT_LIMITS[tier]).toBe(TEXT_LIMITS[tier] * 10);
      expect(STYLE_CODE_POINT_LIMITS[tier]).toBe(STYLE_LIMITS[tier] * 10);
    }
    expect(CLONE_TEXT_MAX_CODE_POINTS).toBe(CLONE_TEXT_MAX_CHARACTERS * 10);
  });

  it("lets ordinary text of the full length through: 498 emoji families and an accented word", () => {
    const text = `${family.repeat(498)} é`;
    expect(measureText(text)).toEqual({ characters: 500, codePoints: 3_488, words: 1, billableWords: 1 });
    expect(measureText(text).codePoints).toBeLessThanOrEqual(TEXT_CODE_POINT_LIMITS.free);
  });

  it("lets even a text of the longest emoji sequences through at each character limit", () => {
    for (const tier of ["free", "paid"] as const) {
      expect(countCodePoints(kiss.repeat(TEXT_LIMITS[tier]))).toBe(TEXT_CODE_POINT_LIMITS[tier]);
      expect(countCharacters(kiss.repeat(TEXT_LIMITS[tier]))).toBe(TEXT_LIMITS[tier]);
    }
  });

  it("stops text padded with combining marks at the code-point bound although it is few characters", () => {
    const padded = `Hello ${zalgo(5_000)}`;
    const measure = measureText(padded);
    expect(measure.characters).toBe(7);
    expect(measure.characters).toBeLessThanOrEqual(TEXT_LIMITS.free);
    expect(measure.codePoints).toBe(5_007);
    expect(measure.codePoints).toBeGreaterThan(TEXT_CODE_POINT_LIMITS.free);
  });
});
