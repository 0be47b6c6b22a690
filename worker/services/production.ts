/**
 * The paid half of the paid-audio path, run inside the GenerationGate so identical concurrent
 * orders share it: reserve the estimate → call the provider (under the provider timeout) → put
 * the audio in the order's format (MP3 encoding, services/mp3.ts) → store it in R2 → write the
 * history row → write the cache → settle (through the queue, inline if the queue refuses). Every
 * failure before the history row exists refunds the reservation in full before it returns; once
 * the row exists the audio is delivered and charged, and nothing after it (cache, queue, usage,
 * analytics) can turn the outcome into an error. A streaming order passes a sink: it hears the
 * reservation, then the audio as the provider makes it (or the whole result as one chunk).
 */
import { AppError, type ErrorCode } from "../shared/errors";
import type { ConfigSnapshot } from "../env";
import type { AppConfig } from "../env";
import { recordAudioFile } from "../db/audio-files";
import { refund, reservationRefundKey, reserve } from "../db/ledger";
import { createIntegrations, type Integrations } from "../integrations";
import { ProviderError, type SpeechRequest, type SpeechResult } from "../providers/types";
import { monoPcm16 } from "../providers/wav";
import { enqueueJob, type JobMessageInput } from "../queues/messages";
import { generationSettlement } from "../queues/generation-settle";
import { cloneSettlement } from "../queues/clone-settle";
import { geminiCreditsFromTokens } from "../shared/pricing";
import { audioCacheKey, type CacheEntry } from "./audio-cache";
import { inStoredFormat } from "./mp3";
import type { AudioOrder } from "./orders";
import { settleProduction } from "./settlement";
import { log } from "./logging";

export interface ProductionJob {
  order: AudioOrder;
  /** The history row id the produced audio gets. */
  productionId: string;
  /** The settings the Worker resolved the order under (provider choice and cache key depend on them). */
  settings: ConfigSnapshot;
}

/** What a streaming order hears while it is produced (services/paid-audio.ts turns it into SSE). */
export type StreamChunk = { encoding: "pcm_s16le"; sampleRate: number; data: Uint8Array } | { encoding: "mp3"; data: Uint8Array };

export interface ProductionSink {
  /** A streaming order: the provider streams if it can, and `audio` hears every chunk. */
  streaming: boolean;
  /** Once the credits are reserved, before any audio. */
  meta(info: { id: string; provider: string; model: string; creditsReserved: number }): void;
  audio(chunk: StreamChunk): void;
}

export type GateOutcome =
  | { kind: "produced"; entry: CacheEntry; cacheKey: string; productionId: string; creditsUsed: number; creditsRemaining: number; providerMs: number; encodeMs: number }
  | { kind: "shared"; entry: CacheEntry }
  | { kind: "failed"; code: ErrorCode; message: string; field?: string; retryAfterSeconds?: number; shareable: boolean };

type Failure = Extract<GateOutcome, { kind: "failed" }>;

export const PROVIDER_ERRORS: Record<ProviderError["kind"], ErrorCode> = {
  content_refused: "content_refused",
  quota: "provider_quota",
  unavailable: "provider_unavailable",
  failed: "provider_error",
  timeout: "provider_timeout",
  invalid_input: "validation_failed",
  truncated: "provider_truncated",
};

/** Runs `call` with an AbortSignal that fires after `ms`; a result arriving later is dropped. */
export async function withDeadline<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProviderError("timeout", "The voice provider took too long to answer.", { detail: `no answer within ${ms} ms` }));
    }, ms);
  });
  const work = call(controller.signal);
  work.catch(() => {}); // a late failure after the deadline has nobody to report to
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function speak(env: Env, integrations: Integrations, order: AudioOrder, signal: AbortSignal, onAudio?: SpeechRequest["onAudio"]): Promise<SpeechResult> {
  if (order.kind === "tts") {
    const { speech } = order;
    return integrations.speechFor(speech.voice).synthesize({
      text: order.history.text,
      voice: speech.voice,
      locale: order.history.locale,
      style: order.history.style,
      seed: speech.seed,
      temperature: speech.temperature,
      tier: speech.tier,
      signal,
      ...(onAudio ? { onAudio } : {}),
    });
  }
  const stored = await env.AUDIO_BUCKET.get(order.clone.referenceKey);
  if (stored === null) throw new AppError("internal_error", "The recording was not available any more. You have not been charged; please upload it again.");
  const { reference } = order.clone;
  return integrations.cloning().clone({
    text: order.history.text,
    locale: order.history.locale,
    reference: { audio: new Uint8Array(await stored.arrayBuffer()), format: reference.format, contentType: reference.contentType, pitchHz: reference.pitchHz },
    signal,
  });
}

function failureOf(error: unknown, order: AudioOrder): Failure {
  if (error instanceof ProviderError) {
    log.error(`provider ${order.provider} (${order.kind}) failed: ${error.kind}: ${error.message}${error.detail ? ` — ${error.detail}` : ""}`);
    return {
      kind: "failed",
      code: PROVIDER_ERRORS[error.kind],
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      shareable: true,
    };
  }
  if (error instanceof AppError) return { kind: "failed", code: error.code, message: error.message, shareable: false };
  log.error(`producing ${order.kind} audio failed`, error);
  return { kind: "failed", code: "internal_error", message: "Something went wrong while producing the audio. You have not been charged.", shareable: false };
}

/** The cache key the audio is stored under: the order's, unless a fallback model spoke it. */
async function storedKeyFor(order: AudioOrder, result: SpeechResult): Promise<string> {
  if (order.kind !== "tts" || (result.model === order.model && result.provider === order.provider)) return order.cacheKey;
  const { history, speech } = order;
  return audioCacheKey({
    provider: result.provider,
    model: result.model,
    voiceId: speech.voice.id,
    locale: history.locale,
    text: history.text,
    style: history.style,
    seed: speech.seed,
    temperature: speech.temperature,
    format: speech.format,
  });
}

type SettlementMessage = Extract<JobMessageInput, { type: "generation.settle" | "clone.settle" }>;

function settlementMessage(order: AudioOrder, job: ProductionJob, reservationId: string, result: SpeechResult, creditsUsed: number): SettlementMessage {
  const common = {
    reservationId,
    userId: order.userId,
    actualCredits: creditsUsed,
    provider: result.provider,
    model: result.model,
    characters: order.characters,
    durationSeconds: Math.round(result.durationSeconds * 1000) / 1000,
    occurredAt: new Date().toISOString(),
  };
  if (order.kind === "tts")
    return { type: "generation.settle", ...common, generationId: job.productionId, voiceId: order.speech.voice.id, ...(result.totalTokens !== undefined ? { totalTokens: result.totalTokens } : {}) };
  const { jobId, savedVoiceId } = order.clone;
  return { type: "clone.settle", ...common, audioFileId: job.productionId, ...(jobId !== undefined ? { cloneJobId: jobId } : {}), ...(savedVoiceId !== undefined ? { savedVoiceId } : {}), locale: order.history.locale };
}

/** A whole result as one chunk, for a streaming order whose provider could not stream. */
function wholeChunk(result: SpeechResult): StreamChunk {
  const samples = result.contentType === "audio/wav" ? monoPcm16(result.audio) : null;
  return samples === null ? { encoding: "mp3", data: result.audio } : { encoding: "pcm_s16le", sampleRate: samples.sampleRate, data: samples.pcm };
}

export async function produce(env: Env, config: AppConfig, job: ProductionJob, sink?: ProductionSink): Promise<GateOutcome> {
  const { order, productionId } = job;
  const integrations = createIntegrations(config, env);
  const held = await reserve(env.DB, { userId: order.userId, amount: order.estimate, key: `reserve:${productionId}`, purpose: order.kind, description: order.ledgerDescription });
  if (!held.ok) return { kind: "failed", code: "insufficient_credits", message: `This needs ${order.estimate} credits and you have ${held.balance}.`, shareable: false };
  sink?.meta({ id: productionId, provider: order.provider, model: order.model, creditsReserved: order.estimate });
  const giveBack = () => refund(env.DB, { reservationId: held.reservationId, key: reservationRefundKey(held.reservationId), description: `Refund: ${order.kind === "clone" ? "voice clone" : "generation"} failed` });

  let result: SpeechResult;
  let entry: CacheEntry;
  let storedKey: string;
  const started = performance.now();
  let providerMs = 0;
  let encodeMs = 0;
  try {
    let streamed = false;
    const onAudio =
      sink?.streaming !== true
        ? undefined
        : async (chunk: { pcm: Uint8Array; sampleRate: number }) => {
            streamed = true;
            sink.audio({ encoding: "pcm_s16le", sampleRate: chunk.sampleRate, data: chunk.pcm });
            // Yield a macrotask: measured in workerd, the object's outgoing stream is only drained
            // between tasks, so without this the chunks reached the Worker when the production ended.
            await new Promise((resolve) => setTimeout(resolve, 0));
          };
    result = await withDeadline(config.providerTimeoutMs, (signal) => speak(env, integrations, order, signal, onAudio));
    providerMs = performance.now() - started;
    if (sink?.streaming === true && !streamed) sink.audio(wholeChunk(result));
    const format = order.kind === "tts" ? order.speech.format : order.clone.format;
    if (format !== undefined) {
      const spoken = result;
      result = await withDeadline(config.providerTimeoutMs, (signal) => inStoredFormat(env.LOCAL_ENGINE, spoken, format, signal));
      encodeMs = performance.now() - started - providerMs;
    }
    storedKey = await storedKeyFor(order, result);
    entry = {
      storageKey: `audio/${storedKey}.${result.extension}`,
      contentType: result.contentType,
      byteSize: result.audio.byteLength,
      durationSeconds: Math.round(result.durationSeconds * 1000) / 1000,
      provider: result.provider,
      model: result.model,
    };
  } catch (error) {
    await giveBack();
    return failureOf(error, order);
  }

  const creditsUsed = result.totalTokens !== undefined ? geminiCreditsFromTokens(result.totalTokens) : order.estimate;
  try {
    await env.AUDIO_BUCKET.put(entry.storageKey, result.audio, { httpMetadata: { contentType: entry.contentType } });
    const { voiceId, text, style, locale } = order.history;
    await recordAudioFile(env.DB, { id: productionId, userId: order.userId, voiceId, kind: order.kind, text, style, locale, entry, cacheKey: storedKey, creditsUsed, reservationId: held.reservationId });
  } catch (error) {
    await giveBack();
    log.error("keeping the produced audio failed", error);
    return { kind: "failed", code: "internal_error", message: "The audio could not be stored. You have not been charged.", shareable: false };
  }

  // Delivered from here on: the history row exists, so the sweep settles it if all else fails.
  await integrations.audioCache.set(storedKey, entry).catch((error: unknown) => log.error("cache write failed", error));
  const message = settlementMessage(order, job, held.reservationId, result, creditsUsed);
  try {
    await enqueueJob(env.JOBS_QUEUE, message);
  } catch (error) {
    log.error("queueing the settlement failed; settling inline", error);
    const settlement = message.type === "generation.settle" ? generationSettlement(message) : cloneSettlement(message);
    await settleProduction(env, settlement, "inline").catch((cause: unknown) => log.error("inline settlement failed; the sweep settles it", cause));
  }
  const difference = order.estimate - creditsUsed;
  const creditsRemaining = difference >= 0 ? held.balance + difference : Math.max(0, held.balance + difference);
  return { kind: "produced", entry, cacheKey: storedKey, productionId, creditsUsed, creditsRemaining, providerMs, encodeMs };
}
