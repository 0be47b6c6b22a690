// Audio fixtures built in code (no binary blobs): a voice-like WAV with a known pitch, and
// structurally valid MP3, OGG (Opus/Vorbis) and M4A containers of a chosen duration. The
// compressed ones carry headers and framing only (silent payloads): enough for the probe, which
// reads containers, never decodes them.

const encoder = new TextEncoder();

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

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

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, stereo, no padding: 417-byte frames of 1152 samples. */
const MP3_FRAME = 417;
const MP3_HEADER = [0xff, 0xfb, 0x90, 0x00];

function mp3Frame(): Uint8Array {
  const frame = new Uint8Array(MP3_FRAME);
  frame.set(MP3_HEADER, 0);
  return frame;
}

export const mp3FramesFor = (seconds: number) => Math.round((seconds * 44_100) / 1152);

export function mp3(options: { seconds: number; id3?: boolean; xing?: "accurate" | { frames: number } }): Uint8Array {
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
  for (let i = 0; i < frames; i++) parts.push(mp3Frame());
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

function timesBox(type: "mvhd" | "mdhd", version: 0 | 1, timescale: number, duration: number): Uint8Array {
  const body = new Uint8Array(version === 1 ? 40 : 28);
  const view = new DataView(body.buffer);
  body[0] = version;
  if (version === 1) {
    view.setUint32(20, timescale, false);
    view.setBigUint64(24, BigInt(duration), false);
  } else {
    view.setUint32(12, timescale, false);
    view.setUint32(16, duration, false);
  }
  return box(type, body);
}

function handler(kind: "soun" | "vide"): Uint8Array {
  const body = new Uint8Array(25);
  body.set(encoder.encode(kind), 8);
  return box("hdlr", body);
}

function soundSampleTable(sampleRate: number): Uint8Array {
  const entry = new Uint8Array(28);
  const view = new DataView(entry.buffer);
  view.setUint16(16, 2, false);
  view.setUint16(18, 16, false);
  view.setUint16(24, sampleRate, false);
  const stsdBody = concat([new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1]), box("mp4a", entry)]);
  return box("stbl", box("stsd", stsdBody));
}

export function m4a(options: { seconds: number; version?: 0 | 1; timescale?: number; video?: boolean; moovLast?: boolean; fragmented?: boolean }): Uint8Array {
  const version = options.version ?? 0;
  const timescale = options.timescale ?? 44_100;
  const duration = Math.round(options.seconds * timescale);
  const ftyp = box("ftyp", encoder.encode("M4A "), new Uint8Array(4), encoder.encode("M4A isomiso2"));
  const soundTrak = box("trak", box("mdia", timesBox("mdhd", version, options.fragmented ? timescale : timescale, options.fragmented ? 0 : duration), handler("soun"), box("minf", soundSampleTable(44_100))));
  const tracks = [soundTrak];
  if (options.video) tracks.push(box("trak", box("mdia", timesBox("mdhd", version, 90_000, options.seconds * 90_000), handler("vide"))));
  const mvex: Uint8Array[] = [];
  if (options.fragmented) {
    const mehd = new Uint8Array(8);
    new DataView(mehd.buffer).setUint32(4, duration, false);
    mvex.push(box("mvex", box("mehd", mehd)));
  }
  const moov = box("moov", timesBox("mvhd", version, timescale, options.fragmented ? 0 : duration), ...tracks, ...mvex);
  const mdat = box("mdat", new Uint8Array(4_000));
  return options.moovLast ? concat([ftyp, mdat, moov]) : concat([ftyp, moov, mdat]);
}
