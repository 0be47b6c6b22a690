import { describe, expect, it } from "vitest";
import type { Voice } from "../../../worker/shared/contracts";
import { buildRequest, estimateCredits, formProblem, parseSeed, styleCount, textCount, type FormInput } from "./speech-input";

const gemini: Voice = { id: "gemini-kore", name: "Kore", provider: "gemini", modelFamily: "gemini-tts", language: "multi", gender: "female", description: "Firm", feature: "tts", sortOrder: 4 };
const orpheus: Voice = { id: "orpheus-tara", name: "tara", provider: "replicate", modelFamily: "orpheus", language: "en", gender: "female", description: "Warm and conversational", feature: "tts", sortOrder: 101 };

const input = (overrides: Partial<FormInput> = {}): FormInput => ({ voice: gemini, text: "Hello world", style: "", seed: "", temperature: null, locale: "en", tier: "free", ...overrides });

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
  it("counts Japanese words by segment, not as one word", () => {
    expect(textCount("今日はいい天気ですね", "free", "ja").words).toBeGreaterThan(1);
  });
  it("does not count punctuation as words", () => {
    expect(textCount("… !!! ?", "free").words).toBe(0);
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
  it("drops the style for voices that do not accept one", () => {
    expect(buildRequest({ ...input({ style: "warmly" }), voice: orpheus }).style).toBeUndefined();
  });
});
