import { describe, expect, it } from "vitest";
import type { Voice } from "../../../worker/shared/contracts";
import { estimateCloneCredits, estimateSpeechCredits } from "../../../worker/shared/pricing";
import { acceptsStyle, acceptsTuning, buildRequest, estimateCredits, formProblem, parseSeed, styleCount, textCount, type FormInput } from "./speech-input";

const gemini: Voice = {
  id: "gemini-kore",
  name: "Kore",
  provider: "gemini",
  modelFamily: "gemini-tts",
  language: "multi",
  gender: "female",
  description: "Firm",
  feature: "tts",
  sortOrder: 4,
  sampleUrl: "/api/voices/gemini-kore/sample",
  mine: false,
};
const orpheus: Voice = {
  id: "orpheus-tara",
  name: "tara",
  provider: "replicate",
  modelFamily: "orpheus",
  language: "en",
  gender: "female",
  description: "Warm and conversational",
  feature: "tts",
  sortOrder: 101,
  sampleUrl: "/api/voices/orpheus-tara/sample",
  mine: false,
};
/** A saved voice as the server lists it for its owner. */
const saved: Voice = {
  id: "v_123",
  name: "Studio me",
  provider: "replicate",
  modelFamily: "chatterbox",
  language: "da",
  gender: "neutral",
  description: "Your cloned voice",
  feature: "tts",
  sortOrder: 2000,
  sampleUrl: null,
  mine: true,
};

const input = (overrides: Partial<FormInput> = {}): FormInput => ({ voice: gemini, text: "Hello world", style: "", seed: "", temperature: null, locale: "en", tier: "free", ...overrides });

const family = "👩‍👩‍👧‍👦"; // 7 code points, one character
// One character of 1 + marks code points, even after NFC (U+0316 never composes with "a").
const zalgo = (marks: number) => `a${"\u0316".repeat(marks)}`;

describe("character counter (server rule: grapheme clusters after NFC)", () => {
  it("counts an emoji family or a flag as one character", () => {
    expect(textCount("👨‍👩‍👧‍👦🇩🇰", "free").characters).toBe(2);
  });
  it("counts a decomposed accent as one character", () => {
    expect(textCount("e\u0301", "free").characters).toBe(1);
  });
  it("applies the tier's limit: 500 free, 1,000 paid", () => {
    const text = "a".repeat(600);
    expect(textCount(text, "free")).toMatchObject({ characters: 600, limit: 500, remaining: -100, overLimit: true });
    expect(textCount(text, "paid")).toMatchObject({ limit: 1000, overLimit: false });
    expect(textCount("a".repeat(500), "free").overLimit).toBe(false);
  });
  it("has its own limits for the style: 1,000 free, 2,500 paid", () => {
    expect(styleCount("", "free").limit).toBe(1000);
    expect(styleCount("", "paid").limit).toBe(2500);
  });
  it("also bounds code points at 10 × the character limit: 5,000 / 10,000 for text, 10,000 / 25,000 for the style", () => {
    expect(textCount("", "free").codePointLimit).toBe(5000);
    expect(textCount("", "paid").codePointLimit).toBe(10000);
    expect(styleCount("", "free").codePointLimit).toBe(10000);
    expect(styleCount("", "paid").codePointLimit).toBe(25000);
  });
  it("accepts ordinary text of the full length, even 498 emoji families and an accented word", () => {
    const count = textCount(`${family.repeat(498)} é`, "free");
    expect(count).toMatchObject({ characters: 500, codePoints: 3488, overCodePointLimit: false, overLimit: false, words: 1 });
  });
  it("refuses text padded with combining marks beyond the code-point bound, however few characters it has", () => {
    const padded = `Hello ${zalgo(5000)}`;
    expect(textCount(padded, "free")).toMatchObject({ characters: 7, overCodePointLimit: true, overLimit: true });
    expect(textCount(padded, "paid").overLimit).toBe(false);
    expect(formProblem(input({ text: padded }))).toBe("text_too_long");
    expect(formProblem(input({ text: padded, tier: "paid" }))).toBeNull();
  });
  it("refuses a style over its code-point bound where styles are accepted", () => {
    const style = `warm ${zalgo(10_000)}`;
    expect(styleCount(style, "free")).toMatchObject({ characters: 6, overCodePointLimit: true });
    expect(formProblem(input({ style }))).toBe("style_too_long");
    expect(formProblem(input({ style, tier: "paid" }))).toBeNull();
  });
  it("counts Japanese words by segment, not as one word", () => {
    expect(textCount("今日はいい天気ですね", "free", "ja").words).toBeGreaterThan(1);
  });
  it("does not count punctuation as words", () => {
    expect(textCount("… !!! ?", "free").words).toBe(0);
  });
  it("counts Chinese text as several words", () => {
    const count = textCount("今天天气很好我们去公园散步吧", "free", "zh");
    expect(count.words).toBeGreaterThan(1);
    expect(count.billableWords).toBe(count.words);
  });
});

describe("billable words (what the estimate prices)", () => {
  it("counts one 500-letter word as ceil(500 / 12) = 42 words", () => {
    expect(textCount("a".repeat(500), "free")).toMatchObject({ words: 1, billableWords: 42 });
  });
  it("counts a letter with 200 combining marks as one character but ceil(201 / 12) = 17 words", () => {
    expect(textCount(zalgo(200), "free")).toMatchObject({ characters: 1, codePoints: 201, words: 1, billableWords: 17 });
  });
  it("does not charge for vocal tags in angle brackets", () => {
    expect(textCount("<sigh> hello", "free").billableWords).toBe(1);
    expect(textCount("<laughs softly> hello <half-laugh> there", "free").billableWords).toBe(2);
  });
  it("counts ordinary words of up to 12 letters once each", () => {
    expect(textCount("Hello wonderful world", "free").billableWords).toBe(3);
    expect(textCount("abcdefghijkl abcdefghijklm", "free").billableWords).toBe(3);
  });
});

describe("live estimate (shared price list)", () => {
  it("prices Gemini voices at 6.6 credits a word, rounded up", () => {
    expect(estimateCredits(gemini, "one two three", "")).toBe(20);
  });
  it("prices Orpheus voices at 24 credits a word", () => {
    expect(estimateCredits(orpheus, "one two three", "")).toBe(72);
  });
  it("counts the style's words for Gemini voices only", () => {
    expect(estimateCredits(gemini, "one two three", "warm and slow")).toBe(40);
    expect(estimateCredits(orpheus, "one two three", "warm and slow")).toBe(72);
  });
  it("is zero for text without words", () => {
    expect(estimateCredits(gemini, "   ", "")).toBe(0);
    expect(estimateCredits(gemini, "   ", "warm and slow")).toBe(0);
  });
  it("prices billable words, so one long word costs what its length costs", () => {
    expect(estimateCredits(gemini, "a".repeat(500), "")).toBe(estimateSpeechCredits("gemini", 42));
    expect(estimateCredits(gemini, "a".repeat(500), "")).toBe(278);
    expect(estimateCredits(orpheus, "a".repeat(500), "")).toBe(42 * 24);
    expect(estimateCredits(orpheus, zalgo(200), "")).toBe(17 * 24);
  });
  it("prices a style's long words the same way", () => {
    expect(estimateCredits(gemini, "hello", "x".repeat(24))).toBe(estimateSpeechCredits("gemini", 3));
  });
  it("does not charge for vocal tags, but a text of only a tag still costs the minimum", () => {
    expect(estimateCredits(orpheus, "<sigh> hello", "")).toBe(24);
    expect(estimateCredits(gemini, "<sigh>", "")).toBe(1);
  });
  it("is always a whole number of credits", () => {
    for (const text of ["one", "one two three", "a".repeat(499), zalgo(200), "今天天气很好"]) expect(Number.isInteger(estimateCredits(gemini, text, "warmly"))).toBe(true);
  });
});

describe("form rules", () => {
  it("needs at least one word", () => {
    expect(formProblem(input({ text: " ... " }))).toBe("no_words");
  });
  it("blocks text over the tier limit", () => {
    expect(formProblem(input({ text: "word ".repeat(120) }))).toBe("text_too_long");
    expect(formProblem(input({ text: "word ".repeat(120), tier: "paid" }))).toBeNull();
  });
  it("blocks a style over the limit only where styles are accepted", () => {
    expect(formProblem(input({ style: "x".repeat(1001) }))).toBe("style_too_long");
    expect(formProblem(input({ voice: orpheus, style: "x".repeat(1001) }))).toBeNull();
  });
  it("validates the seed range", () => {
    expect(parseSeed("42")).toBe(42);
    expect(parseSeed("2147483648")).toBeNull();
    expect(parseSeed("-1")).toBeNull();
    expect(formProblem(input({ tier: "paid", seed: "abc" }))).toBe("bad_seed");
  });
  it("never sends paid-only settings for a free user", () => {
    expect(buildRequest({ ...input({ seed: "7", temperature: 1.5 }), voice: gemini })).toEqual({ text: "Hello world", voice: "gemini-kore", locale: "en" });
  });
  it("sends seed, temperature and style for a paid user on a Gemini voice", () => {
    expect(buildRequest({ ...input({ tier: "paid", seed: "7", temperature: 1.5, style: "warmly" }), voice: gemini })).toEqual({
      text: "Hello world",
      voice: "gemini-kore",
      locale: "en",
      style: "warmly",
      seed: 7,
      temperature: 1.5,
    });
  });
  it("sends the chosen file format, and none when nothing was chosen", () => {
    expect(buildRequest({ ...input({ format: "mp3" }), voice: gemini }).format).toBe("mp3");
    expect(buildRequest({ ...input({ format: "wav" }), voice: orpheus }).format).toBe("wav");
    expect("format" in buildRequest({ ...input(), voice: gemini })).toBe(false);
  });
  it("drops the style for voices that do not accept one", () => {
    expect(buildRequest({ ...input({ style: "warmly" }), voice: orpheus }).style).toBeUndefined();
  });
});

describe("a saved voice of the user's own", () => {
  it("is priced as a clone: ceil(words × 66), whatever its provider's speech price", () => {
    expect(estimateCredits(saved, "one two three", "")).toBe(198);
    expect(estimateCredits(saved, "one two three", "")).toBe(estimateCloneCredits(3));
    expect(estimateCredits(saved, "a".repeat(500), "")).toBe(42 * 66);
    expect(estimateCredits(saved, "   ", "")).toBe(0);
  });
  it("takes no style, seed or temperature", () => {
    expect([acceptsStyle(saved), acceptsTuning(saved)]).toEqual([false, false]);
    expect([acceptsStyle(gemini), acceptsTuning(gemini), acceptsTuning(orpheus)]).toEqual([true, true, true]);
    expect(estimateCredits(saved, "one two three", "warm and slow")).toBe(198);
  });
  it("is sent with its id only, even by a paid user who set a seed, a temperature and a style", () => {
    const body = buildRequest({ ...input({ tier: "paid", seed: "7", temperature: 1.5, style: "warmly", locale: "da", format: "mp3" }), voice: saved });
    expect(body).toEqual({ text: "Hello world", voice: "v_123", locale: "da", format: "mp3" });
  });
  it("has the clone's text limit on every plan: 500 characters, 5,000 code points", () => {
    expect(textCount("a".repeat(600), "paid", "da", saved)).toMatchObject({ limit: 500, codePointLimit: 5000, overLimit: true });
    expect(formProblem(input({ voice: saved, tier: "paid", text: "word ".repeat(120) }))).toBe("text_too_long");
    expect(formProblem(input({ voice: gemini, tier: "paid", text: "word ".repeat(120) }))).toBeNull();
  });
  it("does not block the form on a seed it will not send", () => {
    expect(formProblem(input({ voice: saved, tier: "paid", seed: "abc" }))).toBeNull();
    expect(formProblem(input({ voice: saved, style: "x".repeat(5000) }))).toBeNull();
  });
});
