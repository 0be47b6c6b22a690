/**
 * The contract with the Worker, imported from the Worker's own definition (worker/shared/calls.ts)
 * so there is no second copy that can drift: the job's dispatch metadata, the agent endpoint's
 * answer, the realtime models and the claims of the agent's bearer token. The bundle
 * (scripts/build.mjs) compiles that file in; only `zod` stays a runtime import.
 */
export {
  AGENT_TOKEN_AUDIENCE,
  AGENT_TOKEN_MAX_TTL_SECONDS,
  type AgentDispatchMetadata,
  type AgentSessionConfig,
  type AgentTokenClaims,
  CALL_MODELS,
  type CallModel,
  isCallModel,
} from "../../worker/shared/calls";

/** The agent endpoint's path for one session (the Worker mounts it in worker/app.ts). */
export const agentSessionPath = (sessionId: string) => `/api/agent/sessions/${encodeURIComponent(sessionId)}`;

/** The session statuses the agent refuses to answer. */
export const FINISHED_STATUSES: readonly string[] = ["ended", "failed"];
