/**
 * The typed API client: one `request` that adds the bearer token, parses JSON and turns every
 * non-2xx answer into an ApiError carrying the server's error code. Request and response shapes
 * come from worker/contracts.ts, so the SPA and the Worker cannot drift apart. This module is in
 * the first chunk every page loads: calls only some dashboard pages make live in account.ts.
 */
import type {
  AuthConfigResponse,
  CloneVoiceResponse,
  CreditTransaction,
  DeleteHistoryResponse,
  EstimateCreditsResponse,
  GenerateVoiceRequest,
  GenerateVoiceResponse,
  HistoryItem,
  LocalSignInResponse,
  MeResponse,
  Page,
  VoiceListResponse,
} from "../../../worker/shared/contracts";
import type { BillingPackagesResponse, CheckoutResponse, CheckoutStatusResponse, SubscriptionResponse } from "../../../worker/shared/billing";
import type { CampaignResponse } from "../../../worker/shared/campaigns";
import type { CallOptionsResponse, CallSessionResponse, CallTokenRequest, CallTokenResponse } from "../../../worker/shared/calls";
import type { ErrorCode } from "../../../worker/shared/errors";
import type { EnhanceStatusResponse, EnhanceTextResponse } from "../../../worker/shared/expressive-tags";
import type { Locale } from "../i18n/routing";

/** Codes the server never sends: the network failed, or the answer was not our JSON error body. */
export type ClientErrorCode = "network" | "unexpected_response";

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly status: number,
    readonly details: { field?: string; requestId?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

interface AuthHooks {
  getAccessToken: () => Promise<string | null>;
  /** The server stopped accepting the session: it expired, or its account was deleted. */
  onUnauthorized: (code: "unauthenticated" | "account_deleted") => void;
}

let authHooks: AuthHooks = { getAccessToken: async () => null, onUnauthorized: () => undefined };

/** Called once by the auth provider; every authenticated request asks it for a fresh token. */
export function configureAuth(hooks: AuthHooks): void {
  authHooks = hooks;
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Public endpoints skip the token. */
  auth?: boolean;
  /**
   * The answer depends on who asks (e.g. the voice list with the user's own voices): when a token
   * is sent, the browser's HTTP cache is bypassed, so one user's answer is never kept for a later
   * signed-out request or served stale after a change.
   */
  personal?: boolean;
  /** Let the request outlive the page (a delete sent while the user leaves it). */
  keepalive?: boolean;
}

function isErrorBody(value: unknown): value is { error: { code: ErrorCode; message: string; field?: string }; requestId?: string } {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}

/**
 * One answer, however it arrived (fetch or XMLHttpRequest): our JSON on success, an ApiError with
 * the server's code, field, request id and Retry-After otherwise, and "unexpected_response" for
 * anything that is not our JSON (an HTML error page, an empty body).
 */
export function readAnswer<T>(path: string, status: number, text: string, retryAfterHeader: string | null, wantsAuth: boolean): T {
  let parsed: unknown;
  if (text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  const ok = status >= 200 && status < 300;
  if (ok && parsed !== undefined) return parsed as T;
  // 204 No Content (a revoked key, a deleted voice): success with nothing to read.
  if (status === 204 && text === "") return undefined as T;
  if (!ok && isErrorBody(parsed)) {
    const retryAfter = Number(retryAfterHeader);
    const error = new ApiError(parsed.error.code, parsed.error.message, status, {
      ...(parsed.error.field === undefined ? {} : { field: parsed.error.field }),
      ...(parsed.requestId === undefined ? {} : { requestId: parsed.requestId }),
      ...(retryAfterHeader !== null && Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    });
    if ((error.code === "unauthenticated" || error.code === "account_deleted") && wantsAuth) authHooks.onUnauthorized(error.code);
    throw error;
  }
  throw new ApiError("unexpected_response", `Unexpected ${status} answer from ${path}`, status);
}

/** The bearer header of the signed-in user, if any (for requests made outside `request`). */
export async function authorizationHeader(): Promise<Record<string, string>> {
  const token = await authHooks.getAccessToken();
  return token === null ? {} : { authorization: `Bearer ${token}` };
}

/** One JSON request; exported for the API modules of lazily loaded pages (account.ts). */
export async function request<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const wantsAuth = options.auth ?? true;
  if (wantsAuth) {
    const token = await authHooks.getAccessToken();
    if (token !== null) headers.authorization = `Bearer ${token}`;
  }
  const init: RequestInit = {
    method,
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: options.signal ?? null,
  };
  if (options.personal === true && headers.authorization !== undefined) init.cache = "no-store";
  if (options.keepalive === true) init.keepalive = true;
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError("network", error instanceof Error ? error.message : "Network error", 0);
  }
  return readAnswer<T>(path, response.status, await response.text(), response.headers.get("retry-after"), wantsAuth);
}

/** Where a multipart upload is: its bytes going out, then the server working on them. */
export type UploadProgress = { phase: "uploading"; loaded: number; total: number } | { phase: "processing" };

export interface UploadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
}

/**
 * POSTs multipart/form-data with XMLHttpRequest, because fetch reports no upload progress. The
 * bearer token, answer parsing and errors are the same as for `request`; aborting the signal
 * aborts the request and rejects with an AbortError.
 */
export async function upload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  const token = await authHooks.getAccessToken();
  return new Promise<T>((resolve, reject) => {
    const { signal, onProgress } = options;
    if (signal?.aborted === true) {
      reject(new DOMException("The upload was cancelled.", "AbortError"));
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    xhr.open("POST", path);
    xhr.setRequestHeader("accept", "application/json");
    if (token !== null) xhr.setRequestHeader("authorization", `Bearer ${token}`);
    if (onProgress !== undefined) {
      xhr.upload.onprogress = (event) => onProgress({ phase: "uploading", loaded: event.loaded, total: event.lengthComputable ? event.total : Math.max(event.loaded, 1) });
      xhr.upload.onload = () => onProgress({ phase: "processing" });
    }
    xhr.onload = () => {
      try {
        resolve(readAnswer<T>(path, xhr.status, xhr.responseText, xhr.getResponseHeader("retry-after"), true));
      } catch (error) {
        reject(error);
      }
    };
    xhr.onerror = () => reject(new ApiError("network", "Network error", 0));
    xhr.ontimeout = () => reject(new ApiError("network", "The upload timed out", 0));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    xhr.onloadend = () => signal?.removeEventListener("abort", onAbort);
    signal?.addEventListener("abort", onAbort, { once: true });
    xhr.send(form);
  });
}

export interface CloneVoiceInput {
  file: Blob;
  fileName: string;
  text: string;
  locale: Locale;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

export const api = {
  authConfig: () => request<AuthConfigResponse>("GET", "/api/auth/config", { auth: false }),
  localSignIn: (email: string) => request<LocalSignInResponse>("POST", "/api/auth/local", { body: { email }, auth: false }),
  me: () => request<MeResponse>("GET", "/api/me"),
  /**
   * The catalogue; signed in (and unless `withToken` is false), with the user's own saved voices
   * (`mine: true`). `language` must be a language code such as `es` (the server refuses others).
   */
  voices: (filters: { feature?: "tts" | "call"; language?: string; gender?: string } = {}, options: { withToken?: boolean } = {}) =>
    request<VoiceListResponse>("GET", `/api/voices${query({ feature: filters.feature, language: filters.language, gender: filters.gender })}`, {
      auth: options.withToken ?? true,
      personal: true,
    }),
  transactions: (cursor?: string, limit = 20) => request<Page<CreditTransaction>>("GET", `/api/credits/transactions${query({ limit, cursor })}`),
  generateVoice: (body: GenerateVoiceRequest, signal?: AbortSignal) => request<GenerateVoiceResponse>("POST", "/api/generate-voice", signal === undefined ? { body } : { body, signal }),
  estimateCredits: (body: GenerateVoiceRequest, signal?: AbortSignal) => request<EstimateCreditsResponse>("POST", "/api/estimate-credits", signal === undefined ? { body } : { body, signal }),
  /** Multipart `POST /api/clone-voice`; consent is sent only because the form requires it first. */
  cloneVoice: (input: CloneVoiceInput, options: UploadOptions = {}) => {
    const form = new FormData();
    form.set("text", input.text);
    form.set("locale", input.locale);
    form.set("consent", "true");
    form.set("file", input.file, input.fileName);
    return upload<CloneVoiceResponse>("/api/clone-voice", form, options);
  },
  history: (cursor?: string, limit = 10) => request<Page<HistoryItem>>("GET", `/api/history${query({ limit, cursor })}`),
  deleteHistoryItem: (id: string, options: { keepalive?: boolean } = {}) => request<DeleteHistoryResponse>("DELETE", `/api/history/${encodeURIComponent(id)}`, options),
  deleteAllHistory: () => request<DeleteHistoryResponse>("DELETE", "/api/history"),
  enhanceStatus: () => request<EnhanceStatusResponse>("GET", "/api/enhance-text"),
  enhanceText: (body: { text: string; voice: string; locale: string }) => request<EnhanceTextResponse>("POST", "/api/enhance-text", { body }),
  billingPackages: () => request<BillingPackagesResponse>("GET", "/api/billing/packages", { auth: false }),
  /** The promo campaign running now (banner text in `locale`, bonus per package), or null. */
  campaign: (locale: Locale) => request<CampaignResponse>("GET", `/api/campaign${query({ locale })}`, { auth: false }),
  /** A Checkout Session for the package; the browser then goes to its URL. */
  checkout: (packageId: string, locale: Locale) => request<CheckoutResponse>("POST", "/api/billing/checkout", { body: { packageId, locale } }),
  checkoutStatus: (sessionId: string) => request<CheckoutStatusResponse>("GET", `/api/billing/checkout/${encodeURIComponent(sessionId)}`),
  billingPortal: (locale: Locale) => request<CheckoutResponse>("POST", "/api/billing/portal", { body: { locale } }),
  subscription: () => request<SubscriptionResponse>("GET", "/api/billing/subscription"),
  /** Presets, models, prices and whether calls are possible here (public). */
  callOptions: () => request<CallOptionsResponse>("GET", "/api/call-options", { auth: false }),
  /** Sets up a call: a pending session and a LiveKit token for its room. */
  callToken: (body: CallTokenRequest) => request<CallTokenResponse>("POST", "/api/call-token", { body }),
  /** An own call's state; after the room closes, why it ended and what it cost. */
  callSession: (sessionId: string) => request<CallSessionResponse>("GET", `/api/calls/${encodeURIComponent(sessionId)}`),
};

/** Public sample of a voice (audio/wav), playable without signing in. */
export function voiceSampleUrl(voiceId: string): string {
  return `/api/voices/${encodeURIComponent(voiceId)}/sample`;
}
