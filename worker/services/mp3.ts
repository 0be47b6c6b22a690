/**
 * MP3 output (issue 9 §4). Owns the rule for which format a generation is stored in, and turning
 * a provider's WAV into that format before it is stored. production.ts calls `inStoredFormat` at
 * the one place audio is stored, so every front door gets it.
 *
 *   storedFormat: the requested format ("wav" by default), except that an engine speaking MP3
 *   only (Orpheus on Replicate) is stored as MP3 whatever is asked: there is no decoder here, and
 *   its MP3 is stored as it comes. The format is part of the cache key (services/audio-cache.ts).
 *   inStoredFormat: WAV that should be MP3 is encoded by LAME in the local engine Worker
 *   (worker/local-engine/mp3.ts: the .wasm does not fit the main bundle's budget), reached
 *   through the LOCAL_ENGINE service binding, which production has too. Anything else passes.
 */
import { encodeMp3Locally } from "../providers/local-engine-client";
import type { SpeechResult } from "../providers/types";
import type { AudioFormat } from "../shared/contracts";

export function storedFormat(requested: AudioFormat | undefined, engineFormat: AudioFormat): AudioFormat {
  return engineFormat === "mp3" ? "mp3" : (requested ?? "wav");
}

/** The result as `format`; its duration stays the spoken audio's (the MP3 adds ~0.1 s of encoder padding). */
export async function inStoredFormat(engine: Fetcher, result: SpeechResult, format: AudioFormat, signal?: AbortSignal): Promise<SpeechResult> {
  if (format === "wav" || result.extension === "mp3") return result;
  const audio = await encodeMp3Locally(engine, result.audio, signal);
  return { ...result, audio, contentType: "audio/mpeg", extension: "mp3" };
}
