/**
 * The one place that chooses a speech provider: the voice's real provider when its key is
 * configured, the local engine otherwise; likewise for cloning (Chatterbox on Replicate, or the
 * local engine). Nothing else branches on a provider's name.
 */
import type { AppConfig } from "../env";
import type { Voice } from "../db/voices";
import { createChatterboxProvider } from "./chatterbox";
import { createGeminiProvider } from "./gemini";
import { createLocalProvider } from "./local";
import { createLocalCloneProvider } from "./local-clone";
import { createReplicateProvider } from "./replicate";
import type { CloneProvider, SpeechProvider } from "./types";

export function selectSpeechProvider(voice: Voice, config: AppConfig, env: Env): SpeechProvider {
  const { secrets } = config;
  if (voice.provider === "gemini" && secrets.GEMINI_API_KEY !== undefined) return createGeminiProvider(secrets.GEMINI_API_KEY, secrets.GEMINI_BASE_URL);
  if (voice.provider === "replicate" && secrets.REPLICATE_API_TOKEN !== undefined) return createReplicateProvider(secrets.REPLICATE_API_TOKEN, secrets.REPLICATE_BASE_URL);
  return createLocalProvider(env.LOCAL_ENGINE);
}

export function selectCloneProvider(config: AppConfig, env: Env): CloneProvider {
  const { secrets } = config;
  if (secrets.REPLICATE_API_TOKEN !== undefined) return createChatterboxProvider(secrets.REPLICATE_API_TOKEN, secrets.REPLICATE_BASE_URL);
  return createLocalCloneProvider(env.LOCAL_ENGINE);
}
