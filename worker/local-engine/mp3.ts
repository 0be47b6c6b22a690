/**
 * MP3 encoding for the whole product (issue 9 §4), run in the local engine Worker.
 *
 * Owns: turning a PCM or IEEE-float WAV file (what eSpeak NG and Gemini produce) into a mono,
 * constant-bitrate MP3 with LAME 3.100 compiled to WebAssembly (npm `wasm-media-encoders` 0.7.0:
 * an MIT wrapper; LAME itself is LGPL and stays its own, unmodified .wasm module). The main Worker
 * reaches it as `POST /mp3` through its LOCAL_ENGINE service binding (providers/local-engine-
 * client.ts), from the one place audio is stored (services/production.ts).
 *
 * Why here and not in the main Worker: the .wasm is ~64 KiB gzipped, which the main bundle's
 * 450 KiB budget (scripts/check-bundle.mjs counts .wasm modules) cannot take; this Worker is
 * deployed beside the main one in production (README, "Deploying") and is already in every
 * request's reach through a service binding, in dev, tests and production alike.
 *
 * Encoding: mono (speech; stereo input is mixed down), CBR 64 kbit/s, the input's sample rate
 * when MP3 has it (8–48 kHz: 22.05 kHz eSpeak and 24 kHz Gemini keep theirs), otherwise LAME's
 * choice. CBR keeps the duration exact from the frame headers, without a Xing/Info tag. The
 * samples go to LAME in chunks of 64 frames × 1152 samples, so memory stays flat for long input.
 * The compiled WebAssembly.Module is wrangler's CompiledWasm import; one encoder instance per
 * isolate is reused (configure() resets it); configure → encode → finalize runs synchronously,
 * so requests never interleave inside it. Figures: `npm run bench` ("MP3 encoding").
 */
import { createEncoder, type WasmMediaEncoder } from "wasm-media-encoders/esnext";
import lameWasm from "wasm-media-encoders/wasm/mp3.wasm";
import { readWavLayout, readWavMono } from "../providers/wav";

export const MP3_BITRATE_KBPS = 64;
/** Far above any generation (~11 minutes of 24 kHz 16-bit mono); below the isolate's 128 MB. */
export const MAX_MP3_INPUT_BYTES = 32 * 1024 * 1024;
const MP3_SAMPLE_RATES = [8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000] as const;
type Mp3SampleRate = (typeof MP3_SAMPLE_RATES)[number];
const CHUNK_FRAMES = 1152 * 64;

/** The input is not audio this encoder takes (not a PCM/float WAV, truncated, or empty). */
export class Mp3InputError extends Error {}

export interface Mp3Encoding {
  mp3: Uint8Array;
  /** Of the input audio (the MP3 adds LAME's encoder delay and last-frame padding, ~0.1 s). */
  durationSeconds: number;
  sampleRate: number;
}

let encoder: Promise<WasmMediaEncoder<"audio/mpeg">> | undefined;

function lame(): Promise<WasmMediaEncoder<"audio/mpeg">> {
  encoder ??= createEncoder("audio/mpeg", lameWasm).catch((error: unknown) => {
    encoder = undefined; // the next request tries again
    throw error;
  });
  return encoder;
}

const isMp3SampleRate = (rate: number): rate is Mp3SampleRate => (MP3_SAMPLE_RATES as readonly number[]).includes(rate);

export async function encodeWavAsMp3(wav: Uint8Array): Promise<Mp3Encoding> {
  const layout = readWavLayout(wav);
  if (layout === null) throw new Mp3InputError("The body is not a PCM or float WAV file");
  if (layout.truncated) throw new Mp3InputError("The WAV file is truncated: its data chunk claims more bytes than it holds");
  if (layout.frames === 0) throw new Mp3InputError("The WAV file holds no samples");
  const instance = await lame();
  instance.configure({ channels: 1, sampleRate: layout.sampleRate, bitrate: MP3_BITRATE_KBPS, ...(isMp3SampleRate(layout.sampleRate) ? { outputSampleRate: layout.sampleRate } : {}) });
  const parts: Uint8Array[] = [];
  // encode() and finalize() return views into the encoder's memory: copy each before the next call.
  for (let start = 0; start < layout.frames; start += CHUNK_FRAMES) {
    parts.push(instance.encode([readWavMono(wav, layout, start, Math.min(CHUNK_FRAMES, layout.frames - start))]).slice());
  }
  parts.push(instance.finalize().slice());
  const mp3 = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    mp3.set(part, offset);
    offset += part.byteLength;
  }
  return { mp3, durationSeconds: layout.frames / layout.sampleRate, sampleRate: layout.sampleRate };
}
