/**
 * Voice samples: one shared <audio> for the whole page, so starting a sample stops the previous
 * one. Components subscribe with useSyncExternalStore and get which voice is loading or playing;
 * a player that shows time (the landing page's hero) also subscribes to the playback position,
 * kept in its own store so the round buttons do not re-render as the sample plays.
 */
import { useSyncExternalStore } from "react";
import { voiceSampleUrl } from "../api/client";
import { useI18n } from "../i18n/i18n";
import { PlayIcon, Spinner, StopIcon } from "./icons";

type SampleState = { voiceId: string | null; phase: "idle" | "loading" | "playing" | "error" };
/** Seconds played and the sample's length (NaN until its metadata is in) of the current sample. */
export type SampleProgress = { voiceId: string | null; currentTime: number; duration: number };

let state: SampleState = { voiceId: null, phase: "idle" };
let progress: SampleProgress = { voiceId: null, currentTime: 0, duration: Number.NaN };
let audio: HTMLAudioElement | null = null;
const listeners = new Set<() => void>();
const progressListeners = new Set<() => void>();

function setProgress(player: HTMLAudioElement): void {
  progress = { voiceId: state.voiceId, currentTime: player.currentTime, duration: player.duration };
  for (const listener of progressListeners) listener();
}

function setState(next: SampleState): void {
  state = next;
  for (const listener of listeners) listener();
}

function element(): HTMLAudioElement {
  if (audio === null) {
    audio = new Audio();
    audio.preload = "auto";
    audio.addEventListener("playing", () => setState({ voiceId: state.voiceId, phase: "playing" }));
    audio.addEventListener("ended", () => setState({ voiceId: null, phase: "idle" }));
    for (const event of ["timeupdate", "durationchange", "emptied"]) audio.addEventListener(event, () => setProgress(audio!));
    audio.addEventListener("error", () => {
      if (state.voiceId !== null) setState({ voiceId: state.voiceId, phase: "error" });
    });
  }
  return audio;
}

export function toggleSample(voiceId: string): void {
  const player = element();
  if (state.voiceId === voiceId && (state.phase === "playing" || state.phase === "loading")) {
    player.pause();
    setState({ voiceId: null, phase: "idle" });
    return;
  }
  player.pause();
  player.src = voiceSampleUrl(voiceId);
  setState({ voiceId, phase: "loading" });
  player.play().catch((error: unknown) => {
    if (error instanceof DOMException && error.name === "AbortError") return;
    if (state.voiceId === voiceId) setState({ voiceId, phase: "error" });
  });
}

export function stopSample(): void {
  audio?.pause();
  setState({ voiceId: null, phase: "idle" });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The playback position, for the voice being played (check `voiceId`). */
export function useSampleProgress(): SampleProgress {
  return useSyncExternalStore(
    (listener) => {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    () => progress,
    () => progress,
  );
}

export function useSampleState(): SampleState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}

/** Round play/stop button for a voice's sample. */
export function SampleButton({
  voiceId,
  voiceName,
  className = "",
  idleClassName = "bg-slate-900/5 text-slate-800 hover:bg-rose-100 hover:text-rose-700",
}: {
  voiceId: string;
  voiceName: string;
  className?: string;
  idleClassName?: string;
}) {
  const { t } = useI18n();
  const sample = useSampleState();
  const active = sample.voiceId === voiceId;
  const playing = active && sample.phase === "playing";
  const loading = active && sample.phase === "loading";
  const failed = active && sample.phase === "error";
  const label = playing || loading ? t("voices.stopSample", { name: voiceName }) : t("voices.playSample", { name: voiceName });
  return (
    <button
      type="button"
      onClick={(event) => {
        event.preventDefault();
        event.stopPropagation();
        toggleSample(voiceId);
      }}
      aria-label={label}
      aria-pressed={playing || loading}
      title={failed ? t("voices.sampleFailed") : label}
      className={`relative inline-flex size-9 shrink-0 items-center justify-center rounded-full transition-colors ${
        playing || loading ? "bg-rose-500 text-white" : failed ? "bg-red-100 text-red-700" : idleClassName
      } ${className}`}
    >
      {loading ? <Spinner className="size-4" /> : playing ? <StopIcon className="size-4" /> : <PlayIcon className="size-4 translate-x-px" />}
    </button>
  );
}
