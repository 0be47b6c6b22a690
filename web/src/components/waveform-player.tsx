/**
 * Audio player with a canvas waveform: downloads the signed URL once into a Blob (so playback,
 * seeking and download keep working after the URL expires), decodes it (WAV or MP3) with Web Audio
 * for the peaks (their count is the slider's `data-peaks`, 0 when it could not be decoded), and
 * plays it through a hidden <audio>. The waveform is a keyboard-operable slider. Its height is
 * fixed in every state so nothing moves when the audio arrives. A `deferred` player (a list of
 * many, as in History) fetches nothing until its play button is first pressed, then plays as soon
 * as the audio is in. Starting one player pauses whichever other one was playing.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { useI18n } from "../i18n/i18n";
import { audioExtension, decodePeaks, resamplePeaks } from "../lib/waveform";
import { DownloadIcon, PauseIcon, PlayIcon, Spinner } from "./icons";

interface WaveformPlayerProps {
  url: string;
  /** File name for downloads, without extension. */
  fileName: string;
  /** What is playing, for screen readers (e.g. the voice's name). */
  label: string;
  testId?: string;
  height?: number;
  /** Fetch the audio only when play is first pressed (then play it at once). */
  deferred?: boolean;
  /** The length to show before the audio is loaded (a deferred player). */
  knownDuration?: number;
  /** False where the page offers its own download link (one per item). */
  showDownload?: boolean;
  /** Accessible names of the play button, when "Play"/"Pause" alone would be ambiguous on the page. */
  playLabel?: string;
  pauseLabel?: string;
}

/** The one player that is playing; starting another pauses it. */
let playingNow: HTMLAudioElement | null = null;

const BAR_WIDTH = 3;
const BAR_GAP = 2;

export function WaveformPlayer({ url, fileName, label, testId, height = 64, deferred = false, knownDuration = 0, showDownload = true, playLabel, pauseLabel }: WaveformPlayerProps) {
  const { t, formatDuration } = useI18n();
  const urlRef = useRef(url);
  urlRef.current = url;
  const audioRef = useRef<HTMLAudioElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const waveRef = useRef<HTMLDivElement>(null);
  const [attempt, setAttempt] = useState(0);
  const [armed, setArmed] = useState(!deferred);
  const playWhenReady = useRef(false);
  const [phase, setPhase] = useState<"idle" | "loading" | "ready" | "error">(deferred ? "idle" : "loading");
  const [source, setSource] = useState<{ objectUrl: string; extension: "mp3" | "wav" } | null>(null);
  const [peaks, setPeaks] = useState<number[]>([]);
  const [duration, setDuration] = useState(knownDuration);
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [width, setWidth] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the trigger: Retry bumps it to fetch the audio again
  useEffect(() => {
    if (!armed) return;
    const controller = new AbortController();
    let objectUrl: string | null = null;
    setPhase("loading");
    (async () => {
      const response = await fetch(urlRef.current, { signal: controller.signal });
      if (!response.ok) throw new Error(`audio ${response.status}`);
      const blob = await response.blob();
      objectUrl = URL.createObjectURL(blob);
      const extension = audioExtension(blob.type || (response.headers.get("content-type") ?? ""));
      try {
        const decoded = await decodePeaks(await blob.arrayBuffer());
        if (controller.signal.aborted) return;
        setPeaks(decoded.peaks);
        setDuration((current) => (current > 0 ? current : decoded.duration));
      } catch {
        // Undecodable here (old browser): play without a drawn waveform.
        setPeaks([]);
      }
      if (controller.signal.aborted) return;
      setSource({ objectUrl, extension });
      setPhase("ready");
    })().catch((error: unknown) => {
      if (!controller.signal.aborted) {
        console.warn("Could not load audio", error);
        setPhase("error");
      }
    });
    return () => {
      controller.abort();
      if (objectUrl !== null) URL.revokeObjectURL(objectUrl);
    };
  }, [attempt, armed]);

  // A deferred player's first press asked for playback: start once the audio element exists.
  useEffect(() => {
    if (source === null || !playWhenReady.current) return;
    playWhenReady.current = false;
    void audioRef.current?.play().catch(() => setPlaying(false));
  }, [source]);

  useEffect(
    () => () => {
      if (playingNow !== null && playingNow === audioRef.current) playingNow = null;
    },
    [],
  );

  useEffect(() => {
    const node = waveRef.current;
    if (node === null) return;
    const observer = new ResizeObserver((entries) => setWidth(Math.floor(entries[0]?.contentRect.width ?? 0)));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  // Smooth progress while playing; `timeupdate` alone fires only ~4 times a second.
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const tick = () => {
      const audio = audioRef.current;
      if (audio !== null) setTime(audio.currentTime);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(width * ratio);
    canvas.height = Math.floor(height * ratio);
    const context = canvas.getContext("2d");
    if (context === null) return;
    context.scale(ratio, ratio);
    context.clearRect(0, 0, width, height);
    const bars = Math.max(1, Math.floor((width + BAR_GAP) / (BAR_WIDTH + BAR_GAP)));
    const heights = peaks.length > 0 ? resamplePeaks(peaks, bars) : new Array<number>(bars).fill(0.08);
    const progress = duration > 0 ? Math.min(1, time / duration) : 0;
    const played = context.createLinearGradient(0, 0, width, 0);
    played.addColorStop(0, "#f43f5e");
    played.addColorStop(1, "#7c3aed");
    heights.forEach((peak, index) => {
      const x = index * (BAR_WIDTH + BAR_GAP);
      const barHeight = Math.max(3, peak * (height - 6));
      context.fillStyle = (index + 0.5) / bars <= progress ? played : "#cbd5e1";
      context.beginPath();
      context.roundRect(x, (height - barHeight) / 2, BAR_WIDTH, barHeight, 1.5);
      context.fill();
    });
  }, [peaks, time, duration, width, height]);

  const seekTo = useCallback(
    (seconds: number) => {
      const audio = audioRef.current;
      if (audio === null || duration <= 0) return;
      const clamped = Math.min(duration, Math.max(0, seconds));
      audio.currentTime = clamped;
      setTime(clamped);
    },
    [duration],
  );

  const seekFromPointer = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    seekTo(((event.clientX - box.left) / box.width) * duration);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = Math.max(1, duration / 20);
    const keys: Record<string, number> = { ArrowLeft: time - step, ArrowDown: time - step, ArrowRight: time + step, ArrowUp: time + step, Home: 0, End: duration, PageDown: time - step * 4, PageUp: time + step * 4 };
    const target = keys[event.key];
    if (target !== undefined) {
      event.preventDefault();
      seekTo(target);
    }
  };

  const togglePlay = () => {
    if (phase === "idle") {
      playWhenReady.current = true;
      setArmed(true);
      return;
    }
    const audio = audioRef.current;
    if (audio === null) return;
    if (audio.paused) {
      if (audio.ended || (duration > 0 && audio.currentTime >= duration)) audio.currentTime = 0;
      void audio.play().catch(() => setPlaying(false));
    } else audio.pause();
  };

  const ready = phase === "ready" && source !== null;
  const timeText = t("player.time", { current: formatDuration(time), total: formatDuration(duration) });

  return (
    // biome-ignore lint/a11y/useSemanticElements: a flex row grouping the player's controls, not a form; <fieldset> brings form semantics and its own box styles
    <div className="flex items-center gap-3 sm:gap-4" role="group" aria-label={t("player.label", { name: label })}>
      <button
        type="button"
        onClick={togglePlay}
        // A deferred player stays enabled while it loads, so the focus stays on it after the first press.
        disabled={!ready && !(deferred && phase !== "error")}
        aria-busy={phase === "loading" || undefined}
        aria-label={playing ? (pauseLabel ?? t("player.pause")) : (playLabel ?? t("player.play"))}
        className="inline-flex size-12 shrink-0 items-center justify-center rounded-full bg-slate-900 text-white shadow-md transition-colors hover:bg-slate-700 disabled:bg-slate-300"
      >
        {phase === "loading" ? <Spinner className="size-5" /> : playing ? <PauseIcon className="size-5" /> : <PlayIcon className="size-5 translate-x-0.5" />}
      </button>
      <div className="min-w-0 flex-1">
        <div
          ref={waveRef}
          role="slider"
          tabIndex={ready ? 0 : -1}
          aria-label={t("player.seek")}
          aria-valuemin={0}
          aria-valuemax={Math.round(duration)}
          aria-valuenow={Math.round(time)}
          aria-valuetext={timeText}
          aria-disabled={!ready}
          data-peaks={peaks.length}
          onKeyDown={onKeyDown}
          onPointerDown={(event) => {
            if (!ready) return;
            event.currentTarget.setPointerCapture(event.pointerId);
            seekFromPointer(event);
          }}
          onPointerMove={(event) => {
            if (ready && event.currentTarget.hasPointerCapture(event.pointerId)) seekFromPointer(event);
          }}
          className={`relative w-full touch-none rounded-lg ${ready ? "cursor-pointer" : ""} ${phase === "loading" ? "animate-pulse" : ""}`}
          style={{ height }}
        >
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a canvas without tabIndex is not focusable; the slider around it carries the semantics */}
          <canvas ref={canvasRef} className="absolute inset-0 h-full w-full" aria-hidden="true" />
        </div>
        <div className="mt-1 flex items-center justify-between gap-2 text-xs text-slate-500 tabular-nums">
          <span aria-hidden="true">{formatDuration(time)}</span>
          {phase === "error" ? (
            <span className="text-red-700" role="alert">
              {t("player.loadFailed")}{" "}
              <button type="button" className="font-semibold underline" onClick={() => setAttempt((value) => value + 1)}>
                {t("common.retry")}
              </button>
            </span>
          ) : null}
          <span aria-hidden="true">{formatDuration(duration)}</span>
        </div>
      </div>
      {!showDownload ? null : ready ? (
        <a
          href={source.objectUrl}
          download={`${fileName}.${source.extension}`}
          className="inline-flex size-11 shrink-0 items-center justify-center rounded-full border border-slate-300 bg-white text-slate-700 transition-colors hover:border-slate-400 hover:bg-slate-50"
          aria-label={t("player.download")}
          title={t("player.download")}
        >
          <DownloadIcon className="size-5" />
        </a>
      ) : (
        <span className="inline-flex size-11 shrink-0 items-center justify-center rounded-full border border-slate-200 text-slate-300" aria-hidden="true">
          <DownloadIcon className="size-5" />
        </span>
      )}
      {source !== null && (
        // biome-ignore lint/a11y/useMediaCaption: speech made from (or recorded for) a text the user wrote; there is no caption track to serve
        <audio
          ref={audioRef}
          src={source.objectUrl}
          preload="auto"
          data-testid={testId}
          onLoadedMetadata={(event) => {
            const value = event.currentTarget.duration;
            if (Number.isFinite(value) && value > 0) setDuration(value);
          }}
          onPlay={(event) => {
            if (playingNow !== null && playingNow !== event.currentTarget) playingNow.pause();
            playingNow = event.currentTarget;
            setPlaying(true);
          }}
          onPause={() => setPlaying(false)}
          onEnded={(event) => {
            setPlaying(false);
            setTime(event.currentTarget.duration);
          }}
          onTimeUpdate={(event) => setTime(event.currentTarget.currentTime)}
        />
      )}
    </div>
  );
}
