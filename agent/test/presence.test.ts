// Leaving: the caller dropped and did not come back within the grace period; the call ran past
// its maximum length.
import { EventEmitter } from "node:events";
import { RoomEvent } from "@livekit/rtc-node";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CALLER_REJOIN_GRACE_MS, MAX_DURATION_SLACK_MS, type RoomEvents, watchCaller } from "../src/presence";

const caller = { identity: "user-ada" };

describe("watchCaller", () => {
  let room: EventEmitter;
  let left: string[];
  beforeEach(() => {
    vi.useFakeTimers();
    room = new EventEmitter();
    left = [];
  });
  afterEach(() => vi.useRealTimers());
  const watch = (maxDurationSeconds = 600) => watchCaller(room as unknown as RoomEvents, { callerIdentity: caller.identity, maxDurationSeconds, onLeave: (reason) => left.push(reason) });

  it("leaves when the caller has been gone for the grace period", () => {
    watch();
    room.emit(RoomEvent.ParticipantDisconnected, { identity: "someone-else" });
    room.emit(RoomEvent.ParticipantDisconnected, caller);
    vi.advanceTimersByTime(CALLER_REJOIN_GRACE_MS - 1);
    expect(left).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(left).toEqual(["caller left"]);
    expect(room.listenerCount(RoomEvent.ParticipantDisconnected)).toBe(0);
  });

  it("stays when the caller comes back in time", () => {
    watch();
    room.emit(RoomEvent.ParticipantDisconnected, caller);
    vi.advanceTimersByTime(CALLER_REJOIN_GRACE_MS / 2);
    room.emit(RoomEvent.ParticipantConnected, caller);
    vi.advanceTimersByTime(CALLER_REJOIN_GRACE_MS * 2);
    expect(left).toEqual([]);
  });

  it("leaves once the maximum length (plus slack) has passed, once only; stop() cancels everything", () => {
    watch(60);
    vi.advanceTimersByTime(60_000 + MAX_DURATION_SLACK_MS);
    room.emit(RoomEvent.ParticipantDisconnected, caller);
    vi.advanceTimersByTime(CALLER_REJOIN_GRACE_MS);
    expect(left).toEqual(["maximum call length reached"]);
    left = [];
    const stop = watch(60);
    stop();
    vi.advanceTimersByTime(10 * 60_000);
    expect(left).toEqual([]);
  });
});
