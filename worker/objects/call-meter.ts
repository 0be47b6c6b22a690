/**
 * CallMeter: one instance per call room. It will bill live calls per 30-second bucket through the
 * ledger using alarms (the calls issue). Until then it only reports its state.
 * Storage: SQLite-backed; key `state` (the call's metering state).
 */
import { DurableObject } from "cloudflare:workers";

export interface CallMeterState {
  status: "idle" | "active" | "ended";
  billedBuckets: number;
}

export class CallMeter extends DurableObject<Env> {
  async state(): Promise<CallMeterState> {
    return (await this.ctx.storage.get<CallMeterState>("state")) ?? { status: "idle", billedBuckets: 0 };
  }
}
