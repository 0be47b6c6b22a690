/**
 * CallMeter: one instance per call (`idFromName(sessionId)`), fed by LiveKit webhooks
 * (routes/calls.ts) and woken by its alarm. Billing starts when the caller and the agent are both
 * in the room; at the start of every 30-second bucket it debits 500 credits through the ledger
 * (key `call:<session>:bucket:<n>`, so a replay or a restart never debits twice). It ends the room
 * (LiveKit `DeleteRoom`) when the next bucket cannot be paid, a free user's allowance is used up,
 * the maximum length is reached, or no agent joined within 30 s of the caller; a caller or agent
 * leaving, or the room finishing, ends it too. Webhooks can be lost or reordered, so every few
 * buckets (and before billing a gap) it asks the room service who is there and acts on that.
 * On the end it writes the session's figures and its one usage event (services via db/calls.ts).
 *
 * Every decision is made from storage, so it survives eviction and restarts.
 * Storage (SQLite-backed, key/value API): key `meter` → MeterState (below). Nothing else.
 */
import { DurableObject } from "cloudflare:workers";
import { billedCallSeconds, endCallSession, findCallSession, recordCallProgress } from "../db/calls";
import { debit } from "../db/ledger";
import { readConfig } from "../env";
import { createIntegrations } from "../integrations";
import { roomService, type ParticipantRole, type RoomService } from "../providers/livekit";
import { CALL_BUCKET_SECONDS, CALL_CREDITS_PER_BUCKET, type CallEndReason, FREE_CALL_ALLOWANCE_SECONDS } from "../shared/calls";
import { log } from "../services/logging";

const BUCKET_MS = CALL_BUCKET_SECONDS * 1000;
/** No agent this long after the caller joined: the room is ended and nothing is charged. */
export const NO_AGENT_TIMEOUT_MS = 30_000;
/** When a caller's join is reported late, how long the agent's own report is waited for. */
const LATE_EVENT_GRACE_MS = 5_000;
/** Ask the room service who is there every this many buckets. */
const POLL_EVERY_MS = 2 * BUCKET_MS;
/** How often a failed DeleteRoom is retried before giving up (the room empties on its own). */
const DELETE_ATTEMPTS = 5;

export interface MeterState {
  sessionId: string;
  userId: string;
  roomName: string;
  model: string;
  maxDurationSeconds: number;
  /** Free users: seconds of allowance left when billing started; null for paid users. */
  allowanceSeconds: number | null;
  freeTier: boolean;
  status: "waiting" | "active" | "ended";
  callerPresent: boolean;
  agentPresent: boolean;
  callerJoinedAt: number | null;
  agentJoinedAt: number | null;
  /** Epoch ms when both were in the room: bucket n starts at startedAt + n × 30 s. */
  startedAt: number | null;
  bucketsBilled: number;
  lastPollAt: number | null;
  endReason: CallEndReason | null;
  endedAt: number | null;
  /** The session row and usage event are written. */
  finalized: boolean;
  roomDeleted: boolean;
  deleteAttempts: number;
}

export type MeterEvent = { type: "joined" | "left"; role: ParticipantRole; at: number } | { type: "room_finished"; at: number };

export class CallMeter extends DurableObject<Env> {
  private queue: Promise<unknown> = Promise.resolve();

  /** One operation at a time: D1 and room-service awaits would otherwise let events interleave. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A webhook's event for session `sessionId`; false when there is no such session. */
  event(sessionId: string, event: MeterEvent): Promise<boolean> {
    return this.serial(async () => {
      const state = await this.load(sessionId);
      if (state === null) return false;
      if (state.status === "ended") {
        await this.finish(state);
        return true;
      }
      const now = Date.now();
      if (event.type === "room_finished") {
        state.roomDeleted = true;
        await this.end(state, "room_finished", event.at, now);
        return true;
      }
      if (event.type === "left") {
        if (event.role === "caller") state.callerPresent = false;
        else state.agentPresent = false;
        await this.end(state, event.role === "caller" ? "caller_left" : "agent_left", event.at, now);
        return true;
      }
      if (event.role === "caller") {
        state.callerPresent = true;
        state.callerJoinedAt ??= event.at;
      } else {
        state.agentPresent = true;
        state.agentJoinedAt ??= event.at;
      }
      await this.save(state);
      if (state.status === "waiting" && state.callerPresent && state.agentPresent) await this.start(state, event.at);
      await this.advance(state, now, "event");
      return true;
    });
  }

  /** The sweep's nudge for a meter that has gone quiet: the same as its alarm. */
  reconcile(sessionId: string): Promise<MeterState | null> {
    return this.serial(async () => {
      const state = await this.load(sessionId);
      if (state === null) return null;
      await this.advance(state, Date.now(), "alarm");
      return state;
    });
  }

  async snapshot(): Promise<MeterState | null> {
    return (await this.ctx.storage.get<MeterState>("meter")) ?? null;
  }

  override async alarm(): Promise<void> {
    try {
      await this.serial(async () => {
        const state = await this.ctx.storage.get<MeterState>("meter");
        if (state !== undefined) await this.advance(state, Date.now(), "alarm");
      });
    } catch (error) {
      // Reported, then thrown: the platform retries a failed alarm.
      createIntegrations(readConfig(this.env), this.env).monitoring.report(error, this.ctx, { handler: "CallMeter" });
      throw error;
    }
  }

  private async load(sessionId: string): Promise<MeterState | null> {
    const stored = await this.ctx.storage.get<MeterState>("meter");
    if (stored !== undefined) return stored.sessionId === sessionId ? stored : null;
    const session = await findCallSession(this.env.DB, sessionId);
    if (session === null) return null;
    const state: MeterState = {
      sessionId,
      userId: session.userId,
      roomName: session.roomName,
      model: session.config.model,
      maxDurationSeconds: session.maxDurationSeconds,
      allowanceSeconds: null,
      freeTier: session.freeTier,
      status: session.status === "ended" || session.status === "failed" ? "ended" : "waiting",
      callerPresent: false,
      agentPresent: false,
      callerJoinedAt: null,
      agentJoinedAt: null,
      startedAt: null,
      bucketsBilled: 0,
      lastPollAt: null,
      endReason: session.endReason,
      endedAt: null,
      finalized: session.status === "ended" || session.status === "failed",
      roomDeleted: false,
      deleteAttempts: 0,
    };
    await this.save(state);
    return state;
  }

  private save(state: MeterState): Promise<void> {
    return this.ctx.storage.put("meter", state);
  }

  private rooms(state: MeterState): RoomService | null {
    const settings = readConfig(this.env).livekit;
    return settings === undefined ? null : roomService(settings, state.userId);
  }

  private async start(state: MeterState, at: number): Promise<void> {
    state.status = "active";
    state.startedAt = at;
    state.lastPollAt = at;
    if (state.freeTier) state.allowanceSeconds = Math.max(0, FREE_CALL_ALLOWANCE_SECONDS - (await billedCallSeconds(this.env.DB, state.userId)));
    await this.save(state);
  }

  /**
   * Bills every bucket that has started, checks the room now and then, and sets the next alarm.
   * The no-agent timeout is judged only when the alarm fires: a late webhook saying the caller
   * joined a while ago must not end a call whose agent's own (late) webhook is next in line.
   */
  private async advance(state: MeterState, now: number, cause: "event" | "alarm"): Promise<void> {
    if (state.status === "ended") return this.finish(state);
    if (state.status === "waiting") {
      if (state.callerPresent && state.callerJoinedAt !== null) {
        const deadline = state.callerJoinedAt + NO_AGENT_TIMEOUT_MS;
        if (cause === "alarm" && now >= deadline) return this.end(state, "no_agent", now, now);
        await this.ctx.storage.setAlarm(Math.max(deadline, now + LATE_EVENT_GRACE_MS));
      }
      return;
    }
    const startedAt = state.startedAt ?? now;
    const due = Math.floor((now - startedAt) / BUCKET_MS);
    // Before billing a gap (a late alarm) or every few buckets, make sure both are still there.
    if (due - state.bucketsBilled >= 1 || now - (state.lastPollAt ?? startedAt) >= POLL_EVERY_MS) {
      const gone = await this.absentParty(state);
      state.lastPollAt = now;
      if (gone !== null) return this.end(state, gone, now, now);
    }
    for (let bucket = state.bucketsBilled; bucket <= due; bucket += 1) {
      const elapsed = bucket * CALL_BUCKET_SECONDS;
      if (state.allowanceSeconds !== null && elapsed >= state.allowanceSeconds) return this.end(state, "allowance_exhausted", startedAt + elapsed * 1000, now);
      if (elapsed >= state.maxDurationSeconds) return this.end(state, "max_duration", startedAt + elapsed * 1000, now);
      const paid = await debit(this.env.DB, {
        userId: state.userId,
        amount: CALL_CREDITS_PER_BUCKET,
        key: `call:${state.sessionId}:bucket:${bucket}`,
        operation: `call:${state.sessionId}`,
        description: `Call (${CALL_BUCKET_SECONDS} s)`,
      });
      if (!paid.ok) return this.end(state, "insufficient_credits", startedAt + elapsed * 1000, now);
      state.bucketsBilled = bucket + 1;
      await this.save(state);
    }
    await recordCallProgress(this.env.DB, state.sessionId, {
      startedAt: new Date(startedAt).toISOString(),
      billedSeconds: state.bucketsBilled * CALL_BUCKET_SECONDS,
      creditsUsed: state.bucketsBilled * CALL_CREDITS_PER_BUCKET,
    });
    await this.save(state);
    await this.ctx.storage.setAlarm(startedAt + state.bucketsBilled * BUCKET_MS);
  }

  /** Who the room service says is missing (null: both there, or no way to ask). */
  private async absentParty(state: MeterState): Promise<CallEndReason | null> {
    const rooms = this.rooms(state);
    if (rooms === null) return null;
    let participants: Awaited<ReturnType<RoomService["participants"]>>;
    try {
      participants = await rooms.participants(state.roomName);
    } catch (error) {
      log.error(`room service unavailable for ${state.roomName}; billing on what the webhooks said`, error);
      return null;
    }
    if (participants === null) {
      state.roomDeleted = true;
      return "room_finished";
    }
    if (!participants.some((p) => p.role === "caller")) return "caller_left";
    if (!participants.some((p) => p.role === "agent")) return "agent_left";
    return null;
  }

  private async end(state: MeterState, reason: CallEndReason, at: number, now: number): Promise<void> {
    if (state.status !== "ended") {
      state.status = "ended";
      state.endReason = reason;
      state.endedAt = Math.min(at, now);
      await this.save(state);
    }
    await this.finish(state);
  }

  /** Writes the session's figures and usage event (once), then ends the room (retried by alarm). */
  private async finish(state: MeterState): Promise<void> {
    if (!state.finalized) {
      const billedSeconds = state.bucketsBilled * CALL_BUCKET_SECONDS;
      const elapsed = state.startedAt === null || state.endedAt === null ? 0 : Math.max(0, Math.round((state.endedAt - state.startedAt) / 1000));
      await endCallSession(
        this.env.DB,
        { id: state.sessionId, userId: state.userId, model: state.model },
        {
          reason: state.endReason ?? "room_finished",
          durationSeconds: Math.min(elapsed, billedSeconds),
          billedSeconds,
          creditsUsed: state.bucketsBilled * CALL_CREDITS_PER_BUCKET,
          startedAt: state.startedAt === null ? null : new Date(state.startedAt).toISOString(),
        },
      );
      state.finalized = true;
      await this.save(state);
    }
    if (!state.roomDeleted && state.deleteAttempts < DELETE_ATTEMPTS) {
      const rooms = this.rooms(state);
      try {
        if (rooms !== null) await rooms.deleteRoom(state.roomName);
        state.roomDeleted = true;
      } catch (error) {
        state.deleteAttempts += 1;
        log.error(`DeleteRoom ${state.roomName} failed (attempt ${state.deleteAttempts})`, error);
        await this.ctx.storage.setAlarm(Date.now() + BUCKET_MS);
      }
      await this.save(state);
    }
  }
}
