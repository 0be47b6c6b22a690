/**
 * Replicate: the Orpheus voices (lucataco/orpheus-3b-0.1-ft), and the prediction helpers the
 * Chatterbox cloning provider shares. A prediction is created with a synchronous wait, then
 * polled until it ends or the caller's signal aborts it (the provider timeout): an aborted
 * prediction is cancelled on Replicate, so a result it would have produced is never fetched.
 * The output is an audio URL that is downloaded (Orpheus speaks MP3).
 */
import Replicate, { type Prediction } from "replicate";
import { ProviderError, type SpeechProvider, type SpeechResult } from "./types";
import { log } from "../services/logging";

export const ORPHEUS_MODEL = "lucataco/orpheus-3b-0.1-ft";
export const ORPHEUS_VERSION = "79f2a473e6a9720716a473d9b2f2951437dbf91dc02ccb7079fb3d89b881207f";
const MP3_BITRATE_BYTES_PER_SECOND = 16_000;
/** Seconds Replicate holds the creating request open before answering with a running prediction. */
const SYNC_WAIT_SECONDS = 60;
const POLL_INTERVAL_MS = 500;
const TERMINAL = new Set(["succeeded", "failed", "canceled", "aborted"]);

export function createReplicateClient(token: string, baseUrl?: string): Replicate {
  return new Replicate({ auth: token, useFileOutput: false, ...(baseUrl ? { baseUrl } : {}), fetch: (input, init) => fetch(input, init) });
}

const timedOut = () => new ProviderError("timeout", "The voice provider took too long to answer.");

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Runs a prediction to its end (synchronous wait, then polling) and returns its output. */
export async function runPrediction(client: Replicate, version: string, input: Record<string, unknown>, signal?: AbortSignal): Promise<unknown> {
  let prediction: Prediction | undefined;
  try {
    prediction = await client.predictions.create({ version, input, wait: SYNC_WAIT_SECONDS, ...(signal ? { signal } : {}) });
    while (!TERMINAL.has(prediction.status)) {
      await pause(POLL_INTERVAL_MS, signal);
      if (signal?.aborted) throw timedOut();
      prediction = await client.predictions.get(prediction.id, signal ? { signal } : {});
    }
  } catch (error) {
    if (signal?.aborted) {
      if (prediction !== undefined && !TERMINAL.has(prediction.status)) {
        const id = prediction.id;
        await client.predictions.cancel(id).catch((cause: unknown) => log.error(`cancelling Replicate prediction ${id} failed`, cause));
      }
      throw timedOut();
    }
    throw mapReplicateError(error);
  }
  if (prediction.status !== "succeeded") {
    const reason = String(prediction.error ?? "");
    if (/nsfw|safety|flagged/i.test(reason)) throw new ProviderError("content_refused", "The voice provider declined to speak this text.", { detail: reason });
    throw new ProviderError("failed", "The voice provider could not produce this audio.", { detail: `prediction ${prediction.id} ${prediction.status}: ${reason.slice(0, 300)}` });
  }
  return prediction.output;
}

/** Downloads the audio a prediction produced (its output is a URL, or a list of them). */
export async function downloadOutput(output: unknown, signal?: AbortSignal): Promise<Uint8Array> {
  const url = Array.isArray(output) ? output[0] : output;
  if (typeof url !== "string") throw new ProviderError("failed", "The voice provider returned no audio.", { detail: "prediction output has no URL" });
  const download = await fetch(url, signal ? { signal } : {}).catch(() => null);
  if (signal?.aborted) throw timedOut();
  if (download === null || !download.ok) throw new ProviderError("unavailable", "The generated audio could not be downloaded.", { detail: `download ${download?.status ?? "failed"}` });
  return new Uint8Array(await download.arrayBuffer());
}

export function createReplicateProvider(token: string, baseUrl?: string): SpeechProvider {
  // Made on first use: the request path only asks for the model name, the gate speaks.
  let sdk: Replicate | undefined;
  const client = () => (sdk ??= createReplicateClient(token, baseUrl));
  return {
    name: "replicate",
    format: "mp3",
    model: () => ORPHEUS_MODEL,
    async synthesize(request): Promise<SpeechResult> {
      const input = { text: request.text, voice: request.voice.name, ...(request.temperature !== undefined ? { temperature: request.temperature } : {}) };
      const audio = await downloadOutput(await runPrediction(client(), ORPHEUS_VERSION, input, request.signal), request.signal);
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
  const detail = `Replicate: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`;
  if (status === 429) return new ProviderError("quota", "The voice provider's quota is exhausted.", { retryAfterSeconds: 60, detail });
  if (status === 422 || status === 400) return new ProviderError("failed", "The voice provider rejected the request.", { detail });
  return new ProviderError("unavailable", "The voice provider is unavailable.", { detail });
}
