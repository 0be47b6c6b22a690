/**
 * `POST /api/generate-voice/stream` from the browser: server-sent events read from a fetch body
 * (EventSource cannot POST). Errors before the stream are the API's JSON errors (ApiError, as
 * everywhere); an `error` event becomes an ApiError with the server's code; `done` resolves with
 * the same body as the non-streaming endpoint. Audio events go to `onAudio` as they arrive.
 */
import { base64ToBytes } from "../../../worker/shared/bytes";
import type { GenerateVoiceRequest, GenerateVoiceResponse } from "../../../worker/shared/contracts";
import { ERROR_STATUS, type ErrorCode } from "../../../worker/shared/errors";
import { ApiError, authorizationHeader, isAbortError, readAnswer } from "./client";

export type StreamedAudio = { encoding: "pcm_s16le"; sampleRate: number; data: Uint8Array } | { encoding: "mp3"; sampleRate: null; data: Uint8Array };

export interface StreamHandlers {
  onMeta?(meta: { id: string; provider: string; model: string; creditsReserved: number; cached: boolean }): void;
  onAudio?(chunk: StreamedAudio): void;
}

/** Splits an SSE text buffer into complete events and the unfinished rest. */
export function splitEvents(buffer: string): { events: { event: string; data: string }[]; rest: string } {
  const events: { event: string; data: string }[] = [];
  let rest = buffer.replace(/\r\n/g, "\n");
  for (let end = rest.indexOf("\n\n"); end >= 0; end = rest.indexOf("\n\n")) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
    }
    events.push({ event, data: data.join("\n") });
  }
  return { events, rest };
}

export async function streamVoice(body: GenerateVoiceRequest, handlers: StreamHandlers, signal?: AbortSignal): Promise<GenerateVoiceResponse> {
  let response: Response;
  try {
    response = await fetch("/api/generate-voice/stream", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", ...(await authorizationHeader()) },
      body: JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError("network", error instanceof Error ? error.message : "Network error", 0);
  }
  if (!response.ok || response.body === null || !(response.headers.get("content-type") ?? "").includes("text/event-stream")) {
    return readAnswer<GenerateVoiceResponse>("/api/generate-voice/stream", response.status, await response.text(), response.headers.get("retry-after"), true);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    let chunk: ReadableStreamReadResult<string>;
    try {
      chunk = await reader.read();
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) throw new DOMException("The generation was cancelled.", "AbortError");
      throw new ApiError("network", error instanceof Error ? error.message : "The stream broke off", 0);
    }
    if (chunk.done) break;
    const { events, rest } = splitEvents(buffer + chunk.value);
    buffer = rest;
    for (const { event, data } of events) {
      const parsed = JSON.parse(data) as Record<string, unknown>;
      if (event === "meta") handlers.onMeta?.(parsed as Parameters<NonNullable<StreamHandlers["onMeta"]>>[0]);
      else if (event === "audio") {
        const audio = parsed as { encoding: "pcm_s16le" | "mp3"; sampleRate: number | null; data: string };
        handlers.onAudio?.(
          audio.encoding === "pcm_s16le" ? { encoding: "pcm_s16le", sampleRate: audio.sampleRate ?? 24_000, data: base64ToBytes(audio.data) } : { encoding: "mp3", sampleRate: null, data: base64ToBytes(audio.data) },
        );
      } else if (event === "done") return parsed as unknown as GenerateVoiceResponse;
      else if (event === "error") {
        const code = parsed.code as ErrorCode;
        throw new ApiError(code, String(parsed.message ?? ""), ERROR_STATUS[code] ?? 500);
      }
    }
  }
  throw new ApiError("unexpected_response", "The audio stream ended without a result", response.status);
}
