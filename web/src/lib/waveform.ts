/**
 * Waveform data for the player: decode with Web Audio (an OfflineAudioContext, so no sound device
 * or user gesture is needed) and reduce the samples to peak heights per bar.
 */

/** Peak absolute amplitude per bucket across channels, normalised so the loudest bar is 1. */
export function computePeaks(channels: readonly Float32Array[], buckets: number): number[] {
  const length = channels[0]?.length ?? 0;
  if (length === 0 || buckets <= 0) return [];
  const peaks = new Array<number>(buckets).fill(0);
  const size = length / buckets;
  for (let bucket = 0; bucket < buckets; bucket += 1) {
    const start = Math.floor(bucket * size);
    const end = Math.max(start + 1, Math.floor((bucket + 1) * size));
    let peak = 0;
    for (const channel of channels) {
      for (let index = start; index < end && index < length; index += 1) {
        const value = Math.abs(channel[index] ?? 0);
        if (value > peak) peak = value;
      }
    }
    peaks[bucket] = peak;
  }
  const loudest = Math.max(...peaks);
  return loudest > 0 ? peaks.map((peak) => peak / loudest) : peaks;
}

/** Resamples peaks to the number of bars that fit the canvas (max of each span). */
export function resamplePeaks(peaks: readonly number[], bars: number): number[] {
  if (peaks.length === 0 || bars <= 0) return [];
  const result: number[] = [];
  const size = peaks.length / bars;
  for (let bar = 0; bar < bars; bar += 1) {
    const start = Math.floor(bar * size);
    const end = Math.max(start + 1, Math.floor((bar + 1) * size));
    let peak = 0;
    for (let index = start; index < end && index < peaks.length; index += 1) peak = Math.max(peak, peaks[index] ?? 0);
    result.push(peak);
  }
  return result;
}

export const PEAK_RESOLUTION = 600;

export async function decodePeaks(data: ArrayBuffer): Promise<{ peaks: number[]; duration: number }> {
  const Offline = globalThis.OfflineAudioContext;
  const context = new Offline(1, 1, 22_050);
  const buffer = await context.decodeAudioData(data);
  const channels: Float32Array[] = [];
  for (let index = 0; index < buffer.numberOfChannels; index += 1) channels.push(buffer.getChannelData(index));
  return { peaks: computePeaks(channels, PEAK_RESOLUTION), duration: buffer.duration };
}

export function audioExtension(contentType: string): "mp3" | "wav" {
  return contentType.includes("mpeg") || contentType.includes("mp3") ? "mp3" : "wav";
}
