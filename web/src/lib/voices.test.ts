import { describe, expect, it } from "vitest";
import type { Voice } from "../../../worker/shared/contracts";
import { SPEECH_LANGUAGES } from "../../../worker/shared/limits";
import en from "../i18n/messages/en";
import de from "../i18n/messages/de";
import { createTranslator } from "../i18n/translate";
import { filterVoices, groupVoicesByLanguage, hasSample, isMultilingual, languageChoices, pickerGroups, speaks, voiceLabel, voiceLanguages, voiceTraitKey } from "./voices";

const voice = (id: string, language: string, gender: Voice["gender"], sortOrder: number, name = id): Voice => ({
  id,
  name,
  provider: language === "multi" ? "gemini" : "replicate",
  modelFamily: "x",
  language,
  gender,
  description: "Warm",
  feature: "tts",
  sortOrder,
  sampleUrl: `/api/voices/${id}/sample`,
  mine: false,
});

/** A saved voice as the server lists it for its owner: after the catalogue, neutral, no sample. */
const mine = (id: string, name: string, language: string): Voice => ({
  ...voice(id, language, "neutral", 2000, name),
  provider: "replicate",
  modelFamily: "chatterbox",
  description: "Your cloned voice",
  sampleUrl: null,
  mine: true,
});

const catalogue = [voice("tara", "en", "female", 101), voice("zephyr", "multi", "female", 1), voice("puck", "multi", "male", 2), voice("leo", "en", "male", 104)];

describe("voice filters", () => {
  it("lists multilingual voices first, then each language, each in catalogue order", () => {
    expect(groupVoicesByLanguage(catalogue).map((group) => [group.language, group.voices.map((v) => v.id)])).toEqual([
      ["multi", ["zephyr", "puck"]],
      ["en", ["tara", "leo"]],
    ]);
  });
  it("includes multilingual voices when filtering by a language they speak", () => {
    expect(filterVoices(catalogue, { language: "en", gender: "all", query: "" }).map((v) => v.id)).toEqual(["tara", "zephyr", "puck", "leo"]);
    expect(filterVoices(catalogue, { language: "multi", gender: "all", query: "" }).map((v) => v.id)).toEqual(["zephyr", "puck"]);
  });
  it("filters by gender and by name", () => {
    expect(filterVoices(catalogue, { language: "all", gender: "male", query: "" }).map((v) => v.id)).toEqual(["puck", "leo"]);
    expect(filterVoices(catalogue, { language: "all", gender: "all", query: "ZEP" }).map((v) => v.id)).toEqual(["zephyr"]);
  });
  it("turns a catalogue description into a message key", () => {
    expect(voiceTraitKey("Easy-going")).toBe("trait.easy_going");
    expect(voiceTraitKey("Warm and conversational")).toBe("trait.warm_and_conversational");
  });
});

describe("the user's own saved voices in the picker", () => {
  const withMine = [...catalogue, mine("v_1", "studio me", "da"), mine("v_2", "Podcast", "en")];
  it("come first, as a group of their own in the order saved, and not in a language group", () => {
    const groups = pickerGroups(withMine);
    expect(groups.map((group) => [group.key, group.mine, group.voices.map((v) => v.id)])).toEqual([
      ["mine", true, ["v_1", "v_2"]],
      ["multi", false, ["zephyr", "puck"]],
      ["en", false, ["tara", "leo"]],
    ]);
    expect(pickerGroups(catalogue).some((group) => group.mine)).toBe(false);
  });
  it("offer only real language codes to the language filter", () => {
    const codes = languageChoices(withMine, createTranslator("en", en)).languages.map((choice) => choice.code);
    expect(codes).not.toContain("multi");
    expect(codes).toContain("da");
  });
  it("follow the language filter and the search, but stay under any gender (the server does not know it)", () => {
    expect(filterVoices(withMine, { language: "da", gender: "all", query: "" }).map((v) => v.id)).toEqual(["zephyr", "puck", "v_1"]);
    expect(filterVoices(withMine, { language: "all", gender: "female", query: "" }).map((v) => v.id)).toEqual(["tara", "zephyr", "v_1", "v_2"]);
    expect(filterVoices(withMine, { language: "all", gender: "all", query: "podc" }).map((v) => v.id)).toEqual(["v_2"]);
  });
  it("have no sample and keep the name their owner gave them", () => {
    expect(withMine.filter(hasSample).map((v) => v.id)).toEqual(["tara", "zephyr", "puck", "leo"]);
    expect(voiceLabel(withMine[4]!)).toBe("studio me");
    expect(voiceLabel(catalogue[0]!)).toBe("Tara");
  });
});

describe("the language filter", () => {
  const orpheusOnly = catalogue.filter((v) => !isMultilingual(v));
  const withGerman = [...catalogue, voice("hans", "de", "male", 200)];

  it("offers every language the voices speak: a multilingual voice brings every speech language", () => {
    const { multilingual, languages } = languageChoices(catalogue, createTranslator("en", en));
    expect(multilingual).toBe(true);
    expect(languages.map((choice) => choice.code).sort()).toEqual([...SPEECH_LANGUAGES].sort());
    expect(languages.find((choice) => choice.code === "de")?.name).toBe("German");
  });

  it("offers only the languages spoken when no voice is multilingual, and no multilingual choice", () => {
    expect(languageChoices(orpheusOnly, createTranslator("en", en))).toEqual({ multilingual: false, languages: [{ code: "en", name: "English" }] });
  });

  it("names and sorts the languages in the page's language", () => {
    const names = languageChoices(catalogue, createTranslator("de", de)).languages.map((choice) => choice.name);
    expect(names).toContain("Deutsch");
    expect(names).toContain("Englisch");
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "de")));
  });

  it("lists for a language the voices that speak it: its own and the multilingual ones, not the others", () => {
    expect(filterVoices(withGerman, { language: "de", gender: "all", query: "" }).map((v) => v.id)).toEqual(["zephyr", "puck", "hans"]);
    expect(filterVoices(withGerman, { language: "en", gender: "all", query: "" }).map((v) => v.id)).toEqual(["tara", "zephyr", "puck", "leo"]);
    expect(filterVoices(orpheusOnly, { language: "de", gender: "all", query: "" })).toEqual([]);
  });

  it("says which languages a voice speaks", () => {
    expect(voiceLanguages(catalogue[0]!)).toEqual(["en"]);
    expect(voiceLanguages(catalogue[1]!)).toEqual(SPEECH_LANGUAGES);
    expect(speaks(catalogue[1]!, "ja")).toBe(true);
    expect(speaks(catalogue[0]!, "ja")).toBe(false);
  });
});
