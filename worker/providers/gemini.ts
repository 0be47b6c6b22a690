/**
 * Google Gemini TTS through @google/genai. Free users speak through Flash, paid users through Pro
 * with one fallback to Flash on a provider error (never on refused content). Gemini returns 24 kHz
 * 16-bit mono PCM, wrapped here as WAV; token usage is returned for settlement. The caller's
 * signal aborts the HTTP request (provider timeout); a fallback is never tried after an abort.
 */
import { ApiError, GoogleGenAI, type GenerateContentResponse } from "@google/genai";
import { ProviderError, type SpeechProvider, type SpeechRequest, type SpeechResult, type Tier } from "./types";
import { wrapPcmAsWav } from "./wav";

export const GEMINI_FLASH_TTS = "gemini-2.5-flash-preview-tts";
export const GEMINI_PRO_TTS = "gemini-2.5-pro-preview-tts";
const SAMPLE_RATE = 24_000;
const REFUSAL_REASONS = new Set(["SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "OTHER", "IMAGE_SAFETY"]);

export function createGeminiProvider(apiKey: string, baseUrl?: string): SpeechProvider {
  const client = new GoogleGenAI({ apiKey, ...(baseUrl ? { httpOptions: { baseUrl } } : {}) });

  async function speak(model: string, request: SpeechRequest): Promise<SpeechResult> {
    const prompt = request.style ? `${request.style.trim()}:\n${request.text}` : request.text;
    let response: GenerateContentResponse;
    try {
      response = await client.models.generateContent({
        model,
        contents: [{ role: "user", parts: [{ text: prompt }] }],
        config: {
          responseModalities: ["AUDIO"],
          speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: request.voice.name } } },
          ...(request.seed !== undefined ? { seed: request.seed } : {}),
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          ...(request.signal ? { abortSignal: request.signal } : {}),
        },
      });
    } catch (error) {
      if (request.signal?.aborted) throw new ProviderError("timeout", "The voice provider took too long to answer.");
      throw mapGeminiError(error);
    }
    const blocked = response.promptFeedback?.blockReason;
    const candidate = response.candidates?.[0];
    if (blocked !== undefined || (candidate?.finishReason !== undefined && REFUSAL_REASONS.has(candidate.finishReason))) {
      throw new ProviderError("content_refused", "The voice provider declined to speak this text.", { detail: `block ${blocked ?? candidate?.finishReason}` });
    }
    const data = candidate?.content?.parts?.find((part) => part.inlineData?.data)?.inlineData?.data;
    if (data === undefined) throw new ProviderError("failed", "The voice provider returned no audio.", { detail: `Gemini ${model}: no inline audio, finish ${candidate?.finishReason ?? "none"}` });
    const pcm = Uint8Array.from(atob(data), (char) => char.charCodeAt(0));
    return {
      audio: wrapPcmAsWav(pcm, SAMPLE_RATE),
      contentType: "audio/wav",
      extension: "wav",
      provider: "gemini",
      model,
      durationSeconds: pcm.byteLength / (SAMPLE_RATE * 2),
      totalTokens: validTokenCount(response.usageMetadata?.totalTokenCount),
    };
  }

  return {
    name: "gemini",
    model: (tier: Tier) => (tier === "paid" ? GEMINI_PRO_TTS : GEMINI_FLASH_TTS),
    async synthesize(request) {
      if (request.tier === "free") return speak(GEMINI_FLASH_TTS, request);
      try {
        return await speak(GEMINI_PRO_TTS, request);
      } catch (error) {
        if (error instanceof ProviderError && (error.kind === "content_refused" || error.kind === "timeout")) throw error;
        return speak(GEMINI_FLASH_TTS, request);
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

/** A usable token count, or undefined (then the order's estimate is charged). */
function validTokenCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
