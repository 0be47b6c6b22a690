/**
 * GenerationGate: one instance per generation cache key (idFromName(full SHA-256 key)).
 * It makes identical concurrent generation requests share one provider call. The generation flow
 * (issue #3) drives it; until then it only reports how many generations it has coordinated.
 * Storage: SQLite-backed; key `generations` (count of completed generations).
 */
import { DurableObject } from "cloudflare:workers";

export class GenerationGate extends DurableObject<Env> {
  async completedGenerations(): Promise<number> {
    return (await this.ctx.storage.get<number>("generations")) ?? 0;
  }
}
