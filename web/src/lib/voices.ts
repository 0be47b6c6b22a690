/**
 * Voice catalogue helpers for the pickers: translated traits and language names, filtering by
 * language and gender, grouping by language (multilingual voices first).
 */
import type { Voice } from "../../../worker/shared/contracts";
import type { Translator } from "../i18n/translate";

export type GenderFilter = "all" | Voice["gender"];

export interface VoiceFilters {
  language: string;
  gender: GenderFilter;
  query: string;
}

export const MULTILINGUAL = "multi";

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

/**
 * A multilingual voice matches every language filter (it speaks them all); a language-specific
 * voice matches its own language only.
 */
export function filterVoices(voices: readonly Voice[], filters: VoiceFilters): Voice[] {
  const query = filters.query.trim().toLowerCase();
  return voices.filter((voice) => {
    if (filters.gender !== "all" && voice.gender !== filters.gender) return false;
    if (filters.language !== "all") {
      if (filters.language === MULTILINGUAL) {
        if (voice.language !== MULTILINGUAL) return false;
      } else if (voice.language !== MULTILINGUAL && voice.language !== filters.language) return false;
    }
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

/** Languages present in the catalogue, for the filter: multilingual first. */
export function catalogueLanguages(voices: readonly Voice[]): string[] {
  return groupVoicesByLanguage(voices).map((group) => group.language);
}

/** Orpheus names are lower-case in the catalogue; show them as names. */
export function displayVoiceName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
