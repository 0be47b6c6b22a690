/**
 * The one place that turns API errors into words for the user, in their language. Every code in
 * the server's closed list (worker/errors.ts) must have a message here: the Record type makes a
 * new server code a compile error until it is translated.
 */
import type { ErrorCode } from "../../../worker/shared/errors";
import type { MessageKey, Translator } from "../i18n/translate";
import { ApiError, isAbortError, type ClientErrorCode } from "./client";

export const ERROR_MESSAGE_KEYS: Record<ErrorCode | ClientErrorCode, MessageKey> = {
  validation_failed: "error.validation_failed",
  invalid_json: "error.invalid_json",
  unauthenticated: "error.unauthenticated",
  account_deleted: "error.account_deleted",
  insufficient_credits: "error.insufficient_credits",
  forbidden: "error.forbidden",
  paid_feature: "error.paid_feature",
  billing_hold: "error.billing_hold",
  call_allowance_exhausted: "error.call_allowance_exhausted",
  local_auth_disabled: "error.local_auth_disabled",
  insufficient_scope: "error.insufficient_scope",
  session_required: "error.session_required",
  anonymous_not_allowed: "error.anonymous_not_allowed",
  not_found: "error.not_found",
  route_not_found: "error.route_not_found",
  voice_not_found: "error.voice_not_found",
  method_not_allowed: "error.method_not_allowed",
  conflict: "error.conflict",
  limit_reached: "error.limit_reached",
  idempotency_key_in_use: "error.idempotency_key_in_use",
  payload_too_large: "error.payload_too_large",
  unsupported_media_type: "error.unsupported_media_type",
  content_refused: "error.content_refused",
  insufficient_speech: "error.insufficient_speech",
  idempotency_key_reused: "error.idempotency_key_reused",
  rate_limited: "error.rate_limited",
  provider_quota: "error.provider_quota",
  internal_error: "error.internal_error",
  configuration_invalid: "error.configuration_invalid",
  provider_error: "error.provider_error",
  provider_truncated: "error.provider_truncated",
  provider_unavailable: "error.provider_unavailable",
  provider_timeout: "error.provider_timeout",
  integration_off: "error.integration_off",
  feature_unavailable: "error.feature_unavailable",
  network: "error.network",
  unexpected_response: "error.unexpected_response",
};

/** Request fields the server may name in a validation error, with a specific explanation each. */
export const FIELD_MESSAGE_KEYS: Record<string, MessageKey> = {
  text: "error.field.text",
  voice: "error.field.voice",
  style: "error.field.style",
  seed: "error.field.seed",
  temperature: "error.field.temperature",
  locale: "error.field.locale",
  email: "error.field.email",
  file: "error.field.file",
  consent: "error.field.consent",
  name: "error.field.name",
  scopes: "error.field.scopes",
  expiresAt: "error.field.expiresAt",
  confirm: "error.field.confirm",
};

/** Other codes that mean something more specific when they name a field (the clone upload's file, a voice's name). */
export const CODE_FIELD_MESSAGE_KEYS: Partial<Record<ErrorCode | ClientErrorCode, Record<string, MessageKey>>> = {
  payload_too_large: { file: "error.file_too_large" },
  unsupported_media_type: { file: "error.file_unsupported" },
  conflict: { name: "error.name_taken", subscription: "error.subscription_active" },
};

/** A page's own wording for codes that mean something specific there (e.g. which limit was reached). */
export type ErrorOverrides = Partial<Record<ErrorCode | ClientErrorCode, MessageKey>>;

export interface UserFacingError {
  message: string;
  /** The request id, for support: only for unexpected (5xx) failures, where support needs it; routine ones (validation, credits, rate limits) have none. */
  reference?: string;
  /** The way out is buying credits: the notice links to the Credits page. */
  buyCredits?: true;
}

export function describeError(error: unknown, { t }: Pick<Translator, "t">, overrides: ErrorOverrides = {}): UserFacingError {
  if (isAbortError(error)) return { message: t("error.cancelled") };
  if (!(error instanceof ApiError)) return { message: t("error.unexpected_response") };
  // A routine refusal (4xx) is explained by its message; a request id there only looks like a fault.
  const reference = error.details.requestId === undefined || error.status < 500 ? {} : { reference: error.details.requestId };
  if (error.details.field !== undefined) {
    const field = error.details.field.split(".")[0] ?? "";
    const keys = error.code === "validation_failed" ? FIELD_MESSAGE_KEYS : CODE_FIELD_MESSAGE_KEYS[error.code];
    const fieldKey = keys !== undefined && Object.hasOwn(keys, field) ? keys[field] : undefined;
    if (fieldKey !== undefined) return { message: t(fieldKey), ...reference };
  }
  const override = overrides[error.code];
  if (override !== undefined) return { message: t(override), ...reference };
  if (error.code === "rate_limited" && error.details.retryAfterSeconds !== undefined) {
    return { message: t("error.rate_limited_retry", { seconds: error.details.retryAfterSeconds }), ...reference };
  }
  return { message: t(ERROR_MESSAGE_KEYS[error.code]), ...reference, ...(error.code === "insufficient_credits" ? { buyCredits: true as const } : {}) };
}
