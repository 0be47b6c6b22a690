/**
 * The voice list as ONE composite widget, the WAI-ARIA APG radio group with a roving tabindex:
 * a single Tab stop (the chosen voice, or the first listed), the arrow keys and Home/End move and
 * choose, Space plays or stops the focused voice's sample. Voices sit in groups labelled by their
 * heading (My voices, then by language). A voice's sample mark plays it on click but is not a
 * button: a focusable element inside a radio would be a second Tab stop per voice and an axe
 * nested-interactive violation; keyboard users have Space, and Generate's selected-voice panel
 * has one labelled sample button. Only on wide screens (lg) does the list scroll inside itself;
 * narrower, the page is the one scroll.
 */
import { useId, useRef, type KeyboardEvent } from "react";
import type { Voice } from "../../../worker/shared/contracts";
import { SPEECH_LANGUAGES } from "../../../worker/shared/limits";
import { useI18n } from "../i18n/i18n";
import { movedIndex, tabStopIndex } from "../lib/roving-focus";
import { genderLabel, hasSample, isMultilingual, languageName, type PickerGroup, providerLabel, voiceLabel, voiceTrait } from "../lib/voices";
import { CloneIcon, GlobeIcon, PlayIcon, Spinner, StopIcon } from "./icons";
import { toggleSample, useSampleState } from "./sample-player";

interface VoiceListProps {
  groups: readonly PickerGroup[];
  selectedId: string | null;
  onSelect: (voice: Voice) => void;
  /** The id of the visible keyboard hint. */
  describedBy: string;
}

function providers(voices: readonly Voice[]): string {
  return [...new Set(voices.map(providerLabel))].join(", ");
}

/** Play/stop state of a voice's sample, shown where the sample button used to be; pointer only. */
function SampleMark({ voice }: { voice: Voice }) {
  const { t } = useI18n();
  const sample = useSampleState();
  if (!hasSample(voice)) {
    return (
      <span className="inline-flex size-9 shrink-0 items-center justify-center rounded-full bg-violet-50 text-violet-600" data-testid="saved-voice-mark" aria-hidden="true">
        <CloneIcon className="size-4" />
      </span>
    );
  }
  const active = sample.voiceId === voice.id;
  const busy = active && (sample.phase === "playing" || sample.phase === "loading");
  return (
    // A pointer shortcut, hidden from assistive technology; the keyboard has Space on the voice.
    <span
      aria-hidden="true"
      data-testid="sample-mark"
      data-playing={busy}
      title={t(busy ? "voices.stopSample" : "voices.playSample", { name: voiceLabel(voice) })}
      onClick={(event) => {
        event.stopPropagation();
        toggleSample(voice.id);
      }}
      className={`inline-flex size-9 shrink-0 items-center justify-center rounded-full transition-colors ${
        busy ? "bg-rose-500 text-white" : active && sample.phase === "error" ? "bg-red-100 text-red-700" : "bg-slate-900/5 text-slate-800 hover:bg-rose-100 hover:text-rose-700"
      }`}
    >
      {active && sample.phase === "loading" ? <Spinner className="size-4" /> : busy ? <StopIcon className="size-4" /> : <PlayIcon className="size-4 translate-x-px" />}
    </span>
  );
}

export function VoiceList({ groups, selectedId, onSelect, describedBy }: VoiceListProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const baseId = useId();
  const items = useRef(new Map<string, HTMLDivElement>());
  const flat = groups.flatMap((group) => group.voices);
  const tabStop = tabStopIndex(
    flat.findIndex((voice) => voice.id === selectedId),
    flat.length,
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const voice = flat[index];
    if (voice === undefined) return;
    if (event.key === " ") {
      event.preventDefault();
      if (voice.id !== selectedId) onSelect(voice);
      if (hasSample(voice)) toggleSample(voice.id);
      return;
    }
    const next = movedIndex(event.key, index, flat.length);
    const target = next === null ? undefined : flat[next];
    if (target === undefined) return;
    event.preventDefault();
    const element = items.current.get(target.id);
    element?.focus({ preventScroll: true });
    element?.scrollIntoView({ block: "nearest" });
    onSelect(target);
  };

  // Each group's first position in `flat`, so every radio knows its own index.
  const offsets = groups.map((_, at) => groups.slice(0, at).reduce((total, group) => total + group.voices.length, 0));
  return (
    <div role="radiogroup" aria-label={t("voices.title")} aria-describedby={describedBy} data-testid="voice-list" className="px-1 pb-1 lg:max-h-[calc(100dvh-22rem)] lg:min-h-0 lg:overflow-y-auto">
      {groups.length === 0 && <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">{t("voices.none")}</p>}
      {groups.map((group, groupIndex) => {
        const headingId = `${baseId}-${group.key}`;
        return (
          // biome-ignore lint/a11y/useSemanticElements: a <fieldset> needs a <legend> and brings form styling; this is a labelled set of radios inside the one radiogroup
          <div key={group.key} role="group" aria-labelledby={headingId} className="mb-4 last:mb-0" data-testid={group.mine ? "my-voices-group" : undefined}>
            <h3 id={headingId} className="bg-white/95 py-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase backdrop-blur lg:sticky lg:top-0 lg:z-10">
              {group.mine ? t("voices.mine") : languageName(group.key, i18n)}{" "}
              <span className="font-normal normal-case">
                · {group.mine ? "" : `${providers(group.voices)} `}({group.voices.length})
              </span>
            </h3>
            <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2">
              {group.voices.map((voice, inGroup) => {
                const position = (offsets[groupIndex] ?? 0) + inGroup;
                const name = voiceLabel(voice);
                const selected = voice.id === selectedId;
                // Arrow keys scroll the voice into view clear of what sticks above it: the site header
                // on narrow screens (scroll-mt-32), the group heading in the lg list (scroll-mt-9).
                return (
                  // biome-ignore lint/a11y/useSemanticElements: an APG radio with a roving tabindex; native radios cannot hold the sample mark without a second Tab stop per voice
                  <div
                    key={voice.id}
                    ref={(element) => {
                      if (element === null) items.current.delete(voice.id);
                      else items.current.set(voice.id, element);
                    }}
                    role="radio"
                    aria-checked={selected}
                    tabIndex={position === tabStop ? 0 : -1}
                    data-voice-id={voice.id}
                    onClick={() => onSelect(voice)}
                    onKeyDown={(event) => onKeyDown(event, position)}
                    className={`flex scroll-mt-32 scroll-mb-4 cursor-pointer lg:scroll-mt-9 items-center gap-2.5 rounded-xl border p-2 transition-colors ${
                      selected ? "border-rose-400 bg-rose-50/70 ring-1 ring-rose-400" : "border-slate-200 bg-white hover:border-slate-300 hover:bg-slate-50"
                    }`}
                  >
                    <SampleMark voice={voice} />
                    <span className="min-w-0 flex-1">
                      <span className="flex min-w-0 items-center gap-1.5">
                        <span className="truncate font-semibold text-slate-900" title={name}>
                          {name}
                        </span>
                        {isMultilingual(voice) && (
                          <span className="inline-flex shrink-0 text-violet-600" title={t("voices.multilingualTitle", { count: SPEECH_LANGUAGES.length })} data-testid="multilingual-badge">
                            <GlobeIcon className="size-3.5" aria-hidden="true" />
                            <span className="sr-only">{t("voices.language.multi")}</span>
                          </span>
                        )}
                      </span>
                      <span className="block truncate text-xs text-slate-600">
                        {voiceTrait(voice, i18n)} · {voice.mine ? languageName(voice.language, i18n) : genderLabel(voice.gender, i18n)}
                      </span>
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
