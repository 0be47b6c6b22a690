/**
 * Suggesting expressive tags for a text with a Gemini text model (@google/genai): the model is
 * told to return the same words with only tags from the voice's list inserted. The answer is
 * checked by the service (services/enhance.ts), never trusted. Sampling parameters are not sent
 * (Gemini 3.6+ deprecates them). Failures become ProviderErrors with the detail for the logs.
 */
import { ApiError, GoogleGenAI } from "@google/genai";
import { ProviderError } from "./types";

export interface TextEnhancer {
  readonly model: string;
  addTags(input: { text: string; tags: readonly string[]; language: string; signal?: AbortSignal }): Promise<string>;
}

function instructions(tags: readonly string[], language: string): string {
  return [
    "You prepare text for an expressive text-to-speech voice.",
    `Insert a few inline tags where they make the reading more natural and expressive. Allowed tags, written exactly like this: ${tags.map((tag) => `<${tag}>`).join(" ")}.`,
    "Rules: keep every word, every punctuation mark and the word order exactly as given; do not translate, correct, add or remove anything except tags; use only the allowed tags; use them sparingly (at most one per sentence); keep existing tags.",
    `The text is in the language with code "${language}".`,
    "Answer with the text only: no quotes, no explanations, no markdown.",
  ].join("\n");
}

export function createGeminiTextEnhancer(apiKey: string, model: string, baseUrl?: string): TextEnhancer {
  let sdk: GoogleGenAI | undefined;
  const client = () => (sdk ??= new GoogleGenAI({ apiKey, ...(baseUrl ? { httpOptions: { baseUrl } } : {}) }));
  return {
    model,
    async addTags({ text, tags, language, signal }) {
      try {
        const response = await client().models.generateContent({
          model,
          contents: [{ role: "user", parts: [{ text }] }],
          config: { systemInstruction: instructions(tags, language), ...(signal ? { abortSignal: signal } : {}) },
        });
        const answer = response.text?.trim();
        if (answer === undefined || answer === "") throw new ProviderError("failed", "The text model returned nothing.", { detail: `finish ${response.candidates?.[0]?.finishReason ?? "?"}` });
        return answer;
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        if (error instanceof ApiError) {
          const kind = error.status === 429 ? "quota" : error.status >= 500 ? "unavailable" : "failed";
          throw new ProviderError(kind, "The text model could not suggest tags right now.", { detail: `${error.status}: ${error.message.slice(0, 300)}` });
        }
        if (signal?.aborted) throw new ProviderError("timeout", "The text model took too long.", { detail: String(error) });
        throw new ProviderError("unavailable", "The text model could not be reached.", { detail: String(error) });
      }
    },
  };
}
