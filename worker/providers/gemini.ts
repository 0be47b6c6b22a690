/**
 * Google Gemini TTS through @google/genai (2.32, the last release for Node 20). Models come from
 * configuration (worker/env.ts `speech.gemini`): free users speak through one (default Flash-Lite
 * TTS), paid users through the other (default Flash TTS), each falling back to the other once on
 * a provider failure — never on refused content, a timeout or a truncated answer.
 *
 * Request shape of the 3.8 models: the text is read verbatim, so the style travels in the part's
 * `speechMetadata.style`, never as a prefix line; inline vocal tags (`<sigh>`) stay in the text;
 * prebuilt voices by name; `temperature` is sent only to models configured as accepting it (the
 * 3.8 models reject it). A unary answer is a complete WAV or raw 24 kHz 16-bit PCM — detected by
 * content — and is stored as a valid WAV either way. An answer that did not finish normally, or
 * whose audio is far shorter than the text needs, is `truncated`: not delivered, cached or
 * charged. The caller's signal aborts the HTTP request (provider timeout). A streaming order uses
 * the SDK's streaming call: each chunk's PCM is handed over as it arrives (a WAV header in a chunk
 * is dropped), and no fallback is tried once audio has been sent.
 */
import { ApiError, GoogleGenAI } from "@google/genai";
import { base64ToBytes, concatBytes } from "../shared/bytes";
import { countCharacters, stripVocalTags } from "../shared/text-metrics";
import { ProviderError, type SpeechProvider, type SpeechRequest, type SpeechResult, type Tier } from "./types";
import { readWavLayout, wrapPcmAsWav } from "./wav";
import { log } from "../services/logging";

export interface GeminiModels {
  free: string;
  paid: string;
  /** Models that accept `temperature`; others never receive it. */
  acceptTemperature: readonly string[];
}

const PCM_SAMPLE_RATE = 24_000;
const REFUSAL_REASONS = new Set(["SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "IMAGE_SAFETY"]);
/**
 * Truncation guard: speech runs at roughly 12–20 characters a second; even very fast speech is
 * under 40. Audio shorter than one second per 40 characters (less a second of slack) is cut off.
 */
const MAX_CHARACTERS_PER_SECOND = 40;

/** The audio of an answer as a WAV file and its duration: a WAV as sent, or raw PCM wrapped. */
export function wavFromAnswer(bytes: Uint8Array): { wav: Uint8Array; durationSeconds: number } {
  const layout = readWavLayout(bytes);
  if (layout !== null) {
    if (layout.truncated) throw new ProviderError("truncated", "The voice provider's audio was cut off.", { detail: "WAV data chunk larger than the bytes sent" });
    return { wav: bytes, durationSeconds: layout.frames / layout.sampleRate };
  }
  if (bytes.byteLength >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === "RIFF") {
    throw new ProviderError("failed", "The voice provider returned audio that cannot be read.", { detail: "RIFF header without a PCM WAV layout" });
  }
  const pcm = bytes.byteLength % 2 === 0 ? bytes : bytes.subarray(0, bytes.byteLength - 1);
  return { wav: wrapPcmAsWav(pcm, PCM_SAMPLE_RATE), durationSeconds: pcm.byteLength / (PCM_SAMPLE_RATE * 2) };
}

export function createGeminiProvider(apiKey: string, models: GeminiModels, baseUrl?: string): SpeechProvider {
  // Made on first use: the request path only asks for the model name, the gate speaks.
  let sdk: GoogleGenAI | undefined;
  const client = () => (sdk ??= new GoogleGenAI({ apiKey, ...(baseUrl ? { httpOptions: { baseUrl } } : {}) }));
  const primary = (tier: Tier) => (tier === "paid" ? models.paid : models.free);
  const fallback = (tier: Tier) => (tier === "paid" ? models.free : models.paid);

  /** One answer from the model, unary or streamed (chunks handed to `request.onAudio` as they come). */
  async function answer(model: string, request: SpeechRequest, progress: { streamed: boolean }): Promise<Answer> {
    const part = { text: request.text, ...(request.style ? { speechMetadata: { style: request.style } } : {}) };
    const temperature = request.temperature !== undefined && models.acceptTemperature.includes(model) ? { temperature: request.temperature } : {};
    const params = {
      model,
      contents: [{ role: "user", parts: [part] }],
      config: {
        responseModalities: ["AUDIO"],
        speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: request.voice.name } } },
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
        ...temperature,
        ...(request.signal ? { abortSignal: request.signal } : {}),
      },
    };
    try {
      const onAudio = request.onAudio;
      if (onAudio === undefined) {
        const response = await client().models.generateContent(params);
        const candidate = response.candidates?.[0];
        const data = candidate?.content?.parts?.find((p) => p.inlineData?.data)?.inlineData?.data;
        return {
          blocked: response.promptFeedback?.blockReason,
          finish: candidate?.finishReason,
          audio: data === undefined ? undefined : wavFromAnswer(base64ToBytes(data)),
          tokens: response.usageMetadata?.totalTokenCount,
        };
      }
      const pcm: Uint8Array[] = [];
      let finish: string | undefined;
      let blocked: string | undefined;
      let tokens: number | undefined;
      for await (const chunk of await client().models.generateContentStream(params)) {
        blocked ??= chunk.promptFeedback?.blockReason;
        const candidate = chunk.candidates?.[0];
        finish = candidate?.finishReason ?? finish;
        tokens = chunk.usageMetadata?.totalTokenCount ?? tokens;
        for (const piece of candidate?.content?.parts ?? []) {
          if (piece.inlineData?.data === undefined) continue;
          const bytes = base64ToBytes(piece.inlineData.data);
          const layout = readWavLayout(bytes);
          const samples = layout === null ? bytes : bytes.subarray(layout.dataOffset, layout.dataOffset + layout.dataBytes);
          const even = samples.byteLength % 2 === 0 ? samples : samples.subarray(0, samples.byteLength - 1);
          pcm.push(even);
          progress.streamed = true;
          await onAudio({ pcm: even, sampleRate: PCM_SAMPLE_RATE });
        }
      }
      const all = concatBytes(pcm);
      return { blocked, finish, audio: all.byteLength === 0 ? undefined : { wav: wrapPcmAsWav(all, PCM_SAMPLE_RATE), durationSeconds: all.byteLength / (PCM_SAMPLE_RATE * 2) }, tokens };
    } catch (error) {
      if (request.signal?.aborted) throw new ProviderError("timeout", "The voice provider took too long to answer.");
      throw mapGeminiError(error);
    }
  }

  async function speak(model: string, request: SpeechRequest, progress: { streamed: boolean }): Promise<SpeechResult> {
    const { blocked, finish, audio, tokens } = await answer(model, request, progress);
    if (blocked !== undefined || (finish !== undefined && REFUSAL_REASONS.has(finish))) {
      throw new ProviderError("content_refused", "The voice provider declined to speak this text.", { detail: `block ${blocked ?? finish}` });
    }
    if (audio === undefined) throw new ProviderError("failed", "The voice provider returned no audio.", { detail: `Gemini ${model}: no inline audio, finish ${finish ?? "none"}` });
    if (finish !== undefined && finish !== "STOP") throw new ProviderError("truncated", "The voice provider stopped before the end of the text.", { detail: `Gemini ${model}: finish ${finish}` });
    const spoken = countCharacters(stripVocalTags(request.text));
    if (audio.durationSeconds < spoken / MAX_CHARACTERS_PER_SECOND - 1) {
      throw new ProviderError("truncated", "The voice provider stopped before the end of the text.", { detail: `Gemini ${model}: ${audio.durationSeconds.toFixed(2)} s of audio for ${spoken} characters` });
    }
    return { audio: audio.wav, contentType: "audio/wav", extension: "wav", provider: "gemini", model, durationSeconds: audio.durationSeconds, totalTokens: validTokenCount(tokens) };
  }

  return {
    name: "gemini",
    format: "wav",
    model: primary,
    async synthesize(request) {
      const progress = { streamed: false };
      try {
        return await speak(primary(request.tier), request, progress);
      } catch (error) {
        // A stream that already sent audio cannot start again with another voice model.
        if (!(error instanceof ProviderError) || !["unavailable", "failed", "quota"].includes(error.kind) || request.signal?.aborted || progress.streamed) throw error;
        log.error(`Gemini ${primary(request.tier)} failed (${error.detail ?? error.kind}); falling back to ${fallback(request.tier)}`);
        return speak(fallback(request.tier), request, progress);
      }
    },
  };
}

function mapGeminiError(error: unknown): ProviderError {
  if (error instanceof ApiError) {
    const detail = `Gemini ${error.status}: ${error.message.slice(0, 300)}`;
    if (error.status === 429) return new ProviderError("quota", "The voice provider's quota is exhausted.", { retryAfterSeconds: 60, detail });
    if (error.status === 400 && /safety|prohibited|blocked/i.test(error.message)) {
      return new ProviderError("content_refused", "The voice provider declined to speak this text.", { detail });
    }
    if (error.status >= 500) return new ProviderError("unavailable", "The voice provider is unavailable.", { detail });
    return new ProviderError("failed", "The voice provider rejected the request.", { detail });
  }
  return new ProviderError("unavailable", "The voice provider could not be reached.", { detail: error instanceof Error ? error.message.slice(0, 300) : String(error) });
}

interface Answer {
  blocked: string | undefined;
  finish: string | undefined;
  audio: { wav: Uint8Array; durationSeconds: number } | undefined;
  tokens: number | undefined;
}

/** A usable token count, or undefined (then the order's estimate is charged). */
function validTokenCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
