/**
 * WAV helpers: wrap raw PCM in a RIFF header; find and decode the samples of an uncompressed WAV
 * file (pitch analysis of clone references, and the probe's check for truncated WAVs).
 */

export function wrapPcmAsWav(pcm: Uint8Array, sampleRate: number, channels = 1, bitsPerSample = 16): Uint8Array {
  const header = new ArrayBuffer(44);
  const view = new DataView(header);
  const byteRate = (sampleRate * channels * bitsPerSample) / 8;
  const writeAscii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  writeAscii(0, "RIFF");
  view.setUint32(4, 36 + pcm.byteLength, true);
  writeAscii(8, "WAVE");
  writeAscii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, byteRate, true);
  view.setUint16(32, (channels * bitsPerSample) / 8, true);
  view.setUint16(34, bitsPerSample, true);
  writeAscii(36, "data");
  view.setUint32(40, pcm.byteLength, true);
  const wav = new Uint8Array(44 + pcm.byteLength);
  wav.set(new Uint8Array(header), 0);
  wav.set(pcm, 44);
  return wav;
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** Where an uncompressed WAV file's samples are, and how to read them. */
export interface WavLayout {
  encoding: "pcm" | "float";
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
  dataOffset: number;
  /** The sample bytes present (the data chunk clamped to the end of the file). */
  dataBytes: number;
  frames: number;
  /** The data chunk states a size (not 0 or 0xFFFFFFFF, which streaming writers leave) larger than the bytes present. */
  truncated: boolean;
}

const tagAt = (bytes: Uint8Array, offset: number) => (offset + 4 <= bytes.byteLength ? String.fromCharCode(...bytes.subarray(offset, offset + 4)) : "");

/**
 * The layout of a PCM or IEEE-float WAV file (plain or WAVE_FORMAT_EXTENSIBLE), or null when the
 * bytes are not one: no RIFF/WAVE header, a compressed or malformed format chunk, or no data
 * chunk after it. Only what decoding needs is read; measuring and validating uploads is
 * services/audio-probe.ts's job.
 */
export function readWavLayout(bytes: Uint8Array): WavLayout | null {
  if (tagAt(bytes, 0) !== "RIFF" || tagAt(bytes, 8) !== "WAVE") return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: Pick<WavLayout, "encoding" | "channels" | "sampleRate" | "bitsPerSample" | "blockAlign"> | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = tagAt(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === "data") {
      if (fmt === null) return null;
      const available = bytes.byteLength - body;
      const streaming = size === 0 || size === 0xffffffff;
      const dataBytes = streaming ? available : Math.min(size, available);
      // Less than one frame missing is a partial last frame, dropped, not a truncated file.
      return { ...fmt, dataOffset: body, dataBytes, frames: Math.floor(dataBytes / fmt.blockAlign), truncated: !streaming && size > available + fmt.blockAlign };
    }
    if (id === "fmt ") {
      if (size < 16 || body + 16 > bytes.byteLength) return null;
      let tag = view.getUint16(body, true);
      if (tag === WAVE_FORMAT_EXTENSIBLE && size >= 40 && body + 26 <= bytes.byteLength) tag = view.getUint16(body + 24, true);
      if (tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_FLOAT) return null;
      const encoding = tag === WAVE_FORMAT_PCM ? "pcm" : "float";
      const channels = view.getUint16(body + 2, true);
      const sampleRate = view.getUint32(body + 4, true);
      const blockAlign = view.getUint16(body + 12, true);
      const bitsPerSample = view.getUint16(body + 14, true);
      const validBits = encoding === "pcm" ? [8, 16, 24, 32] : [32, 64];
      if (channels < 1 || channels > 16 || sampleRate < 1_000 || sampleRate > 384_000 || !validBits.includes(bitsPerSample) || blockAlign !== (channels * bitsPerSample) / 8) return null;
      fmt = { encoding, channels, sampleRate, bitsPerSample, blockAlign };
    }
    offset = body + size + (size % 2);
  }
  return null;
}

/**
 * Reads a run of a WAV file's sample frames mixed down to mono floats in [-1, 1]; frames past
 * the end read as silence. Decodes only what is asked for, so long files cost nothing extra.
 */
export function readWavMono(bytes: Uint8Array, layout: WavLayout, startFrame: number, frameCount: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(frameCount);
  const bytesPerSample = layout.bitsPerSample / 8;
  const end = Math.min(layout.frames, startFrame + frameCount);
  for (let frame = Math.max(0, startFrame); frame < end; frame++) {
    let sum = 0;
    const base = layout.dataOffset + frame * layout.blockAlign;
    for (let channel = 0; channel < layout.channels; channel++) sum += readSample(view, base + channel * bytesPerSample, layout);
    out[frame - startFrame] = sum / layout.channels;
  }
  return out;
}

function readSample(view: DataView, at: number, layout: WavLayout): number {
  if (layout.encoding === "float") return layout.bitsPerSample === 32 ? view.getFloat32(at, true) : view.getFloat64(at, true);
  switch (layout.bitsPerSample) {
    case 8:
      return (view.getUint8(at) - 128) / 128;
    case 16:
      return view.getInt16(at, true) / 32_768;
    case 24:
      return ((view.getInt8(at + 2) << 16) | (view.getUint8(at + 1) << 8) | view.getUint8(at)) / 8_388_608;
    default:
      return view.getInt32(at, true) / 2_147_483_648;
  }
}

/** The samples of a 16-bit mono PCM WAV and its rate (what streaming sends), or null for anything else. */
export function monoPcm16(bytes: Uint8Array): { pcm: Uint8Array; sampleRate: number } | null {
  const layout = readWavLayout(bytes);
  if (layout === null || layout.encoding !== "pcm" || layout.channels !== 1 || layout.bitsPerSample !== 16) return null;
  return { pcm: bytes.subarray(layout.dataOffset, layout.dataOffset + layout.dataBytes), sampleRate: layout.sampleRate };
}

/**
 * 16-bit little-endian mono samples at `to` Hz from samples at `from` Hz, by linear interpolation
 * (speech, so no anti-alias filter is needed for the small ratios we meet: 22.05 → 24 kHz).
 */
export function resamplePcm16(pcm: Uint8Array, from: number, to: number): Uint8Array {
  if (from === to) return pcm;
  const input = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength - (pcm.byteLength % 2));
  const count = input.byteLength / 2;
  const length = Math.floor((count * to) / from);
  const output = new Uint8Array(length * 2);
  const out = new DataView(output.buffer);
  for (let i = 0; i < length; i++) {
    const position = (i * from) / to;
    const left = Math.floor(position);
    const right = Math.min(left + 1, count - 1);
    const fraction = position - left;
    const value = input.getInt16(left * 2, true) * (1 - fraction) + input.getInt16(right * 2, true) * fraction;
    out.setInt16(i * 2, Math.round(value), true);
  }
  return output;
}
