/**
 * Clone: a reference recording (file picker, drag and drop, or the microphone, converted to WAV in
 * the browser), checked here with the server's rules before anything is uploaded (format from the
 * bytes, size, length decoded with Web Audio); the text with the server's counter and a live
 * estimate from the shared price list; the language; a required consent. Cloning shows upload
 * progress, then progress while the voice is made, both cancellable; the result plays in the
 * waveform player and the new balance is shown at once from the response.
 */
import { useCallback, useEffect, useId, useRef, useState, type DragEvent, type KeyboardEvent, type Ref } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { CloneVoiceResponse } from "../../../../worker/contracts";
import { api, isAbortError, type UploadProgress } from "../../api/client";
import { describeError, type UserFacingError } from "../../api/error-messages";
import { queryKeys, setBalance, useMe } from "../../api/queries";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { LOCALES, type Locale } from "../../i18n/routing";
import type { MessageKey } from "../../i18n/translate";
import {
  CLONE_ACCEPT,
  CLONE_CREDITS_PER_WORD,
  CLONE_FILE_MAX_BYTES,
  CLONE_MAX_SECONDS,
  CLONE_MIN_SECONDS,
  cloneEstimate,
  cloneFormProblem,
  cloneTextCount,
  formatFileSize,
  inspectReferenceFile,
  referenceProblem,
  roundedSeconds,
  type CloneFormProblem,
  type ReferenceFacts,
  type ReferenceProblem,
} from "../../lib/clone-input";
import { languageName } from "../../lib/voices";
import { AlertIcon, CheckIcon, ClockIcon, CloneIcon, CoinsIcon, FileAudioIcon, UploadIcon, WaveIcon, XIcon } from "../../components/icons";
import { Badge, Button, Card, ErrorNotice, PageHeader, buttonClass } from "../../components/ui";
import { VoiceRecorder } from "../../components/voice-recorder";
import { WaveformPlayer } from "../../components/waveform-player";

interface Reference {
  id: number;
  file: File;
  source: "file" | "recording";
  objectUrl: string;
  /** null while the file is being read and measured. */
  facts: ReferenceFacts | null;
  problem: ReferenceProblem | null;
}

type Run =
  | { phase: "idle" }
  | { phase: "uploading"; loaded: number; total: number }
  | { phase: "cloning"; startedAt: number }
  | { phase: "done"; result: CloneVoiceResponse }
  | { phase: "error"; error: UserFacingError }
  | { phase: "cancelled"; during: "uploading" | "cloning" };

const FORM_PROBLEM_KEYS: Record<CloneFormProblem, MessageKey> = {
  no_file: "clone.problem.noFile",
  checking_file: "clone.problem.checkingFile",
  bad_file: "clone.problem.badFile",
  no_words: "generate.problem.noWords",
  text_too_long: "generate.problem.textTooLong",
  no_consent: "clone.problem.noConsent",
};

const FORMAT_LABELS = { wav: "WAV", mp3: "MP3", ogg: "OGG", m4a: "M4A" } as const;

function StepHeading({ step, children, headingRef }: { step: number; children: string; headingRef?: Ref<HTMLHeadingElement> }) {
  return (
    <h2 ref={headingRef} tabIndex={headingRef === undefined ? undefined : -1} className="mb-4 flex items-center gap-2 text-base font-semibold text-slate-900">
      <span className="inline-flex size-6 items-center justify-center rounded-full bg-slate-900 text-xs text-white">{step}</span>
      {children}
    </h2>
  );
}

/** The recording's length as the message about it needs it: never rounded across a limit. */
function problemDuration(seconds: number, problem: ReferenceProblem | null): number {
  if (problem === "too_short") return Math.floor(seconds);
  if (problem === "too_long") return Math.ceil(seconds);
  return Math.round(seconds);
}

function ReferenceSummary({ reference, fileInputId, onRemove, disabled }: { reference: Reference; fileInputId: string; onRemove: () => void; disabled: boolean }) {
  const i18n = useI18n();
  const { t, formatDuration, formatNumber } = i18n;
  const { facts, problem } = reference;
  const limit = formatFileSize(CLONE_FILE_MAX_BYTES, i18n);
  const seconds = facts?.durationSeconds ?? null;
  const state = facts === null ? "checking" : problem !== null ? "problem" : seconds === null ? "unmeasured" : "ok";

  const problemText = (() => {
    if (facts === null || problem === null) return "";
    switch (problem) {
      case "empty":
        return t("clone.problem.empty");
      case "too_large":
        return t("clone.problem.tooLarge", { size: formatFileSize(facts.size, i18n), limit });
      case "unsupported":
        return t("clone.problem.unsupported");
      case "unreadable":
        return t("clone.problem.unreadable");
      case "too_short":
        // One decimal, rounded down: 9.96 s is "9.9", never "10", next to "at least 10".
        return t("clone.problem.tooShort", { seconds: formatNumber(Math.floor(roundedSeconds(seconds ?? 0) * 10) / 10), min: CLONE_MIN_SECONDS });
      case "too_long":
        return t("clone.problem.tooLong", { duration: formatDuration(problemDuration(seconds ?? 0, problem)), max: CLONE_MAX_SECONDS / 60 });
    }
  })();

  return (
    <div className="flex h-full flex-col gap-3 p-4" data-testid="reference-summary">
      <div className="flex items-start gap-3">
        <span className={`inline-flex size-10 shrink-0 items-center justify-center rounded-xl ${problem !== null ? "bg-red-50 text-red-500" : "bg-violet-50 text-violet-600"}`}>
          <FileAudioIcon className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate font-semibold text-slate-900" title={reference.file.name} data-testid="reference-name">
            {reference.file.name}
          </p>
          <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-600">
            <div className="flex gap-1">
              <dt className="text-slate-500">{t("clone.format")}:</dt>
              <dd className="font-medium text-slate-800" data-testid="reference-format">
                {facts === null ? "…" : facts.format === null ? t("clone.unknown") : FORMAT_LABELS[facts.format]}
              </dd>
            </div>
            <div className="flex gap-1">
              <dt className="text-slate-500">{t("clone.size")}:</dt>
              <dd className={`font-medium tabular-nums ${problem === "too_large" ? "text-red-700" : "text-slate-800"}`} data-testid="reference-size">
                {t("clone.sizeOf", { size: formatFileSize(reference.file.size, i18n), limit })}
              </dd>
            </div>
            <div className="flex gap-1">
              <dt className="text-slate-500">{t("clone.duration")}:</dt>
              <dd className={`font-medium tabular-nums ${problem === "too_short" || problem === "too_long" ? "text-red-700" : "text-slate-800"}`} data-testid="reference-duration">
                {facts === null ? "…" : seconds === null ? t("clone.unknown") : formatDuration(problemDuration(seconds, problem))}
                <span className="font-normal text-slate-500"> ({t("clone.durationRange", { min: formatDuration(CLONE_MIN_SECONDS), max: formatDuration(CLONE_MAX_SECONDS) })})</span>
              </dd>
            </div>
          </dl>
        </div>
        {reference.source === "recording" && <Badge tone="rose">{t("clone.recorded")}</Badge>}
        <button
          type="button"
          onClick={onRemove}
          disabled={disabled}
          className="-mt-1 -mr-1 inline-flex size-9 shrink-0 items-center justify-center rounded-full text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-900 disabled:opacity-50"
          aria-label={t("clone.remove")}
          title={t("clone.remove")}
        >
          <XIcon className="size-5" />
        </button>
      </div>

      <p
        className={`flex items-start gap-1.5 text-sm ${state === "problem" ? "text-red-700" : state === "ok" ? "text-emerald-700" : state === "unmeasured" ? "text-amber-800" : "text-slate-600"}`}
        data-testid="reference-status"
        data-state={state}
        role={state === "problem" ? "alert" : "status"}
      >
        {state === "problem" || state === "unmeasured" ? <AlertIcon className="mt-0.5 size-4 shrink-0" /> : state === "ok" ? <CheckIcon className="mt-0.5 size-4 shrink-0" /> : <ClockIcon className="mt-0.5 size-4 shrink-0" />}
        <span>{state === "checking" ? t("clone.status.checking") : state === "problem" ? problemText : state === "unmeasured" ? t("clone.status.unmeasured") : t("clone.status.ready")}</span>
      </p>

      <div className="mt-auto">
        {seconds !== null && problem !== "too_large" && (
          <div className="mb-3 rounded-xl bg-slate-50 px-3 py-2">
            <WaveformPlayer key={reference.id} url={reference.objectUrl} fileName={reference.file.name.replace(/\.[^.]+$/, "")} label={t("clone.preview")} testId="reference-audio" height={40} />
          </div>
        )}
        <label htmlFor={fileInputId} className={buttonClass("secondary", "sm", disabled ? "pointer-events-none opacity-60" : "cursor-pointer")}>
          <UploadIcon className="size-4" />
          {t("clone.chooseAnother")}
        </label>
      </div>
    </div>
  );
}

export default function Clone() {
  const i18n = useI18n();
  const { t, tp, formatNumber, formatDuration, locale } = i18n;
  useDocumentTitle(t("clone.title"));
  const queryClient = useQueryClient();
  const me = useMe();

  const [reference, setReference] = useState<Reference | null>(null);
  const [text, setText] = useState("");
  const [speechLocale, setSpeechLocale] = useState<Locale>(locale);
  const [consent, setConsent] = useState(false);
  const [run, setRun] = useState<Run>({ phase: "idle" });
  const [elapsed, setElapsed] = useState(0);
  const [dragging, setDragging] = useState(false);
  const [recording, setRecording] = useState(false);
  const dragDepth = useRef(0);
  const nextId = useRef(1);
  const referenceRef = useRef<Reference | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const phaseRef = useRef<Run["phase"]>("idle");
  const fileInputRef = useRef<HTMLInputElement>(null);
  const resultHeadingRef = useRef<HTMLHeadingElement>(null);

  const ids = { file: useId(), requirements: useId(), language: useId(), text: useId(), textHelp: useId(), textCount: useId(), consent: useId(), consentHelp: useId(), problem: useId() };

  phaseRef.current = run.phase;
  const busy = run.phase === "uploading" || run.phase === "cloning";
  const textCounter = cloneTextCount(text, speechLocale);
  const estimate = cloneEstimate(text, speechLocale);
  const balance = me.data?.credits;
  const notEnough = balance !== undefined && estimate > balance;
  const problem = cloneFormProblem({ reference: reference === null ? null : reference.facts === null ? "checking" : { problem: reference.problem }, text, locale: speechLocale, consent });

  // The object URL of the previous recording is released when it is replaced and on leaving.
  useEffect(() => {
    referenceRef.current = reference;
  }, [reference]);
  useEffect(
    () => () => {
      abortRef.current?.abort();
      if (referenceRef.current !== null) URL.revokeObjectURL(referenceRef.current.objectUrl);
    },
    [],
  );

  // A file dropped just outside the zone would make the browser leave the page to open it.
  useEffect(() => {
    const keepPage = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes("Files") === true) event.preventDefault();
    };
    window.addEventListener("dragover", keepPage);
    window.addEventListener("drop", keepPage);
    return () => {
      window.removeEventListener("dragover", keepPage);
      window.removeEventListener("drop", keepPage);
    };
  }, []);

  useEffect(() => {
    if (run.phase !== "cloning") return;
    setElapsed(0);
    const timer = setInterval(() => setElapsed(Math.floor((Date.now() - run.startedAt) / 1000)), 250);
    return () => clearInterval(timer);
  }, [run]);

  const chooseFile = useCallback((file: File, source: Reference["source"]) => {
    const id = nextId.current++;
    const next: Reference = { id, file, source, objectUrl: URL.createObjectURL(file), facts: null, problem: null };
    setReference((previous) => {
      if (previous !== null) URL.revokeObjectURL(previous.objectUrl);
      return next;
    });
    void inspectReferenceFile(file)
      .catch((): ReferenceFacts => ({ size: file.size, format: null, durationSeconds: null }))
      .then((facts) => setReference((current) => (current?.id === id ? { ...current, facts, problem: referenceProblem(facts) } : current)));
  }, []);

  const removeReference = () => {
    setReference((previous) => {
      if (previous !== null) URL.revokeObjectURL(previous.objectUrl);
      return null;
    });
    if (fileInputRef.current !== null) fileInputRef.current.value = "";
  };

  const onRecorded = useCallback((file: File) => chooseFile(file, "recording"), [chooseFile]);

  const dragHandlers = {
    onDragEnter: (event: DragEvent<HTMLDivElement>) => {
      if (busy || !event.dataTransfer.types.includes("Files")) return;
      event.preventDefault();
      dragDepth.current += 1;
      setDragging(true);
    },
    onDragOver: (event: DragEvent<HTMLDivElement>) => {
      if (busy || !event.dataTransfer.types.includes("Files")) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    },
    onDragLeave: () => {
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (dragDepth.current === 0) setDragging(false);
    },
    onDrop: (event: DragEvent<HTMLDivElement>) => {
      event.preventDefault();
      dragDepth.current = 0;
      setDragging(false);
      const file = event.dataTransfer.files[0];
      if (file !== undefined && !busy) chooseFile(file, "file");
    },
  };

  const onProgress = (progress: UploadProgress) => {
    if (abortRef.current?.signal.aborted === true) return;
    if (progress.phase === "uploading") setRun({ phase: "uploading", loaded: progress.loaded, total: progress.total });
    else setRun({ phase: "cloning", startedAt: Date.now() });
  };

  const submit = async () => {
    if (reference === null || problem !== null || busy || recording) return;
    const controller = new AbortController();
    abortRef.current = controller;
    setRun({ phase: "uploading", loaded: 0, total: reference.file.size });
    try {
      const result = await api.cloneVoice({ file: reference.file, fileName: reference.file.name || "recording.wav", text, locale: speechLocale }, { signal: controller.signal, onProgress });
      setBalance(queryClient, result.creditsRemaining);
      void queryClient.invalidateQueries({ queryKey: queryKeys.history });
      void queryClient.invalidateQueries({ queryKey: queryKeys.transactions });
      setRun({ phase: "done", result });
      requestAnimationFrame(() => resultHeadingRef.current?.focus({ preventScroll: false }));
    } catch (error) {
      if (isAbortError(error)) {
        const during = phaseRef.current === "cloning" ? "cloning" : "uploading";
        setRun({ phase: "cancelled", during });
        // The server may finish a clone it had already started: show what it charged.
        if (during === "cloning") {
          void queryClient.invalidateQueries({ queryKey: queryKeys.me });
          void queryClient.invalidateQueries({ queryKey: queryKeys.history });
        }
      } else {
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
      void submit();
    }
  };

  const percent = new Intl.NumberFormat(locale, { style: "percent" });
  const uploadRatio = run.phase === "uploading" && run.total > 0 ? Math.min(1, run.loaded / run.total) : 0;
  const counterTone = textCounter.overLimit ? "font-semibold text-red-600" : textCounter.characters / textCounter.limit > 0.9 ? "text-amber-700" : "text-slate-500";

  return (
    <div>
      <PageHeader title={t("clone.title")} description={t("clone.description")} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card className="min-w-0 lg:sticky lg:top-24 lg:self-start">
          <StepHeading step={1}>{t("clone.recordingStep")}</StepHeading>

          <div
            {...dragHandlers}
            data-testid="drop-zone"
            className={`relative min-h-60 rounded-2xl border-2 border-dashed transition-colors has-[input:focus-visible]:outline-2 has-[input:focus-visible]:outline-offset-2 has-[input:focus-visible]:outline-rose-500 ${
              dragging ? "border-rose-400 bg-rose-50" : reference === null ? "border-slate-300 bg-slate-50/60 hover:border-slate-400" : "border-solid border-slate-200 bg-white"
            }`}
          >
            <input
              ref={fileInputRef}
              id={ids.file}
              type="file"
              accept={CLONE_ACCEPT}
              className="sr-only"
              disabled={busy}
              aria-describedby={ids.requirements}
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file !== undefined) chooseFile(file, "file");
                // Choosing the same file again after removing it must fire change again.
                event.target.value = "";
              }}
            />
            {reference === null || dragging ? (
              <label htmlFor={ids.file} className={`flex min-h-60 flex-col items-center justify-center gap-3 px-4 py-6 text-center ${busy ? "" : "cursor-pointer"}`}>
                <span className={`inline-flex size-12 items-center justify-center rounded-2xl ${dragging ? "bg-rose-500 text-white" : "bg-white text-rose-500 shadow-sm ring-1 ring-slate-200"}`}>
                  <UploadIcon className="size-6" />
                </span>
                <span className="text-base font-semibold text-slate-900">{dragging ? t("clone.dropActive") : t("clone.dropTitle")}</span>
                <span className={buttonClass("secondary", "sm", dragging ? "invisible" : "")}>{t("clone.chooseFile")}</span>
              </label>
            ) : (
              <ReferenceSummary reference={reference} fileInputId={ids.file} onRemove={removeReference} disabled={busy} />
            )}
          </div>
          <p id={ids.requirements} className="mt-2 text-xs text-slate-500">
            {t("clone.requirements", { size: formatFileSize(CLONE_FILE_MAX_BYTES, i18n), min: CLONE_MIN_SECONDS, max: CLONE_MAX_SECONDS / 60 })}
          </p>

          <div className="my-5 flex items-center gap-3 text-xs font-medium tracking-wide text-slate-400 uppercase" aria-hidden="true">
            <span className="h-px flex-1 bg-slate-200" />
            {t("clone.orRecord")}
            <span className="h-px flex-1 bg-slate-200" />
          </div>
          <VoiceRecorder onRecorded={onRecorded} onActiveChange={setRecording} disabled={busy} />

          <div className="mt-4 rounded-xl bg-slate-50 p-4">
            <h3 className="text-sm font-semibold text-slate-800">{t("clone.tipsTitle")}</h3>
            <ul className="mt-2 space-y-1.5 text-sm text-slate-600">
              {(["clone.tip1", "clone.tip2", "clone.tip3"] as const).map((key) => (
                <li key={key} className="flex gap-2">
                  <CheckIcon className="mt-0.5 size-4 shrink-0 text-emerald-600" />
                  {t(key)}
                </li>
              ))}
            </ul>
          </div>
        </Card>

        <div className="flex min-w-0 flex-col gap-6">
          <Card>
            <StepHeading step={2}>{t("clone.textStep")}</StepHeading>

            <div>
              <label htmlFor={ids.language} className="block text-sm font-medium text-slate-800">
                {t("clone.language")}
              </label>
              <select
                id={ids.language}
                value={speechLocale}
                onChange={(event) => setSpeechLocale(event.target.value as Locale)}
                className="mt-1.5 h-11 w-full rounded-xl border border-slate-300 bg-white px-3 text-slate-900 sm:w-64"
              >
                {LOCALES.map((code) => (
                  <option key={code} value={code}>
                    {languageName(code, i18n)}
                  </option>
                ))}
              </select>
            </div>

            <div className="mt-5">
              <div className="flex items-end justify-between gap-2">
                <label htmlFor={ids.text} className="block text-sm font-medium text-slate-800">
                  {t("generate.text")}
                </label>
                <p id={ids.textCount} className={`text-xs tabular-nums ${counterTone}`} data-testid="text-counter">
                  {t("generate.counter", { count: formatNumber(textCounter.characters), limit: formatNumber(textCounter.limit) })}
                </p>
              </div>
              <textarea
                id={ids.text}
                value={text}
                onChange={(event) => setText(event.target.value)}
                onKeyDown={onTextKeyDown}
                rows={5}
                placeholder={t("clone.textPlaceholder")}
                aria-describedby={`${ids.textCount} ${ids.textHelp}`}
                aria-invalid={textCounter.overLimit || undefined}
                className={`mt-1.5 block w-full resize-y rounded-xl border bg-white px-3 py-2.5 text-base leading-relaxed text-slate-900 placeholder:text-slate-400 ${textCounter.overLimit ? "border-red-400" : "border-slate-300"}`}
              />
              <p id={ids.textHelp} className="mt-1.5 text-xs text-slate-500">
                {tp("generate.words", textCounter.words)} · {t("clone.limit", { limit: formatNumber(textCounter.limit) })}
                <span className="hidden sm:inline"> · {t("generate.shortcut")}</span>
              </p>
            </div>

            <div className="mt-5 flex items-start gap-3 rounded-xl border border-slate-200 bg-slate-50 p-4">
              <input
                id={ids.consent}
                type="checkbox"
                checked={consent}
                required
                onChange={(event) => setConsent(event.target.checked)}
                aria-describedby={ids.consentHelp}
                className="mt-0.5 size-5 shrink-0 cursor-pointer rounded accent-rose-600"
              />
              <div className="min-w-0">
                <label htmlFor={ids.consent} className="cursor-pointer text-sm font-medium text-slate-900">
                  {t("clone.consent")}
                </label>
                <p id={ids.consentHelp} className="mt-1 text-xs text-slate-500">
                  {t("clone.consentHelp")}
                </p>
              </div>
            </div>

            {/* One row when the form has the width (phone landscape to tablet, very wide screens); stacked in the two-column layout. */}
            <div className="mt-6 flex flex-col gap-4 border-t border-slate-100 pt-5 sm:flex-row sm:items-center sm:justify-between lg:flex-col lg:items-stretch 2xl:flex-row 2xl:items-center">
              <div className="min-w-0 text-sm" aria-live="polite">
                <p className="text-slate-700">
                  <CoinsIcon className="mr-1.5 inline size-4 align-[-3px] text-amber-600" />
                  {t("generate.estimate")}{" "}
                  <strong className="whitespace-nowrap tabular-nums text-slate-900" data-testid="estimate">
                    ≈ {tp("credits.amount", estimate)}
                  </strong>
                </p>
                <p className={`mt-0.5 text-xs ${notEnough ? "text-amber-700" : "text-slate-500"}`}>
                  {notEnough && balance !== undefined
                    ? t("generate.notEnough", { balance: formatNumber(balance) })
                    : balance !== undefined && estimate > 0
                      ? t("generate.balanceAfter", { balance: formatNumber(Math.max(0, balance - estimate)) })
                      : t("clone.rate", { rate: CLONE_CREDITS_PER_WORD })}
                </p>
              </div>
              <div className="flex shrink-0 gap-2 lg:justify-end 2xl:justify-start">
                {busy && (
                  <Button variant="secondary" size="lg" onClick={cancel}>
                    {t("common.cancel")}
                  </Button>
                )}
                <Button
                  size="lg"
                  className="flex-1 whitespace-nowrap sm:flex-none lg:flex-1 2xl:flex-none"
                  onClick={() => void submit()}
                  busy={busy}
                  disabled={problem !== null || recording}
                  aria-describedby={problem !== null ? ids.problem : undefined}
                >
                  {!busy && <CloneIcon className="size-5" />}
                  {run.phase === "uploading" ? t("clone.uploadingButton") : run.phase === "cloning" ? t("clone.cloningButton") : t("clone.submit")}
                </Button>
              </div>
            </div>
            {problem !== null && (
              <p id={ids.problem} className="mt-2 text-right text-xs text-slate-500" data-testid="form-problem">
                {t(FORM_PROBLEM_KEYS[problem], { limit: formatNumber(textCounter.limit) })}
              </p>
            )}
          </Card>

          <Card>
            <StepHeading step={3} headingRef={resultHeadingRef}>
              {t("generate.result")}
            </StepHeading>
            <div className="min-h-[184px]" aria-live="polite" aria-busy={busy} data-testid="result-area">
              {run.phase === "idle" && (
                <div className="flex h-[184px] flex-col items-center justify-center gap-2 rounded-xl border border-dashed border-slate-300 text-center text-sm text-slate-500">
                  <WaveIcon className="size-6 text-slate-400" />
                  {t("clone.resultEmpty")}
                </div>
              )}
              {run.phase === "uploading" && (
                <div className="flex h-[184px] flex-col justify-center gap-3 rounded-xl bg-slate-50 px-4" role="status">
                  <p className="flex items-center justify-between gap-2 text-sm text-slate-700">
                    <span>{t("clone.uploading")}</span>
                    <span className="tabular-nums font-semibold text-slate-900" data-testid="upload-percent">
                      {percent.format(uploadRatio)}
                    </span>
                  </p>
                  <div
                    className="h-2 overflow-hidden rounded-full bg-slate-200"
                    role="progressbar"
                    aria-label={t("clone.uploadProgress")}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.round(uploadRatio * 100)}
                  >
                    <div className="h-full rounded-full bg-gradient-to-r from-rose-500 to-violet-600 transition-[width]" style={{ width: `${uploadRatio * 100}%` }} />
                  </div>
                  <p className="text-xs tabular-nums text-slate-500">{t("clone.uploaded", { loaded: formatFileSize(run.loaded, i18n), total: formatFileSize(run.total, i18n) })}</p>
                </div>
              )}
              {run.phase === "cloning" && (
                <div className="flex h-[184px] flex-col justify-center gap-3 rounded-xl bg-slate-50 px-4" role="status">
                  <p className="flex items-center justify-between gap-2 text-sm text-slate-700">
                    <span>{t("clone.cloning")}</span>
                    <span className="flex items-center gap-1 tabular-nums text-slate-500">
                      <ClockIcon className="size-4" />
                      {formatDuration(elapsed)}
                    </span>
                  </p>
                  <div className="h-2 overflow-hidden rounded-full bg-slate-200">
                    <div className="progress-indeterminate h-full w-1/3 rounded-full bg-gradient-to-r from-rose-500 to-violet-600" />
                  </div>
                  <p className="text-xs text-slate-500">{t("clone.cloningHint")}</p>
                </div>
              )}
              {run.phase === "error" && (
                <div className="flex min-h-[184px] flex-col justify-center">
                  <ErrorNotice message={run.error.message} reference={run.error.reference} referenceLabel={t("common.reference")} />
                </div>
              )}
              {run.phase === "cancelled" && (
                <div className="flex h-[184px] items-center justify-center rounded-xl border border-dashed border-slate-300 px-4 text-center text-sm text-slate-600" role="status">
                  {run.during === "uploading" ? t("clone.cancelledUpload") : t("clone.cancelledCloning")}
                </div>
              )}
              {run.phase === "done" && (
                <div className="flex min-h-[184px] flex-col justify-center gap-3" data-testid="result">
                  <div className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-semibold text-slate-900">{t("clone.voiceName")}</span>
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
                        <span title={t("clone.localEngineHint")}>{t("generate.localEngine")}</span>
                      </Badge>
                    )}
                  </div>
                  <WaveformPlayer key={run.result.id} url={run.result.url} fileName={`sexyvoice-clone-${run.result.id.slice(0, 8)}`} label={t("clone.voiceName")} testId="result-audio" />
                  <p className="text-xs text-slate-500" data-testid="result-reference">
                    {t("clone.referenceInfo", { format: FORMAT_LABELS[run.result.reference.format], duration: formatDuration(run.result.reference.durationSeconds) })}
                    {run.result.reference.pitchHz !== null && <> · {t("clone.pitch", { hz: Math.round(run.result.reference.pitchHz) })}</>}
                    {run.result.provider === "local" && run.result.reference.pitchHz === null && <> · {t("clone.defaultPitch")}</>}
                    {" · "}
                    {tp("generate.newBalance", run.result.creditsRemaining)}
                  </p>
                </div>
              )}
            </div>
          </Card>
        </div>
      </div>
    </div>
  );
}
