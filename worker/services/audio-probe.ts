/**
 * Audio probe for uploads (and provider output): which of the four accepted formats the bytes are,
 * judged by content and never by name or declared type, and how long they play. No container is
 * parsed here: `file-type` (the signature detector music-metadata itself uses) names the format,
 * and `music-metadata` parses that container from the whole buffer with `duration: true`, so an
 * MP3 without a Xing/VBRI header is measured from its frames rather than guessed.
 *
 * What this module owns is the acceptance rules on top of what the parser reports:
 *   WAV  uncompressed PCM or IEEE float only, plain or WAVE_FORMAT_EXTENSIBLE (music-metadata does
 *        not resolve the latter's sub-format; the PCM reader in providers/wav.ts, which pitch
 *        analysis decodes with, does). A data chunk stating more bytes than the file holds is a
 *        truncated file; a size of 0 or 0xFFFFFFFF (streaming writers) means "to the end", which
 *        the PCM reader measures when music-metadata reports no duration.
 *   MP3  MPEG Layer III only (layers I and II are refused). A Xing/Info header claiming over 10 %
 *        more audio than the frames present is a truncated file.
 *   OGG  Opus or Vorbis only; a stream that ends before its end-of-stream page is truncated.
 *   M4A  any ISO BMFF file (m4a, mp4, mov, 3gp…) with a sound track and no video track.
 *
 * `ProbeError.kind` is "unsupported" for anything that is not one of these four (or is one of them
 * with a codec we do not take) and "invalid" for an empty, corrupt or truncated file or one whose
 * duration cannot be read.
 */
import { fileTypeFromBuffer } from "file-type";
import { parseBuffer, type IAudioMetadata } from "music-metadata";
import { readWavLayout } from "../providers/wav";

export type AudioFormat = "wav" | "mp3" | "ogg" | "m4a";

export const AUDIO_CONTENT_TYPES: Record<AudioFormat, string> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  m4a: "audio/mp4",
};

export interface AudioProbe {
  format: AudioFormat;
  /** What is inside the container: pcm, float, mp3, opus, vorbis, or music-metadata's name for an MP4 codec ("MPEG-4/AAC", "ALAC"…). */
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

const invalid = (message: string) => new ProbeError("invalid", message);
const unsupported = (message: string) => new ProbeError("unsupported", message);
const LABEL: Record<AudioFormat, string> = { wav: "WAV", mp3: "MP3", ogg: "OGG", m4a: "M4A" };

/**
 * file-type's extension → our format. Ogg is told apart by its first packet ("opus", Vorbis "ogg";
 * FLAC, Speex and video streams get other names), MPEG audio by its layer (mp1, mp2 are refused).
 */
const FORMAT_BY_EXTENSION: Record<string, AudioFormat> = {
  wav: "wav",
  mp3: "mp3",
  opus: "ogg",
  ogg: "ogg",
  m4a: "m4a",
  m4b: "m4a",
  f4a: "m4a",
  f4b: "m4a",
  mp4: "m4a",
  mov: "m4a",
  "3gp": "m4a",
  "3g2": "m4a",
};

/** The format named by the bytes' signature, or null. */
export async function detectAudioFormat(bytes: Uint8Array): Promise<AudioFormat | null> {
  const type = await fileTypeFromBuffer(bytes).catch(() => undefined);
  if (type !== undefined) return FORMAT_BY_EXTENSION[type.ext] ?? null;
  // file-type looks past an ID3v2 tag and gives up when no audio follows it; a file that opens
  // with the MP3 tag is then a broken MP3 (invalid), not some other format (unsupported).
  const id3 = bytes.byteLength >= 3 && bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33;
  return id3 ? "mp3" : null;
}

export async function probeAudio(bytes: Uint8Array): Promise<AudioProbe> {
  if (bytes.byteLength === 0) throw invalid("The file is empty.");
  const format = await detectAudioFormat(bytes);
  if (format === null) throw unsupported("The file is not MP3, OGG, M4A or WAV audio.");
  let metadata: IAudioMetadata;
  try {
    // The MIME type pins the parser to the detected container, so music-metadata does not guess again.
    metadata = await parseBuffer(bytes, { mimeType: AUDIO_CONTENT_TYPES[format], size: bytes.byteLength }, { duration: true, skipCovers: true });
  } catch {
    throw invalid(`The ${LABEL[format]} file is truncated or corrupt.`);
  }
  const probe = { wav: acceptWav, mp3: acceptMp3, ogg: acceptOgg, m4a: acceptM4a }[format](metadata, bytes);
  if (!Number.isFinite(probe.durationSeconds) || probe.durationSeconds <= 0) throw invalid("The audio's duration could not be determined.");
  return { ...probe, format, contentType: AUDIO_CONTENT_TYPES[format] };
}

type Accepted = Omit<AudioProbe, "format" | "contentType">;
const warned = (metadata: IAudioMetadata, pattern: RegExp) => metadata.quality.warnings.some((warning) => pattern.test(warning.message));

function acceptWav({ format }: IAudioMetadata, bytes: Uint8Array): Accepted {
  const layout = readWavLayout(bytes);
  if (layout === null) {
    if (format.codec !== undefined && format.codec !== "PCM" && format.codec !== "IEEE_FLOAT") throw unsupported("WAV files must hold uncompressed PCM audio.");
    throw invalid("The WAV header is incomplete or malformed.");
  }
  if (layout.truncated) throw invalid("The WAV file is truncated.");
  return { codec: layout.encoding, sampleRate: layout.sampleRate, durationSeconds: format.duration ?? layout.frames / layout.sampleRate };
}

function acceptMp3({ format }: IAudioMetadata): Accepted {
  if (format.codec === undefined || format.sampleRate === undefined) throw invalid("No MP3 audio frames were found in the file.");
  if (!/^MPEG (1|2|2\.5) Layer 3$/.test(format.codec)) throw unsupported("Only MPEG Layer III (MP3) audio is accepted.");
  const duration = format.duration ?? 0;
  // For a constant-bitrate stream music-metadata also counts the frames the file holds; a Xing/Info
  // header stating far more than that belongs to a file cut short.
  const present = format.numberOfSamples === undefined ? null : format.numberOfSamples / format.sampleRate;
  if (present !== null && duration > present * 1.1) throw invalid("The MP3 file is truncated.");
  return { codec: "mp3", sampleRate: format.sampleRate, durationSeconds: duration };
}

const OGG_CODECS: Record<string, string> = { Opus: "opus", "Vorbis I": "vorbis" };

function acceptOgg(metadata: IAudioMetadata): Accepted {
  const { format } = metadata;
  const codec = OGG_CODECS[format.codec ?? ""];
  if (codec === undefined) throw unsupported("OGG files must hold Opus or Vorbis audio.");
  if (warned(metadata, /before reaching last page/i)) throw invalid("The OGG file is truncated.");
  if (warned(metadata, /corrupt/i)) throw invalid("The OGG file is corrupt.");
  return { codec, sampleRate: format.sampleRate ?? 0, durationSeconds: format.duration ?? 0 };
}

function acceptM4a({ format }: IAudioMetadata): Accepted {
  if (format.hasVideo === true) throw unsupported("The file is a video; upload audio only.");
  if (!(format.trackInfo ?? []).some((track) => track.audio !== undefined)) throw unsupported("The M4A file has no audio track.");
  return { codec: format.codec ?? "unknown", sampleRate: format.sampleRate ?? 0, durationSeconds: format.duration ?? 0 };
}
