/**
 * Fetching a call's configuration from the Worker (`GET /api/agent/sessions/:id` with the agent's
 * bearer token) and deciding whether to take the call. Network failures, timeouts, 429 and 5xx
 * are retried a bounded number of times with exponential backoff, then the job is refused; 401,
 * 403, 404 and malformed answers are refused at once. An ended or failed session, or one for
 * another room, is refused too. The answer holds the call's instructions: it is never logged,
 * and neither is any response body.
 */
import * as z from "zod";
import { mintAgentToken } from "./agent-token";
import { type AgentDispatchMetadata, type AgentSessionConfig, agentSessionPath, CALL_MODELS, FINISHED_STATUSES } from "./contract";
import type { Log } from "./log";

export type RefusalReason = "bad_metadata" | "unauthorized" | "forbidden" | "unknown_session" | "rejected" | "unreachable" | "invalid_config" | "session_finished" | "room_mismatch" | "no_model_key" | "caller_absent";

export interface Refusal {
  reason: RefusalReason;
  /** Safe to log: status codes, error names, ids; never a response body. */
  detail: string;
}

export type ConfigOutcome = { ok: true; config: AgentSessionConfig } | { ok: false; refusal: Refusal };

export interface FetchConfigOptions {
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  log: Log;
  fetch?: typeof fetch;
  /** Attempts in all (default 3). */
  attempts?: number;
  /** The wait before the second attempt; doubled for each one after (default 500 ms). */
  backoffMs?: number;
  /** Per attempt (default 5 s). */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Validates the Worker's answer; `satisfies` keeps it in step with the shared type. */
const configSchema = z.object({
  sessionId: z.string().min(1),
  roomName: z.string().min(1),
  status: z.enum(["pending", "active", "ended", "failed"]),
  instructions: z.string(),
  model: z.enum(CALL_MODELS),
  voice: z.string().min(1),
  temperature: z.number().min(0).max(2),
  maxOutputTokens: z.number().int().positive(),
  language: z.string().min(1),
  caller: z.object({ displayName: z.string(), locale: z.string() }),
  maxDurationSeconds: z.number().positive(),
}) satisfies z.ZodType<AgentSessionConfig>;

/** The job's metadata is `{sessionId}` (AgentDispatchMetadata); anything else is refused. */
export function parseDispatchMetadata(raw: string | undefined): AgentDispatchMetadata | null {
  try {
    const value: unknown = JSON.parse(raw ?? "");
    if (typeof value !== "object" || value === null) return null;
    const sessionId = (value as Record<string, unknown>).sessionId;
    return typeof sessionId === "string" && /^[\w-]{1,128}$/.test(sessionId) ? { sessionId } : null;
  } catch {
    return null;
  }
}

const FINAL_STATUS: Record<number, Refusal["reason"]> = { 401: "unauthorized", 403: "forbidden", 404: "unknown_session" };
const retryable = (status: number) => status === 408 || status === 429 || status >= 500;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function fetchSessionConfig(sessionId: string, options: FetchConfigOptions): Promise<ConfigOutcome> {
  const { log, attempts = 3, backoffMs = 500, timeoutMs = 5_000, sleep = defaultSleep } = options;
  const doFetch = options.fetch ?? fetch;
  const url = `${options.apiUrl}${agentSessionPath(sessionId)}`;
  let lastProblem = "no attempt made";
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2));
    const token = mintAgentToken({ apiKey: options.apiKey, apiSecret: options.apiSecret }, sessionId);
    let response: Response;
    try {
      response = await doFetch(url, { headers: { authorization: `Bearer ${token}`, accept: "application/json" }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      lastProblem = error instanceof Error ? `${error.name}: ${causeOf(error)}` : "fetch failed";
      log.warn({ sessionId, attempt, attempts, problem: lastProblem }, "the Worker could not be reached");
      continue;
    }
    if (response.ok) return parseConfig(sessionId, response);
    await response.body?.cancel().catch(() => undefined);
    if (!retryable(response.status)) {
      return { ok: false, refusal: { reason: FINAL_STATUS[response.status] ?? "rejected", detail: `HTTP ${response.status}` } };
    }
    lastProblem = `HTTP ${response.status}`;
    log.warn({ sessionId, attempt, attempts, problem: lastProblem }, "the Worker answered with a retryable error");
  }
  return { ok: false, refusal: { reason: "unreachable", detail: `${attempts} attempts; last: ${lastProblem}` } };
}

async function parseConfig(sessionId: string, response: Response): Promise<ConfigOutcome> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, refusal: { reason: "invalid_config", detail: "the answer is not JSON" } };
  }
  const parsed = configSchema.safeParse(body);
  if (!parsed.success) {
    // Field names only: the values may include the instructions.
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".")))].join(", ");
    return { ok: false, refusal: { reason: "invalid_config", detail: `unexpected fields: ${fields}` } };
  }
  if (parsed.data.sessionId !== sessionId) return { ok: false, refusal: { reason: "invalid_config", detail: "the answer is for another session" } };
  return { ok: true, config: parsed.data };
}

/** Why this configuration must not be answered in this room, or null to take the call. */
export function refusalFor(config: AgentSessionConfig, roomName: string | undefined): Refusal | null {
  if (FINISHED_STATUSES.includes(config.status)) return { reason: "session_finished", detail: `status ${config.status}` };
  if (roomName !== undefined && roomName !== "" && roomName !== config.roomName) return { reason: "room_mismatch", detail: "the session belongs to another room" };
  return null;
}

function causeOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return (cause as { code?: string }).code ?? cause.name;
  return error.message.slice(0, 120);
}
