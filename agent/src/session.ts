/**
 * A real call's voice session: the framework's AgentSession on the realtime model, linked to the
 * caller. Its RoomIO publishes the agent's state (participant attribute `lk.agent.state`) and the
 * transcriptions (text streams on `lk.transcription`) that the Call page reads, and closes the
 * session when the caller hangs up or the room is deleted; a closed session ends the job.
 * presence.ts adds the caller-dropped grace period and the maximum-length backstop.
 */
import { type JobContext, voice } from "@livekit/agents";
import type { Log } from "./log";
import { watchCaller } from "./presence";
import type { StartCallInput } from "./run-call";

export function liveStartCall(ctx: JobContext, log: Log) {
  return async ({ config, model, agent, callerIdentity }: StartCallInput): Promise<void> => {
    // The realtime models detect turns server-side: no local VAD model is loaded.
    const session = new voice.AgentSession({ llm: model, vad: null });
    const stopWatching = watchCaller(ctx.room, {
      callerIdentity,
      maxDurationSeconds: config.maxDurationSeconds,
      onLeave: (reason) => {
        log.info({ sessionId: config.sessionId, reason }, "leaving the call");
        ctx.shutdown(reason);
      },
    });
    session.on(voice.AgentSessionEventTypes.Close, (event) => {
      stopWatching();
      log.info({ sessionId: config.sessionId, reason: event.reason }, "the voice session closed");
      ctx.shutdown(`session closed: ${event.reason}`);
    });
    ctx.addShutdownCallback(async () => stopWatching());
    await session.start({
      agent,
      room: ctx.room,
      inputOptions: { participantIdentity: callerIdentity, closeOnDisconnect: true },
      outputOptions: { transcriptionEnabled: true, audioEnabled: true },
    });
  };
}
