/**
 * The realtime model for a call: the call's model picks the plugin (OpenAI realtime or Gemini
 * Live), and the configuration becomes that plugin's options. What each model accepts:
 *
 *   OpenAI (gpt-realtime-2.1, -mini): voice, max output tokens (`max_output_tokens`) and the
 *     input transcription's language; temperature is not a setting of the GA Realtime API (the
 *     plugin marks it deprecated and drops it), so it is not sent.
 *   Gemini Live (gemini-3.8-live): voice (GEMINI_VOICE_FOR), temperature and max output tokens.
 *     Live audio models pick their language themselves (Google: "restrict it in the system
 *     instructions"), so no languageCode is sent.
 *
 * For both, the language is also stated in the instructions (call-agent.ts).
 */
import type { llm } from "@livekit/agents";
import * as google from "@livekit/agents-plugin-google";
import * as openai from "@livekit/agents-plugin-openai";
import type { AgentSessionConfig, CallModel } from "./contract";
import type { Refusal } from "./session-config";
import { type ModelFamily, modelVoice } from "./voices";

export const MODEL_FAMILY: Record<CallModel, ModelFamily> = {
  "gpt-realtime-2.1": "openai",
  "gpt-realtime-2.1-mini": "openai",
  "gemini-3.8-live": "google",
};

/** The input transcription model the OpenAI plugin uses by default; we add the language hint. */
export const OPENAI_TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";

type OpenAIOptions = NonNullable<ConstructorParameters<typeof openai.realtime.RealtimeModel>[0]>;
type GoogleOptions = NonNullable<ConstructorParameters<typeof google.realtime.RealtimeModel>[0]>;

/**
 * The OpenAI plugin's constructor does not declare `maxResponseOutputTokens`, but copies every
 * option it is given into the options it sends as `max_output_tokens` (a test pins this).
 */
export type OpenAIRealtimeOptions = OpenAIOptions & { maxResponseOutputTokens: number };

export type RealtimePlan = { family: "openai"; options: OpenAIRealtimeOptions; voiceKnown: boolean } | { family: "google"; options: GoogleOptions; voiceKnown: boolean };

export interface ModelKeys {
  openaiApiKey: string | undefined;
  googleApiKey: string | undefined;
}

/** The plugin and its options for this call (pure: no model is built, nothing is sent). */
export function planRealtimeModel(config: AgentSessionConfig, keys: ModelKeys): RealtimePlan | Refusal {
  const family = MODEL_FAMILY[config.model];
  const { voice, known } = modelVoice(family, config.voice);
  if (family === "openai") {
    if (keys.openaiApiKey === undefined) return { reason: "no_model_key", detail: `OPENAI_API_KEY is not set (model ${config.model})` };
    return {
      family,
      voiceKnown: known,
      options: {
        model: config.model,
        voice,
        apiKey: keys.openaiApiKey,
        maxResponseOutputTokens: config.maxOutputTokens,
        inputAudioTranscription: { model: OPENAI_TRANSCRIPTION_MODEL, language: baseLanguage(config.language) },
      },
    };
  }
  if (keys.googleApiKey === undefined) return { reason: "no_model_key", detail: `GOOGLE_API_KEY is not set (model ${config.model})` };
  return {
    family,
    voiceKnown: known,
    options: { model: config.model, voice, apiKey: keys.googleApiKey, temperature: config.temperature, maxOutputTokens: config.maxOutputTokens },
  };
}

/** Builds the plugin's model (no connection is made until a session starts). */
export function buildRealtimeModel(plan: RealtimePlan): llm.RealtimeModel {
  return plan.family === "openai" ? new openai.realtime.RealtimeModel(plan.options) : new google.realtime.RealtimeModel(plan.options);
}

export const isRefusal = (value: RealtimePlan | Refusal): value is Refusal => "reason" in value;

const baseLanguage = (language: string) => language.toLowerCase().split("-")[0] ?? language;
