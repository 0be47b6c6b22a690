/**
 * The Call page's form, checked and turned into a `POST /api/call-token` body the way the server
 * validates it (worker/shared/calls.ts): free users send a voice, a preset and a language; paid
 * users may add instructions, a model, a temperature from 0 to 1 and up to 4,096 output tokens.
 * Also the call's own wording of API errors (a 409 here means a call already in progress, a
 * validation error names call settings), falling back to describeError for everything else.
 */
import type { CallModel, CallTokenRequest } from "../../../worker/shared/calls";
import { ApiError } from "../api/client";
import { describeError, type UserFacingError } from "../api/error-messages";
import type { MessageKey, Translator } from "../i18n/translate";
import type { Tier } from "./speech-input";

/** Mirrors CALL_INSTRUCTIONS_MAX_CHARACTERS and DEFAULT_CALL_MAX_OUTPUT_TOKENS (a test holds them equal). */
export const CALL_INSTRUCTIONS_LIMIT = 4_000;
export const CALL_MAX_OUTPUT_TOKENS = 4_096;

export interface CallForm {
  presetId: string | null;
  voice: string | null;
  language: string;
  instructions: string;
  model: CallModel;
  temperature: number;
  /** As typed: checked to be a whole number from 1 to 4,096. */
  maxOutputTokens: string;
}

export type CallFormProblem = "no_voice" | "instructions_too_long" | "bad_temperature" | "bad_max_tokens";

export const CALL_PROBLEM_KEYS: Record<CallFormProblem, MessageKey> = {
  no_voice: "call.problem.noVoice",
  instructions_too_long: "call.problem.instructionsTooLong",
  bad_temperature: "call.problem.badTemperature",
  bad_max_tokens: "call.problem.badMaxTokens",
};

function parseMaxTokens(value: string): number | null {
  const text = value.trim();
  if (!/^\d{1,5}$/.test(text)) return null;
  const tokens = Number(text);
  return tokens >= 1 && tokens <= CALL_MAX_OUTPUT_TOKENS ? tokens : null;
}

/** Counted as the server's zod `max` counts: UTF-16 code units of the trimmed text. */
export function instructionsLength(instructions: string): number {
  return instructions.trim().length;
}

/** The first thing in the way of connecting, or null. Paid settings are checked only for paid users. */
export function callFormProblem(form: CallForm, tier: Tier): CallFormProblem | null {
  if (form.voice === null || form.voice === "") return "no_voice";
  if (tier !== "paid") return null;
  if (instructionsLength(form.instructions) > CALL_INSTRUCTIONS_LIMIT) return "instructions_too_long";
  if (!(form.temperature >= 0 && form.temperature <= 1)) return "bad_temperature";
  if (parseMaxTokens(form.maxOutputTokens) === null) return "bad_max_tokens";
  return null;
}

/** The token request; paid-only fields are left out for free users (the server refuses them with 403). */
export function buildCallRequest(form: CallForm, tier: Tier): CallTokenRequest {
  const request: CallTokenRequest = { voice: form.voice ?? "", language: form.language };
  if (form.presetId !== null) request.presetId = form.presetId;
  if (tier !== "paid") return request;
  const instructions = form.instructions.trim();
  if (instructions !== "") request.instructions = instructions;
  request.model = form.model;
  request.temperature = Math.round(form.temperature * 100) / 100;
  const tokens = parseMaxTokens(form.maxOutputTokens);
  if (tokens !== null) request.maxOutputTokens = tokens;
  return request;
}

/** Call settings the server may name in a 400, each with its own explanation. */
export const CALL_FIELD_KEYS: Record<keyof CallTokenRequest, MessageKey> = {
  voice: "call.field.voice",
  presetId: "call.field.presetId",
  instructions: "call.field.instructions",
  model: "call.field.model",
  temperature: "call.field.temperature",
  maxOutputTokens: "call.field.maxOutputTokens",
  language: "call.field.language",
};

/** Codes that mean something more specific when they answer a call-token request. */
const CALL_CODE_KEYS: Partial<Record<ApiError["code"], MessageKey>> = {
  conflict: "call.error.conflict",
  integration_off: "call.error.integration_off",
  paid_feature: "call.error.paid_feature",
  insufficient_credits: "call.error.insufficient_credits",
  voice_not_found: "call.error.voice_not_found",
};

export function describeCallError(error: unknown, translator: Pick<Translator, "t">): UserFacingError {
  const general = describeError(error, translator);
  if (!(error instanceof ApiError)) return general;
  const reference = general.reference === undefined ? {} : { reference: general.reference };
  const field = error.details.field?.split(".")[0];
  if (error.code === "validation_failed" && field !== undefined && Object.hasOwn(CALL_FIELD_KEYS, field)) {
    return { message: translator.t(CALL_FIELD_KEYS[field as keyof CallTokenRequest]), ...reference };
  }
  // A free user's call minutes are used up: buying credits (the paid plan) is the way on.
  if (error.code === "call_allowance_exhausted") return { ...general, buyCredits: true };
  const key = CALL_CODE_KEYS[error.code];
  return key === undefined ? general : { ...general, message: translator.t(key) };
}
