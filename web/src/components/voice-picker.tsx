/**
 * The voice chooser: filter by language and gender, search by name, voices grouped by language
 * with a sample to hear, and the user's own saved voices first as "My voices" (a clone mark where
 * the sample button would be: their recording is private). A native radio group underneath, so arrow keys
 * and screen readers work.
 */
import { useId, useMemo } from "react";
import type { Voice } from "../../../worker/shared/contracts";
import { useI18n } from "../i18n/i18n";
import { catalogueLanguages, filterVoices, genderLabel, hasSample, languageName, pickerGroups, voiceLabel, voiceTrait, type GenderFilter, type VoiceFilters } from "../lib/voices";
import { CloneIcon } from "./icons";
import { SampleButton } from "./sample-player";

interface VoicePickerProps {
  voices: readonly Voice[];
  selectedId: string | null;
  onSelect: (voice: Voice) => void;
  filters: VoiceFilters;
  onFiltersChange: (filters: VoiceFilters) => void;
}

const GENDERS: GenderFilter[] = ["all", "female", "male", "neutral"];

export function providerLabel(voice: Pick<Voice, "provider" | "modelFamily">): string {
  if (voice.provider === "gemini") return "Gemini";
  if (voice.modelFamily === "orpheus") return "Orpheus";
  if (voice.modelFamily === "chatterbox") return "Chatterbox";
  return voice.modelFamily;
}

/** Where a voice's sample button would be: the button, or for a saved voice a mark in its place. */
export function VoiceAvatar({ voice, name }: { voice: Voice; name: string }) {
  if (hasSample(voice)) return <SampleButton voiceId={voice.id} voiceName={name} />;
  return (
    <span className="inline-flex size-9 shrink-0 items-center justify-center rounded-full bg-violet-50 text-violet-600" data-testid="saved-voice-mark">
      <CloneIcon className="size-4" />
    </span>
  );
}

function groupProviders(voices: readonly Voice[]): string {
  return [...new Set(voices.map(providerLabel))].join(", ");
}

export function VoicePicker({ voices, selectedId, onSelect, filters, onFiltersChange }: VoicePickerProps) {
  const i18n = useI18n();
  const { t, tp } = i18n;
  const languageId = useId();
  const searchId = useId();
  const groupName = useId();
  const languages = useMemo(() => catalogueLanguages(voices), [voices]);
  // Saved voices are listed as neutral without being so: they offer no gender chip of their own.
  const genders = GENDERS.filter((gender) => gender === "all" || voices.some((voice) => voice.gender === gender && voice.mine !== true));
  const groups = useMemo(() => pickerGroups(filterVoices(voices, filters)), [voices, filters]);
  const shown = groups.reduce((total, group) => total + group.voices.length, 0);

  return (
    <div className="flex min-h-0 flex-col gap-3">
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={languageId} className="block text-xs font-medium text-slate-600">
            {t("voices.filterLanguage")}
          </label>
          <select
            id={languageId}
            value={filters.language}
            onChange={(event) => onFiltersChange({ ...filters, language: event.target.value })}
            className="mt-1 h-10 w-full rounded-lg border border-slate-300 bg-white px-2 text-sm"
          >
            <option value="all">{t("voices.allLanguages")}</option>
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageName(code, i18n)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={searchId} className="block text-xs font-medium text-slate-600">
            {t("voices.search")}
          </label>
          <input
            id={searchId}
            type="search"
            value={filters.query}
            onChange={(event) => onFiltersChange({ ...filters, query: event.target.value })}
            placeholder={t("voices.searchPlaceholder")}
            className="mt-1 h-10 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm"
          />
        </div>
      </div>
      <fieldset>
        <legend className="sr-only">{t("voices.filterGender")}</legend>
        <div className="flex flex-wrap gap-1.5">
          {genders.map((gender) => (
            <label
              key={gender}
              className="relative cursor-pointer rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-700 transition-colors has-checked:border-slate-900 has-checked:bg-slate-900 has-checked:text-white has-focus-visible:ring-2 has-focus-visible:ring-rose-500 has-focus-visible:ring-offset-2"
            >
              <input type="radio" name={`${groupName}-gender`} value={gender} checked={filters.gender === gender} onChange={() => onFiltersChange({ ...filters, gender })} className="sr-only" />
              {gender === "all" ? t("voices.allGenders") : genderLabel(gender, i18n)}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="text-xs text-slate-500" aria-live="polite">
        {tp("voices.shown", shown)}
      </p>
      <div role="radiogroup" aria-label={t("voices.title")} className="-mx-1 max-h-[26rem] min-h-0 overflow-y-auto px-1 pb-1 lg:max-h-[calc(100dvh-22rem)]">
        {groups.length === 0 && <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">{t("voices.none")}</p>}
        {groups.map((group) => (
          <div key={group.key} className="mb-4 last:mb-0" data-testid={group.mine ? "my-voices-group" : undefined}>
            <h3 className="sticky top-0 z-10 bg-white/95 py-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase backdrop-blur">
              {group.mine ? t("voices.mine") : languageName(group.key, i18n)}{" "}
              <span className="font-normal normal-case">
                · {group.mine ? "" : `${groupProviders(group.voices)} `}({group.voices.length})
              </span>
            </h3>
            <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2">
              {group.voices.map((voice) => {
                const name = voiceLabel(voice);
                const selected = voice.id === selectedId;
                return (
                  <li key={voice.id}>
                    <label
                      className={`relative flex cursor-pointer items-center gap-2.5 rounded-xl border p-2 transition-colors has-focus-visible:ring-2 has-focus-visible:ring-rose-500 has-focus-visible:ring-offset-1 ${
                        selected ? "border-rose-400 bg-rose-50/70 ring-1 ring-rose-400" : "border-slate-200 bg-white hover:border-slate-300 hover:bg-slate-50"
                      }`}
                    >
                      <input type="radio" name={`${groupName}-voice`} value={voice.id} checked={selected} onChange={() => onSelect(voice)} className="sr-only" />
                      <VoiceAvatar voice={voice} name={name} />
                      <span className="min-w-0 flex-1">
                        <span className="block truncate font-semibold text-slate-900" title={name}>
                          {name}
                        </span>
                        <span className="block truncate text-xs text-slate-500">
                          {voiceTrait(voice, i18n)} · {voice.mine ? languageName(voice.language, i18n) : genderLabel(voice.gender, i18n)}
                        </span>
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </div>
  );
}
