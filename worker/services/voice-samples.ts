/**
 * Voice samples: every voice has a short sample to listen to. It is spoken once by the local
 * engine and kept in R2 (`samples/<voice id>.wav`); later requests stream the stored object.
 */
import { AppError } from "../shared/errors";
import type { Voice } from "../db/voices";
import { createLocalProvider } from "../providers/local";
import { VOICE_SAMPLE_LOCALE, voiceSampleText } from "../shared/voice-samples";
import { log } from "./logging";

export function sampleKey(voice: Pick<Voice, "id">): string {
  return `samples/${voice.id}.wav`;
}

export async function ensureVoiceSample(env: Env, voice: Voice): Promise<string> {
  const key = sampleKey(voice);
  if ((await env.AUDIO_BUCKET.head(key)) !== null) return key;
  const text = voiceSampleText(voice.name);
  try {
    const result = await createLocalProvider(env.LOCAL_ENGINE).synthesize({ text, voice, locale: VOICE_SAMPLE_LOCALE, tier: "free" });
    await env.AUDIO_BUCKET.put(key, result.audio, { httpMetadata: { contentType: result.contentType } });
  } catch (error) {
    log.error(`sample for ${voice.id} failed`, error);
    throw new AppError("provider_unavailable", "The voice sample is not available right now.");
  }
  return key;
}
