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
 * Storage: none (in-memory coordination only; KV and R2 hold the durable results).
 */
import { DurableObject } from "cloudflare:workers";
import { configFromSnapshot } from "../env";
import type { CacheEntry } from "../services/audio-cache";
import { produce, type GateOutcome, type ProductionJob } from "../services/production";

const RECENT_RESULT_MS = 5 * 60_000;

export class GenerationGate extends DurableObject<Env> {
  private inflight: Promise<GateOutcome> | null = null;
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
    const run = produce(this.env, configFromSnapshot(job.settings), job).catch((error: unknown): GateOutcome => {
      console.error("production failed unexpectedly", error);
      return { kind: "failed", code: "internal_error", message: "Something went wrong while producing the audio. Please try again.", shareable: false };
    });
    this.inflight = run;
    try {
      const outcome = await run;
      // Audio from a fallback model belongs to another key: share it with current waiters only.
      if (outcome.kind === "produced" && outcome.cacheKey === job.order.cacheKey) this.recent = { entry: outcome.entry, at: Date.now() };
      return outcome;
    } finally {
      this.inflight = null;
    }
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
