/**
 * Generate: choose a voice (the catalogue and the user's own saved voices), write text (counted
 * with the server's rule against the tier's limit), optional style for Gemini voices, paid-only
 * seed and temperature (not for saved voices), a live estimate from the shared price list, WAV or
 * MP3 for the file (remembered), then generate with progress and cancel. The result plays in a
 * waveform player, and the new balance is shown at once from the response.
 *
 * The draft and the last result are kept per user (lib/use-generate-draft), so they survive other
 * pages and reloads; a restored result whose signed link has expired gets a fresh one from the
 * history first. A skeleton stands in until the profile (and with it the user id) has loaded.
 * The estimate, the button and the result share one card; in the two-column layout on a window at
 * least 800 px tall it sticks to the bottom (the `dock:` variant), so the action and the result stay
 * in view while the text is written. A voice chosen on the Clone page arrives as navigation state.
 *
 * Over 400 lines on purpose: one form whose fields all feed the estimate, the request and the
 * stored draft; split up, each piece would take a dozen of the others' values as props.
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useLocation, useNavigate } from "../../router";
import type { AudioFormat, Voice } from "../../../../worker/shared/contracts";
import type { UserFacingError } from "../../api/error-messages";
import { usePaidRequest } from "../../api/paid-request";
import { type StreamedAudio, streamVoice } from "../../api/stream";
import { StreamPlayer } from "../../lib/pcm-player";
import { useMe, useVoices } from "../../api/queries";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { acceptsStyle, acceptsTuning, buildRequest, estimateCredits, formProblem, styleCount, textCount, type FormProblem, type Tier } from "../../lib/speech-input";
import { languageName, voiceLabel, voiceTrait, type VoiceFilters } from "../../lib/voices";
import { needsFreshLink, type SavedResult } from "../../lib/generate-draft";
import { renewLink, useGenerateDraft } from "../../lib/use-generate-draft";
import { GenerateSkeleton, VoiceListSkeleton } from "../../components/generate-skeleton";
import { LockIcon, SparkIcon } from "../../components/icons";
import { ResultCancelled, ResultDone, ResultEmpty, ResultError, ResultPanel, ResultWorking } from "../../components/result-panel";
import { CharacterCounter, CostAndSubmit, FormatChoice, SpeechTextField } from "../../components/speech-form";
import { Badge, Card, PageHeader, StepHeading } from "../../components/ui";
import { QueryErrorNotice } from "../../components/query-error";
import { TextEnhancer } from "../../components/text-enhancer";
import { VocalTagPalette } from "../../components/vocal-tag-palette";
import { VoiceAvatar, VoicePicker, providerLabel } from "../../components/voice-picker";
import type { MessageKey } from "../../i18n/translate";

/** Languages offered for multilingual voices (Gemini speaks them all, so does the local engine). */
const SPEECH_LANGUAGES = ["en", "es", "de", "da", "it", "fr", "pt", "nl", "sv", "nb", "fi", "pl", "cs", "tr", "ru", "ja", "ko", "zh", "hi", "ar"];
const FORMAT_STORAGE_KEY = "sexyvoice.format";
const DEFAULT_TEMPERATURE = 1;

type Run =
  | { phase: "idle" }
  | { phase: "generating"; startedAt: number; voiceName: string; streamedSeconds: number }
  /** `timing` is null for a result restored from an earlier visit. */
  | { phase: "done"; result: SavedResult["result"]; voiceName: string; text: string; timing: StreamTiming | null }
  | { phase: "error"; error: UserFacingError }
  | { phase: "cancelled" }
  /** A restored result whose link has expired, while the history is asked for a fresh one. */
  | { phase: "renewing"; saved: SavedResult }
  /** The history could not be reached to renew it. */
  | { phase: "expired" };

/** When the first streamed sound was scheduled and when `done` came, in ms after the click (the browser test reads these). */
interface StreamTiming {
  firstSoundMs: number | null;
  doneMs: number;
}

const PROBLEM_KEYS: Record<FormProblem, MessageKey> = {
  no_voice: "generate.problem.noVoice",
  no_words: "generate.problem.noWords",
  text_too_long: "generate.problem.textTooLong",
  style_too_long: "generate.problem.styleTooLong",
  bad_seed: "generate.problem.badSeed",
};

function restoredRun(saved: SavedResult | null): Run {
  if (saved === null) return { phase: "idle" };
  if (needsFreshLink(saved.result.url, Date.now())) return { phase: "renewing", saved };
  return { phase: "done", result: saved.result, voiceName: saved.voiceName, text: saved.text, timing: null };
}

/** The voice the Clone page asked for ("use on Generate"), if this navigation carries one. */
function requestedVoice(state: unknown): string | null {
  if (typeof state !== "object" || state === null || !("voiceId" in state)) return null;
  return typeof state.voiceId === "string" ? state.voiceId : null;
}

function readStoredFormat(): AudioFormat {
  try {
    return localStorage.getItem(FORMAT_STORAGE_KEY) === "mp3" ? "mp3" : "wav";
  } catch {
    return "wav";
  }
}

export default function Generate() {
  const { t } = useI18n();
  useDocumentTitle(t("generate.title"));
  const me = useMe();
  return (
    <div>
      <PageHeader title={t("generate.title")} description={t("generate.description")} />
      {/* Keyed by the user: another account's draft is never in this form's state. */}
      {me.isPending ? <GenerateSkeleton /> : <GenerateForm key={me.data?.id ?? ""} userId={me.data?.id ?? null} />}
    </div>
  );
}

function GenerateForm({ userId }: { userId: string | null }) {
  const i18n = useI18n();
  const { t, formatNumber, locale } = i18n;
  const me = useMe();
  const voicesQuery = useVoices();
  const voices = useMemo(() => (voicesQuery.data?.voices ?? []).filter((voice) => voice.feature === "tts"), [voicesQuery.data]);
  const location = useLocation();
  const { initial, save } = useGenerateDraft(userId);
  const { draft } = initial;

  const [filters, setFilters] = useState<VoiceFilters>({ language: "all", gender: "all", query: "" });
  const [voiceId, setVoiceId] = useState<string | null>(() => requestedVoice(location.state) ?? draft.voiceId);
  const [text, setText] = useState(draft.text);
  const textBox = useRef<HTMLTextAreaElement>(null);
  const [style, setStyle] = useState(draft.style);
  // null: the text is in the interface's language until the user picks another.
  const [chosenLocale, setSpeechLocale] = useState<string | null>(draft.speechLocale);
  const speechLocale = chosenLocale ?? locale;
  const [seed, setSeed] = useState(draft.seed);
  const [temperature, setTemperature] = useState<number | null>(draft.temperature);
  const [format, setFormat] = useState<AudioFormat>(readStoredFormat);
  const [lastResult, setLastResult] = useState<SavedResult | null>(initial.result);
  const [run, setRun] = useState<Run>(() => restoredRun(initial.result));
  const { send, cancel } = usePaidRequest();
  const player = useRef<StreamPlayer | null>(null);
  useEffect(() => () => player.current?.stop(), []);

  const ids = { style: useId(), styleHelp: useId(), styleCount: useId(), language: useId(), seed: useId(), temperature: useId(), paidHelp: useId() };

  const voice: Voice | undefined = voices.find((candidate) => candidate.id === voiceId) ?? voices[0];
  const englishOnly = voice !== undefined && voice.language !== "multi";
  const effectiveLocale = englishOnly && voice !== undefined ? voice.language : speechLocale;
  const tier: Tier = me.data?.isPaid === true ? "paid" : "free";
  const paid = tier === "paid";
  const textCounter = textCount(text, tier, effectiveLocale, voice);
  const styleCounter = styleCount(style, tier, effectiveLocale);
  const styleEnabled = voice !== undefined && acceptsStyle(voice);
  // A saved voice takes no seed or temperature: the paid settings stay closed for it.
  const tuningEnabled = paid && (voice === undefined || acceptsTuning(voice));
  const estimate = voice === undefined ? 0 : estimateCredits(voice, text, style, effectiveLocale);
  const balance = me.data?.credits;
  const problem = formProblem({ voice, text, style, seed, temperature, locale: effectiveLocale, tier });
  const generating = run.phase === "generating";

  // The requested voice is now the draft's: a reload or Back must not choose it over a later pick.
  const navigate = useNavigate();
  const handedOver = requestedVoice(location.state) !== null;
  useEffect(() => {
    if (handedOver) void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [handedOver, navigate, location.pathname, location.search]);

  const keptVoiceId = voice?.id ?? voiceId;
  useEffect(() => {
    save({ draft: { text, voiceId: keptVoiceId, style, speechLocale: chosenLocale, seed, temperature }, result: lastResult });
  }, [save, text, keptVoiceId, style, chosenLocale, seed, temperature, lastResult]);

  const renewing = run.phase === "renewing" ? run.saved : null;
  useEffect(() => {
    if (renewing === null) return;
    let current = true;
    const settle = (next: (run: Run) => Run) => {
      if (current) setRun((now) => (now.phase === "renewing" ? next(now) : now));
    };
    renewLink(renewing)
      .then((fresh) => {
        // Unless a new generation has replaced it in the meantime.
        if (current) setLastResult((kept) => (kept?.result.id === renewing.result.id ? fresh : kept));
        settle(() => (fresh === null ? { phase: "idle" } : { phase: "done", result: fresh.result, voiceName: fresh.voiceName, text: fresh.text, timing: null }));
      })
      .catch(() => settle(() => ({ phase: "expired" })));
    return () => {
      current = false;
    };
  }, [renewing]);

  const chooseFormat = (next: AudioFormat) => {
    setFormat(next);
    try {
      localStorage.setItem(FORMAT_STORAGE_KEY, next);
    } catch {
      // Not remembered; harmless.
    }
  };

  const generate = async () => {
    if (voice === undefined || problem !== null || generating) return;
    const voiceName = voiceLabel(voice);
    setRun({ phase: "generating", startedAt: Date.now(), voiceName, streamedSeconds: 0 });
    // The audio plays as it is made (Web Audio); the stored file then replaces it in the player.
    player.current?.stop();
    const stream = new StreamPlayer();
    player.current = stream;
    const clicked = performance.now();
    const onAudio = (chunk: StreamedAudio) =>
      void stream
        .push(chunk)
        .then(() => setRun((current) => (current.phase === "generating" ? { ...current, streamedSeconds: stream.receivedSeconds } : current)))
        .catch(() => undefined);
    const outcome = await send((signal) => streamVoice(buildRequest({ voice, text, style, seed, temperature, locale: effectiveLocale, tier, format }), { onAudio }, signal));
    const timing: StreamTiming = { firstSoundMs: stream.firstSoundAt === null ? null : Math.round(stream.firstSoundAt - clicked), doneMs: Math.round(performance.now() - clicked) };
    if (outcome.status === "done") {
      setRun({ phase: "done", result: outcome.result, voiceName, text, timing });
      setLastResult({ result: outcome.result, voiceName, text });
    } else {
      stream.stop();
      if (outcome.status === "cancelled") setRun({ phase: "cancelled" });
      else setRun({ phase: "error", error: outcome.error });
    }
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] xl:grid-cols-2">
      <Card className="lg:sticky lg:top-24 lg:self-start">
        <StepHeading step={1} compact>
          {t("voices.title")}
        </StepHeading>
        {voicesQuery.isError ? (
          <QueryErrorNotice error={voicesQuery.error} onRetry={() => voicesQuery.refetch()} />
        ) : voicesQuery.isPending ? (
          <VoiceListSkeleton />
        ) : (
          <VoicePicker voices={voices} selectedId={voice?.id ?? null} onSelect={(next) => setVoiceId(next.id)} filters={filters} onFiltersChange={setFilters} />
        )}
      </Card>

      <div className="flex min-w-0 flex-col gap-6">
        <Card>
          <StepHeading step={2}>{t("generate.compose")}</StepHeading>

          <div className="mb-4 flex flex-wrap items-center gap-3 rounded-xl bg-slate-50 p-3">
            {voice !== undefined ? (
              <>
                <VoiceAvatar voice={voice} name={voiceLabel(voice)} />
                <div className="min-w-0 flex-1">
                  <p className="flex items-center gap-1.5 text-xs text-slate-500">
                    {t("generate.selectedVoice")}
                    {voice.mine && (
                      <Badge tone="violet" data-testid="selected-voice-yours">
                        {t("voices.yours")}
                      </Badge>
                    )}
                  </p>
                  <p className="truncate font-semibold text-slate-900" data-testid="selected-voice">
                    {voiceLabel(voice)}{" "}
                    <span className="font-normal text-slate-500">
                      · {voiceTrait(voice, i18n)} · {providerLabel(voice)}
                    </span>
                  </p>
                </div>
              </>
            ) : (
              <p className="text-sm text-slate-500">{t("generate.problem.noVoice")}</p>
            )}
            <div className="w-full sm:w-auto">
              <label htmlFor={ids.language} className="block text-xs font-medium text-slate-600">
                {t("generate.speechLanguage")}
              </label>
              <select
                id={ids.language}
                value={effectiveLocale}
                disabled={englishOnly}
                onChange={(event) => setSpeechLocale(event.target.value)}
                className="mt-1 h-9 w-full rounded-lg border border-slate-300 bg-white px-2 text-sm disabled:bg-slate-100 disabled:text-slate-500 sm:w-44"
                aria-describedby={englishOnly ? `${ids.language}-hint` : undefined}
              >
                {(englishOnly && voice !== undefined ? [voice.language] : SPEECH_LANGUAGES).map((code) => (
                  <option key={code} value={code}>
                    {languageName(code, i18n)}
                  </option>
                ))}
              </select>
              {englishOnly && voice !== undefined && (
                <p id={`${ids.language}-hint`} className="mt-1 text-xs text-slate-500">
                  {t("generate.voiceSpeaksOnly", { language: languageName(voice.language, i18n) })}
                </p>
              )}
            </div>
          </div>

          <SpeechTextField
            value={text}
            onChange={setText}
            onSubmit={() => void generate()}
            count={textCounter}
            rows={6}
            placeholder={t("generate.textPlaceholder")}
            limitNote={t(voice?.mine === true ? "generate.limitSavedVoice" : paid ? "generate.limitPaid" : "generate.limitFree", { limit: formatNumber(textCounter.limit) })}
            inputRef={textBox}
            toolbar={
              <>
                {voice?.provider === "gemini" && <VocalTagPalette text={text} onChange={setText} textarea={textBox} />}
                <TextEnhancer text={text} voice={voice?.mine === true ? undefined : voice} locale={effectiveLocale} onAccept={setText} />
              </>
            }
          />

          <div className="mt-5">
            <div className="flex items-end justify-between gap-2">
              <label htmlFor={ids.style} className="block text-sm font-medium text-slate-800">
                {t("generate.style")} <span className="font-normal text-slate-500">({t("common.optional")})</span>
              </label>
              {styleEnabled && <CharacterCounter count={styleCounter} id={ids.styleCount} name="style" />}
            </div>
            <input
              id={ids.style}
              type="text"
              value={styleEnabled ? style : ""}
              disabled={!styleEnabled}
              onChange={(event) => setStyle(event.target.value)}
              placeholder={styleEnabled ? t("generate.stylePlaceholder") : ""}
              aria-describedby={styleEnabled ? `${ids.styleCount} ${ids.styleHelp}` : ids.styleHelp}
              aria-invalid={(styleEnabled && styleCounter.overLimit) || undefined}
              className="mt-1.5 block h-11 w-full rounded-xl border border-slate-300 bg-white px-3 text-slate-900 placeholder:text-slate-400 disabled:cursor-not-allowed disabled:bg-slate-100"
            />
            <p id={ids.styleHelp} className="mt-1.5 text-xs text-slate-500">
              {styleEnabled ? t("generate.styleHelp") : t("generate.styleGeminiOnly")}
            </p>
          </div>

          <fieldset disabled={!tuningEnabled} className="mt-5 rounded-xl border border-slate-200 p-4" aria-describedby={ids.paidHelp}>
            <legend className="flex items-center gap-2 px-1 text-sm font-medium text-slate-800">
              {t("generate.advanced")}
              {!paid && (
                <Badge tone="amber">
                  <LockIcon className="size-3" />
                  {t("plan.paidOnly")}
                </Badge>
              )}
            </legend>
            <p id={ids.paidHelp} className="mb-3 text-xs text-slate-500">
              {!paid ? t("generate.paidReason") : tuningEnabled ? t("generate.advancedHelp") : t("generate.tuningSavedVoice")}
            </p>
            <div className="grid gap-4 sm:grid-cols-2">
              <div>
                <label htmlFor={ids.seed} className="block text-sm font-medium text-slate-700">
                  {t("generate.seed")}
                </label>
                <input
                  id={ids.seed}
                  type="text"
                  inputMode="numeric"
                  value={seed}
                  onChange={(event) => setSeed(event.target.value)}
                  placeholder={t("generate.seedPlaceholder")}
                  className="mt-1 block h-10 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm disabled:cursor-not-allowed disabled:bg-slate-100"
                />
              </div>
              <div>
                <label htmlFor={ids.temperature} className="flex flex-wrap justify-between gap-x-2 text-sm font-medium text-slate-700">
                  <span>{t("generate.temperature")}</span>
                  <span className="tabular-nums text-slate-500">{temperature === null ? t("generate.temperatureDefault") : temperature.toFixed(1)}</span>
                </label>
                <input
                  id={ids.temperature}
                  type="range"
                  min={0}
                  max={2}
                  step={0.1}
                  value={temperature ?? DEFAULT_TEMPERATURE}
                  onChange={(event) => setTemperature(Number(event.target.value))}
                  className="mt-3 block w-full accent-rose-500 disabled:cursor-not-allowed"
                />
                {voice?.provider === "gemini" && voicesQuery.data?.geminiTemperature === false && (
                  <p className="mt-1.5 text-xs text-slate-500" data-testid="temperature-ignored">
                    {t("generate.temperatureIgnored")}
                  </p>
                )}
              </div>
            </div>
          </fieldset>

          <FormatChoice value={format} onChange={chooseFormat} />
        </Card>

        <ResultPanel
          step={3}
          height={160}
          busy={generating || run.phase === "renewing"}
          className="z-20 dock:sticky dock:bottom-4 dock:p-4 dock:shadow-lg dock:shadow-slate-900/10"
          actions={
            <CostAndSubmit
              className="mb-4 border-b border-slate-100 pb-4"
              estimate={estimate}
              balance={balance}
              busy={generating}
              submitLabel={generating ? t("generate.generating") : t("generate.submit")}
              submitIcon={<SparkIcon className="size-5" />}
              onSubmit={() => void generate()}
              onCancel={cancel}
              problem={problem === null ? null : t(PROBLEM_KEYS[problem], { limit: formatNumber(problem === "style_too_long" ? styleCounter.limit : textCounter.limit) })}
            />
          }
        >
          {run.phase === "idle" && <ResultEmpty>{t("generate.resultEmpty")}</ResultEmpty>}
          {run.phase === "renewing" && <ResultEmpty>{t("common.loading")}</ResultEmpty>}
          {run.phase === "expired" && <ResultEmpty>{t("generate.resultExpired")}</ResultEmpty>}
          {run.phase === "generating" && (
            <ResultWorking
              label={run.streamedSeconds > 0 ? t("generate.streaming", { voice: run.voiceName, seconds: formatNumber(Math.round(run.streamedSeconds * 10) / 10) }) : t("generate.speaking", { voice: run.voiceName })}
              startedAt={run.startedAt}
              hint={t("generate.speakingHint")}
            />
          )}
          {run.phase === "error" && <ResultError error={run.error} />}
          {run.phase === "cancelled" && <ResultCancelled>{t("generate.cancelled")}</ResultCancelled>}
          {run.phase === "done" && (
            <>
              <ResultDone
                result={run.result}
                name={run.voiceName}
                fileName={`sexyvoice-${run.voiceName.toLowerCase()}-${run.result.id.slice(0, 8)}`}
                localEngineHint={t("generate.localEngineHint")}
                showFormat
                takeFocus={run.timing !== null}
              />
              {run.timing !== null && <span hidden data-testid="stream-timing" data-first-sound-ms={run.timing.firstSoundMs ?? ""} data-done-ms={run.timing.doneMs} />}
            </>
          )}
        </ResultPanel>
      </div>
    </div>
  );
}
