/**
 * One job, start to end: read `{sessionId}` from the job's metadata, fetch the call's
 * configuration, refuse the job (leave without joining) when the session is unknown, finished,
 * for another room, or the Worker cannot be reached, plan and build the realtime model, join,
 * wait for the caller, and hand over to `startCall` (session.ts in a real job; a recorder in
 * tests). What is logged: ids, reasons, the model, voice and language; never the instructions.
 */
import type { llm } from "@livekit/agents";
import { CallAgent } from "./call-agent";
import type { AgentSessionConfig } from "./contract";
import type { Log } from "./log";
import { buildRealtimeModel, isRefusal, planRealtimeModel, type RealtimePlan } from "./models";
import { fetchSessionConfig, parseDispatchMetadata, type Refusal, refusalFor } from "./session-config";
import type { AgentSettings } from "./settings";

/** How long the agent waits in the room for the caller before leaving. */
export const CALLER_JOIN_TIMEOUT_MS = 60_000;

/** The part of the framework's JobContext a call uses. */
export interface CallJobContext {
  readonly job: { readonly id: string; readonly metadata: string; readonly room?: { readonly name: string } | undefined };
  connect(): Promise<void>;
  waitForParticipant(): Promise<{ readonly identity: string }>;
  shutdown(reason?: string): void;
}

export interface StartCallInput {
  config: AgentSessionConfig;
  plan: RealtimePlan;
  model: llm.RealtimeModel;
  agent: CallAgent;
  callerIdentity: string;
}

export interface CallDeps {
  settings: AgentSettings;
  log: Log;
  startCall: (input: StartCallInput) => Promise<void>;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  callerJoinTimeoutMs?: number;
}

export type CallOutcome = { answered: true; sessionId: string } | { answered: false; refusal: Refusal };

export async function runCall(ctx: CallJobContext, deps: CallDeps): Promise<CallOutcome> {
  const { settings, log } = deps;
  const refuse = (refusal: Refusal, sessionId?: string): CallOutcome => {
    log.warn({ jobId: ctx.job.id, sessionId, reason: refusal.reason, detail: refusal.detail }, "refusing the call");
    ctx.shutdown(`refused: ${refusal.reason}`);
    return { answered: false, refusal };
  };

  const metadata = parseDispatchMetadata(ctx.job.metadata);
  if (metadata === null) return refuse({ reason: "bad_metadata", detail: "the job's metadata is not {sessionId}" });
  const { sessionId } = metadata;

  const fetched = await fetchSessionConfig(sessionId, {
    apiUrl: settings.apiUrl,
    apiKey: settings.livekitApiKey,
    apiSecret: settings.livekitApiSecret,
    log,
    fetch: deps.fetch,
    sleep: deps.sleep,
  });
  if (!fetched.ok) return refuse(fetched.refusal, sessionId);
  const { config } = fetched;
  const unfit = refusalFor(config, ctx.job.room?.name);
  if (unfit !== null) return refuse(unfit, sessionId);

  const plan = planRealtimeModel(config, settings);
  if (isRefusal(plan)) return refuse(plan, sessionId);
  if (!plan.voiceKnown) log.warn({ sessionId, voice: config.voice }, "unknown call voice; using the fallback voice");
  const model = buildRealtimeModel(plan);

  await ctx.connect();
  let callerIdentity: string;
  try {
    callerIdentity = (await withTimeout(ctx.waitForParticipant(), deps.callerJoinTimeoutMs ?? CALLER_JOIN_TIMEOUT_MS)).identity;
  } catch (error) {
    return refuse({ reason: "caller_absent", detail: error instanceof Error ? error.message : "no caller" }, sessionId);
  }

  log.info({ jobId: ctx.job.id, sessionId, model: config.model, family: plan.family, voice: plan.options.voice, language: config.language }, "answering the call");
  await deps.startCall({ config, plan, model, agent: new CallAgent(config), callerIdentity });
  return { answered: true, sessionId };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the caller did not join within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
