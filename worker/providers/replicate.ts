/**
 * Replicate: the Orpheus voices (lucataco/orpheus-3b-0.1-ft), and the prediction helpers the
 * Chatterbox cloning provider shares. A prediction is created with a synchronous wait; its output
 * is an audio URL that is downloaded (Orpheus speaks MP3).
 */
import Replicate from "replicate";
import { ProviderError, type SpeechProvider, type SpeechResult } from "./types";

export const ORPHEUS_MODEL = "lucataco/orpheus-3b-0.1-ft";
export const ORPHEUS_VERSION = "79f2a473e6a9720716a473d9b2f2951437dbf91dc02ccb7079fb3d89b881207f";
const MP3_BITRATE_BYTES_PER_SECOND = 16_000;

export function createReplicateClient(token: string, baseUrl?: string): Replicate {
  return new Replicate({ auth: token, useFileOutput: false, ...(baseUrl ? { baseUrl } : {}), fetch: (input, init) => fetch(input, init) });
}

/** Runs a prediction to its end (synchronous wait, then polling) and returns its output. */
export async function runPrediction(client: Replicate, version: string, input: Record<string, unknown>): Promise<unknown> {
  try {
    const prediction = await client.predictions.create({ version, input, wait: 60 });
    const finished = ["succeeded", "failed", "canceled"].includes(prediction.status) ? prediction : await client.wait(prediction, { interval: 500 });
    if (finished.status !== "succeeded") {
      const reason = String(finished.error ?? "");
      if (/nsfw|safety|flagged/i.test(reason)) throw new ProviderError("content_refused", "The voice provider declined to speak this text.");
      throw new ProviderError("failed", `Replicate prediction ${finished.status}.`);
    }
    return finished.output;
  } catch (error) {
    throw mapReplicateError(error);
  }
}

/** Downloads the audio a prediction produced (its output is a URL, or a list of them). */
export async function downloadOutput(output: unknown): Promise<Uint8Array> {
  const url = Array.isArray(output) ? output[0] : output;
  if (typeof url !== "string") throw new ProviderError("failed", "Replicate returned no audio URL.");
  const download = await fetch(url).catch(() => null);
  if (download === null || !download.ok) throw new ProviderError("unavailable", "The generated audio could not be downloaded.");
  return new Uint8Array(await download.arrayBuffer());
}

export function createReplicateProvider(token: string, baseUrl?: string): SpeechProvider {
  const client = createReplicateClient(token, baseUrl);
  return {
    name: "replicate",
    model: () => ORPHEUS_MODEL,
    async synthesize(request): Promise<SpeechResult> {
      const input = { text: request.text, voice: request.voice.name, ...(request.temperature !== undefined ? { temperature: request.temperature } : {}) };
      const audio = await downloadOutput(await runPrediction(client, ORPHEUS_VERSION, input));
      return {
        audio,
        contentType: "audio/mpeg",
        extension: "mp3",
        provider: "replicate",
        model: ORPHEUS_MODEL,
        durationSeconds: Math.round((audio.byteLength / MP3_BITRATE_BYTES_PER_SECOND) * 100) / 100,
      };
    },
  };
}

export function mapReplicateError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const status = (error as { response?: { status?: number } }).response?.status;
  if (status === 429) return new ProviderError("quota", "The voice provider's quota is exhausted.", 60);
  if (status === 422 || status === 400) return new ProviderError("failed", "The voice provider rejected the request.");
  return new ProviderError("unavailable", "The voice provider is unavailable.");
}
