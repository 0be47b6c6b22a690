/**
 * Starting a call (PRODUCT §8): validates a call-token request for a user (balance, the free
 * allowance counted from server-written rows, the voice among call voices, paid-only settings),
 * resolves the configuration (presets and default instructions from SETTINGS_KV, zod-validated,
 * with built-in defaults), writes the pending session and mints the caller's LiveKit token, whose
 * agent dispatch carries only the session id. Also the options the Call page shows.
 */
import * as z from "zod";
import type { AccountSummary } from "../db/credits";
import { activeCallOf, billedCallSeconds, type CallConfig, createCallSession, roomNameOf } from "../db/calls";
import { getProfile } from "../db/profiles";
import { findVoice } from "../db/voices";
import type { AppConfig } from "../env";
import { mintCallToken } from "../providers/livekit";
import {
  CALL_CREDITS_PER_MINUTE,
  CALL_MIN_CREDITS,
  CALL_MODELS,
  type CallOptionsResponse,
  type CallPreset,
  type CallTokenRequest,
  type CallTokenResponse,
  DEFAULT_CALL_MAX_OUTPUT_TOKENS,
  DEFAULT_CALL_TEMPERATURE,
  FREE_CALL_ALLOWANCE_SECONDS,
} from "../shared/calls";
import { AppError } from "../shared/errors";
import { log } from "./logging";

/** SETTINGS_KV key holding the presets as JSON (an array of CallPreset); built-ins when unset or invalid. */
export const CALL_PRESETS_KEY = "calls:presets";

const presetSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(80),
  description: z.string().max(300),
  instructions: z.string().min(1).max(4_000),
  voice: z.string().min(1).max(100),
});

export const BUILT_IN_PRESETS: readonly CallPreset[] = [
  {
    id: "friendly-companion",
    name: "Friendly companion",
    description: "A warm, curious conversation partner for a relaxed chat.",
    instructions:
      "You are a warm, curious and upbeat conversation partner on a voice call. Keep answers short and natural, ask one question at a time, remember what the caller told you, and never pretend to be a human if asked.",
    voice: "coral",
  },
  {
    id: "language-tutor",
    name: "Language tutor",
    description: "Practise speaking a language with gentle corrections.",
    instructions:
      "You are a patient language tutor on a voice call. Speak slowly and clearly in the call's language, correct mistakes gently by repeating the right form, and keep the caller talking with simple questions.",
    voice: "sage",
  },
  {
    id: "interview-coach",
    name: "Interview coach",
    description: "Rehearse a job interview and get feedback.",
    instructions: "You are an experienced interview coach on a voice call. Ask one realistic interview question at a time, listen to the answer, then give brief, concrete feedback before the next question.",
    voice: "ash",
  },
  {
    id: "storyteller",
    name: "Storyteller",
    description: "Make up a story together, one turn each.",
    instructions: "You are an imaginative storyteller on a voice call. Build a story together with the caller: add a few vivid sentences, then hand the story back with a question about what happens next.",
    voice: "verse",
  },
];

export async function callPresets(settings: KVNamespace): Promise<readonly CallPreset[]> {
  const stored = await settings.get(CALL_PRESETS_KEY, "json").catch(() => null);
  if (stored === null) return BUILT_IN_PRESETS;
  const parsed = z.array(presetSchema).min(1).safeParse(stored);
  if (!parsed.success) {
    log.error(`SETTINGS_KV ${CALL_PRESETS_KEY} is not a valid preset list; using the built-in presets`, parsed.error.issues.slice(0, 3));
    return BUILT_IN_PRESETS;
  }
  return parsed.data;
}

export async function callOptions(config: AppConfig, settings: KVNamespace): Promise<CallOptionsResponse> {
  const presets = await callPresets(settings);
  const available = config.livekit !== undefined;
  return {
    presets: presets.map(({ instructions: _hidden, ...rest }) => rest),
    models: CALL_MODELS,
    defaults: { model: config.calls.defaultModel, temperature: DEFAULT_CALL_TEMPERATURE, maxOutputTokens: DEFAULT_CALL_MAX_OUTPUT_TOKENS, language: "en" },
    creditsPerMinute: CALL_CREDITS_PER_MINUTE,
    minCredits: CALL_MIN_CREDITS,
    freeAllowanceSeconds: FREE_CALL_ALLOWANCE_SECONDS,
    available,
    unavailableReason: available ? null : "Calls need a LiveKit project: set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.",
  };
}

const PAID_FIELDS = ["instructions", "model", "temperature", "maxOutputTokens"] as const;

export async function startCall(env: Env, config: AppConfig, input: { userId: string; account: AccountSummary; request: CallTokenRequest }): Promise<CallTokenResponse> {
  const livekit = config.livekit;
  if (livekit === undefined) throw new AppError("integration_off", "Calls are not set up on this server (LiveKit is not configured).");
  const { userId, account, request } = input;
  if (account.creditsOwed > 0) throw new AppError("billing_hold", "Your account is on hold because a payment was refunded or disputed after its credits were spent.");
  if (account.balance < CALL_MIN_CREDITS) throw new AppError("insufficient_credits", `A call needs at least ${CALL_MIN_CREDITS} credits (you have ${account.balance}).`);
  const paidField = PAID_FIELDS.find((field) => request[field] !== undefined);
  if (!account.isPaid && paidField !== undefined) {
    throw new AppError("paid_feature", "Custom instructions, model, temperature and output length are available once you have bought credits.", { field: paidField });
  }
  let maxDurationSeconds = config.calls.maxDurationSeconds;
  if (!account.isPaid) {
    const left = FREE_CALL_ALLOWANCE_SECONDS - (await billedCallSeconds(env.DB, userId));
    if (left <= 0) throw new AppError("call_allowance_exhausted", `The free plan includes ${FREE_CALL_ALLOWANCE_SECONDS / 60} minutes of calls, and they are used up.`);
    maxDurationSeconds = Math.min(maxDurationSeconds, left);
  }
  const voice = await findVoice(env.DB, request.voice, "call");
  if (voice === null) throw new AppError("voice_not_found", `There is no call voice called "${request.voice}".`, { field: "voice" });
  const presets = await callPresets(env.SETTINGS_KV);
  const preset = request.presetId === undefined ? (presets[0] ?? BUILT_IN_PRESETS[0]) : presets.find((p) => p.id === request.presetId);
  if (preset === undefined) throw new AppError("validation_failed", `presetId: there is no preset "${request.presetId}".`, { field: "presetId" });
  if ((await activeCallOf(env.DB, userId)) !== null) throw new AppError("conflict", "You already have a call in progress. End it before starting another.");
  const profile = await getProfile(env.DB, userId);
  if (profile === null) throw new AppError("not_found", "Profile not found.");

  const sessionId = crypto.randomUUID();
  const callConfig: CallConfig = {
    instructions: request.instructions ?? preset?.instructions ?? BUILT_IN_PRESETS[0]?.instructions ?? "",
    model: request.model ?? config.calls.defaultModel,
    voice: voice.name,
    temperature: request.temperature ?? DEFAULT_CALL_TEMPERATURE,
    maxOutputTokens: request.maxOutputTokens ?? DEFAULT_CALL_MAX_OUTPUT_TOKENS,
    language: request.language ?? "en",
    presetId: request.instructions === undefined ? (preset?.id ?? null) : null,
  };
  await createCallSession(env.DB, { id: sessionId, userId, voiceId: voice.id, config: callConfig, maxDurationSeconds, freeTier: !account.isPaid });
  const roomName = roomNameOf(sessionId);
  const token = await mintCallToken(livekit, {
    userId,
    displayName: profile.display_name ?? profile.email.split("@")[0] ?? "caller",
    roomName,
    sessionId,
    agentName: config.calls.agentName,
  });
  return { token, url: livekit.url, roomName, sessionId, maxDurationSeconds, creditsRemaining: account.balance };
}
