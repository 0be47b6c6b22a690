/**
 * Streaming delivery (`POST /api/generate-voice/stream`): the same order, money and cache rules as
 * services/paid-audio.ts, answered as server-sent events — `meta` (id, provider, model, credits
 * reserved), `audio` (base64 chunks in order: 16-bit mono PCM with its sample rate, or one MP3
 * chunk for providers that only give a file), `done` (exactly the non-streaming response body) or
 * `error` ({code, message}). A cache hit streams the stored audio at once for 0 credits. The
 * production runs in the GenerationGate (single flight); this side keeps reading the gate's stream
 * until the end even if the client goes away, so the object stays busy and the production is
 * finished, kept in history and charged whether or not anyone is still listening.
 */
import { configSnapshot } from "../env";
import type { AccountSummary } from "../db/credits";
import type { GateStreamEvent } from "../objects/generation-gate";
import { monoPcm16 } from "../providers/wav";
import { bytesToBase64 } from "../shared/bytes";
import { AppError } from "../shared/errors";
import type { CacheEntry } from "./audio-cache";
import type { AudioLinks } from "./audio-urls";
import type { AudioOrder } from "./orders";
import { type AudioDelivery, audioResponseBody, type PaidAudioContext, recordFreeDelivery, refuseOnHold } from "./paid-audio";
import { log } from "./logging";

/** Stored audio is streamed in chunks of about this many seconds. */
const STORED_CHUNK_SECONDS = 1;

type Send = (event: "meta" | "audio" | "done" | "error", data: unknown) => void;

function sseStream(run: (send: Send) => Promise<void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send: Send = (event, data) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          open = false; // the client went away
        }
      };
      try {
        await run(send);
      } catch (error) {
        const known = error instanceof AppError ? error : new AppError("internal_error", "Something went wrong while streaming the audio.");
        if (!(error instanceof AppError)) log.error("streaming failed", error);
        send("error", { code: known.code, message: known.message });
      }
      if (open) controller.close();
    },
    cancel() {
      // Nothing to stop: the production belongs to the gate and is drained to the end.
    },
  });
}

/** The stored audio as the stream's `audio` events: PCM from a WAV, or the MP3 as one chunk. */
async function sendStored(ctx: PaidAudioContext, entry: CacheEntry, send: Send): Promise<void> {
  const object = await ctx.env.AUDIO_BUCKET.get(entry.storageKey);
  if (object === null) return;
  const bytes = new Uint8Array(await object.arrayBuffer());
  const samples = entry.contentType === "audio/wav" ? monoPcm16(bytes) : null;
  if (samples === null) {
    send("audio", { seq: 0, encoding: "mp3", sampleRate: null, data: bytesToBase64(bytes) });
    return;
  }
  const step = samples.sampleRate * 2 * STORED_CHUNK_SECONDS;
  for (let offset = 0, seq = 0; offset < samples.pcm.byteLength; offset += step, seq += 1) {
    send("audio", { seq, encoding: "pcm_s16le", sampleRate: samples.sampleRate, data: bytesToBase64(samples.pcm.subarray(offset, offset + step)) });
  }
}

async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<GateStreamEvent> {
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of stream) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line !== "") yield JSON.parse(line) as GateStreamEvent;
      newline = buffered.indexOf("\n");
    }
  }
}

export async function streamAudio(ctx: PaidAudioContext, order: AudioOrder, account: AccountSummary, links: AudioLinks, cached?: Promise<CacheEntry | null>): Promise<ReadableStream<Uint8Array>> {
  const hit = await (cached ?? ctx.integrations.audioCache.get(order.cacheKey));
  const freeDelivery = async (entry: CacheEntry, send: Send, withMeta = true) => {
    const id = await recordFreeDelivery(ctx, order, entry, true);
    if (withMeta) send("meta", { id, provider: entry.provider, model: entry.model, creditsReserved: 0, cached: true });
    await sendStored(ctx, entry, send);
    const delivery: AudioDelivery = { id, entry, creditsUsed: 0, creditsRemaining: account.balance, cached: true, source: "cache" };
    send("done", await audioResponseBody(delivery, links));
  };
  if (hit !== null) return sseStream((send) => freeDelivery(hit, send));
  refuseOnHold(account);

  const gate = ctx.env.GENERATION_GATE.get(ctx.env.GENERATION_GATE.idFromName(order.cacheKey));
  const fromGate = await gate.produceStream({ order, productionId: crypto.randomUUID(), settings: configSnapshot(ctx.config) });
  const [forClient, keepAlive] = fromGate.tee();
  // Reading the second branch to its end keeps the gate's production attached to this request.
  ctx.waitUntil(
    (async () => {
      for await (const _ of keepAlive) {
        // drained
      }
    })().catch((error: unknown) => log.error("draining the gate's stream failed", error)),
  );
  return sseStream(async (send) => {
    let seq = 0;
    let metaSent = false;
    for await (const event of lines(forClient)) {
      if (event.t === "meta") metaSent = true;
      if (event.t === "meta") send("meta", { id: event.id, provider: event.provider, model: event.model, creditsReserved: event.creditsReserved, cached: false });
      else if (event.t === "audio") send("audio", { seq: seq++, encoding: event.encoding, sampleRate: event.sampleRate, data: event.data });
      else {
        const { outcome } = event;
        if (outcome.kind === "produced") {
          send("done", await audioResponseBody({ id: outcome.productionId, entry: outcome.entry, creditsUsed: outcome.creditsUsed, creditsRemaining: outcome.creditsRemaining, cached: false, source: "produced" }, links));
        } else if (outcome.kind === "shared") {
          if (seq === 0) {
            await freeDelivery(outcome.entry, send, !metaSent);
          } else {
            const id = await recordFreeDelivery(ctx, order, outcome.entry, true);
            send("done", await audioResponseBody({ id, entry: outcome.entry, creditsUsed: 0, creditsRemaining: account.balance, cached: true, source: "shared" }, links));
          }
        } else {
          send("error", { code: outcome.code, message: outcome.message });
        }
        return;
      }
    }
    send("error", { code: "internal_error", message: "The audio stream ended early. You have not been charged for audio you did not receive." });
  });
}
