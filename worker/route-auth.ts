/**
 * How each route is authenticated, declared where it is mounted (worker/app.ts). A scheme is
 * enforced by middleware on the whole mount, before any of its handlers or their own middleware
 * run; the default-deny test reads ROUTE_MOUNTS and proves every API route has a declaration and
 * that the declaration is enforced.
 *   public      — anyone (health, the voice list and samples, sign-in)
 *   user        — a verified user's bearer token (worker/middleware.ts requireUser)
 *   cron-secret — `Authorization: Bearer <CRON_SECRET>`; with no secret configured, nobody
 *   signed-url  — an unexpired HMAC signature over the path and query (services/audio-urls.ts)
 *   webhook-signature — the sender's signature over the raw body, checked by the mount's verifier;
 *                 the exact bytes are then `c.get("rawBody")` (a 400 when missing or wrong)
 *   agent-token — the call agent's short-lived bearer token signed with the LiveKit API secret
 *                 (providers/livekit.ts); the session it names is `c.get("agentSessionId")`
 *   api-key     — an API key (`Authorization: Bearer sv_…` or `x-api-key`, services/api-keys.ts)
 *                 holding the mount's scope, within the key's rate limit; the owner becomes
 *                 `c.get("identity")` and the key `c.get("apiKeyId")`. Only the public API uses it.
 */
import type { Hono, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";
import { originalEnv, type AppConfig } from "./env";
import { API_KEY_TOUCH_INTERVAL_MS, touchApiKey } from "./db/api-keys";
import { enforceRateLimit, requireUser } from "./middleware";
import { presentedKey, verifyApiKey } from "./services/api-keys";
import type { ApiKeyScope } from "./shared/contracts";
import { verifyAgentToken } from "./providers/livekit";
import { verifySignedUrl } from "./services/audio-urls";
import { AppError } from "./shared/errors";
import { log } from "./services/logging";

export type AuthScheme = "public" | "user" | "cron-secret" | "signed-url" | "webhook-signature" | "agent-token" | "api-key";

/** Checks a webhook delivery's signature over its exact raw body; true when genuine. */
export type WebhookVerifier = (rawBody: Uint8Array, headers: Headers, config: AppConfig) => Promise<boolean>;

export interface RouteMount {
  prefix: string;
  auth: AuthScheme;
  /** The scope an API key needs on this mount (null: any valid key). */
  scope?: ApiKeyScope | null;
}

async function sameSecret(given: string, expected: string): Promise<boolean> {
  const digest = async (value: string) => new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value)));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/** True when the Authorization header carries the configured cron secret (never without one). */
export async function presentsCronSecret(authorization: string | undefined, secret: string | undefined): Promise<boolean> {
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  return secret !== undefined && given !== undefined && (await sameSecret(given, secret));
}

const requireCronSecret = createMiddleware<AppEnv>(async (c, next) => {
  if (!(await presentsCronSecret(c.req.header("authorization"), c.get("config").cronSecret))) throw new AppError("unauthenticated", "A valid cron secret is required.");
  await next();
});

const requireSignedUrl = createMiddleware<AppEnv>(async (c, next) => {
  if (!(await verifySignedUrl(new URL(c.req.url), c.get("config"), c.env.DB))) throw new AppError("forbidden", "This link is invalid or has expired.");
  await next();
});

function requireWebhookSignature(verify: WebhookVerifier, refusal: WebhookRefusal): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    if (!(await verify(rawBody, c.req.raw.headers, c.get("config")))) {
      throw refusal === "unauthenticated"
        ? new AppError("unauthenticated", "The webhook signature is missing or invalid.")
        : new AppError("validation_failed", "The webhook signature is missing or invalid.", { field: "signature" });
    }
    c.set("rawBody", rawBody);
    await next();
  });
}

const requireAgentToken = createMiddleware<AppEnv>(async (c, next) => {
  const livekit = c.get("config").livekit;
  const given = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  const sessionId = livekit === undefined || given === undefined ? null : await verifyAgentToken(livekit, given);
  if (sessionId === null) throw new AppError("unauthenticated", "A valid agent token is required.");
  c.set("agentSessionId", sessionId);
  await next();
});

/** The API-key limiter's period (wrangler.toml `[[ratelimits]]` API_KEY_RATE_LIMITER). */
const API_KEY_LIMIT_PERIOD_SECONDS = 60;

function requireApiKey(scope: ApiKeyScope | null): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const given = presentedKey(c.req.raw.headers);
    const verified = given === null ? null : await verifyApiKey(c.env.DB, given);
    if (verified === null) {
      throw new AppError("unauthenticated", given === null ? "Send your API key as Authorization: Bearer sv_… (or x-api-key)." : "This API key is not valid: it is unknown, revoked or expired.");
    }
    const { key, owner } = verified;
    await enforceRateLimit(c.env.API_KEY_RATE_LIMITER, `api-key:${key.id}`, API_KEY_LIMIT_PERIOD_SECONDS);
    if (scope !== null && !key.scopes.includes(scope)) throw new AppError("insufficient_scope", `This API key does not have the "${scope}" scope.`);
    c.set("identity", owner);
    c.set("apiKeyId", key.id);
    // The key's row was just read: only a use not recorded in the last minute costs a write.
    if (key.lastUsedAt === null || Date.now() - Date.parse(key.lastUsedAt) >= API_KEY_TOUCH_INTERVAL_MS) {
      c.executionCtx.waitUntil(touchApiKey(originalEnv(c.env).DB, key.id).catch((error: unknown) => log.error("recording the API key's last use failed", error)));
    }
    await next();
  });
}

const allowAnyone: MiddlewareHandler<AppEnv> = (_c, next) => next();

const AUTH_MIDDLEWARE: Record<Exclude<AuthScheme, "webhook-signature" | "api-key">, MiddlewareHandler<AppEnv>> = {
  public: allowAnyone,
  user: requireUser,
  "cron-secret": requireCronSecret,
  "signed-url": requireSignedUrl,
  "agent-token": requireAgentToken,
};

/** What a bad signature answers: Stripe expects a 400, LiveKit's convention is a 401. */
export type WebhookRefusal = "validation_failed" | "unauthenticated";

export type MountAuth = Exclude<AuthScheme, "webhook-signature" | "api-key"> | { scheme: "webhook-signature"; verify: WebhookVerifier; refusal?: WebhookRefusal } | { scheme: "api-key"; scope: ApiKeyScope | null };

function guardOf(auth: MountAuth): MiddlewareHandler<AppEnv> {
  if (typeof auth === "string") return AUTH_MIDDLEWARE[auth];
  if (auth.scheme === "api-key") return requireApiKey(auth.scope);
  return requireWebhookSignature(auth.verify, auth.refusal ?? "validation_failed");
}

/** Mounts `routes` at `prefix` behind the scheme's middleware and records the declaration. */
export function mountRoutes<A extends Hono<AppEnv>>(app: A, mounts: RouteMount[], prefix: string, auth: MountAuth, routes: Hono<AppEnv>): A {
  const guard = guardOf(auth);
  mounts.push(typeof auth === "string" ? { prefix, auth } : auth.scheme === "api-key" ? { prefix, auth: auth.scheme, scope: auth.scope } : { prefix, auth: auth.scheme });
  app.use(`${prefix}/*`, guard); // Hono's `/x/*` also matches `/x` itself

  app.route(prefix, routes);
  return app;
}
