/**
 * Request middleware: request ids, configuration (read once, refusing every request when invalid),
 * user authentication (the `user` scheme of worker/route-auth.ts), the account it reads on the
 * way, per-user rate limits and JSON body parsing with zod.
 */
import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./context";
import { ConfigError, readConfig } from "./env";
import { AppError } from "./shared/errors";
import { accountSummary, type AccountSummary } from "./db/credits";
import { ensureAccount } from "./db/profiles";
import { verifyAccessToken } from "./services/identity";
import { instrumentEnv, RequestTiming } from "./services/timing";
import { API_SECURITY_HEADERS, SPA_SECURITY_HEADERS } from "./security-headers";
import { log, withLogContext } from "./services/logging";

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const id = incoming !== undefined && REQUEST_ID_PATTERN.test(incoming) ? incoming : crypto.randomUUID();
  c.set("requestId", id);
  c.header("X-Request-Id", id);
  // Every log line written while this request runs carries its id (services/logging.ts).
  await withLogContext({ requestId: id }, next);
  c.header("X-Request-Id", id);
});

export const configuration = createMiddleware<AppEnv>(async (c, next) => {
  try {
    c.set("config", readConfig(c.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      log.error(error.message);
      throw new AppError("configuration_invalid", `The server is misconfigured: ${error.problems.join("; ")}.`);
    }
    throw error;
  }
  await next();
});

/** The API keys' prefix (services/api-keys.ts): such a token is never a dashboard session. */
const API_KEY_TOKEN = /^sv_/;

/**
 * Verifies the bearer token and makes sure the account (profile + welcome credits) exists. An API
 * key is refused here: keys call only the public API, and never manage keys (PRODUCT §13).
 */
export async function authenticateUser(c: Context<AppEnv>): Promise<void> {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match === null || match[1] === undefined) throw new AppError("unauthenticated", "Sign in to use this endpoint.");
  if (API_KEY_TOKEN.test(match[1])) throw new AppError("session_required", "API keys work on /api/v1 and /v1 only; this endpoint needs a dashboard session.");
  const identity = await verifyAccessToken(match[1], c.get("config"), c.env.DB);
  const account = await ensureAccount(c.env.DB, identity);
  c.set("identity", identity);
  if (account !== null) c.set("account", account);
}

export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  await authenticateUser(c);
  await next();
});

/** On a public route: the signed-in user when the request carries a token (a bad one is still a 401), else null. */
export async function optionalUser(c: Context<AppEnv>): Promise<string | null> {
  if (c.req.header("authorization") === undefined) return null;
  await authenticateUser(c);
  return c.get("identity").userId;
}

/**
 * The signed-in user's balance and plan: read by authentication already, or one query now
 * (`nearby`: from the closest D1 read replica, see db/credits.ts).
 */
export async function accountOf(c: Context<AppEnv>, options: { nearby?: boolean } = {}): Promise<AccountSummary> {
  return c.get("account") ?? accountSummary(c.env.DB, c.get("identity").userId, options);
}

/** Per-key limit through a Workers rate-limit binding; 429 with Retry-After when exceeded. */
export async function enforceRateLimit(limiter: RateLimit, key: string, periodSeconds: number): Promise<void> {
  const { success } = await limiter.limit({ key });
  if (!success) {
    throw new AppError("rate_limited", "Too many requests. Please slow down and try again shortly.", { retryAfterSeconds: periodSeconds });
  }
}

/**
 * Reads and validates a JSON body; malformed JSON and schema failures become 400s naming the field.
 * `anyContentType`: the public API reads JSON whatever the declared type (`curl -d` sends it as
 * form-encoded, and OpenAI's tools are used that way).
 */
export async function jsonBody<S extends z.ZodType>(c: Context<AppEnv>, schema: S, options: { anyContentType?: boolean } = {}): Promise<z.infer<S>> {
  const type = c.req.header("content-type") ?? "";
  if (options.anyContentType !== true && !type.toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "Send the request body as application/json.");
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
  return parseInput(schema, raw);
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || undefined;
    const message = issue === undefined ? "Invalid input." : field ? `${field}: ${issue.message}` : issue.message;
    throw new AppError("validation_failed", message, field === undefined ? {} : { field });
  }
  return parsed.data;
}

/**
 * Server-Timing: creates the request's RequestTiming (`c.get("timing")`), replaces `c.env` with
 * the instrumented copy (services/timing.ts), and sets the header on the response. Hono's compose
 * catches an error thrown further down, lets `onError` build the response and then resolves
 * `next()` normally, so error responses get the header too.
 */
export const serverTiming = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now();
  const timing = new RequestTiming();
  c.set("timing", timing);
  c.env = instrumentEnv(c.env, timing);
  try {
    await next();
  } finally {
    try {
      c.header("Server-Timing", timing.header(performance.now() - started));
    } catch (error) {
      // A response whose headers cannot be changed (body already used): never fail the request for it.
      log.warn("Server-Timing header not set:", error);
    }
  }
});

/**
 * Security headers on every response the Worker sends (worker/security-headers.ts): the API's
 * set on `/api` and `/v1`, the SPA's on pages it serves through the assets binding. A header the
 * route set itself wins. Asset responses have immutable headers, so they are copied first.
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const path = c.req.path;
  const wanted = path.startsWith("/api/") || path === "/api" || path.startsWith("/v1/") ? API_SECURITY_HEADERS : SPA_SECURITY_HEADERS;
  const missing = Object.entries(wanted).filter(([name]) => !c.res.headers.has(name));
  if (missing.length === 0) return;
  try {
    for (const [name, value] of missing) c.res.headers.set(name, value);
  } catch {
    const copy = new Response(c.res.body, c.res);
    for (const [name, value] of missing) copy.headers.set(name, value);
    c.res = copy;
  }
});
