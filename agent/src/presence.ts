/**
 * When the agent leaves besides the framework's own rules (the session closes when the caller
 * hangs up or the room is deleted, and the job ends when the room disconnects): the caller
 * dropped without hanging up and did not come back within a grace period, or the call ran past
 * its longest allowed length (the Worker's meter ends the room then; this is the backstop).
 */
import { type RemoteParticipant, type Room, RoomEvent } from "@livekit/rtc-node";

export const CALLER_REJOIN_GRACE_MS = 20_000;
/** Beyond maxDurationSeconds before the agent leaves on its own. */
export const MAX_DURATION_SLACK_MS = 30_000;

/** The part of a Room this needs (an EventEmitter in tests). */
export type RoomEvents = Pick<Room, "on" | "off">;

export interface WatchOptions {
  callerIdentity: string;
  maxDurationSeconds: number;
  onLeave: (reason: string) => void;
  graceMs?: number;
}

/** Starts watching; returns the function that stops it. `onLeave` is called at most once. */
export function watchCaller(room: RoomEvents, options: WatchOptions): () => void {
  const { callerIdentity, onLeave, graceMs = CALLER_REJOIN_GRACE_MS } = options;
  let grace: NodeJS.Timeout | undefined;
  let done = false;
  const leave = (reason: string) => {
    if (done) return;
    stop();
    onLeave(reason);
  };
  const onDisconnected = (participant: RemoteParticipant) => {
    if (participant.identity !== callerIdentity || grace !== undefined) return;
    grace = setTimeout(() => leave("caller left"), graceMs);
  };
  const onConnected = (participant: RemoteParticipant) => {
    if (participant.identity !== callerIdentity) return;
    clearTimeout(grace);
    grace = undefined;
  };
  const deadline = setTimeout(() => leave("maximum call length reached"), options.maxDurationSeconds * 1000 + MAX_DURATION_SLACK_MS);
  deadline.unref();
  room.on(RoomEvent.ParticipantDisconnected, onDisconnected);
  room.on(RoomEvent.ParticipantConnected, onConnected);
  function stop() {
    done = true;
    clearTimeout(grace);
    clearTimeout(deadline);
    room.off(RoomEvent.ParticipantDisconnected, onDisconnected);
    room.off(RoomEvent.ParticipantConnected, onConnected);
  }
  return stop;
}
