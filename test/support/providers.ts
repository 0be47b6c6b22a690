// Fakes of the third parties' HTTP APIs (the real SDKs run; only their traffic is answered here).
import { wavFromPcm } from "./audio";
import type { Route } from "./http";

const GEMINI_HOST = "generativelanguage.googleapis.com";

export function pcmBase64(samples: number): string {
  const bytes = new Uint8Array(samples * 2);
  for (let i = 0; i < samples; i++) {
    const value = Math.round(Math.sin(i / 8) * 8000);
    bytes[i * 2] = value & 0xff;
    bytes[i * 2 + 1] = (value >> 8) & 0xff;
  }
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function geminiModelOf(request: { url: string }): string | undefined {
  const url = new URL(request.url);
  if (url.host !== GEMINI_HOST) return undefined;
  return /models\/([^:]+):generateContent/.exec(url.pathname)?.[1];
}

/** Answers Gemini generateContent calls; `reply` decides per model. */
export function gemini(reply: (model: string) => Response | Promise<Response>): Route {
  return (request) => {
    const model = geminiModelOf(request);
    return model === undefined ? undefined : reply(model);
  };
}

/**
 * A Gemini answer: raw 24 kHz PCM by default (2 s, enough for a ten-word text), or — as the 3.8
 * models answer unary requests — a complete WAV file; `finishReason` other than STOP is a cut-off.
 */
export function geminiAudio(totalTokens: number, samples = 48_000, options: { wav?: boolean; finishReason?: string } = {}): Response {
  const pcm = pcmBase64(samples);
  const data = options.wav ? wavBase64(pcm) : pcm;
  return Response.json({
    candidates: [{ content: { role: "model", parts: [{ inlineData: { mimeType: options.wav ? "audio/wav" : "audio/L16;codec=pcm;rate=24000", data } }] }, finishReason: options.finishReason ?? "STOP" }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: totalTokens - 10, totalTokenCount: totalTokens },
  });
}

/** Wraps base64 PCM (24 kHz, 16-bit mono) in a WAV file, as base64. */
function wavBase64(pcmB64: string): string {
  const wav = wavFromPcm(
    Uint8Array.from(atob(pcmB64), (c) => c.charCodeAt(0)),
    24_000,
    1,
    16,
  );
  let binary = "";
  for (const byte of wav) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function geminiError(status: number, message: string): Response {
  return Response.json({ error: { code: status, message, status: status === 429 ? "RESOURCE_EXHAUSTED" : "UNAVAILABLE" } }, { status });
}

/** Answers Replicate prediction creation and the output download. */
export function replicate(outcome: { status: "succeeded" | "failed"; error?: string; audio?: Uint8Array }): Route {
  return (request) => {
    const url = new URL(request.url);
    if (url.host === "api.replicate.com" && url.pathname === "/v1/predictions" && request.method === "POST") {
      return Response.json(
        {
          id: "pred_1",
          status: outcome.status,
          output: outcome.status === "succeeded" ? "https://replicate.delivery/out/speech.mp3" : null,
          error: outcome.error ?? null,
          urls: { get: "https://api.replicate.com/v1/predictions/pred_1" },
        },
        { status: 201 },
      );
    }
    if (url.host === "replicate.delivery" && outcome.audio !== undefined) {
      return new Response(outcome.audio, { headers: { "content-type": "audio/mpeg" } });
    }
    return undefined;
  };
}
