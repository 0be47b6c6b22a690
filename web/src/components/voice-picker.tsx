/**
 * The voice chooser: filter by language (every language the voices speak, or multilingual only),
 * gender and name, then the voice list (voice-list.tsx: one composite widget, one Tab stop). The
 * user's own saved voices come first as "My voices", with a clone mark where the sample mark
 * would be (their recording is private). VoiceAvatar is the one sample button, for the chosen voice.
 */
import { useId, useMemo } from "react";
import type { Voice } from "../../../worker/shared/contracts";
import { useI18n } from "../i18n/i18n";
import { SPEECH_LANGUAGES } from "../../../worker/shared/limits";
import { filterVoices, genderLabel, hasSample, isMultilingual, languageChoices, MULTILINGUAL, pickerGroups, type GenderFilter, type VoiceFilters } from "../lib/voices";
import { CloneIcon, GlobeIcon } from "./icons";
import { SampleButton } from "./sample-player";
import { VoiceList } from "./voice-list";

export { providerLabel } from "../lib/voices";

interface VoicePickerProps {
  voices: readonly Voice[];
  selectedId: string | null;
  onSelect: (voice: Voice) => void;
  filters: VoiceFilters;
  onFiltersChange: (filters: VoiceFilters) => void;
}

const GENDERS: GenderFilter[] = ["all", "female", "male", "neutral"];

/** The chosen voice's sample button, or for a saved voice a mark in its place. */
export function VoiceAvatar({ voice, name }: { voice: Voice; name: string }) {
  if (hasSample(voice)) return <SampleButton voiceId={voice.id} voiceName={name} />;
  return (
    <span className="inline-flex size-9 shrink-0 items-center justify-center rounded-full bg-violet-50 text-violet-600" data-testid="saved-voice-mark">
      <CloneIcon className="size-4" />
    </span>
  );
}

export function VoicePicker({ voices, selectedId, onSelect, filters, onFiltersChange }: VoicePickerProps) {
  const i18n = useI18n();
  const { t, tp } = i18n;
  const languageId = useId();
  const searchId = useId();
  const groupName = useId();
  const hintId = useId();
  const choices = useMemo(() => languageChoices(voices, i18n), [voices, i18n]);
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
            data-testid="voice-language"
            value={filters.language}
            onChange={(event) => onFiltersChange({ ...filters, language: event.target.value })}
            className="mt-1 h-10 w-full rounded-lg border border-slate-300 bg-white px-2 text-sm"
          >
            <option value="all">{t("voices.allLanguages")}</option>
            {choices.multilingual && <option value={MULTILINGUAL}>{t("voices.multilingualOnly")}</option>}
            {choices.languages.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {choice.name}
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
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 text-xs text-slate-500">
        <p aria-live="polite">{tp("voices.shown", shown)}</p>
        <p id={hintId}>{t("voices.keyboardHint")}</p>
        {groups.some((group) => group.voices.some(isMultilingual)) && (
          <p className="flex w-full items-center gap-1 text-violet-700" data-testid="multilingual-legend">
            <GlobeIcon className="size-3.5 shrink-0" aria-hidden="true" />
            {t("voices.multilingualTitle", { count: SPEECH_LANGUAGES.length })}
          </p>
        )}
      </div>
      <VoiceList groups={groups} selectedId={selectedId} onSelect={onSelect} describedBy={hintId} />
    </div>
  );
}
