// Audio fixtures built in code (no binary blobs): a voice-like WAV with a known pitch, and
// structurally valid MP3, OGG (Opus/Vorbis) and M4A containers of a chosen duration. The
// compressed ones carry headers and framing only (silent payloads): enough for the probe, whose
// parser (music-metadata) reads containers, never decodes them.

import { concatBytes } from "../../worker/shared/bytes";

const encoder = new TextEncoder();

const concat = concatBytes;

export interface WavOptions {
  seconds: number;
  /** Fundamental frequency of the tone; 0 for silence. */
  pitchHz?: number;
  sampleRate?: number;
  channels?: number;
  bitsPerSample?: 8 | 16 | 24;
  /** Speech-like bursts (250 ms on, 90 ms off) instead of a steady tone. */
  syllables?: boolean;
  /** Exact frame count (overrides `seconds`). */
  frames?: number;
}

/**
 * A harmonic tone (ten harmonics falling at 1/k, like a glottal source) at `pitchHz`, optionally
 * in syllable-like bursts, as PCM WAV.
 */
export function voiceWav(options: WavOptions): Uint8Array {
  const { pitchHz = 150, sampleRate = 16_000, channels = 1, bitsPerSample = 16, syllables = true } = options;
  const frames = options.frames ?? Math.round(options.seconds * sampleRate);
  const bytesPerSample = bitsPerSample / 8;
  const data = new Uint8Array(frames * channels * bytesPerSample);
  const view = new DataView(data.buffer);
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    const inBurst = !syllables || t % 0.34 < 0.25;
    let value = 0;
    if (pitchHz > 0 && inBurst) {
      for (let k = 1; k <= 10; k++) value += Math.sin(2 * Math.PI * pitchHz * k * t) / k;
      value *= 0.3;
    }
    for (let c = 0; c < channels; c++) {
      const at = (i * channels + c) * bytesPerSample;
      if (bitsPerSample === 8) view.setUint8(at, Math.round(value * 127) + 128);
      else if (bitsPerSample === 16) view.setInt16(at, Math.round(value * 32_767), true);
      else {
        const v = Math.round(value * 8_388_607);
        view.setUint8(at, v & 0xff);
        view.setUint8(at + 1, (v >> 8) & 0xff);
        view.setInt8(at + 2, v >> 16);
      }
    }
  }
  return wavFromPcm(data, sampleRate, channels, bitsPerSample);
}

export function wavFromPcm(data: Uint8Array, sampleRate: number, channels: number, bitsPerSample: number, declaredDataBytes = data.byteLength): Uint8Array {
  const header = new Uint8Array(44);
  const view = new DataView(header.buffer);
  header.set(encoder.encode("RIFF"), 0);
  view.setUint32(4, 36 + declaredDataBytes, true);
  header.set(encoder.encode("WAVEfmt "), 8);
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, (sampleRate * channels * bitsPerSample) / 8, true);
  view.setUint16(32, (channels * bitsPerSample) / 8, true);
  view.setUint16(34, bitsPerSample, true);
  header.set(encoder.encode("data"), 36);
  view.setUint32(40, declaredDataBytes, true);
  return concat([header, data]);
}

/** A silent 8 kHz 16-bit mono WAV of exactly `totalBytes` bytes (44-byte header). */
export function wavOfSize(totalBytes: number): Uint8Array {
  const dataBytes = totalBytes - 44;
  return voiceWav({ seconds: 0, frames: Math.floor(dataBytes / 2), sampleRate: 8_000, pitchHz: 220 }).subarray(0, totalBytes);
}

// MP3 ----------------------------------------------------------------------------------------

/** MPEG-1 Layer III, 44.1 kHz, stereo, no padding, 1152 samples a frame: 417 bytes at 128 kbit/s, 208 at 64. */
const MP3_FRAME = 417;
const MP3_HEADER = [0xff, 0xfb, 0x90, 0x00];
const MP3_64K_FRAME = 208;
const MP3_64K_HEADER = [0xff, 0xfb, 0x50, 0x00];

function mp3Frame(kbps: 128 | 64 = 128): Uint8Array {
  const frame = new Uint8Array(kbps === 128 ? MP3_FRAME : MP3_64K_FRAME);
  frame.set(kbps === 128 ? MP3_HEADER : MP3_64K_HEADER, 0);
  return frame;
}

export const mp3FramesFor = (seconds: number) => Math.round((seconds * 44_100) / 1152);

/** `vbr`: every third frame at 64 kbit/s instead of 128, and no Xing header unless asked for. */
export function mp3(options: { seconds: number; id3?: boolean; xing?: "accurate" | { frames: number }; vbr?: boolean }): Uint8Array {
  const frames = mp3FramesFor(options.seconds);
  const parts: Uint8Array[] = [];
  if (options.id3 ?? true) {
    const tag = new Uint8Array(10 + 200);
    tag.set(encoder.encode("ID3"), 0);
    tag.set([4, 0, 0, 0, 0, 1, 72], 3);
    parts.push(tag);
  }
  if (options.xing !== undefined) {
    const declared = options.xing === "accurate" ? frames : options.xing.frames;
    const info = mp3Frame();
    const view = new DataView(info.buffer);
    info.set(encoder.encode("Xing"), 4 + 32);
    view.setUint32(4 + 32 + 4, 3, false);
    view.setUint32(4 + 32 + 8, declared, false);
    view.setUint32(4 + 32 + 12, declared * MP3_FRAME, false);
    parts.push(info);
  }
  for (let i = 0; i < frames; i++) parts.push(mp3Frame(options.vbr && i % 3 === 1 ? 64 : 128));
  parts.push(encoder.encode("TAG".padEnd(128, " ")));
  return concat(parts);
}

// OGG ----------------------------------------------------------------------------------------

function oggPage(options: { flags: number; granule: bigint; serial: number; sequence: number; body: Uint8Array }): Uint8Array {
  const segments: number[] = [];
  let left = options.body.byteLength;
  while (left >= 255) {
    segments.push(255);
    left -= 255;
  }
  segments.push(left);
  const header = new Uint8Array(27 + segments.length);
  const view = new DataView(header.buffer);
  header.set(encoder.encode("OggS"), 0);
  header[5] = options.flags;
  view.setBigUint64(6, options.granule, true);
  view.setUint32(14, options.serial, true);
  view.setUint32(18, options.sequence, true);
  header[26] = segments.length;
  header.set(segments, 27);
  return concat([header, options.body]);
}

export function ogg(options: { seconds: number; codec: "opus" | "vorbis"; sampleRate?: number; preSkip?: number }): Uint8Array {
  const serial = 0x5eed;
  const first = new Uint8Array(options.codec === "opus" ? 19 : 30);
  const view = new DataView(first.buffer);
  const rate = options.codec === "opus" ? 48_000 : (options.sampleRate ?? 44_100);
  const preSkip = options.codec === "opus" ? (options.preSkip ?? 312) : 0;
  if (options.codec === "opus") {
    first.set(encoder.encode("OpusHead"), 0);
    first[8] = 1;
    first[9] = 1;
    view.setUint16(10, preSkip, true);
    view.setUint32(12, 48_000, true);
  } else {
    first[0] = 1;
    first.set(encoder.encode("vorbis"), 1);
    first[11] = 1;
    view.setUint32(12, rate, true);
  }
  const pages = [oggPage({ flags: 2, granule: 0n, serial, sequence: 0, body: first }), oggPage({ flags: 0, granule: 0n, serial, sequence: 1, body: encoder.encode("tags") })];
  const total = Math.round(options.seconds * rate) + preSkip;
  const perPage = rate;
  let granule = 0;
  let sequence = 2;
  while (granule < total) {
    granule = Math.min(total, granule + perPage);
    pages.push(oggPage({ flags: granule === total ? 4 : 0, granule: BigInt(granule), serial, sequence: sequence++, body: new Uint8Array(600) }));
  }
  return concat(pages);
}

// M4A ----------------------------------------------------------------------------------------

function box(type: string, ...children: Uint8Array[]): Uint8Array {
  const body = concat(children);
  const header = new Uint8Array(8);
  new DataView(header.buffer).setUint32(0, 8 + body.byteLength, false);
  header.set(encoder.encode(type), 4);
  return concat([header, body]);
}

/** Full box header: version and 24 bits of flags. */
function full(version: number, flags = 0): Uint8Array {
  return new Uint8Array([version, (flags >> 16) & 0xff, (flags >> 8) & 0xff, flags & 0xff]);
}

/** mvhd (100-byte body, 112 for version 1) or mdhd (24, 36): the timescale and duration fields. */
function timesBox(type: "mvhd" | "mdhd", version: 0 | 1, timescale: number, duration: number): Uint8Array {
  const body = new Uint8Array((type === "mvhd" ? 96 : 20) + (version === 1 ? 12 : 0));
  const view = new DataView(body.buffer);
  if (version === 1) {
    view.setUint32(16, timescale, false);
    view.setBigUint64(20, BigInt(duration), false);
  } else {
    view.setUint32(8, timescale, false);
    view.setUint32(12, duration, false);
  }
  return box(type, full(version), body);
}

function trackHeader(version: 0 | 1, trackId: number): Uint8Array {
  const body = new Uint8Array(version === 1 ? 92 : 80);
  new DataView(body.buffer).setUint32(version === 1 ? 16 : 8, trackId, false);
  return box("tkhd", full(version, 3), body);
}

function handler(kind: "soun" | "vide"): Uint8Array {
  const name = kind === "soun" ? "SoundHandler\0" : "VideoHandler\0";
  const body = new Uint8Array(20 + name.length);
  body.set(encoder.encode(kind), 4);
  body.set(encoder.encode(name), 20);
  return box("hdlr", full(0), body);
}

/** A full box (version 0, no flags) whose body is the given 32-bit fields. */
const fullBox = (type: string, ...fields: number[]) => {
  const body = new Uint8Array(4 * fields.length);
  for (const [i, value] of fields.entries()) new DataView(body.buffer).setUint32(4 * i, value, false);
  return box(type, full(0), body);
};

/**
 * stbl for `samples` samples of `sampleSize` bytes, 1024 time units each, all in one chunk:
 * the sample description plus the time-to-sample, sample-to-chunk, size and offset tables.
 */
function sampleTable(entry: Uint8Array, samples: number, sampleSize = 4): Uint8Array {
  const stsd = box("stsd", full(0), new Uint8Array([0, 0, 0, 1]), entry);
  return box("stbl", stsd, fullBox("stts", 1, samples, 1024), fullBox("stsc", 1, 1, samples, 1), fullBox("stsz", sampleSize, samples), fullBox("stco", 1, 0));
}

function soundEntry(sampleRate: number): Uint8Array {
  // AudioSampleEntry: reserved (6), data reference index, version, revision, vendor, channels,
  // sample size, compression id, packet size, sample rate (16.16).
  const entry = new Uint8Array(28);
  const view = new DataView(entry.buffer);
  view.setUint16(6, 1, false);
  view.setUint16(16, 2, false);
  view.setUint16(18, 16, false);
  view.setUint16(24, sampleRate, false);
  return box("mp4a", entry);
}

function videoEntry(): Uint8Array {
  // VisualSampleEntry: reserved (6), data reference index, pre-defined/reserved (16), width,
  // height, resolutions, reserved, frame count, compressor name (32), depth, pre-defined.
  const entry = new Uint8Array(78);
  const view = new DataView(entry.buffer);
  view.setUint16(6, 1, false);
  view.setUint16(24, 640, false);
  view.setUint16(26, 360, false);
  view.setUint16(74, 24, false);
  view.setInt16(76, -1, false);
  return box("avc1", entry);
}

/** AAC-sized samples (1024 time units each) in fragments of up to 44: moof (mfhd, traf: tfhd, trun) + mdat each. */
function fragments(trackId: number, totalUnits: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let left = totalUnits;
  for (let sequence = 1; left > 0; sequence++) {
    const durations: number[] = [];
    while (left > 0 && durations.length < 44) {
      durations.push(Math.min(1024, left));
      left -= durations.at(-1)!;
    }
    const tfhd = new Uint8Array(8);
    new DataView(tfhd.buffer).setUint32(0, trackId, false);
    new DataView(tfhd.buffer).setUint32(4, 4, false); // default sample size
    const trun = new Uint8Array(4 + 4 * durations.length);
    const view = new DataView(trun.buffer);
    view.setUint32(0, durations.length, false);
    for (const [i, duration] of durations.entries()) view.setUint32(4 + 4 * i, duration, false);
    const mfhd = new Uint8Array(4);
    new DataView(mfhd.buffer).setUint32(0, sequence, false);
    out.push(box("moof", box("mfhd", full(0), mfhd), box("traf", box("tfhd", full(0, 0x10), tfhd), box("trun", full(0, 0x100), trun))), box("mdat", new Uint8Array(4 * durations.length)));
  }
  return out;
}

export function m4a(options: { seconds: number; version?: 0 | 1; timescale?: number; video?: boolean; moovLast?: boolean; fragmented?: boolean }): Uint8Array {
  const version = options.version ?? 0;
  const timescale = options.timescale ?? 44_100;
  const duration = Math.round(options.seconds * timescale);
  const ftyp = box("ftyp", encoder.encode("M4A "), new Uint8Array(4), encoder.encode("M4A isomiso2"));
  const stated = options.fragmented ? 0 : duration;
  const samples = options.fragmented ? 0 : Math.ceil(duration / 1024);
  const soundTrak = box("trak", trackHeader(version, 1), box("mdia", timesBox("mdhd", version, timescale, stated), handler("soun"), box("minf", sampleTable(soundEntry(44_100), samples))));
  const tracks = [soundTrak];
  if (options.video) {
    const frames = options.seconds * 24;
    tracks.push(box("trak", trackHeader(version, 2), box("mdia", timesBox("mdhd", version, 24 * 1024, frames * 1024), handler("vide"), box("minf", sampleTable(videoEntry(), frames)))));
  }
  const mvex: Uint8Array[] = [];
  if (options.fragmented) {
    const mehd = new Uint8Array(4);
    new DataView(mehd.buffer).setUint32(0, duration, false);
    const trex = new Uint8Array(20);
    new DataView(trex.buffer).setUint32(0, 1, false);
    mvex.push(box("mvex", box("mehd", full(0), mehd), box("trex", full(0), trex)));
  }
  const moov = box("moov", timesBox("mvhd", version, timescale, stated), ...tracks, ...mvex);
  if (options.fragmented) return concat([ftyp, moov, ...fragments(1, duration)]);
  const mdat = box("mdat", new Uint8Array(4 * samples));
  return options.moovLast ? concat([ftyp, mdat, moov]) : concat([ftyp, moov, mdat]);
}
