/**
 * GenerationGate: one instance per generation or clone cache key (`idFromName(<full sha256 key>)`;
 * the two key spaces never meet). It makes identical concurrent requests share one provider
 * call: the first caller runs the paid path (`produceAudio` or `produceClone`), the others wait
 * for it and receive the same audio as a cache hit. A failure that belongs to the first caller
 * alone (e.g. not enough credits) is not passed on: the next waiter takes over. The last
 * produced entry is kept in memory while the object lives, so a request racing KV's eventual
 * consistency still gets the audio for 0 credits.
 * Storage: none (in-memory coordination only; KV and R2 hold the durable results).
 */
import { DurableObject } from "cloudflare:workers";
import { configFromSecrets } from "../env";
import { produceAudio, type GateOutcome, type GenerationJob } from "../services/generation";
import { produceClone, type CloneJob } from "../services/clone";
import type { CacheEntry } from "../services/audio-cache";

export class GenerationGate extends DurableObject<Env> {
  private inflight: Promise<GateOutcome> | null = null;
  private produced: CacheEntry | null = null;

  async generate(job: GenerationJob): Promise<GateOutcome> {
    return this.once(job.prepared.cacheKey, () => produceAudio(this.env, configFromSecrets(job.settings), job));
  }

  async clone(job: CloneJob): Promise<GateOutcome> {
    return this.once(job.prepared.cacheKey, () => produceClone(this.env, configFromSecrets(job.settings), job));
  }

  private async once(cacheKey: string, produce: () => Promise<GateOutcome>): Promise<GateOutcome> {
    for (;;) {
      if (this.produced !== null) return { kind: "shared", entry: this.produced };
      if (this.inflight === null) break;
      const outcome = await this.inflight.catch(() => null);
      if (outcome?.kind === "produced" || outcome?.kind === "shared") return { kind: "shared", entry: outcome.entry };
      if (outcome?.kind === "failed" && outcome.shareable) return outcome;
    }
    const run = produce().catch((error: unknown): GateOutcome => {
      console.error("generation failed", error);
      return { kind: "failed", code: "internal_error", message: "Something went wrong while generating. You have not been charged.", shareable: false };
    });
    this.inflight = run;
    try {
      const outcome = await run;
      // Audio from a fallback model belongs to another key: share it with current waiters only.
      if (outcome.kind === "produced" && outcome.cacheKey === cacheKey) this.produced = outcome.entry;
      return outcome;
    } finally {
      this.inflight = null;
    }
  }
}
