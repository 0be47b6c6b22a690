// Reads an MPEG audio Layer III stream frame by frame from the headers alone (no decoding): every
// frame must start with the 11-bit sync (0xFFE mask) right where the previous one ended, so a
// stream that walks to its last byte is well-formed. The duration is the frames' samples over the
// sample rate, leaving out a leading Xing/Info tag frame (decoders skip it too).

const BITRATES_KBPS = {
  mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  mpeg2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
} as const;
const SAMPLE_RATES: Record<number, readonly number[]> = { 3: [44_100, 48_000, 32_000], 2: [22_050, 24_000, 16_000], 0: [11_025, 12_000, 8_000] };

export interface Mp3Frame {
  offset: number;
  length: number;
  samples: number;
  sampleRate: number;
  bitrateKbps: number;
  channels: 1 | 2;
}

export interface Mp3Stream {
  frames: Mp3Frame[];
  /** Audio frames only (a leading Xing/Info tag frame is not audio). */
  durationSeconds: number;
  sampleRate: number;
  channels: 1 | 2;
  bitrates: Set<number>;
  hasInfoTag: boolean;
}

/** True when the four bytes at `offset` start with the frame sync: eleven set bits. */
export const hasFrameSync = (bytes: Uint8Array, offset = 0): boolean => bytes[offset] === 0xff && ((bytes[offset + 1] ?? 0) & 0xe0) === 0xe0;

function frameAt(bytes: Uint8Array, offset: number): Mp3Frame {
  if (offset + 4 > bytes.byteLength || !hasFrameSync(bytes, offset)) throw new Error(`no MP3 frame sync at byte ${offset}`);
  const b1 = bytes[offset + 1]!;
  const b2 = bytes[offset + 2]!;
  const b3 = bytes[offset + 3]!;
  const version = (b1 >> 3) & 3;
  const layer = (b1 >> 1) & 3;
  if (version === 1 || layer !== 1) throw new Error(`not MPEG Layer III at byte ${offset} (version ${version}, layer ${layer})`);
  const bitrateKbps = (version === 3 ? BITRATES_KBPS.mpeg1 : BITRATES_KBPS.mpeg2)[(b2 >> 4) & 0xf];
  const sampleRate = SAMPLE_RATES[version]?.[(b2 >> 2) & 3];
  if (!bitrateKbps || sampleRate === undefined) throw new Error(`invalid bitrate or sample rate index at byte ${offset}`);
  const padding = (b2 >> 1) & 1;
  const samples = version === 3 ? 1152 : 576;
  const length = Math.floor(((samples / 8) * bitrateKbps * 1000) / sampleRate) + padding;
  return { offset, length, samples, sampleRate, bitrateKbps, channels: b3 >> 6 === 3 ? 1 : 2 };
}

export function readMp3(bytes: Uint8Array): Mp3Stream {
  let offset = 0;
  if (String.fromCharCode(...bytes.subarray(0, 3)) === "ID3") {
    const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
    offset = 10 + size;
  }
  const frames: Mp3Frame[] = [];
  const end = bytes.byteLength - (String.fromCharCode(...bytes.subarray(bytes.byteLength - 128, bytes.byteLength - 125)) === "TAG" ? 128 : 0);
  while (offset < end) {
    const frame = frameAt(bytes, offset);
    if (offset + frame.length > end) throw new Error(`the last frame (at byte ${offset}) is cut off`);
    frames.push(frame);
    offset += frame.length;
  }
  const first = frames[0];
  if (first === undefined) throw new Error("no MP3 frames");
  const head = String.fromCharCode(...bytes.subarray(first.offset, first.offset + Math.min(first.length, 64)));
  const hasInfoTag = head.includes("Xing") || head.includes("Info");
  const audio = hasInfoTag ? frames.slice(1) : frames;
  return {
    frames,
    durationSeconds: audio.reduce((sum, frame) => sum + frame.samples, 0) / first.sampleRate,
    sampleRate: first.sampleRate,
    channels: first.channels,
    bitrates: new Set(audio.map((frame) => frame.bitrateKbps)),
    hasInfoTag,
  };
}
