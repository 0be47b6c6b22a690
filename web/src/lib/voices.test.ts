import { describe, expect, it } from "vitest";
import type { Voice } from "../../../worker/shared/contracts";
import { catalogueLanguages, filterVoices, groupVoicesByLanguage, hasSample, pickerGroups, voiceLabel, voiceTraitKey } from "./voices";

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
    expect(catalogueLanguages(withMine)).toEqual(["multi", "da", "en"]);
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
