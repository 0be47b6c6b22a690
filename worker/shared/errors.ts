/**
 * The one error vocabulary. Every error a client can see has a code from this closed list; the
 * status comes from the code, never from the thrower. Bodies are always
 * `{ "error": { "code", "message" }, "requestId" }` and never carry upstream bodies or stacks.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  account_deleted: 401,
  insufficient_credits: 402,
  forbidden: 403,
  paid_feature: 403,
  billing_hold: 403,
  call_allowance_exhausted: 403,
  local_auth_disabled: 403,
  insufficient_scope: 403,
  anonymous_not_allowed: 403,
  session_required: 403,
  not_found: 404,
  route_not_found: 404,
  voice_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  limit_reached: 409,
  idempotency_key_in_use: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  content_refused: 422,
  insufficient_speech: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  provider_quota: 429,
  internal_error: 500,
  configuration_invalid: 500,
  provider_error: 502,
  provider_truncated: 502,
  provider_unavailable: 503,
  provider_timeout: 504,
  integration_off: 503,
  feature_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly status: (typeof ERROR_STATUS)[ErrorCode];

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { retryAfterSeconds?: number; field?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = ERROR_STATUS[code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
  requestId: string;
}

export function errorBody(error: AppError, requestId: string): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: error.message }, requestId };
  if (error.options.field !== undefined) body.error.field = error.options.field;
  return body;
}

/**
 * The public API's errors (`/api/v1`, `/v1`): OpenAI's shape, so its SDKs and tools read them,
 * carrying our stable codes. `type` is OpenAI's class of error for the status.
 */
export interface OpenAiErrorBody {
  error: { message: string; type: string; code: ErrorCode; param: string | null };
  requestId: string;
}

function openAiErrorType(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 402) return "insufficient_quota";
  if (status === 403) return "permission_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

export function openAiErrorBody(error: AppError, requestId: string): OpenAiErrorBody {
  return { error: { message: error.message, type: openAiErrorType(error.status), code: error.code, param: error.options.field ?? null }, requestId };
}

/** Errors a retry cannot fix until the user acts (buys credits, settles a hold) or the quota resets: `x-should-retry: false`. */
export const NOT_RETRYABLE: ReadonlySet<ErrorCode> = new Set(["insufficient_credits", "billing_hold", "provider_quota", "call_allowance_exhausted", "paid_feature"]);
