/**
 * The Call page's choices before connecting: the character presets, the realtime voices (each
 * with its sample), the conversation's language, and the paid settings (instructions, model,
 * temperature, answer length) — open to paid users, shown locked with a note to everyone else.
 * Native radio groups and labelled inputs; the page owns the state.
 */
import { useId } from "react";
import { Link } from "../router";
import type { CallModel, CallPreset } from "../../../worker/shared/calls";
import type { Voice } from "../../../worker/shared/contracts";
import { useI18n } from "../i18n/i18n";
import { localizePath } from "../i18n/routing";
import { CALL_INSTRUCTIONS_LIMIT, CALL_MAX_OUTPUT_TOKENS, instructionsLength, type CallForm } from "../lib/call-request";
import { displayVoiceName, genderLabel, languageName, voiceTrait } from "../lib/voices";
import { LockIcon } from "./icons";
import { SampleButton } from "./sample-player";
import { Badge } from "./ui";

type Preset = Omit<CallPreset, "instructions">;

const choiceClass = (selected: boolean) =>
  `relative flex cursor-pointer items-center gap-2.5 rounded-xl border p-2.5 transition-colors has-focus-visible:ring-2 has-focus-visible:ring-rose-500 has-focus-visible:ring-offset-1 has-disabled:cursor-not-allowed has-disabled:opacity-60 ${
    selected ? "border-rose-400 bg-rose-50/70 ring-1 ring-rose-400" : "border-slate-200 bg-white hover:border-slate-300 hover:bg-slate-50"
  }`;

/** The voice a preset names, by id or by name (the server accepts either). */
export function findCallVoice(voices: readonly Voice[], idOrName: string | null | undefined): Voice | undefined {
  if (idOrName === null || idOrName === undefined) return undefined;
  const wanted = idOrName.toLowerCase();
  return voices.find((voice) => voice.id.toLowerCase() === wanted || voice.name.toLowerCase() === wanted);
}

export function PresetPicker({
  presets,
  voices,
  selectedId,
  onSelect,
  disabled,
}: {
  presets: readonly Preset[];
  voices: readonly Voice[];
  selectedId: string | null;
  onSelect: (preset: Preset) => void;
  disabled: boolean;
}) {
  const { t } = useI18n();
  const name = useId();
  if (presets.length === 0) return <p className="rounded-xl border border-dashed border-slate-300 p-4 text-sm text-slate-500">{t("call.presetsEmpty")}</p>;
  return (
    <div role="radiogroup" aria-label={t("call.presets")} className="grid gap-2 sm:grid-cols-2">
      {presets.map((preset) => {
        const voice = findCallVoice(voices, preset.voice);
        return (
          <label key={preset.id} className={`${choiceClass(preset.id === selectedId)} items-start`} data-testid="call-preset">
            <input type="radio" name={name} value={preset.id} checked={preset.id === selectedId} disabled={disabled} onChange={() => onSelect(preset)} className="sr-only" />
            <span className="min-w-0 flex-1">
              <span className="block font-semibold text-slate-900">{preset.name}</span>
              <span className="mt-0.5 block text-xs text-slate-600">{preset.description}</span>
              {voice !== undefined && <span className="mt-1 block text-xs text-slate-600">{t("call.presetVoice", { voice: displayVoiceName(voice.name) })}</span>}
            </span>
          </label>
        );
      })}
    </div>
  );
}

export function CallVoicePicker({ voices, selectedId, onSelect, disabled }: { voices: readonly Voice[]; selectedId: string | null; onSelect: (voice: Voice) => void; disabled: boolean }) {
  const i18n = useI18n();
  const name = useId();
  return (
    <div role="radiogroup" aria-label={i18n.t("call.voices")} data-testid="call-voices" className="grid grid-cols-1 gap-2 min-[24rem]:grid-cols-2">
      {voices.map((voice) => {
        const label = displayVoiceName(voice.name);
        return (
          <div key={voice.id}>
            <label className={`${choiceClass(voice.id === selectedId)} h-full`}>
              <input type="radio" name={name} value={voice.id} checked={voice.id === selectedId} disabled={disabled} onChange={() => onSelect(voice)} className="sr-only" />
              <SampleButton voiceId={voice.id} voiceName={label} />
              <span className="min-w-0 flex-1 break-words">
                <span className="block truncate font-semibold text-slate-900">{label}</span>
                <span className="block text-xs text-slate-600">
                  {voiceTrait(voice, i18n)} · {genderLabel(voice.gender, i18n)}
                </span>
              </span>
            </label>
          </div>
        );
      })}
    </div>
  );
}

export function CallLanguage({ value, languages, onChange, disabled }: { value: string; languages: readonly string[]; onChange: (language: string) => void; disabled: boolean }) {
  const i18n = useI18n();
  const id = useId();
  const options = [...languages].sort((a, b) => languageName(a, i18n).localeCompare(languageName(b, i18n), i18n.locale));
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {i18n.t("call.language")}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        className="mt-1.5 h-11 w-full rounded-xl border border-slate-300 bg-white px-3 text-sm disabled:bg-slate-100 sm:max-w-xs"
      >
        {options.map((code) => (
          <option key={code} value={code}>
            {languageName(code, i18n)}
          </option>
        ))}
      </select>
    </div>
  );
}

interface PaidSettingsProps {
  form: CallForm;
  models: readonly CallModel[];
  paid: boolean;
  disabled: boolean;
  onChange: (change: Partial<CallForm>) => void;
}

export function PaidCallSettings({ form, models, paid, disabled, onChange }: PaidSettingsProps) {
  const { t, locale } = useI18n();
  const ids = { help: useId(), instructions: useId(), count: useId(), model: useId(), temperature: useId(), tokens: useId(), tokensHelp: useId() };
  const length = instructionsLength(form.instructions);
  const tooLong = length > CALL_INSTRUCTIONS_LIMIT;
  const input = "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 text-sm disabled:cursor-not-allowed disabled:bg-slate-100";
  return (
    <fieldset disabled={!paid || disabled} className="rounded-xl border border-slate-200 p-4" aria-describedby={ids.help} data-testid="call-paid-settings">
      <legend className="flex items-center gap-2 px-1 text-sm font-medium text-slate-800">
        {t("call.advanced")}
        {!paid && (
          <Badge tone="amber">
            <LockIcon className="size-3" />
            {t("plan.paidOnly")}
          </Badge>
        )}
      </legend>
      <p id={ids.help} className="mb-3 text-xs text-slate-600" data-testid="call-paid-note">
        {paid ? (
          t("call.advancedHelp")
        ) : (
          <>
            {t("call.paidNote")}{" "}
            <Link to={`${localizePath(locale, "/dashboard/credits")}#buy`} className="font-semibold text-rose-600 underline-offset-2 hover:underline">
              {t("error.buyCredits")}
            </Link>
          </>
        )}
      </p>
      <div className="flex items-end justify-between gap-2">
        <label htmlFor={ids.instructions} className="block text-sm font-medium text-slate-700">
          {t("call.instructions")} <span className="font-normal text-slate-500">({t("common.optional")})</span>
        </label>
        <span id={ids.count} className={`text-xs tabular-nums ${tooLong ? "font-semibold text-red-600" : "text-slate-500"}`}>
          {t("call.instructionsCount", { count: length, limit: CALL_INSTRUCTIONS_LIMIT })}
        </span>
      </div>
      <textarea
        id={ids.instructions}
        rows={4}
        value={form.instructions}
        onChange={(event) => onChange({ instructions: event.target.value })}
        placeholder={t("call.instructionsPlaceholder")}
        aria-describedby={`${ids.count} ${ids.help}`}
        aria-invalid={tooLong || undefined}
        className={`${input} py-2`}
      />
      <p className="mt-1 text-xs text-slate-500">{t("call.instructionsHelp")}</p>
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <label htmlFor={ids.model} className="block text-sm font-medium text-slate-700">
            {t("call.model")}
          </label>
          <select id={ids.model} value={form.model} onChange={(event) => onChange({ model: event.target.value as CallModel })} className={`${input} h-10`}>
            {models.map((model) => (
              <option key={model} value={model}>
                {model}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.temperature} className="flex justify-between text-sm font-medium text-slate-700">
            <span>{t("call.temperature")}</span>
            <span className="tabular-nums text-slate-500">{new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(form.temperature)}</span>
          </label>
          <input
            id={ids.temperature}
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={form.temperature}
            onChange={(event) => onChange({ temperature: Number(event.target.value) })}
            className="mt-3 block w-full accent-rose-500 disabled:cursor-not-allowed"
          />
        </div>
        <div>
          <label htmlFor={ids.tokens} className="block text-sm font-medium text-slate-700">
            {t("call.maxOutputTokens")}
          </label>
          <input
            id={ids.tokens}
            type="number"
            inputMode="numeric"
            min={1}
            max={CALL_MAX_OUTPUT_TOKENS}
            step={1}
            value={form.maxOutputTokens}
            onChange={(event) => onChange({ maxOutputTokens: event.target.value })}
            aria-describedby={ids.tokensHelp}
            className={`${input} h-10`}
          />
          <p id={ids.tokensHelp} className="mt-1 text-xs text-slate-500">
            {t("call.maxOutputTokensHelp", { limit: CALL_MAX_OUTPUT_TOKENS })}
          </p>
        </div>
      </div>
    </fieldset>
  );
}
