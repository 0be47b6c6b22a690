/**
 * The one client of the local engine Worker (worker/local-engine, LOCAL_ENGINE service binding),
 * shared by the local speech and clone providers and by MP3 output (services/mp3.ts: the engine
 * also runs the LAME encoder). It maps the engine's answers to provider errors: a language it lacks is the request's `locale` at fault, text it cannot say (too long,
 * nothing speakable) is `text`, anything else is an engine failure. The engine's own words go to
 * the error's internal detail only.
 */
import { ProviderError, type SpeechResult } from "./types";

export const LOCAL_MODEL = "espeak-ng";

export interface LocalSynthesis {
  text: string;
  language: string;
  variant: string;
  pitch?: number;
}

/** The `error.code` of the engine's JSON error body, if it has one. */
const engineErrorCode = (body: unknown): string | undefined => {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === "string" ? code : undefined;
};

export async function speakLocally(engine: Fetcher, request: LocalSynthesis, signal?: AbortSignal): Promise<SpeechResult> {
  const response = await engine
    .fetch("https://local-engine/synthesize", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
      ...(signal ? { signal } : {}),
    })
    .catch(() => null);
  if (signal?.aborted) throw new ProviderError("timeout", "The local speech engine took too long to answer.");
  if (response === null) throw new ProviderError("unavailable", "The local speech engine is not running.");
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    const detail = `local engine ${response.status}: ${text.slice(0, 300)}`;
    let code: string | undefined;
    try {
      code = engineErrorCode(JSON.parse(text));
    } catch {
      code = undefined;
    }
    if (response.status === 400 && code === "unsupported_language") {
      throw new ProviderError("invalid_input", "locale: this language cannot be spoken by this voice.", { field: "locale", detail });
    }
    if (response.status === 400 && (code === "audio_too_long" || code === "validation_failed")) {
      throw new ProviderError("invalid_input", "text: this text cannot be spoken; check that it contains words.", { field: "text", detail });
    }
    throw new ProviderError(response.status >= 500 ? "unavailable" : "failed", "The local speech engine could not speak this text.", { detail });
  }
  return {
    audio: new Uint8Array(await response.arrayBuffer()),
    contentType: "audio/wav",
    extension: "wav",
    provider: "local",
    model: LOCAL_MODEL,
    durationSeconds: Number(response.headers.get("x-duration-seconds") ?? 0),
  };
}

/**
 * WAV → MP3 through the engine's LAME (`POST /mp3`, worker/local-engine/mp3.ts). The engine being
 * unreachable is `unavailable`; audio it refuses (not a PCM WAV, too large) is `failed`.
 */
export async function encodeMp3Locally(engine: Fetcher, wav: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
  const response = await engine.fetch("https://local-engine/mp3", { method: "POST", headers: { "content-type": "audio/wav" }, body: wav, ...(signal ? { signal } : {}) }).catch(() => null);
  if (signal?.aborted) throw new ProviderError("timeout", "Encoding the MP3 took too long.");
  if (response === null) throw new ProviderError("unavailable", "The MP3 encoder is not running. You have not been charged; try again or choose WAV.");
  if (!response.ok) {
    const detail = `local engine /mp3 ${response.status}: ${(await response.text().catch(() => "")).slice(0, 300)}`;
    throw new ProviderError(response.status >= 500 ? "unavailable" : "failed", "The audio could not be encoded as MP3. You have not been charged; try again or choose WAV.", { detail });
  }
  return new Uint8Array(await response.arrayBuffer());
}
