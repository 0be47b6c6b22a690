import { describe, expect, it } from "vitest";
import seedVoicesSql from "../../../migrations/0002_seed_voices.sql?raw";
import en from "./messages/en";
import es from "./messages/es";
import de from "./messages/de";
import da from "./messages/da";
import itMessages from "./messages/it";
import fr from "./messages/fr";
import { LOCALES, type Locale } from "./routing";
import { createTranslator, type Messages } from "./translate";
import { voiceTraitKey } from "../lib/voices";

const dictionaries: Record<Locale, Messages> = { en, es, de, da, it: itMessages, fr };
const englishKeys = Object.keys(en).sort();
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("translations are complete", () => {
  it("has a dictionary for every UI locale", () => {
    expect(Object.keys(dictionaries).sort()).toEqual([...LOCALES].sort());
  });

  for (const locale of LOCALES) {
    describe(locale, () => {
      const messages = dictionaries[locale] as Record<string, string>;
      it("has exactly the English keys (none missing, none extra)", () => {
        const keys = Object.keys(messages).sort();
        expect(
          englishKeys.filter((key) => !keys.includes(key)),
          "missing keys",
        ).toEqual([]);
        expect(
          keys.filter((key) => !englishKeys.includes(key)),
          "unknown keys",
        ).toEqual([]);
      });
      it("has no empty message", () => {
        expect(
          Object.entries(messages)
            .filter(([, value]) => value.trim() === "")
            .map(([key]) => key),
        ).toEqual([]);
      });
      it("uses the same placeholders as English in every message", () => {
        const mismatched = englishKeys.filter((key) => placeholders(messages[key] ?? "").join() !== placeholders((en as Record<string, string>)[key] ?? "").join());
        expect(mismatched).toEqual([]);
      });
    });
  }

  it("really translates: most messages differ from English", () => {
    for (const locale of LOCALES.filter((code) => code !== "en")) {
      const messages = dictionaries[locale] as Record<string, string>;
      const same = englishKeys.filter((key) => messages[key] === (en as Record<string, string>)[key] && (en as Record<string, string>)[key]!.length > 12);
      expect(same, `${locale} messages identical to English`).toEqual([]);
    }
  });

  it("has a translated trait for every speech voice in the catalogue seed", () => {
    const descriptions = [...seedVoicesSql.matchAll(/\('[^']+', '[^']+', '[^']+', '[^']+', '[^']+', '[^']+', '([^']+)', 'tts'/g)].map((match) => match[1]!);
    expect(descriptions.length).toBeGreaterThanOrEqual(38);
    const missing = descriptions.filter((description) => !(voiceTraitKey(description) in en));
    expect(missing).toEqual([]);
  });
});

describe("translator", () => {
  it("fills placeholders and formats numbers for the locale", () => {
    const t = createTranslator("de", de);
    expect(t.t("generate.counter", { count: 1234, limit: 5000 })).toBe("1.234 / 5.000 Zeichen");
  });
  it("chooses plural forms with the locale's rules", () => {
    expect(createTranslator("en", en).tp("credits.amount", 1)).toBe("1 credit");
    expect(createTranslator("en", en).tp("credits.amount", 0)).toBe("0 credits");
    // French treats 0 and 1 as singular.
    expect(createTranslator("fr", fr).tp("generate.creditsUsed", 0)).toBe("0 crédit utilisé");
    expect(createTranslator("fr", fr).tp("generate.creditsUsed", 2000)).toMatch(/^2\s000 crédits utilisés$/);
  });
  it("knows which run-time keys exist", () => {
    const t = createTranslator("en", en);
    expect(t.has("trait.warm")).toBe(true);
    expect(t.has("trait.does_not_exist")).toBe(false);
  });
  it("formats durations as m:ss and SQLite timestamps as dates", () => {
    const t = createTranslator("en", en);
    expect(t.formatDuration(65.4)).toBe("1:05");
    expect(t.formatDate("2026-11-25 18:30:00")).toMatch(/2026/);
  });
});
