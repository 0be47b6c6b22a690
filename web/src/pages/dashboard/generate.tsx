/**
 * Generate: choose a voice, write text (counted with the server's rule against the tier's
 * limit), optional style for Gemini voices, paid-only seed and temperature, a live estimate from
 * the shared price list, then generate with progress and cancel. The result plays in a waveform
 * player, and the new balance is shown at once from the response.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { GenerateVoiceResponse, Voice } from "../../../../worker/contracts";
import { api, isAbortError } from "../../api/client";
import { describeError, type UserFacingError } from "../../api/error-messages";
import { queryKeys, setBalance, useMe, useVoices } from "../../api/queries";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { acceptsStyle, buildRequest, estimateCredits, formProblem, styleCount, textCount, type FieldCount, type FormProblem, type Tier } from "../../lib/speech-input";
import { displayVoiceName, languageName, voiceTrait, type VoiceFilters } from "../../lib/voices";
import { CheckIcon, ClockIcon, CoinsIcon, LockIcon, SparkIcon, WaveIcon } from "../../components/icons";
import { SampleButton } from "../../components/sample-player";
import { Badge, Button, Card, ErrorNotice, PageHeader } from "../../components/ui";
import { VoicePicker, providerLabel } from "../../components/voice-picker";
import { WaveformPlayer } from "../../components/waveform-player";
import type { MessageKey } from "../../i18n/translate";

/** Languages offered for multilingual voices (Gemini speaks them all, so does the local engine). */
const SPEECH_LANGUAGES = ["en", "es", "de", "da", "it", "fr", "pt", "nl", "sv", "nb", "fi", "pl", "cs", "tr", "ru", "ja", "ko", "zh", "hi", "ar"];
const VOICE_STORAGE_KEY = "sexyvoice.voice";
const DEFAULT_TEMPERATURE = 1;

type Run =
  | { phase: "idle" }
  | { phase: "generating"; startedAt: number; voiceName: string }
  | { phase: "done"; result: GenerateVoiceResponse; voiceName: string; text: string }
  | { phase: "error"; error: UserFacingError }
  | { phase: "cancelled" };

const PROBLEM_KEYS: Record<FormProblem, MessageKey> = {
  no_voice: "generate.problem.noVoice",
  no_words: "generate.problem.noWords",
  text_too_long: "generate.problem.textTooLong",
  style_too_long: "generate.problem.styleTooLong",
  bad_seed: "generate.problem.badSeed",
};

function Counter({ count, id, label }: { count: FieldCount; id: string; label: string }) {
  const { t, formatNumber } = useI18n();
  const ratio = count.characters / count.limit;
  const tone = count.overLimit ? "text-red-600 font-semibold" : ratio > 0.9 ? "text-amber-700" : "text-slate-500";
  return (
    <p id={id} className={`text-xs tabular-nums ${tone}`} data-testid={`${label}-counter`}>
      {t("generate.counter", { count: formatNumber(count.characters), limit: formatNumber(count.limit) })}
    </p>
  );
}

function readStoredVoice(): string | null {
  try {
    return localStorage.getItem(VOICE_STORAGE_KEY);
  } catch {
    return null;
  }
}

export default function Generate() {
  const i18n = useI18n();
  const { t, tp, formatNumber, formatDuration, locale } = i18n;
  useDocumentTitle(t("generate.title"));
  const queryClient = useQueryClient();
  const me = useMe();
  const voicesQuery = useVoices();
  const voices = useMemo(() => (voicesQuery.data?.voices ?? []).filter((voice) => voice.feature === "tts"), [voicesQuery.data]);

  const [filters, setFilters] = useState<VoiceFilters>({ language: "all", gender: "all", query: "" });
  const [voiceId, setVoiceId] = useState<string | null>(readStoredVoice);
  const [text, setText] = useState("");
  const [style, setStyle] = useState("");
  const [speechLocale, setSpeechLocale] = useState<string>(locale);
  const [seed, setSeed] = useState("");
  const [temperature, setTemperature] = useState<number | null>(null);
  const [run, setRun] = useState<Run>({ phase: "idle" });
  const [elapsed, setElapsed] = useState(0);
  const abortRef = useRef<AbortController | null>(null);
  const resultHeadingRef = useRef<HTMLHeadingElement>(null);

  const ids = { text: useId(), textHelp: useId(), textCount: useId(), style: useId(), styleHelp: useId(), styleCount: useId(), language: useId(), seed: useId(), temperature: useId(), paidHelp: useId(), problem: useId() };

  const voice: Voice | undefined = voices.find((candidate) => candidate.id === voiceId) ?? voices[0];
  const englishOnly = voice !== undefined && voice.language !== "multi";
  const effectiveLocale = englishOnly && voice !== undefined ? voice.language : speechLocale;
  const tier: Tier = me.data?.isPaid === true ? "paid" : "free";
  const paid = tier === "paid";
  const textCounter = textCount(text, tier, effectiveLocale);
  const styleCounter = styleCount(style, tier, effectiveLocale);
  const styleEnabled = voice !== undefined && acceptsStyle(voice);
  const estimate = voice === undefined ? 0 : estimateCredits(voice, text, style, effectiveLocale);
  const balance = me.data?.credits;
  const problem = formProblem({ voice, text, style, seed, temperature, locale: effectiveLocale, tier });
  const generating = run.phase === "generating";

  useEffect(() => {
    if (voice !== undefined) {
      try {
        localStorage.setItem(VOICE_STORAGE_KEY, voice.id);
      } catch {
        // Not remembered; harmless.
      }
    }
  }, [voice]);

  useEffect(() => {
    if (run.phase !== "generating") return;
    setElapsed(0);
    const timer = setInterval(() => setElapsed(Math.floor((Date.now() - run.startedAt) / 1000)), 250);
    return () => clearInterval(timer);
  }, [run]);

  useEffect(() => () => abortRef.current?.abort(), []);

  const generate = async () => {
    if (voice === undefined || problem !== null || generating) return;
    const controller = new AbortController();
    abortRef.current = controller;
    const voiceName = displayVoiceName(voice.name);
    setRun({ phase: "generating", startedAt: Date.now(), voiceName });
    try {
      const body = buildRequest({ voice, text, style, seed, temperature, locale: effectiveLocale, tier });
      const result = await api.generateVoice(body, controller.signal);
      setBalance(queryClient, result.creditsRemaining);
      void queryClient.invalidateQueries({ queryKey: queryKeys.history });
      void queryClient.invalidateQueries({ queryKey: queryKeys.transactions });
      setRun({ phase: "done", result, voiceName, text });
      requestAnimationFrame(() => resultHeadingRef.current?.focus({ preventScroll: false }));
    } catch (error) {
      if (isAbortError(error)) setRun({ phase: "cancelled" });
      else {
        setRun({ phase: "error", error: describeError(error, i18n) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      }
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
    }
  };

  const cancel = () => abortRef.current?.abort();

  const onTextKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      void generate();
    }
  };

  const notEnough = balance !== undefined && estimate > balance;

  return (
    <div>
      <PageHeader title={t("generate.title")} description={t("generate.description")} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] xl:grid-cols-2">
        <Card className="lg:sticky lg:top-24 lg:self-start">
          <h2 className="mb-3 flex items-center gap-2 text-base font-semibold text-slate-900">
            <span className="inline-flex size-6 items-center justify-center rounded-full bg-slate-900 text-xs text-white">1</span>
            {t("voices.title")}
          </h2>
          {voicesQuery.isError ? (
            <ErrorNotice
              message={describeError(voicesQuery.error, i18n).message}
              action={
                <Button size="sm" variant="secondary" onClick={() => void voicesQuery.refetch()}>
                  {t("common.retry")}
                </Button>
              }
            />
          ) : voicesQuery.isPending ? (
            <div className="space-y-2" aria-busy="true">
              {Array.from({ length: 6 }, (_, index) => (
                <div key={index} className="h-14 animate-pulse rounded-xl bg-slate-100" />
              ))}
            </div>
          ) : (
            <VoicePicker voices={voices} selectedId={voice?.id ?? null} onSelect={(next) => setVoiceId(next.id)} filters={filters} onFiltersChange={setFilters} />
          )}
        </Card>

        <div className="flex min-w-0 flex-col gap-6">
          <Card>
            <h2 className="mb-4 flex items-center gap-2 text-base font-semibold text-slate-900">
              <span className="inline-flex size-6 items-center justify-center rounded-full bg-slate-900 text-xs text-white">2</span>
              {t("generate.compose")}
            </h2>

            <div className="mb-4 flex flex-wrap items-center gap-3 rounded-xl bg-slate-50 p-3">
              {voice !== undefined ? (
                <>
                  <SampleButton voiceId={voice.id} voiceName={displayVoiceName(voice.name)} />
                  <div className="min-w-0 flex-1">
                    <p className="text-xs text-slate-500">{t("generate.selectedVoice")}</p>
                    <p className="truncate font-semibold text-slate-900" data-testid="selected-voice">
                      {displayVoiceName(voice.name)} <span className="font-normal text-slate-500">· {voiceTrait(voice, i18n)} · {providerLabel(voice)}</span>
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

            <div>
              <div className="flex items-end justify-between gap-2">
                <label htmlFor={ids.text} className="block text-sm font-medium text-slate-800">
                  {t("generate.text")}
                </label>
                <Counter count={textCounter} id={ids.textCount} label="text" />
              </div>
              <textarea
                id={ids.text}
                value={text}
                onChange={(event) => setText(event.target.value)}
                onKeyDown={onTextKeyDown}
                rows={6}
                placeholder={t("generate.textPlaceholder")}
                aria-describedby={`${ids.textCount} ${ids.textHelp}`}
                aria-invalid={textCounter.overLimit || undefined}
                className={`mt-1.5 block w-full resize-y rounded-xl border bg-white px-3 py-2.5 text-base leading-relaxed text-slate-900 placeholder:text-slate-400 ${
                  textCounter.overLimit ? "border-red-400" : "border-slate-300"
                }`}
              />
              <p id={ids.textHelp} className="mt-1.5 text-xs text-slate-500">
                {tp("generate.words", textCounter.words)} · {t(paid ? "generate.limitPaid" : "generate.limitFree", { limit: formatNumber(textCounter.limit) })}
                <span className="hidden sm:inline"> · {t("generate.shortcut")}</span>
              </p>
            </div>

            <div className="mt-5">
              <div className="flex items-end justify-between gap-2">
                <label htmlFor={ids.style} className="block text-sm font-medium text-slate-800">
                  {t("generate.style")} <span className="font-normal text-slate-500">({t("common.optional")})</span>
                </label>
                {styleEnabled && <Counter count={styleCounter} id={ids.styleCount} label="style" />}
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

            <fieldset disabled={!paid} className="mt-5 rounded-xl border border-slate-200 p-4" aria-describedby={ids.paidHelp}>
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
                {paid ? t("generate.advancedHelp") : t("generate.paidReason")}
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
                  <label htmlFor={ids.temperature} className="flex justify-between text-sm font-medium text-slate-700">
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
                </div>
              </div>
            </fieldset>

            <div className="mt-6 flex flex-col gap-4 border-t border-slate-100 pt-5 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0 text-sm" aria-live="polite">
                <p className="text-slate-700">
                  <CoinsIcon className="mr-1.5 inline size-4 align-[-3px] text-amber-600" />
                  {t("generate.estimate")}{" "}
                  <strong className="whitespace-nowrap tabular-nums text-slate-900" data-testid="estimate">
                    ≈ {tp("credits.amount", estimate)}
                  </strong>
                </p>
                {balance !== undefined && (
                  <p className={`mt-0.5 text-xs ${notEnough ? "text-amber-700" : "text-slate-500"}`}>
                    {notEnough ? t("generate.notEnough", { balance: formatNumber(balance) }) : t("generate.balanceAfter", { balance: formatNumber(Math.max(0, balance - estimate)) })}
                  </p>
                )}
              </div>
              <div className="flex gap-2">
                {generating && (
                  <Button variant="secondary" size="lg" onClick={cancel}>
                    {t("common.cancel")}
                  </Button>
                )}
                <Button size="lg" className="flex-1 sm:flex-none" onClick={() => void generate()} busy={generating} disabled={problem !== null} aria-describedby={problem !== null ? ids.problem : undefined}>
                  {!generating && <SparkIcon className="size-5" />}
                  {generating ? t("generate.generating") : t("generate.submit")}
                </Button>
              </div>
            </div>
            {problem !== null && (
              <p id={ids.problem} className="mt-2 text-right text-xs text-slate-500">
                {t(PROBLEM_KEYS[problem], { limit: formatNumber(problem === "style_too_long" ? styleCounter.limit : textCounter.limit) })}
              </p>
            )}
          </Card>

          <Card>
            <h2 ref={resultHeadingRef} tabIndex={-1} className="mb-4 flex items-center gap-2 text-base font-semibold text-slate-900">
              <span className="inline-flex size-6 items-center justify-center rounded-full bg-slate-900 text-xs text-white">3</span>
              {t("generate.result")}
            </h2>
            <div className="min-h-[160px]" aria-live="polite" aria-busy={generating}>
              {run.phase === "idle" && (
                <div className="flex h-[160px] flex-col items-center justify-center gap-2 rounded-xl border border-dashed border-slate-300 text-center text-sm text-slate-500">
                  <WaveIcon className="size-6 text-slate-400" />
                  {t("generate.resultEmpty")}
                </div>
              )}
              {run.phase === "generating" && (
                <div className="flex h-[160px] flex-col justify-center gap-3 rounded-xl bg-slate-50 px-4" role="status">
                  <p className="flex items-center justify-between gap-2 text-sm text-slate-700">
                    <span>{t("generate.speaking", { voice: run.voiceName })}</span>
                    <span className="flex items-center gap-1 tabular-nums text-slate-500">
                      <ClockIcon className="size-4" />
                      {formatDuration(elapsed)}
                    </span>
                  </p>
                  <div className="h-2 overflow-hidden rounded-full bg-slate-200">
                    <div className="progress-indeterminate h-full w-1/3 rounded-full bg-gradient-to-r from-rose-500 to-violet-600" />
                  </div>
                  <p className="text-xs text-slate-500">{t("generate.speakingHint")}</p>
                </div>
              )}
              {run.phase === "error" && (
                <div className="flex min-h-[160px] flex-col justify-center">
                  <ErrorNotice message={run.error.message} reference={run.error.reference} referenceLabel={t("common.reference")} />
                </div>
              )}
              {run.phase === "cancelled" && (
                <div className="flex h-[160px] items-center justify-center rounded-xl border border-dashed border-slate-300 text-sm text-slate-600" role="status">
                  {t("generate.cancelled")}
                </div>
              )}
              {run.phase === "done" && (
                <div className="flex min-h-[160px] flex-col justify-center gap-3" data-testid="result">
                  <div className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-semibold text-slate-900">{run.voiceName}</span>
                    <span className="text-slate-400">·</span>
                    <span className="tabular-nums text-slate-600">{formatDuration(run.result.durationSeconds)}</span>
                    <span data-testid="result-status" data-cached={run.result.cached ? "true" : "false"}>
                      {run.result.cached ? (
                        <Badge tone="emerald">
                          <CheckIcon className="size-3" />
                          {t("generate.fromCache")}
                        </Badge>
                      ) : (
                        <Badge tone="amber">{tp("generate.creditsUsed", run.result.creditsUsed)}</Badge>
                      )}
                    </span>
                    {run.result.provider === "local" && (
                      <Badge tone="slate" className="cursor-help">
                        <span title={t("generate.localEngineHint")}>{t("generate.localEngine")}</span>
                      </Badge>
                    )}
                  </div>
                  <WaveformPlayer key={run.result.id} url={run.result.url} fileName={`sexyvoice-${run.voiceName.toLowerCase()}-${run.result.id.slice(0, 8)}`} label={run.voiceName} testId="result-audio" />
                  <p className="text-xs text-slate-500">{tp("generate.newBalance", run.result.creditsRemaining)}</p>
                </div>
              )}
            </div>
          </Card>
        </div>
      </div>
    </div>
  );
}
