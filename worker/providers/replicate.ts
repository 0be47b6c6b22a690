/**
 * Replicate: the Orpheus voices (lucataco/orpheus-3b-0.1-ft). The prediction is created with a
 * synchronous wait; its output is an audio URL that is downloaded and stored as MP3.
 */
import Replicate from "replicate";
import { ProviderError, type SpeechProvider, type SpeechResult } from "./types";

export const ORPHEUS_MODEL = "lucataco/orpheus-3b-0.1-ft";
export const ORPHEUS_VERSION = "79f2a473e6a9720716a473d9b2f2951437dbf91dc02ccb7079fb3d89b881207f";
const MP3_BITRATE_BYTES_PER_SECOND = 16_000;

export function createReplicateProvider(token: string, baseUrl?: string): SpeechProvider {
  const client = new Replicate({ auth: token, useFileOutput: false, ...(baseUrl ? { baseUrl } : {}), fetch: (input, init) => fetch(input, init) });

  return {
    name: "replicate",
    model: () => ORPHEUS_MODEL,
    async synthesize(request): Promise<SpeechResult> {
      let output: unknown;
      try {
        const prediction = await client.predictions.create({
          version: ORPHEUS_VERSION,
          input: { text: request.text, voice: request.voice.name, ...(request.temperature !== undefined ? { temperature: request.temperature } : {}) },
          wait: 60,
        });
        const finished = prediction.status === "succeeded" || prediction.status === "failed" ? prediction : await client.wait(prediction, { interval: 500 });
        if (finished.status !== "succeeded") {
          const reason = String(finished.error ?? "");
          if (/nsfw|safety|flagged/i.test(reason)) throw new ProviderError("content_refused", "The voice provider declined to speak this text.");
          throw new ProviderError("failed", `Replicate prediction ${finished.status}.`);
        }
        output = finished.output;
      } catch (error) {
        throw mapReplicateError(error);
      }
      const url = Array.isArray(output) ? output[0] : output;
      if (typeof url !== "string") throw new ProviderError("failed", "Replicate returned no audio URL.");
      const download = await fetch(url).catch(() => null);
      if (download === null || !download.ok) throw new ProviderError("unavailable", "The generated audio could not be downloaded.");
      const audio = new Uint8Array(await download.arrayBuffer());
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
