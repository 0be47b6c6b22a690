/**
 * Fundamental-frequency (F0) estimate of a recording, for the local engine's "pitch matched to the
 * reference" clone. Method: YIN (de Cheveigné & Kawahara 2002), i.e. the autocorrelation-derived
 * difference function with cumulative-mean normalisation, which avoids the octave errors plain
 * autocorrelation makes on harmonic-rich voices.
 *
 * Up to ANALYSED_FRAMES short windows are taken evenly across the recording (so a 5-minute upload
 * costs the same as a 12-second one), each box-filtered down to ~8 kHz; quiet windows (below a
 * quarter of the loud windows' level) and unvoiced ones (no clear period) are skipped; the answer
 * is the median of the voiced windows' F0, or null when too few windows are voiced.
 *
 * Limits: one number per recording (no contour); a search range of 60–500 Hz covers adult and
 * child speech, not singing extremes; only decoded PCM can be analysed, which here means WAV —
 * compressed uploads are not decoded and get null.
 */
import { readWavLayout, readWavMono } from "../providers/wav";

export const MIN_PITCH_HZ = 60;
export const MAX_PITCH_HZ = 500;
const TARGET_RATE = 8_000;
const WINDOW_SECONDS = 0.03;
const ANALYSED_FRAMES = 120;
const YIN_THRESHOLD = 0.15;
const UNVOICED_ABOVE = 0.35;
const MIN_VOICED_FRAMES = 5;

/** Median F0 of a PCM WAV file in Hz (one decimal), or null when it has no steady voiced pitch or is no such file. */
export function estimateWavPitchHz(bytes: Uint8Array): number | null {
  const layout = readWavLayout(bytes);
  if (layout === null) return null;
  const factor = Math.max(1, Math.floor(layout.sampleRate / TARGET_RATE));
  const rate = layout.sampleRate / factor;
  const minLag = Math.floor(rate / MAX_PITCH_HZ);
  const maxLag = Math.ceil(rate / MIN_PITCH_HZ);
  const window = Math.max(maxLag, Math.round(WINDOW_SECONDS * rate));
  const span = (window + maxLag + 2) * factor;
  const room = layout.frames - span;
  if (room < 0) return null;
  const count = Math.min(ANALYSED_FRAMES, Math.max(1, Math.floor(room / (span / 2))));

  const frames: { samples: Float32Array; rms: number }[] = [];
  for (let i = 0; i < count; i++) {
    const start = count === 1 ? 0 : Math.floor((room * i) / (count - 1));
    const samples = decimate(readWavMono(bytes, layout, start, span), factor);
    let energy = 0;
    for (let j = 0; j < window; j++) energy += samples[j]! * samples[j]!;
    frames.push({ samples, rms: Math.sqrt(energy / window) });
  }
  const loud = frames.map((f) => f.rms).sort((a, b) => a - b)[Math.floor(frames.length * 0.9)] ?? 0;
  if (loud === 0) return null;

  const estimates: number[] = [];
  for (const frame of frames) {
    if (frame.rms < loud / 4) continue;
    const lag = yinLag(frame.samples, window, minLag, maxLag);
    if (lag !== null) estimates.push(rate / lag);
  }
  if (estimates.length < MIN_VOICED_FRAMES) return null;
  estimates.sort((a, b) => a - b);
  const middle = estimates.length / 2;
  const median = estimates.length % 2 === 1 ? estimates[Math.floor(middle)]! : (estimates[middle - 1]! + estimates[middle]!) / 2;
  return Math.round(median * 10) / 10;
}

/** Averages each run of `factor` samples: a crude low-pass and downsample in one pass. */
function decimate(samples: Float32Array, factor: number): Float32Array {
  if (factor === 1) return samples;
  const out = new Float32Array(Math.floor(samples.length / factor));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let j = 0; j < factor; j++) sum += samples[i * factor + j]!;
    out[i] = sum / factor;
  }
  return out;
}

/** The period in samples (fractional, parabolic-interpolated) of one window, or null if unvoiced. */
function yinLag(x: Float32Array, window: number, minLag: number, maxLag: number): number | null {
  const difference = new Float64Array(maxLag + 2);
  for (let lag = 1; lag <= maxLag + 1; lag++) {
    let sum = 0;
    for (let j = 0; j < window; j++) {
      const delta = x[j]! - x[j + lag]!;
      sum += delta * delta;
    }
    difference[lag] = sum;
  }
  const normalised = new Float64Array(maxLag + 2);
  normalised[0] = 1;
  let running = 0;
  for (let lag = 1; lag <= maxLag + 1; lag++) {
    running += difference[lag]!;
    normalised[lag] = running === 0 ? 1 : (difference[lag]! * lag) / running;
  }
  let best = -1;
  for (let lag = Math.max(2, minLag); lag <= maxLag; lag++) {
    if (normalised[lag]! < YIN_THRESHOLD) {
      while (lag + 1 <= maxLag && normalised[lag + 1]! < normalised[lag]!) lag += 1;
      best = lag;
      break;
    }
  }
  if (best === -1) {
    best = Math.max(2, minLag);
    for (let lag = best + 1; lag <= maxLag; lag++) if (normalised[lag]! < normalised[best]!) best = lag;
    if (normalised[best]! > UNVOICED_ABOVE) return null;
  }
  const before = normalised[best - 1]!;
  const at = normalised[best]!;
  const after = normalised[best + 1]!;
  const curvature = before - 2 * at + after;
  return curvature > 0 ? best + (before - after) / (2 * curvature) : best;
}
