/**
 * The speech-provider interface. Every engine (Gemini, Replicate, the local eSpeak engine) turns
 * one request into audio bytes and reports what it used; errors leave as ProviderError with a
 * kind the paid-audio orchestrator maps to the API's vocabulary, a public message the client may
 * see, and an internal detail (upstream status and body) that only goes to the logs. Every call
 * takes an AbortSignal: the orchestrator aborts a call that outlives the provider timeout.
 * Nothing outside providers/ calls AI APIs.
 */
import type { Voice } from "../db/voices";
import type { AudioFormat } from "../shared/contracts";

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
  /** Aborted when the orchestrator gives up on the call (provider timeout). */
  signal?: AbortSignal;
  /**
   * Set by a streaming order: the provider hands over audio as it is made (16-bit mono PCM), in
   * order; the result's audio is then exactly these chunks (as WAV). Providers that cannot stream
   * ignore it and the orchestrator sends their whole result as one chunk. Providers await it.
   */
  onAudio?: (chunk: PcmChunk) => void | Promise<void>;
}

export interface PcmChunk {
  pcm: Uint8Array;
  sampleRate: number;
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
  /** The container its audio comes in; a WAV engine's audio can be stored as MP3 (services/mp3.ts), an MP3 engine's only as MP3. */
  readonly format: AudioFormat;
  /** The model a request of this tier asks for first; part of the cache key. */
  model(tier: Tier): string;
  synthesize(request: SpeechRequest): Promise<SpeechResult>;
}

/**
 * `invalid_input`: the request cannot be spoken as given (an unsupported language, text the
 * engine cannot say) — the client's 400, naming `field`. `timeout`: the call took too long.
 * `truncated`: the answer stopped before the end of the text (not delivered, not charged).
 */
export type ProviderErrorKind = "content_refused" | "quota" | "unavailable" | "failed" | "timeout" | "invalid_input" | "truncated";

export interface ProviderErrorOptions {
  /** Internal detail for the logs (upstream status, body excerpt); never sent to the client. */
  detail?: string;
  retryAfterSeconds?: number;
  /** For `invalid_input`: the request field at fault. */
  field?: string;
}

export class ProviderError extends Error {
  readonly detail: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly field: string | undefined;

  /** `publicMessage` is what the client sees; put anything upstream said in `options.detail`. */
  constructor(
    readonly kind: ProviderErrorKind,
    publicMessage: string,
    options: ProviderErrorOptions = {},
  ) {
    super(publicMessage);
    this.name = "ProviderError";
    this.detail = options.detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.field = options.field;
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
  signal?: AbortSignal;
}

export interface CloneProvider {
  readonly name: ProviderName;
  /** The model a clone in this locale uses; part of the cache key. */
  model(locale: string): string;
  clone(request: CloneRequest): Promise<SpeechResult>;
}
