/**
 * Records a reference from the microphone with MediaRecorder, shows the time and a level meter
 * while recording, and hands the page a WAV file (converted in the browser: the server does not
 * take WebM or the other formats MediaRecorder writes). Stops by itself at MAX_RECORDING_SECONDS,
 * which keeps the WAV within the upload limit.
 */
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/translate";
import { CLONE_FILE_MAX_BYTES, CLONE_MIN_SECONDS, MAX_RECORDING_SECONDS } from "../lib/clone-input";
import { recordingToWav } from "../lib/wav";
import { MicIcon, Spinner, StopIcon } from "./icons";
import { Button } from "./ui";

type Phase = "idle" | "starting" | "recording" | "converting";

interface Session {
  stream: MediaStream;
  recorder: MediaRecorder;
  audio: AudioContext | null;
  timers: number[];
  discard: boolean;
}

function recordingSupported(): boolean {
  return typeof window !== "undefined" && window.isSecureContext && typeof MediaRecorder !== "undefined" && typeof navigator.mediaDevices?.getUserMedia === "function";
}

function micErrorKey(error: unknown): MessageKey {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "clone.micDenied";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "NotReadableError") return "clone.micMissing";
  return "clone.micFailed";
}

function stamp(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

export function VoiceRecorder({ onRecorded, onActiveChange, disabled = false }: { onRecorded: (file: File) => void; onActiveChange?: (active: boolean) => void; disabled?: boolean }) {
  const { t, tp, formatDuration } = useI18n();
  const [phase, setPhase] = useState<Phase>("idle");
  const [error, setError] = useState<MessageKey | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [level, setLevel] = useState(0);
  const sessionRef = useRef<Session | null>(null);
  const onRecordedRef = useRef(onRecorded);
  onRecordedRef.current = onRecorded;
  const supported = recordingSupported();
  const hintId = useId();

  useEffect(() => onActiveChange?.(phase !== "idle"), [phase, onActiveChange]);

  // Leaving the page mid-recording: release the microphone and keep nothing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: an unmount-only clean-up; `release` only touches the session it is given
  useEffect(
    () => () => {
      const session = sessionRef.current;
      if (session === null) return;
      session.discard = true;
      if (session.recorder.state !== "inactive") session.recorder.stop();
      release(session);
    },
    [],
  );

  function release(session: Session) {
    for (const timer of session.timers) clearInterval(timer);
    session.timers = [];
    for (const track of session.stream.getTracks()) track.stop();
    void session.audio?.close().catch(() => undefined);
    session.audio = null;
  }

  const stop = () => {
    const session = sessionRef.current;
    if (session !== null && session.recorder.state !== "inactive") session.recorder.stop();
  };

  const start = async () => {
    if (!supported || phase !== "idle") return;
    setError(null);
    setElapsed(0);
    setLevel(0);
    setPhase("starting");
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
    } catch (reason) {
      setError(micErrorKey(reason));
      setPhase("idle");
      return;
    }
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(stream);
    } catch {
      for (const track of stream.getTracks()) track.stop();
      setError("clone.micUnsupported");
      setPhase("idle");
      return;
    }
    const session: Session = { stream, recorder, audio: null, timers: [], discard: false };
    sessionRef.current = session;
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.onstop = async () => {
      release(session);
      if (session.discard) return;
      setPhase("converting");
      try {
        const recorded = new Blob(chunks, { type: recorder.mimeType });
        const wav = await recordingToWav(await recorded.arrayBuffer(), CLONE_FILE_MAX_BYTES);
        if (session.discard) return;
        onRecordedRef.current(new File([wav.bytes], `recording-${stamp()}.wav`, { type: "audio/wav" }));
      } catch (reason) {
        console.warn("Could not convert the recording", reason);
        setError("clone.micFailed");
      } finally {
        if (sessionRef.current === session) sessionRef.current = null;
        setPhase("idle");
      }
    };

    // Level meter: RMS of the last few milliseconds, ten times a second (enough for the eye).
    try {
      const audio = new AudioContext();
      const analyser = audio.createAnalyser();
      analyser.fftSize = 1024;
      audio.createMediaStreamSource(stream).connect(analyser);
      session.audio = audio;
      const samples = new Float32Array(analyser.fftSize);
      session.timers.push(
        window.setInterval(() => {
          analyser.getFloatTimeDomainData(samples);
          let sum = 0;
          for (const sample of samples) sum += sample * sample;
          setLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
        }, 100),
      );
    } catch {
      // No meter; recording works without it.
    }

    const startedAt = performance.now();
    session.timers.push(
      window.setInterval(() => {
        const seconds = (performance.now() - startedAt) / 1000;
        setElapsed(seconds);
        if (seconds >= MAX_RECORDING_SECONDS && recorder.state === "recording") recorder.stop();
      }, 200),
    );
    recorder.start(250);
    setPhase("recording");
  };

  const remaining = Math.max(0, Math.ceil(CLONE_MIN_SECONDS - elapsed));

  return (
    <div data-testid="voice-recorder">
      {phase === "recording" ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="danger" onClick={stop} aria-describedby={hintId}>
            <StopIcon className="size-4" />
            {t("clone.stop")}
          </Button>
          <div className="flex min-w-0 flex-1 items-center gap-3">
            <span className="flex items-center gap-1.5 text-sm font-semibold text-red-600">
              <span className="size-2.5 animate-pulse rounded-full bg-red-500" aria-hidden="true" />
              <span className="sr-only">{t("clone.recordingNow")}</span>
              <span className="tabular-nums" data-testid="recording-time">
                {formatDuration(Math.floor(elapsed))} / {formatDuration(MAX_RECORDING_SECONDS)}
              </span>
            </span>
            {/* biome-ignore lint/a11y/useSemanticElements: a styled live level bar; <meter> cannot be styled the same way across browsers */}
            <div role="meter" aria-label={t("clone.level")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(level * 100)} className="h-2 min-w-16 flex-1 overflow-hidden rounded-full bg-slate-200">
              <div className="h-full rounded-full bg-gradient-to-r from-emerald-500 via-amber-400 to-red-500 transition-[width] duration-100" style={{ width: `${Math.round(level * 100)}%` }} />
            </div>
          </div>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => void start()} disabled={!supported || disabled || phase !== "idle"} busy={phase === "starting" || phase === "converting"} aria-describedby={hintId}>
          {phase === "idle" && <MicIcon className="size-4" />}
          {t("clone.record")}
        </Button>
      )}
      <p id={hintId} className="mt-2 min-h-8 text-xs text-slate-500" aria-live={phase === "recording" ? "off" : "polite"}>
        {!supported ? (
          t("clone.micUnsupported")
        ) : error !== null ? (
          <span className="text-red-700" role="alert">
            {t(error)}
          </span>
        ) : phase === "starting" ? (
          t("clone.micStarting")
        ) : phase === "converting" ? (
          <span className="inline-flex items-center gap-1.5">
            <Spinner className="size-3.5" />
            {t("clone.converting")}
          </span>
        ) : phase === "recording" ? (
          remaining > 0 ? (
            tp("clone.recordingMore", remaining)
          ) : (
            <span className="text-emerald-700">{t("clone.recordingEnough")}</span>
          )
        ) : (
          t("clone.recordHint", { min: CLONE_MIN_SECONDS, max: formatDuration(MAX_RECORDING_SECONDS) })
        )}
      </p>
    </div>
  );
}
