// The worker's answer to a job request: accept `{sessionId}` jobs, reject the rest at once.
import { describe, expect, it, vi } from "vitest";
import { AGENT_PARTICIPANT_NAME, jobRequestHandler } from "../src/request";
import { recordingLog } from "./support";

const request = (metadata: string) => ({ id: "AJ_1", job: { metadata } as never, accept: vi.fn(async () => undefined), reject: vi.fn(async () => undefined) });

describe("jobRequestHandler", () => {
  it("accepts a job with {sessionId} metadata under the agent's name", async () => {
    const job = request(JSON.stringify({ sessionId: "sess-1" }));
    await jobRequestHandler(recordingLog())(job);
    expect(job.accept).toHaveBeenCalledWith(AGENT_PARTICIPANT_NAME);
    expect(job.reject).not.toHaveBeenCalled();
  });

  it("rejects a job without it", async () => {
    const log = recordingLog();
    const job = request("{}");
    await jobRequestHandler(log)(job);
    expect(job.reject).toHaveBeenCalledOnce();
    expect(job.accept).not.toHaveBeenCalled();
    expect(log.entries[0]?.message).toBe("rejecting a job without {sessionId} metadata");
  });
});
