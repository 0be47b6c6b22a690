import { describe, expect, it } from "vitest";
import type { Voice } from "../../../worker/shared/contracts";
import { filterVoices, groupVoicesByLanguage, voiceTraitKey } from "./voices";

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
