/**
 * Clone: a reference recording (file picker, drag and drop, or the microphone, converted to WAV in
 * the browser), checked here with the server's rules before anything is uploaded (format from the
 * bytes, size, length and speech decoded with Web Audio); the text with the server's counter and a live
 * estimate from the shared price list; the language; a required consent. Cloning shows upload
 * progress, then progress while the voice is made, both cancellable; the result plays in the
 * waveform player and the new balance is shown at once from the response. The recording can be
 * kept as one of "My voices" (after a clone, or straight away), listed below the form.
 */
import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { CloneVoiceResponse } from "../../../../worker/shared/contracts";
import { api, type UploadProgress } from "../../api/client";
import type { UserFacingError } from "../../api/error-messages";
import { usePaidRequest } from "../../api/paid-request";
import { queryKeys, useMe } from "../../api/queries";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { LOCALES, type Locale } from "../../i18n/routing";
import type { MessageKey } from "../../i18n/translate";
import {
  CLONE_ACCEPT,
  CLONE_CREDITS_PER_WORD,
  CLONE_FILE_MAX_BYTES,
  CLONE_MAX_SECONDS,
  CLONE_MIN_SECONDS,
  SPEECH_MIN_SECONDS,
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
import { AlertIcon, CheckIcon, ClockIcon, CloneIcon, FileAudioIcon, UploadIcon, XIcon } from "../../components/icons";
import { ResultCancelled, ResultDone, ResultEmpty, ResultError, ResultPanel, ResultWorking } from "../../components/result-panel";
import { CostAndSubmit, SpeechTextField } from "../../components/speech-form";
import { Badge, Card, PageHeader, StepHeading, buttonClass } from "../../components/ui";
import { VoiceRecorder } from "../../components/voice-recorder";
import { WaveformPlayer } from "../../components/waveform-player";
import { MyVoicesList, SaveVoiceCard, type SaveSource } from "../../components/my-voices";

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
  | { phase: "done"; result: CloneVoiceResponse; input: { file: File; locale: Locale } }
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
      case "too_short": {
        // One decimal, rounded down: 9.96 s is "9.9", never "10", next to "at least 10".
        const shown = formatNumber(Math.floor(roundedSeconds(seconds ?? 0) * 10) / 10);
        // A microphone recording stopped early says what to do next, not only what is wrong.
        return t(reference.source === "recording" ? "clone.problem.recordingTooShort" : "clone.problem.tooShort", { seconds: shown, min: CLONE_MIN_SECONDS });
      }
      case "too_long":
        return t("clone.problem.tooLong", { duration: formatDuration(problemDuration(seconds ?? 0, problem)), max: CLONE_MAX_SECONDS / 60 });
      case "no_speech":
        return t("clone.problem.noSpeech", { seconds: formatNumber(Math.floor((facts.speechSeconds ?? 0) * 10) / 10), min: SPEECH_MIN_SECONDS });
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
        {state === "problem" || state === "unmeasured" ? (
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
        ) : state === "ok" ? (
          <CheckIcon className="mt-0.5 size-4 shrink-0" />
        ) : (
          <ClockIcon className="mt-0.5 size-4 shrink-0" />
        )}
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
  const { t, formatNumber, formatDuration, locale } = i18n;
  useDocumentTitle(t("clone.title"));
  const queryClient = useQueryClient();
  const me = useMe();

  const [reference, setReference] = useState<Reference | null>(null);
  const [text, setText] = useState("");
  const [speechLocale, setSpeechLocale] = useState<Locale>(locale);
  const [consent, setConsent] = useState(false);
  const [run, setRun] = useState<Run>({ phase: "idle" });
  const [dragging, setDragging] = useState(false);
  const [recording, setRecording] = useState(false);
  const dragDepth = useRef(0);
  const nextId = useRef(1);
  const referenceRef = useRef<Reference | null>(null);
  const { send, cancel } = usePaidRequest();
  const phaseRef = useRef<Run["phase"]>("idle");
  const fileInputRef = useRef<HTMLInputElement>(null);

  const ids = { file: useId(), requirements: useId(), language: useId(), consent: useId(), consentHelp: useId() };

  phaseRef.current = run.phase;
  const busy = run.phase === "uploading" || run.phase === "cloning";
  const textCounter = cloneTextCount(text, speechLocale);
  const estimate = cloneEstimate(text, speechLocale);
  const balance = me.data?.credits;
  const referenceState = reference === null ? null : reference.facts === null ? "checking" : { problem: reference.problem };
  const problem = cloneFormProblem({ reference: referenceState, text, locale: speechLocale, consent });
  // Saving keeps what the clone used while that recording is still the one on the page.
  const cloned = run.phase === "done" && reference?.file === run.input.file ? run.input : null;
  const saveSource: SaveSource =
    cloned !== null
      ? { reference: { problem: null }, file: cloned.file, locale: cloned.locale, consent: true, cloned: true }
      : { reference: referenceState, file: reference?.file ?? null, locale: speechLocale, consent, cloned: false };

  // The object URL of the previous recording is released when it is replaced and on leaving.
  useEffect(() => {
    referenceRef.current = reference;
  }, [reference]);
  useEffect(
    () => () => {
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

  const chooseFile = useCallback((file: File, source: Reference["source"]) => {
    const id = nextId.current++;
    const next: Reference = { id, file, source, objectUrl: URL.createObjectURL(file), facts: null, problem: null };
    setReference((previous) => {
      if (previous !== null) URL.revokeObjectURL(previous.objectUrl);
      return next;
    });
    void inspectReferenceFile(file)
      .catch((): ReferenceFacts => ({ size: file.size, format: null, durationSeconds: null, speechSeconds: null }))
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

  const showProgress = (progress: UploadProgress) => {
    if (progress.phase === "uploading") setRun({ phase: "uploading", loaded: progress.loaded, total: progress.total });
    else setRun({ phase: "cloning", startedAt: Date.now() });
  };

  const submit = async () => {
    if (reference === null || problem !== null || busy || recording) return;
    setRun({ phase: "uploading", loaded: 0, total: reference.file.size });
    const outcome = await send((signal) =>
      api.cloneVoice(
        { file: reference.file, fileName: reference.file.name || "recording.wav", text, locale: speechLocale },
        {
          signal,
          onProgress: (progress) => {
            if (!signal.aborted) showProgress(progress);
          },
        },
      ),
    );
    if (outcome.status === "done") setRun({ phase: "done", result: outcome.result, input: { file: reference.file, locale: speechLocale } });
    else if (outcome.status === "error") setRun({ phase: "error", error: outcome.error });
    else {
      const during = phaseRef.current === "cloning" ? "cloning" : "uploading";
      setRun({ phase: "cancelled", during });
      // The server may finish a clone it had already started: show what it charged.
      if (during === "cloning") {
        void queryClient.invalidateQueries({ queryKey: queryKeys.me });
        void queryClient.invalidateQueries({ queryKey: queryKeys.history });
      }
    }
  };

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

          <div className="my-5 flex items-center gap-3 text-xs font-medium tracking-wide text-slate-500 uppercase" aria-hidden="true">
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

            <SpeechTextField
              className="mt-5"
              value={text}
              onChange={setText}
              onSubmit={() => void submit()}
              count={textCounter}
              rows={5}
              placeholder={t("clone.textPlaceholder")}
              limitNote={t("clone.limit", { limit: formatNumber(textCounter.limit) })}
            />

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

            <CostAndSubmit
              estimate={estimate}
              balance={balance}
              idleNote={t("clone.rate", { rate: CLONE_CREDITS_PER_WORD })}
              busy={busy}
              submitLabel={run.phase === "uploading" ? t("clone.uploadingButton") : run.phase === "cloning" ? t("clone.cloningButton") : t("clone.submit")}
              submitIcon={<CloneIcon className="size-5" />}
              onSubmit={() => void submit()}
              onCancel={cancel}
              problem={problem === null ? null : t(FORM_PROBLEM_KEYS[problem], { limit: formatNumber(textCounter.limit) })}
              blocked={recording}
            />
          </Card>

          <ResultPanel step={3} height={184} busy={busy}>
            {run.phase === "idle" && <ResultEmpty>{t("clone.resultEmpty")}</ResultEmpty>}
            {run.phase === "uploading" && (
              <ResultWorking
                label={t("clone.uploading")}
                upload={{ ratio: run.total > 0 ? Math.min(1, run.loaded / run.total) : 0, label: t("clone.uploadProgress") }}
                hint={t("clone.uploaded", { loaded: formatFileSize(run.loaded, i18n), total: formatFileSize(run.total, i18n) })}
              />
            )}
            {run.phase === "cloning" && <ResultWorking label={t("clone.cloning")} startedAt={run.startedAt} hint={t("clone.cloningHint")} />}
            {run.phase === "error" && <ResultError error={run.error} />}
            {run.phase === "cancelled" && <ResultCancelled>{run.during === "uploading" ? t("clone.cancelledUpload") : t("clone.cancelledCloning")}</ResultCancelled>}
            {run.phase === "done" && (
              <ResultDone
                result={run.result}
                name={t("clone.voiceName")}
                fileName={`sexyvoice-clone-${run.result.id.slice(0, 8)}`}
                localEngineHint={t("clone.localEngineHint")}
                detailsTestId="result-reference"
                details={
                  <>
                    {t("clone.referenceInfo", { format: FORMAT_LABELS[run.result.reference.format], duration: formatDuration(run.result.reference.durationSeconds) })}
                    {run.result.reference.pitchHz !== null && <> · {t("clone.pitch", { hz: Math.round(run.result.reference.pitchHz) })}</>}
                    {run.result.provider === "local" && run.result.reference.pitchHz === null && <> · {t("clone.defaultPitch")}</>}
                  </>
                }
              />
            )}
          </ResultPanel>

          <SaveVoiceCard source={saveSource} disabled={busy || recording} />
        </div>
      </div>

      <MyVoicesList />
    </div>
  );
}
