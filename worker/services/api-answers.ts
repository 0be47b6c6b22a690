/**
 * The public API's answers as data (ApiAnswer), so an answer can be kept for an Idempotency-Key
 * and given again (services/idempotency.ts), and their rendering into a response: JSON (with
 * its signed audio link signed afresh when repeated), or the audio itself in the asked format
 * (`pcm`: the stored WAV's samples at 24 kHz, as OpenAI sends them). Audio stored as MP3 (voices
 * whose engine speaks only MP3) is sent as MP3 whatever was asked; routes refuse such requests
 * before any charge where they can know it in advance.
 */
import type { Context } from "hono";
import type { AppEnv } from "../context";
import { monoPcm16, resamplePcm16 } from "../providers/wav";
import { audioFormatOf } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { PCM_RESPONSE_SAMPLE_RATE, RESPONSE_CONTENT_TYPES, type OpenAiResponseFormat } from "../shared/openai-speech";
import { audioLinks } from "./audio-urls";
import type { AudioDelivery } from "./paid-audio";

export type ApiAnswer =
  | { kind: "json"; status: 200 | 201; body: { url?: string } & Record<string, unknown> }
  | {
      kind: "audio";
      /** "stored": the file as it is kept (`/api/v1/speech` with `Accept: audio/*`). */
      format: OpenAiResponseFormat | "stored";
      audioId: string;
      storageKey: string;
      contentType: string;
      creditsUsed: number;
      creditsRemaining: number;
      cached: boolean;
    };

export function audioAnswer(delivery: AudioDelivery, format: OpenAiResponseFormat | "stored"): ApiAnswer {
  const { entry } = delivery;
  return {
    kind: "audio",
    format,
    audioId: delivery.id,
    storageKey: entry.storageKey,
    contentType: entry.contentType,
    creditsUsed: delivery.creditsUsed,
    creditsRemaining: delivery.creditsRemaining,
    cached: delivery.cached,
  };
}

/** The bytes to send for `format`, and their type. */
export function audioInFormat(stored: Uint8Array, contentType: string, format: OpenAiResponseFormat | "stored"): { bytes: Uint8Array; contentType: string } {
  if (format === "pcm" && audioFormatOf(contentType) === "wav") {
    const samples = monoPcm16(stored);
    if (samples !== null) return { bytes: resamplePcm16(samples.pcm, samples.sampleRate, PCM_RESPONSE_SAMPLE_RATE), contentType: RESPONSE_CONTENT_TYPES.pcm };
  }
  return { bytes: stored, contentType: audioFormatOf(contentType) === "mp3" ? RESPONSE_CONTENT_TYPES.mp3 : RESPONSE_CONTENT_TYPES.wav };
}

/** A kept link to `/api/audio/<id>?k=…` signed again (it expires after an hour). */
async function freshLink(c: Context<AppEnv>, url: string): Promise<string> {
  const parsed = new URL(url);
  const id = /^\/api\/audio\/([^/]+)$/.exec(parsed.pathname)?.[1];
  const storageKey = parsed.searchParams.get("k");
  if (id === undefined || storageKey === null) return url;
  return audioLinks(new URL(c.req.url).origin, c.get("config"), c.env.DB).link(decodeURIComponent(id), storageKey);
}

export async function renderAnswer(c: Context<AppEnv>, answer: ApiAnswer, replayed: boolean): Promise<Response> {
  if (replayed) c.header("Idempotent-Replayed", "true");
  if (answer.kind === "json") {
    const body = replayed && typeof answer.body.url === "string" ? { ...answer.body, url: await freshLink(c, answer.body.url) } : answer.body;
    return c.json(body, answer.status);
  }
  const object = await c.env.AUDIO_BUCKET.get(answer.storageKey);
  if (object === null) throw new AppError("not_found", "This audio is no longer stored.");
  const { bytes, contentType } = audioInFormat(new Uint8Array(await object.arrayBuffer()), answer.contentType, answer.format);
  return new Response(bytes, {
    headers: {
      "content-type": contentType,
      "cache-control": "no-store",
      "x-audio-id": answer.audioId,
      "x-credits-used": String(answer.creditsUsed),
      "x-credits-remaining": String(answer.creditsRemaining),
      "x-cached": String(answer.cached),
      ...(contentType === RESPONSE_CONTENT_TYPES.pcm ? { "x-sample-rate": String(PCM_RESPONSE_SAMPLE_RATE) } : {}),
      ...(replayed ? { "idempotent-replayed": "true" } : {}),
    },
  });
}
