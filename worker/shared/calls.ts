/**
 * Real-time calls (PRODUCT §8), shared by the Worker, the SPA's Call page and the call agent
 * (`agent/`): the call-token request and response, the character presets, the realtime models,
 * the prices, the dispatch metadata the agent reads from its job, the agent endpoint's answer and
 * the claims of the token the agent authenticates with. One definition, so they cannot drift.
 */
import * as z from "zod";
import { SPEECH_LANGUAGES } from "./limits";

/** 1,000 credits a minute, billed per started 30-second bucket. */
export const CALL_BUCKET_SECONDS = 30;
export const CALL_CREDITS_PER_BUCKET = 500;
export const CALL_CREDITS_PER_MINUTE = (CALL_CREDITS_PER_BUCKET * 60) / CALL_BUCKET_SECONDS;
/** A call starts only with at least this balance (two buckets). */
export const CALL_MIN_CREDITS = 1_000;
/** Free users' lifetime allowance of call time. */
export const FREE_CALL_ALLOWANCE_SECONDS = 300;

/**
 * Realtime models a call may use (December 2026): OpenAI's through the agent's OpenAI plugin,
 * Gemini Live through Google's. `gpt-4o-realtime` is retired and `gpt-realtime` is being replaced
 * by `gpt-realtime-2.1`. The default is configurable (CALL_DEFAULT_MODEL) among these.
 */
export const CALL_MODELS = ["gpt-realtime-2.1", "gpt-realtime-2.1-mini", "gemini-3.8-live"] as const;
export type CallModel = (typeof CALL_MODELS)[number];
export const DEFAULT_CALL_MODEL: CallModel = "gpt-realtime-2.1";
export const isCallModel = (value: string): value is CallModel => (CALL_MODELS as readonly string[]).includes(value);
export const DEFAULT_CALL_TEMPERATURE = 0.8;
export const DEFAULT_CALL_MAX_OUTPUT_TOKENS = 4_096;
export const CALL_INSTRUCTIONS_MAX_CHARACTERS = 4_000;

export const callTokenRequestSchema = z.object({
  voice: z.string().trim().min(1, "choose a voice").max(100),
  presetId: z.string().trim().min(1).max(64).optional(),
  instructions: z.string().trim().min(1).max(CALL_INSTRUCTIONS_MAX_CHARACTERS, `at most ${CALL_INSTRUCTIONS_MAX_CHARACTERS} characters`).optional(),
  model: z.enum(CALL_MODELS, { error: `choose one of ${CALL_MODELS.join(", ")}` }).optional(),
  temperature: z.number().min(0).max(1).optional(),
  maxOutputTokens: z.number().int().min(1).max(DEFAULT_CALL_MAX_OUTPUT_TOKENS).optional(),
  language: z
    .string()
    .refine((value) => (SPEECH_LANGUAGES as readonly string[]).includes(value), "a language code our voices speak, such as en or de")
    .optional(),
});
export type CallTokenRequest = z.infer<typeof callTokenRequestSchema>;

export interface CallTokenResponse {
  token: string;
  /** The LiveKit server URL (wss://…) to connect to with the token. */
  url: string;
  roomName: string;
  sessionId: string;
  /** The longest this call can last: the maximum length, and for free users what is left of the allowance. */
  maxDurationSeconds: number;
  creditsRemaining: number;
}

export interface CallPreset {
  id: string;
  name: string;
  description: string;
  /** The instructions the agent follows (kept server-side; shown to the user for choosing). */
  instructions: string;
  voice: string;
}

export interface CallOptionsResponse {
  presets: Omit<CallPreset, "instructions">[];
  models: readonly CallModel[];
  defaults: { model: CallModel; temperature: number; maxOutputTokens: number; language: string };
  creditsPerMinute: number;
  minCredits: number;
  freeAllowanceSeconds: number;
  /** Whether calls can be made here; when not, why (the settings to set). */
  available: boolean;
  unavailableReason: string | null;
}

/** Why a call ended (stored on the session; the Call page words each in the user's language). */
export const CALL_END_REASONS = ["caller_left", "agent_left", "room_finished", "insufficient_credits", "allowance_exhausted", "max_duration", "no_agent", "not_joined", "superseded"] as const;
export type CallEndReason = (typeof CALL_END_REASONS)[number];

export interface CallSessionResponse {
  sessionId: string;
  status: "pending" | "active" | "ended" | "failed";
  endReason: CallEndReason | null;
  durationSeconds: number;
  creditsUsed: number;
}

/** The agent job's metadata (set in the token's room configuration, readable by the browser): only this. */
export interface AgentDispatchMetadata {
  sessionId: string;
}

/** `GET /api/agent/sessions/:sessionId`: everything the agent needs, and only for the agent. */
export interface AgentSessionConfig {
  sessionId: string;
  roomName: string;
  status: "pending" | "active" | "ended" | "failed";
  instructions: string;
  model: CallModel;
  /** The call voice's name (alloy, coral, …); the agent maps it to the model's voices. */
  voice: string;
  temperature: number;
  maxOutputTokens: number;
  language: string;
  caller: { displayName: string; locale: string };
  maxDurationSeconds: number;
}

/**
 * The agent's bearer token for the agent endpoint: an HS256 JWT signed with the LiveKit API
 * secret, issued by the LiveKit API key, for this audience, naming one session, valid minutes.
 */
export const AGENT_TOKEN_AUDIENCE = "sexyvoice-agent";
export const AGENT_TOKEN_MAX_TTL_SECONDS = 600;
export interface AgentTokenClaims {
  iss: string;
  aud: typeof AGENT_TOKEN_AUDIENCE;
  /** The session id. */
  sub: string;
  iat: number;
  exp: number;
}
