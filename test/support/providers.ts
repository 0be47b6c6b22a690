// Fakes of the third parties' HTTP APIs (the real SDKs run; only their traffic is answered here).
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

export function geminiAudio(totalTokens: number, samples = 2_400): Response {
  return Response.json({
    candidates: [{ content: { role: "model", parts: [{ inlineData: { mimeType: "audio/L16;codec=pcm;rate=24000", data: pcmBase64(samples) } }] }, finishReason: "STOP" }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: totalTokens - 10, totalTokenCount: totalTokens },
  });
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
