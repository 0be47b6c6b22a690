/**
 * The worker's answer to a job request (runs in the main process, before a job process starts):
 * a request without `{sessionId}` metadata is rejected at once; the rest are accepted and the job
 * itself fetches the configuration and may still refuse (run-call.ts).
 */
import type { JobRequest } from "@livekit/agents";
import type { Log } from "./log";
import { parseDispatchMetadata } from "./session-config";

/** The agent participant's display name in the room. */
export const AGENT_PARTICIPANT_NAME = "SexyVoice";

export function jobRequestHandler(log: Log) {
  return async (request: Pick<JobRequest, "id" | "job" | "accept" | "reject">): Promise<void> => {
    const metadata = parseDispatchMetadata(request.job.metadata);
    if (metadata === null) {
      log.warn({ jobId: request.id }, "rejecting a job without {sessionId} metadata");
      await request.reject();
      return;
    }
    await request.accept(AGENT_PARTICIPANT_NAME);
  };
}
