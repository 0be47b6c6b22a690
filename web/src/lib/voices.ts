/**
 * Voice catalogue helpers for the pickers: translated traits and language names, the languages
 * each voice speaks (a multilingual voice speaks every speech language the server accepts),
 * filtering by language and gender, grouping by language (multilingual voices first) with the
 * user's own saved voices as a group of their own before the catalogue.
 */
import type { Voice } from "../../../worker/shared/contracts";
import { SPEECH_LANGUAGES } from "../../../worker/shared/limits";
import type { Translator } from "../i18n/translate";

export type GenderFilter = "all" | Voice["gender"];

export interface VoiceFilters {
  language: string;
  gender: GenderFilter;
  query: string;
}

export const MULTILINGUAL = "multi";

/** Whether the voice has a public sample: saved voices have none (their recording is private). */
export function hasSample(voice: Pick<Voice, "sampleUrl" | "mine">): boolean {
  return voice.mine !== true && voice.sampleUrl !== null;
}

/** `Easy-going` → `trait.easy_going`: the catalogue's English description as a message key. */
export function voiceTraitKey(description: string): string {
  return `trait.${description
    .trim()
    .toLowerCase()
    .replace(/[^a-z]+/g, "_")
    .replace(/^_|_$/g, "")}`;
}

export function voiceTrait(voice: Pick<Voice, "description">, { t, has }: Pick<Translator, "t" | "has">): string {
  const key = voiceTraitKey(voice.description);
  return has(key) ? t(key) : voice.description;
}

export function languageName(code: string, { t, locale }: Pick<Translator, "t" | "locale">): string {
  if (code === MULTILINGUAL) return t("voices.language.multi");
  try {
    const name = new Intl.DisplayNames([locale], { type: "language" }).of(code);
    if (name !== undefined && name !== code) return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    // Not a valid language tag: show it as it came.
  }
  return code;
}

export function genderLabel(gender: Voice["gender"], { t }: Pick<Translator, "t">): string {
  return t(gender === "female" ? "voices.gender.female" : gender === "male" ? "voices.gender.male" : "voices.gender.neutral");
}

/** The engine family a voice belongs to, as the picker names it. */
export function providerLabel(voice: Pick<Voice, "provider" | "modelFamily">): string {
  if (voice.provider === "gemini") return "Gemini";
  if (voice.modelFamily === "orpheus") return "Orpheus";
  if (voice.modelFamily === "chatterbox") return "Chatterbox";
  return voice.modelFamily;
}

export function isMultilingual(voice: Pick<Voice, "language">): boolean {
  return voice.language === MULTILINGUAL;
}

/** The languages a voice speaks: its own, or for a multilingual voice every speech language. */
export function voiceLanguages(voice: Pick<Voice, "language">): readonly string[] {
  return isMultilingual(voice) ? SPEECH_LANGUAGES : [voice.language];
}

export function speaks(voice: Pick<Voice, "language">, language: string): boolean {
  return voiceLanguages(voice).includes(language);
}

/**
 * A voice matches a language filter when it speaks that language (so multilingual voices match
 * every one); "multi" keeps the multilingual voices only. The gender filter leaves the user's
 * own voices in: the server does not know their gender (it lists them as neutral).
 */
export function filterVoices(voices: readonly Voice[], filters: VoiceFilters): Voice[] {
  const query = filters.query.trim().toLowerCase();
  return voices.filter((voice) => {
    if (filters.gender !== "all" && voice.gender !== filters.gender && voice.mine !== true) return false;
    if (filters.language === MULTILINGUAL && !isMultilingual(voice)) return false;
    if (filters.language !== "all" && filters.language !== MULTILINGUAL && !speaks(voice, filters.language)) return false;
    if (query !== "" && !voice.name.toLowerCase().includes(query) && !voice.description.toLowerCase().includes(query)) return false;
    return true;
  });
}

export function groupVoicesByLanguage(voices: readonly Voice[]): Array<{ language: string; voices: Voice[] }> {
  const groups = new Map<string, Voice[]>();
  for (const voice of voices) {
    const list = groups.get(voice.language) ?? [];
    list.push(voice);
    groups.set(voice.language, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === MULTILINGUAL ? -1 : b === MULTILINGUAL ? 1 : a.localeCompare(b)))
    .map(([language, list]) => ({ language, voices: list.sort((x, y) => x.sortOrder - y.sortOrder) }));
}

export interface PickerGroup {
  /** "mine" for the user's own voices, else the language code (or "multi"). */
  key: string;
  mine: boolean;
  voices: Voice[];
}

/** The picker's groups: the user's own voices first (in the order saved), then by language. */
export function pickerGroups(voices: readonly Voice[]): PickerGroup[] {
  const mine = voices.filter((voice) => voice.mine === true);
  const catalogue = groupVoicesByLanguage(voices.filter((voice) => voice.mine !== true)).map((group) => ({ key: group.language, mine: false, voices: group.voices }));
  return mine.length === 0 ? catalogue : [{ key: "mine", mine: true, voices: mine }, ...catalogue];
}

/**
 * The language filter's choices: every language some voice speaks (multilingual voices bring
 * every speech language), by name in the page's language, and whether "multilingual only" applies.
 */
export function languageChoices(voices: readonly Voice[], i18n: Pick<Translator, "t" | "locale">): { multilingual: boolean; languages: Array<{ code: string; name: string }> } {
  const codes = new Set(voices.flatMap((voice) => voiceLanguages(voice)));
  const languages = [...codes].map((code) => ({ code, name: languageName(code, i18n) })).sort((a, b) => a.name.localeCompare(b.name, i18n.locale));
  return { multilingual: voices.some(isMultilingual), languages };
}

/** Orpheus names are lower-case in the catalogue; show them as names. */
export function displayVoiceName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A voice's name as shown: a saved voice keeps the name its owner gave it, exactly. */
export function voiceLabel(voice: Pick<Voice, "name" | "mine">): string {
  return voice.mine === true ? voice.name : displayVoiceName(voice.name);
}
