/**
 * GenerationGate: one instance per order cache key (`idFromName(<full sha256 key>)`; generation
 * and clone keys never meet). Its one entry point, `produce`, makes identical concurrent orders
 * share one provider call: the first caller runs the paid path (services/production.ts), the
 * others wait for it and receive the same audio as a 0-credit result. A failure that belongs to
 * the first caller alone (e.g. not enough credits) is not passed on: the next waiter takes over.
 *
 * The last produced entry is remembered for RECENT_RESULT_MS, for requests that race KV's
 * eventual consistency, and is only shared while its object is still in R2 (retention may have
 * removed it), so the gate never hands out dead audio.
 * `produceStream` is the same single flight for streaming orders: the production's events (the
 * reservation, the audio as it is made, the outcome) go to every identical order in flight.
 * Storage: none (in-memory coordination only; KV and R2 hold the durable results).
 */
import { DurableObject } from "cloudflare:workers";
import { configFromSnapshot } from "../env";
import { createIntegrations } from "../integrations";
import { bytesToBase64 } from "../shared/bytes";
import type { CacheEntry } from "../services/audio-cache";
import { produce, type GateOutcome, type ProductionJob, type ProductionSink, type StreamChunk } from "../services/production";

const RECENT_RESULT_MS = 5 * 60_000;

/** One line of the gate's event stream to the Worker (newline-delimited JSON; audio as base64). */
export type GateStreamEvent =
  | { t: "meta"; id: string; provider: string; model: string; creditsReserved: number }
  | { t: "audio"; encoding: StreamChunk["encoding"]; sampleRate: number | null; data: string }
  | { t: "outcome"; outcome: GateOutcome };

type RawEvent = { t: "meta"; info: Parameters<ProductionSink["meta"]>[0] } | { t: "audio"; chunk: StreamChunk } | { t: "outcome"; outcome: GateOutcome };

/** The events of the production in flight, kept for subscribers who come in the middle. */
class Broadcast {
  readonly events: RawEvent[] = [];
  readonly listeners = new Set<(event: RawEvent) => void>();
  emit(event: RawEvent): void {
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }
}

export class GenerationGate extends DurableObject<Env> {
  private inflight: Promise<GateOutcome> | null = null;
  private live: Broadcast | null = null;
  private recent: { entry: CacheEntry; at: number } | null = null;

  async produce(job: ProductionJob): Promise<GateOutcome> {
    for (;;) {
      const remembered = await this.rememberedEntry();
      if (remembered !== null) return { kind: "shared", entry: remembered };
      if (this.inflight === null) break;
      const outcome = await this.inflight.catch(() => null);
      if (outcome?.kind === "produced" || outcome?.kind === "shared") return { kind: "shared", entry: outcome.entry };
      if (outcome?.kind === "failed" && outcome.shareable) return outcome;
    }
    return this.begin(job, false);
  }

  /**
   * The streaming entry point: the events of this order's production as newline-delimited JSON.
   * The first caller owns the production (reserved credits, the produced outcome); an identical
   * order arriving meanwhile hears the same audio from the start at 0 credits (`shared`). The
   * production belongs to this object, not to the reader: a reader that goes away stops hearing,
   * and the audio is still finished, kept in history and charged.
   */
  async produceStream(job: ProductionJob): Promise<ReadableStream<Uint8Array>> {
    const encoder = new TextEncoder();
    const remembered = await this.rememberedEntry();
    if (remembered !== null) {
      const line = encoder.encode(`${JSON.stringify({ t: "outcome", outcome: { kind: "shared", entry: remembered } } satisfies GateStreamEvent)}\n`);
      return new ReadableStream({
        start(controller) {
          controller.enqueue(line);
          controller.close();
        },
      });
    }
    const owner = this.inflight === null;
    if (owner) void this.begin(job, true);
    const live = this.live as Broadcast;
    const toLine = (event: RawEvent): GateStreamEvent => {
      if (event.t === "meta") return { t: "meta", ...event.info, creditsReserved: owner ? event.info.creditsReserved : 0 };
      if (event.t === "audio") return { t: "audio", encoding: event.chunk.encoding, sampleRate: event.chunk.encoding === "pcm_s16le" ? event.chunk.sampleRate : null, data: bytesToBase64(event.chunk.data) };
      if (owner) return event;
      const { outcome } = event;
      if (outcome.kind === "produced") return { t: "outcome", outcome: { kind: "shared", entry: outcome.entry } };
      if (outcome.kind === "failed" && !outcome.shareable) {
        return { t: "outcome", outcome: { kind: "failed", code: "conflict", message: "An identical request could not be completed; please try again.", shareable: false } };
      }
      return event;
    };
    let listener: ((event: RawEvent) => void) | undefined;
    return new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (event: RawEvent) => {
          try {
            controller.enqueue(encoder.encode(`${JSON.stringify(toLine(event))}\n`));
            if (event.t === "outcome") {
              live.listeners.delete(send);
              controller.close();
            }
          } catch {
            live.listeners.delete(send); // the reader went away; the production goes on
          }
        };
        listener = send;
        for (const event of [...live.events]) send(event);
        if (!live.events.some((event) => event.t === "outcome")) live.listeners.add(send);
      },
      cancel() {
        if (listener !== undefined) live.listeners.delete(listener);
      },
    });
  }

  /**
   * Starts the production this object now owns; its events go to the broadcast. Only a streaming
   * owner makes the provider stream; a stream that joins a unary production hears its outcome.
   */
  private begin(job: ProductionJob, streaming: boolean): Promise<GateOutcome> {
    const live = new Broadcast();
    const sink: ProductionSink = { streaming, meta: (info) => live.emit({ t: "meta", info }), audio: (chunk) => live.emit({ t: "audio", chunk }) };
    const run = produce(this.env, configFromSnapshot(job.settings), job, sink)
      .catch((error: unknown): GateOutcome => {
        const config = configFromSnapshot(job.settings);
        createIntegrations(config, this.env).monitoring.report(error, this.ctx, { handler: "GenerationGate" });
        return { kind: "failed", code: "internal_error", message: "Something went wrong while producing the audio. Please try again.", shareable: false };
      })
      .then((outcome) => {
        // Audio from a fallback model belongs to another key: share it with current waiters only.
        if (outcome.kind === "produced" && outcome.cacheKey === job.order.cacheKey) this.recent = { entry: outcome.entry, at: Date.now() };
        live.emit({ t: "outcome", outcome });
        return outcome;
      })
      .finally(() => {
        if (this.inflight === run) {
          this.inflight = null;
          this.live = null;
        }
      });
    this.inflight = run;
    this.live = live;
    return run;
  }

  private async rememberedEntry(): Promise<CacheEntry | null> {
    const recent = this.recent;
    if (recent === null) return null;
    if (Date.now() - recent.at > RECENT_RESULT_MS || (await this.env.AUDIO_BUCKET.head(recent.entry.storageKey)) === null) {
      if (this.recent === recent) this.recent = null;
      return null;
    }
    return recent.entry;
  }
}
