/**
 * Audio container probe for uploads: which format the bytes are (by content, never by name or
 * declared type) and how long they play, read from the container itself.
 *
 *   WAV  RIFF/WAVE fmt + data chunks (PCM or IEEE float, plain or WAVE_FORMAT_EXTENSIBLE);
 *        duration = whole sample frames / sample rate. A data chunk shorter than declared is a
 *        truncated file; a size of 0 or 0xFFFFFFFF (streaming writers) means "to the end".
 *   MP3  MPEG-1/2/2.5 Layer III after an optional ID3v2 tag; duration from the Xing/Info or VBRI
 *        frame count when present, otherwise by walking every frame header (CBR and VBR alike).
 *   OGG  Walks every page; the first packet names the codec (Opus or Vorbis); duration = the
 *        stream's last granule position (minus Opus pre-skip) / the granule rate (48 kHz for
 *        Opus, the Vorbis sample rate). A page that runs past the end is a truncated file.
 *   M4A  ISO BMFF (ftyp): walks the boxes to moov; duration = the sound track's mdhd duration /
 *        timescale, else mvhd, else mvex/mehd (fragmented files). A box that runs past the end is
 *        a truncated file; a file with a video track is not an audio upload.
 *
 * `ProbeError.kind` is "unsupported" for anything that is not one of these four (or is one of
 * them with a codec we do not take) and "invalid" for an empty, corrupt or truncated file or one
 * whose duration cannot be read. Also exports a PCM reader for WAV, used by pitch analysis.
 */
export type AudioFormat = "wav" | "mp3" | "ogg" | "m4a";

export const AUDIO_CONTENT_TYPES: Record<AudioFormat, string> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  m4a: "audio/mp4",
};

export interface AudioProbe {
  format: AudioFormat;
  /** What is inside the container: pcm, float, mp3, opus, vorbis, or the MP4 sample entry (mp4a, alac…). */
  codec: string;
  contentType: string;
  durationSeconds: number;
  sampleRate: number;
}

export class ProbeError extends Error {
  constructor(
    readonly kind: "unsupported" | "invalid",
    message: string,
  ) {
    super(message);
    this.name = "ProbeError";
  }
}

const ascii = (bytes: Uint8Array, offset: number, length: number) => (offset + length <= bytes.byteLength ? String.fromCharCode(...bytes.subarray(offset, offset + length)) : "");
const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const invalid = (message: string) => new ProbeError("invalid", message);
const unsupported = (message: string) => new ProbeError("unsupported", message);

/** The container named by the first bytes, or null. */
export function detectAudioFormat(bytes: Uint8Array): AudioFormat | null {
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WAVE") return "wav";
  if (ascii(bytes, 0, 4) === "OggS") return "ogg";
  if (ascii(bytes, 4, 4) === "ftyp") return "m4a";
  if (ascii(bytes, 0, 3) === "ID3") return "mp3";
  const header = bytes.byteLength >= 4 ? parseMpegHeader(bytes, 0) : null;
  if (header !== null && header.layer === 3) return "mp3";
  return null;
}

export function probeAudio(bytes: Uint8Array): AudioProbe {
  if (bytes.byteLength === 0) throw invalid("The file is empty.");
  const format = detectAudioFormat(bytes);
  if (format === null) throw unsupported("The file is not MP3, OGG, M4A or WAV audio.");
  const probe = { wav: probeWav, mp3: probeMp3, ogg: probeOgg, m4a: probeM4a }[format](bytes);
  if (!Number.isFinite(probe.durationSeconds) || probe.durationSeconds <= 0) throw invalid("The audio's duration could not be determined.");
  return { ...probe, format, contentType: AUDIO_CONTENT_TYPES[format] };
}

// WAV ----------------------------------------------------------------------------------------

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

export interface WavLayout {
  encoding: "pcm" | "float";
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
  dataOffset: number;
  dataBytes: number;
  frames: number;
}

export function readWavLayout(bytes: Uint8Array): WavLayout {
  if (bytes.byteLength < 12 || ascii(bytes, 0, 4) !== "RIFF" || ascii(bytes, 8, 4) !== "WAVE") throw invalid("The WAV header is incomplete.");
  const view = viewOf(bytes);
  let fmt: Omit<WavLayout, "dataOffset" | "dataBytes" | "frames"> | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === "data") {
      if (fmt === null) throw invalid("The WAV file has no format chunk before its data.");
      const available = bytes.byteLength - body;
      const streaming = size === 0xffffffff || size === 0;
      if (!streaming && size > available + fmt.blockAlign) throw invalid("The WAV file is truncated.");
      const dataBytes = streaming ? available : Math.min(size, available);
      return { ...fmt, dataOffset: body, dataBytes, frames: Math.floor(dataBytes / fmt.blockAlign) };
    }
    if (body + size > bytes.byteLength) throw invalid("The WAV file is truncated.");
    if (id === "fmt ") {
      if (size < 16) throw invalid("The WAV format chunk is malformed.");
      let tag = view.getUint16(body, true);
      if (tag === WAVE_FORMAT_EXTENSIBLE && size >= 40) tag = view.getUint16(body + 24, true);
      const channels = view.getUint16(body + 2, true);
      const sampleRate = view.getUint32(body + 4, true);
      const blockAlign = view.getUint16(body + 12, true);
      const bitsPerSample = view.getUint16(body + 14, true);
      if (tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_FLOAT) throw unsupported("WAV files must hold uncompressed PCM audio.");
      const encoding = tag === WAVE_FORMAT_PCM ? "pcm" : "float";
      const validBits = encoding === "pcm" ? [8, 16, 24, 32] : [32, 64];
      if (channels < 1 || channels > 16 || sampleRate < 1_000 || sampleRate > 384_000 || !validBits.includes(bitsPerSample) || blockAlign !== (channels * bitsPerSample) / 8) {
        throw invalid("The WAV format chunk is malformed.");
      }
      fmt = { encoding, channels, sampleRate, bitsPerSample, blockAlign };
    }
    offset = body + size + (size % 2);
  }
  throw invalid(fmt === null ? "The WAV header is incomplete." : "The WAV file has no audio data.");
}

function probeWav(bytes: Uint8Array): Omit<AudioProbe, "format" | "contentType"> {
  const layout = readWavLayout(bytes);
  return { codec: layout.encoding, sampleRate: layout.sampleRate, durationSeconds: layout.frames / layout.sampleRate };
}

/**
 * Reads a run of a WAV file's sample frames mixed down to mono floats in [-1, 1]; frames past
 * the end read as silence. Decodes only what is asked for, so long files cost nothing extra.
 */
export function readWavMono(bytes: Uint8Array, layout: WavLayout, startFrame: number, frameCount: number): Float32Array {
  const view = viewOf(bytes);
  const out = new Float32Array(frameCount);
  const bytesPerSample = layout.bitsPerSample / 8;
  const end = Math.min(layout.frames, startFrame + frameCount);
  for (let frame = Math.max(0, startFrame); frame < end; frame++) {
    let sum = 0;
    const base = layout.dataOffset + frame * layout.blockAlign;
    for (let channel = 0; channel < layout.channels; channel++) {
      const at = base + channel * bytesPerSample;
      sum += readSample(view, at, layout);
    }
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

// MP3 ----------------------------------------------------------------------------------------

interface MpegHeader {
  version: 1 | 2 | 2.5;
  layer: 1 | 2 | 3;
  sampleRate: number;
  samplesPerFrame: number;
  frameLength: number;
  mono: boolean;
}

const MPEG1_L3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_L3_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const MPEG_SAMPLE_RATES = { 1: [44_100, 48_000, 32_000], 2: [22_050, 24_000, 16_000], 2.5: [11_025, 12_000, 8_000] } as const;

/** A frame header at `offset`, or null. Layers I/II are recognised (so they can be refused) but not sized. */
function parseMpegHeader(bytes: Uint8Array, offset: number): MpegHeader | null {
  if (offset + 4 > bytes.byteLength) return null;
  const b1 = bytes[offset + 1]!;
  const b2 = bytes[offset + 2]!;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const sampleRate = MPEG_SAMPLE_RATES[version][rateIndex]!;
  const mono = bytes[offset + 3]! >> 6 === 3;
  if (layer !== 3) return { version, layer, sampleRate, samplesPerFrame: 0, frameLength: 0, mono };
  const kbps = (version === 1 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[bitrateIndex]!;
  const samplesPerFrame = version === 1 ? 1152 : 576;
  const frameLength = Math.floor(((samplesPerFrame / 8) * kbps * 1000) / sampleRate) + ((b2 >> 1) & 1);
  return { version, layer, sampleRate, samplesPerFrame, frameLength, mono };
}

const sameStream = (a: MpegHeader, b: MpegHeader) => a.version === b.version && a.layer === b.layer && a.sampleRate === b.sampleRate;

/** How far past an ID3v2 tag we look for the first frame (encoders pad). */
const MP3_SYNC_SEARCH_BYTES = 64 * 1024;

function probeMp3(bytes: Uint8Array): Omit<AudioProbe, "format" | "contentType"> {
  let start = 0;
  if (ascii(bytes, 0, 3) === "ID3") {
    if (bytes.byteLength < 10) throw invalid("The MP3 tag is incomplete.");
    const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
    start = 10 + size + (bytes[5]! & 0x10 ? 10 : 0);
    if (start >= bytes.byteLength) throw invalid("The MP3 file holds a tag but no audio.");
  }
  const first = findFirstFrame(bytes, start);
  const { header, offset } = first;
  const vbr = readVbrFrameCount(bytes, offset, header);
  if (vbr !== null) {
    if (vbr.bytes !== null && bytes.byteLength - offset < vbr.bytes * 0.9) throw invalid("The MP3 file is truncated.");
    return { codec: "mp3", sampleRate: header.sampleRate, durationSeconds: (vbr.frames * header.samplesPerFrame) / header.sampleRate };
  }
  let frames = 0;
  let position = offset;
  for (;;) {
    const next = parseMpegHeader(bytes, position);
    if (next === null || !sameStream(next, header) || position + next.frameLength > bytes.byteLength) break;
    frames += 1;
    position += next.frameLength;
  }
  const leftover = bytes.byteLength - position;
  // What may follow the last frame: an ID3v1 tag (128 bytes), an APE tag, a cut final frame.
  if (leftover > 8_192 && leftover > (bytes.byteLength - offset) * 0.05) throw invalid("The MP3 file is corrupt.");
  return { codec: "mp3", sampleRate: header.sampleRate, durationSeconds: (frames * header.samplesPerFrame) / header.sampleRate };
}

function findFirstFrame(bytes: Uint8Array, start: number): { header: MpegHeader; offset: number } {
  const limit = Math.min(bytes.byteLength - 4, start + MP3_SYNC_SEARCH_BYTES);
  for (let offset = start; offset <= limit; offset++) {
    const header = parseMpegHeader(bytes, offset);
    if (header === null) continue;
    if (header.layer !== 3) throw unsupported("Only MPEG Layer III (MP3) audio is accepted.");
    const end = offset + header.frameLength;
    const next = parseMpegHeader(bytes, end);
    // A real frame is followed by another of the same stream (or by the end of the file).
    if (end === bytes.byteLength || (next !== null && sameStream(next, header))) return { header, offset };
    if (offset === start && end > bytes.byteLength) throw invalid("The MP3 file is truncated.");
  }
  throw invalid("No MP3 audio frames were found in the file.");
}

/** Frame count (and stream size, when given) from a Xing/Info or VBRI header in the first frame. */
function readVbrFrameCount(bytes: Uint8Array, offset: number, header: MpegHeader): { frames: number; bytes: number | null } | null {
  const view = viewOf(bytes);
  const sideInfo = header.version === 1 ? (header.mono ? 17 : 32) : header.mono ? 9 : 17;
  const xing = offset + 4 + sideInfo;
  const tag = ascii(bytes, xing, 4);
  if ((tag === "Xing" || tag === "Info") && xing + 16 <= bytes.byteLength) {
    const flags = view.getUint32(xing + 4, false);
    if ((flags & 1) === 0) return null;
    const frames = view.getUint32(xing + 8, false);
    const size = flags & 2 ? view.getUint32(xing + 12, false) : null;
    return frames > 0 ? { frames, bytes: size } : null;
  }
  const vbri = offset + 4 + 32;
  if (ascii(bytes, vbri, 4) === "VBRI" && vbri + 18 <= bytes.byteLength) {
    const size = view.getUint32(vbri + 10, false);
    const frames = view.getUint32(vbri + 14, false);
    return frames > 0 ? { frames, bytes: size > 0 ? size : null } : null;
  }
  return null;
}

// OGG ----------------------------------------------------------------------------------------

const NO_GRANULE = 0xffffffffffffffffn;

function probeOgg(bytes: Uint8Array): Omit<AudioProbe, "format" | "contentType"> {
  const view = viewOf(bytes);
  let offset = 0;
  let serial: number | null = null;
  let codec: { name: "opus" | "vorbis"; granuleRate: number; preSkip: number; sampleRate: number } | null = null;
  let lastGranule: bigint | null = null;
  while (offset < bytes.byteLength) {
    if (ascii(bytes, offset, 4) !== "OggS") throw invalid("The OGG file is corrupt.");
    if (offset + 27 > bytes.byteLength) throw invalid("The OGG file is truncated.");
    const segments = bytes[offset + 26]!;
    const tableEnd = offset + 27 + segments;
    if (tableEnd > bytes.byteLength) throw invalid("The OGG file is truncated.");
    let bodyLength = 0;
    for (let i = offset + 27; i < tableEnd; i++) bodyLength += bytes[i]!;
    const pageEnd = tableEnd + bodyLength;
    if (pageEnd > bytes.byteLength) throw invalid("The OGG file is truncated.");
    const pageSerial = view.getUint32(offset + 14, true);
    if (serial === null) {
      if ((bytes[offset + 5]! & 0x02) === 0) throw invalid("The OGG file does not start a stream.");
      serial = pageSerial;
      codec = readOggCodec(bytes, tableEnd, bodyLength);
    } else if (pageSerial === serial) {
      const granule = view.getBigUint64(offset + 6, true);
      if (granule !== NO_GRANULE) lastGranule = granule;
    }
    offset = pageEnd;
  }
  if (codec === null || lastGranule === null) throw invalid("The OGG file holds no audio.");
  const samples = Number(lastGranule) - codec.preSkip;
  return { codec: codec.name, sampleRate: codec.sampleRate, durationSeconds: samples / codec.granuleRate };
}

function readOggCodec(bytes: Uint8Array, body: number, length: number) {
  const view = viewOf(bytes);
  if (length >= 19 && ascii(bytes, body, 8) === "OpusHead") {
    // Opus granule positions always count 48 kHz samples, whatever the input rate was.
    return { name: "opus" as const, granuleRate: 48_000, preSkip: view.getUint16(body + 10, true), sampleRate: 48_000 };
  }
  if (length >= 30 && bytes[body] === 1 && ascii(bytes, body + 1, 6) === "vorbis") {
    const sampleRate = view.getUint32(body + 12, true);
    if (sampleRate === 0) throw invalid("The OGG Vorbis header is malformed.");
    return { name: "vorbis" as const, granuleRate: sampleRate, preSkip: 0, sampleRate };
  }
  throw unsupported("OGG files must hold Opus or Vorbis audio.");
}

// M4A ----------------------------------------------------------------------------------------

interface Box {
  type: string;
  body: number;
  end: number;
}

/** The boxes directly inside [start, end); a box running past `end` means a truncated file. */
function boxes(bytes: Uint8Array, start: number, end: number): Box[] {
  const view = viewOf(bytes);
  const found: Box[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    let size = view.getUint32(offset, false);
    const type = ascii(bytes, offset + 4, 4);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > end) throw invalid("The M4A file is truncated.");
      size = Number(view.getBigUint64(offset + 8, false));
      header = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < header) throw invalid("The M4A file is corrupt.");
    if (offset + size > end) throw invalid("The M4A file is truncated.");
    found.push({ type, body: offset + header, end: offset + size });
    offset += size;
  }
  if (offset !== end && end - offset >= 8) throw invalid("The M4A file is corrupt.");
  return found;
}

const child = (bytes: Uint8Array, parent: Box, type: string) => boxes(bytes, parent.body, parent.end).find((box) => box.type === type);

/** (timescale, duration) from an mvhd or mdhd full box, versions 0 and 1. */
function readTimes(bytes: Uint8Array, box: Box): { timescale: number; duration: number } {
  const view = viewOf(bytes);
  const version = bytes[box.body]!;
  const need = version === 1 ? 32 : 20;
  if (box.body + need > box.end) throw invalid("The M4A header is malformed.");
  if (version === 1) return { timescale: view.getUint32(box.body + 20, false), duration: Number(view.getBigUint64(box.body + 24, false)) };
  return { timescale: view.getUint32(box.body + 12, false), duration: view.getUint32(box.body + 16, false) };
}

function probeM4a(bytes: Uint8Array): Omit<AudioProbe, "format" | "contentType"> {
  const top = boxes(bytes, 0, bytes.byteLength);
  const moov = top.find((box) => box.type === "moov");
  if (moov === undefined) throw invalid("The M4A file has no movie header.");
  const inMoov = boxes(bytes, moov.body, moov.end);
  let sound: { times: { timescale: number; duration: number } | null; codec: string; sampleRate: number } | null = null;
  for (const trak of inMoov.filter((box) => box.type === "trak")) {
    const mdia = child(bytes, trak, "mdia");
    const hdlr = mdia && child(bytes, mdia, "hdlr");
    const handler = hdlr ? ascii(bytes, hdlr.body + 8, 4) : "";
    if (handler === "vide") throw unsupported("The file is a video; upload audio only.");
    if (handler !== "soun" || mdia === undefined || sound !== null) continue;
    const mdhd = child(bytes, mdia, "mdhd");
    const stsd = findPath(bytes, mdia, ["minf", "stbl", "stsd"]);
    // stsd: version/flags (4), entry count (4), then the first sample entry: size (4), format (4), …, sample rate (16.16) at +32.
    const codec = stsd ? ascii(bytes, stsd.body + 12, 4).trim() : "";
    const rate = stsd && stsd.body + 44 <= stsd.end ? viewOf(bytes).getUint16(stsd.body + 8 + 32, false) : 0;
    sound = { times: mdhd ? readTimes(bytes, mdhd) : null, codec: codec || "unknown", sampleRate: rate };
  }
  if (sound === null) throw unsupported("The M4A file has no audio track.");
  const mvhd = inMoov.find((box) => box.type === "mvhd");
  const movie = mvhd ? readTimes(bytes, mvhd) : null;
  const mehd = findPath(bytes, moov, ["mvex", "mehd"]);
  const candidates = [sound.times, movie, mehd && movie ? { timescale: movie.timescale, duration: readFragmentDuration(bytes, mehd) } : null];
  const times = candidates.find((t) => t !== null && t.timescale > 0 && t.duration > 0);
  if (times === undefined || times === null) throw invalid("The M4A file does not state its duration.");
  return { codec: sound.codec, sampleRate: sound.sampleRate || times.timescale, durationSeconds: times.duration / times.timescale };
}

function findPath(bytes: Uint8Array, from: Box, path: string[]): Box | undefined {
  let current: Box | undefined = from;
  for (const type of path) {
    if (current === undefined) return undefined;
    current = child(bytes, current, type);
  }
  return current;
}

function readFragmentDuration(bytes: Uint8Array, mehd: Box): number {
  const view = viewOf(bytes);
  const version = bytes[mehd.body]!;
  if (mehd.body + (version === 1 ? 12 : 8) > mehd.end) return 0;
  return version === 1 ? Number(view.getBigUint64(mehd.body + 4, false)) : view.getUint32(mehd.body + 4, false);
}
