/**
 * Cloning with the local engine (no Replicate key): eSpeak NG speaks the text in the locale's
 * language at the pitch of the reference recording. It cannot copy a timbre; matching the
 * fundamental frequency is the part of a voice it can reproduce.
 *
 * Pitch mapping: eSpeak takes a 0–99 pitch setting, not hertz. The tables below are the median
 * F0 of the engine's own output at each setting (measured with services/pitch.ts on English
 * speech from espeak-ng 1.0.2; the other supported languages measured within 4 % of it at the
 * default). Below SWITCH_TO_HIGH_VOICE_HZ the language's own voice (range ≈ 70–169 Hz) is used,
 * above it the f1 variant (≈ 115–306 Hz); the setting is interpolated and clamped to the range.
 * No measured pitch (a compressed upload) → the language's own voice at its default pitch.
 */
import { espeakLanguage } from "./local";
import { LOCAL_MODEL, speakLocally } from "./local-engine-client";
import { stripVocalTags } from "../shared/text-metrics";
import type { CloneProvider, SpeechResult } from "./types";

type PitchTable = readonly (readonly [setting: number, hz: number])[];

const LOW_VOICE: PitchTable = [
  [0, 70],
  [10, 72],
  [20, 78],
  [30, 84],
  [40, 92],
  [50, 101],
  [60, 111],
  [70, 123],
  [80, 137],
  [90, 153],
  [99, 169],
];
const HIGH_VOICE: PitchTable = [
  [0, 115],
  [10, 124],
  [20, 135],
  [30, 146],
  [40, 162],
  [50, 178],
  [60, 198],
  [70, 220],
  [80, 246],
  [90, 276],
  [99, 306],
];
const SWITCH_TO_HIGH_VOICE_HZ = 150;

function settingFor(table: PitchTable, hz: number): number {
  const first = table[0]!;
  const last = table[table.length - 1]!;
  if (hz <= first[1]) return first[0];
  if (hz >= last[1]) return last[0];
  for (let i = 1; i < table.length; i++) {
    const [s1, f1] = table[i]!;
    const [s0, f0] = table[i - 1]!;
    if (hz <= f1) return Math.round(s0 + ((hz - f0) / (f1 - f0)) * (s1 - s0));
  }
  return last[0];
}

/** eSpeak variant and pitch setting that speak closest to `pitchHz`. */
export function localPitchFor(pitchHz: number | null): { variant: "neutral" | "female1"; pitch?: number } {
  if (pitchHz === null) return { variant: "neutral" };
  if (pitchHz < SWITCH_TO_HIGH_VOICE_HZ) return { variant: "neutral", pitch: settingFor(LOW_VOICE, pitchHz) };
  return { variant: "female1", pitch: settingFor(HIGH_VOICE, pitchHz) };
}

export function createLocalCloneProvider(engine: Fetcher): CloneProvider {
  return {
    name: "local",
    model: () => LOCAL_MODEL,
    clone(request): Promise<SpeechResult> {
      const { variant, pitch } = localPitchFor(request.reference.pitchHz);
      return speakLocally(engine, { text: stripVocalTags(request.text), language: espeakLanguage(request.locale), variant, ...(pitch === undefined ? {} : { pitch }) }, request.signal);
    },
  };
}
