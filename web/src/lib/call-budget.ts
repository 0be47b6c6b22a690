/**
 * The Call page's arithmetic and words, kept free of React and LiveKit for unit tests: how much
 * call time a balance pays for (whole 30-second buckets), how long the call in progress can still
 * last, the agent's state read from its participant attributes, and which message names each way
 * a call can end. Only types come from worker/shared/calls.ts (its values carry zod); the bucket
 * length is mirrored here and a test holds it equal to CALL_BUCKET_SECONDS.
 */
import type { CallEndReason } from "../../../worker/shared/calls";
import type { MessageKey } from "../i18n/translate";

/** Mirrors CALL_BUCKET_SECONDS: a call is paid per started 30-second bucket. */
export const CALL_BUCKET_SECONDS = 30;

/** Seconds of calling a balance pays for: whole buckets at the price per minute. */
export function coveredSeconds(credits: number, creditsPerMinute: number): number {
  if (!(credits > 0) || !(creditsPerMinute > 0)) return 0;
  const creditsPerBucket = (creditsPerMinute * CALL_BUCKET_SECONDS) / 60;
  return Math.floor(credits / creditsPerBucket) * CALL_BUCKET_SECONDS;
}

/** Whole minutes a balance pays for (what the page promises before a call). */
export function coveredMinutes(credits: number, creditsPerMinute: number): number {
  return Math.floor(coveredSeconds(credits, creditsPerMinute) / 60);
}

export interface CallLimits {
  /** The server's limit for this call (maximum length, and a free user's allowance left). */
  maxDurationSeconds: number;
  /** The balance when the call was set up, before its first bucket. */
  creditsAtStart: number;
  creditsPerMinute: number;
}

/** The longest this call can last: the server's limit or what the balance pays for, whichever is less. */
export function callLengthLimit(limits: CallLimits): number {
  return Math.max(0, Math.min(limits.maxDurationSeconds, coveredSeconds(limits.creditsAtStart, limits.creditsPerMinute)));
}

/** Seconds left after `elapsedSeconds` of billed call time (never below zero). */
export function remainingSeconds(limits: CallLimits, elapsedSeconds: number): number {
  return Math.max(0, callLengthLimit(limits) - Math.max(0, Math.floor(elapsedSeconds)));
}

/** Credits spent so far: one bucket at the start of every started 30 seconds. */
export function creditsSpentSoFar(elapsedSeconds: number, creditsPerMinute: number): number {
  if (!(elapsedSeconds >= 0)) return 0;
  const buckets = Math.floor(elapsedSeconds / CALL_BUCKET_SECONDS) + 1;
  return (buckets * creditsPerMinute * CALL_BUCKET_SECONDS) / 60;
}

/** What the agent is doing, from its `lk.agent.state` attribute (LiveKit Agents). */
export type AgentState = "initializing" | "idle" | "listening" | "thinking" | "speaking";
const AGENT_STATES: readonly AgentState[] = ["initializing", "idle", "listening", "thinking", "speaking"];

export function parseAgentState(value: string | undefined): AgentState | null {
  return value !== undefined && (AGENT_STATES as readonly string[]).includes(value) ? (value as AgentState) : null;
}

export const AGENT_STATE_KEYS: Record<AgentState, MessageKey> = {
  initializing: "call.agent.initializing",
  idle: "call.agent.idle",
  listening: "call.agent.listening",
  thinking: "call.agent.thinking",
  speaking: "call.agent.speaking",
};

/** Every end reason the server records, worded for the caller (the Record makes a new one a compile error). */
export const END_REASON_KEYS: Record<CallEndReason, MessageKey> = {
  caller_left: "call.end.caller_left",
  agent_left: "call.end.agent_left",
  room_finished: "call.end.room_finished",
  insufficient_credits: "call.end.insufficient_credits",
  allowance_exhausted: "call.end.allowance_exhausted",
  max_duration: "call.end.max_duration",
  no_agent: "call.end.no_agent",
  not_joined: "call.end.not_joined",
  superseded: "call.end.superseded",
};

/** Reasons after which buying credits is the way on. */
export function endReasonWantsCredits(reason: CallEndReason | null): boolean {
  return reason === "insufficient_credits" || reason === "allowance_exhausted";
}

/** The settings named in the server's reason for calls being off (LIVEKIT_URL, …), shown in the user's language. */
export function settingNames(reason: string | null): string[] {
  return [...new Set(reason?.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g) ?? [])];
}
