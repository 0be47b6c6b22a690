/**
 * The speech-provider interface. Every engine (Gemini, Replicate, the local eSpeak engine) turns
 * one request into audio bytes and reports what it used; errors leave as ProviderError with a
 * kind the generation flow maps to the API's vocabulary. Nothing outside providers/ calls AI APIs.
 */
import type { Voice } from "../db/voices";

export type ProviderName = "gemini" | "replicate" | "local";
export type Tier = "free" | "paid";

export interface SpeechRequest {
  text: string;
  voice: Voice;
  /** BCP 47 locale the text is in (e.g. "en", "es", "pt-BR"). */
  locale: string;
  style?: string;
  seed?: number;
  temperature?: number;
  tier: Tier;
}

export interface SpeechResult {
  audio: Uint8Array;
  contentType: "audio/wav" | "audio/mpeg";
  extension: "wav" | "mp3";
  provider: ProviderName;
  /** The model that actually spoke (after any fallback). */
  model: string;
  durationSeconds: number;
  /** Total tokens reported by the provider, when it bills by tokens (Gemini). */
  totalTokens?: number;
}

export interface SpeechProvider {
  readonly name: ProviderName;
  /** The model a request of this tier asks for first; part of the cache key. */
  model(tier: Tier): string;
  synthesize(request: SpeechRequest): Promise<SpeechResult>;
}

export type ProviderErrorKind = "content_refused" | "quota" | "unavailable" | "failed";

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

/** Voice cloning: speak `text` in `locale` in the voice of a reference recording. */
export interface CloneRequest {
  text: string;
  /** One of the supported locales (contracts.ts SUPPORTED_LOCALES). */
  locale: string;
  reference: {
    audio: Uint8Array;
    format: "wav" | "mp3" | "ogg" | "m4a";
    contentType: string;
    /** Measured fundamental frequency, when the recording could be analysed. */
    pitchHz: number | null;
  };
}

export interface CloneProvider {
  readonly name: ProviderName;
  /** The model a clone in this locale uses; part of the cache key. */
  model(locale: string): string;
  clone(request: CloneRequest): Promise<SpeechResult>;
}
