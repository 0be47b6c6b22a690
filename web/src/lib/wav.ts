/**
 * A small WAV encoder (16-bit PCM, one channel) and the browser-side conversion of a microphone
 * recording into it. MediaRecorder produces WebM/Opus (Chrome), Ogg/Opus (Firefox) or MP4 (Safari),
 * and the server takes MP3, OGG, M4A or WAV only, so every recording is decoded with Web Audio,
 * mixed down to mono, resampled to the highest rate that keeps the file under the upload limit and
 * written as plain PCM WAV. The pure parts (encoder, rate choice, mixing) are unit-tested in Node.
 */

export const WAV_HEADER_BYTES = 44;
const BYTES_PER_SAMPLE = 2;

/** Rates tried for a recording, best first: 24 kHz keeps a voice's detail; 16 kHz is plenty for speech. */
export const RECORDING_SAMPLE_RATES = [24_000, 22_050, 16_000, 12_000, 11_025, 8_000] as const;
const LOWEST_RATE = 8_000;

/** Size of a 16-bit mono WAV file holding this many samples. */
export function wavByteLength(frames: number): number {
  return WAV_HEADER_BYTES + frames * BYTES_PER_SAMPLE;
}

/** The highest rate at which `durationSeconds` of mono 16-bit audio fits in `maxBytes`, or null. */
export function wavSampleRateFor(durationSeconds: number, maxBytes: number, rates: readonly number[] = RECORDING_SAMPLE_RATES): number | null {
  for (const rate of rates) if (wavByteLength(Math.round(durationSeconds * rate)) <= maxBytes) return rate;
  return null;
}

/** Averages the channels into one (what Web Audio's "speakers" down-mix does for stereo). */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  const first = channels[0];
  if (first === undefined) return new Float32Array(0);
  if (channels.length === 1) return first;
  const mono = new Float32Array(first.length);
  for (const channel of channels) for (let index = 0; index < mono.length; index += 1) mono[index]! += (channel[index] ?? 0) / channels.length;
  return mono;
}

/** One float sample in [-1, 1] as a signed 16-bit integer (clipped, rounded). */
export function toInt16(sample: number): number {
  if (Number.isNaN(sample)) return 0;
  const clipped = Math.max(-1, Math.min(1, sample));
  return clipped < 0 ? Math.round(clipped * 0x8000) : Math.round(clipped * 0x7fff);
}

/** A canonical RIFF/WAVE file: `fmt ` (PCM, 1 channel, 16 bits) and `data`, little-endian. */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new RangeError(`invalid sample rate ${sampleRate}`);
  const dataBytes = samples.length * BYTES_PER_SAMPLE;
  const buffer = new ArrayBuffer(WAV_HEADER_BYTES + dataBytes);
  const view = new DataView(buffer);
  const ascii = (offset: number, text: string) => {
    for (let index = 0; index < text.length; index += 1) view.setUint8(offset + index, text.charCodeAt(index));
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // channels
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * BYTES_PER_SAMPLE, true); // byte rate
  view.setUint16(32, BYTES_PER_SAMPLE, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, dataBytes, true);
  for (let index = 0; index < samples.length; index += 1) view.setInt16(WAV_HEADER_BYTES + index * BYTES_PER_SAMPLE, toInt16(samples[index]!), true);
  return new Uint8Array(buffer);
}

export interface ConvertedRecording {
  bytes: Uint8Array<ArrayBuffer>;
  sampleRate: number;
  durationSeconds: number;
}

/**
 * Browser only: decodes any recording the browser can play and returns it as mono 16-bit WAV at
 * the best rate that fits `maxBytes` (the lowest rate if nothing fits; the size check then says so).
 */
export async function recordingToWav(data: ArrayBuffer, maxBytes: number): Promise<ConvertedRecording> {
  const decoded = await new OfflineAudioContext(1, 1, 48_000).decodeAudioData(data);
  const rate = wavSampleRateFor(decoded.duration, maxBytes) ?? LOWEST_RATE;
  const frames = Math.max(1, Math.round(decoded.duration * rate));
  // A one-channel offline context down-mixes and resamples in one pass.
  const offline = new OfflineAudioContext(1, frames, rate);
  const source = offline.createBufferSource();
  source.buffer = decoded;
  source.connect(offline.destination);
  source.start();
  const rendered = await offline.startRendering();
  return { bytes: encodeWav16(rendered.getChannelData(0), rate), sampleRate: rate, durationSeconds: frames / rate };
}
