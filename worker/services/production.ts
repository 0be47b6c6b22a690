/**
 * The shared tail of every paid audio production (generation and cloning), run inside the
 * GenerationGate after the provider has spoken: store the audio in R2 → write the history row →
 * write the cache → queue the settlement (settling inline if the queue refuses). A failure in
 * the first two steps refunds the reservation in full; a cache write failure is only logged.
 */
import type { AppConfig } from "../env";
import { insertAudioFileStatement, type NewAudioFile } from "../db/audio-files";
import { enqueueJob, type JobMessageInput } from "../queues/messages";
import type { SpeechResult } from "../providers/types";
import { createAudioCache, type CacheEntry } from "./audio-cache";
import type { GateOutcome } from "./generation";

type Failure = Extract<GateOutcome, { kind: "failed" }>;

export interface ProducedAudio {
  /** The key the audio is stored and cached under. */
  storedKey: string;
  result: Pick<SpeechResult, "audio" | "extension" | "contentType" | "durationSeconds" | "provider" | "model">;
  giveBack: () => Promise<unknown>;
  history: Omit<NewAudioFile, "entry" | "cacheKey">;
  settlement: JobMessageInput;
  settleInline: () => Promise<void>;
}

export async function keepProducedAudio(env: Env, config: AppConfig, produced: ProducedAudio): Promise<{ entry: CacheEntry } | Failure> {
  const { result, storedKey } = produced;
  const entry: CacheEntry = {
    storageKey: `audio/${storedKey}.${result.extension}`,
    contentType: result.contentType,
    byteSize: result.audio.byteLength,
    durationSeconds: Math.round(result.durationSeconds * 1000) / 1000,
    provider: result.provider,
    model: result.model,
  };
  try {
    await env.AUDIO_BUCKET.put(entry.storageKey, result.audio, { httpMetadata: { contentType: entry.contentType } });
    await insertAudioFileStatement(env.DB, { ...produced.history, entry, cacheKey: storedKey }).run();
  } catch (error) {
    await produced.giveBack();
    console.error("keeping the produced audio failed", error);
    return { kind: "failed", code: "internal_error", message: "The audio could not be stored. You have not been charged.", shareable: false };
  }
  await createAudioCache(config, env)
    .set(storedKey, entry)
    .catch((error: unknown) => console.error("cache write failed", error));
  try {
    await enqueueJob(env.JOBS_QUEUE, produced.settlement);
  } catch (error) {
    console.error("queueing the settlement failed; settling inline", error);
    await produced.settleInline();
  }
  return { entry };
}
