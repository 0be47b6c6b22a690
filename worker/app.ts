/**
 * The Hono app: middleware order (request id → security headers → Server-Timing → configuration →
 * body limit), the route sub-apps, each mounted with the way it is authenticated
 * (worker/route-auth.ts), the JSON 404 for unknown API paths and the single error handler that
 * turns every failure into `{ error: { code, message }, requestId }` (OpenAI's shape on the public
 * API's paths). The default-deny test reads ROUTE_MOUNTS.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./context";
import { createIntegrations } from "./integrations";
import { configuration, requestId, securityHeaders, serverTiming } from "./middleware";
import { mountRoutes, type RouteMount } from "./route-auth";
import { AppError, errorBody, NOT_RETRYABLE, openAiErrorBody } from "./shared/errors";
import { consoleMonitoring } from "./services/monitoring";
import { healthRoutes } from "./routes/health";
import { authRoutes } from "./routes/auth";
import { meRoutes } from "./routes/me";
import { voiceRoutes } from "./routes/voices";
import { creditRoutes } from "./routes/credits";
import { estimateRoutes, generationRoutes } from "./routes/generation";
import { historyRoutes } from "./routes/history";
import { audioRoutes } from "./routes/audio";
import { dailyStatsRoutes } from "./routes/daily-stats";
import { cloneRoutes } from "./routes/clone";
import { campaignRoutes } from "./routes/campaign";
import { checkoutRoutes, packageRoutes, portalRoutes, subscriptionRoutes } from "./routes/billing";
import { liveKitWebhookRoutes, stripeWebhookRoutes, verifyLiveKitDelivery, verifyStripeWebhook } from "./routes/webhooks";
import { enhanceRoutes } from "./routes/enhance";
import { agentSessionRoutes, callOptionsRoutes, callSessionRoutes, callTokenRoutes } from "./routes/calls";
import { myVoiceRoutes } from "./routes/my-voices";
import { apiKeyRoutes } from "./routes/api-keys";
import { usageEventRoutes, usageSummaryRoutes } from "./routes/usage";
import { legalRoutes } from "./routes/legal";
import { openAiSpeechRoutes, openApiRoutes, v1CloneRoutes, v1HistoryRoutes, v1MeRoutes, v1SpeechRoutes, v1VoiceRoutes } from "./routes/public-api";

/** JSON bodies are small; upload routes raise their own limit. */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;

/** Exact paths that apply their own, larger body limit once the user is known (routes/uploads.ts). */
export const UPLOAD_ROUTES: ReadonlySet<string> = new Set(["/api/clone-voice", "/api/my-voices", "/api/v1/clone"]);

/** Webhook senders decide their payload sizes; a 413 would only make them retry forever. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;
const WEBHOOK_PREFIX = "/api/webhooks/";

const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError("payload_too_large", `The request body is larger than ${maxSize} bytes.`);
    },
  });
const jsonBodyLimit = limitBody(JSON_BODY_LIMIT_BYTES);

/** The public API's paths (PRODUCT §13): their errors take OpenAI's shape. */
const isPublicApiPath = (path: string) => path.startsWith("/api/v1/") || path.startsWith("/v1/") || path === "/v1" || path === "/api/v1";
const webhookBodyLimit = limitBody(WEBHOOK_BODY_LIMIT_BYTES);

/** Every mount and how it is authenticated (PRODUCT §12: default deny; see route-auth.ts). */
export const ROUTE_MOUNTS: RouteMount[] = [];

const limitByRoute: MiddlewareHandler<AppEnv> = (c, next) => (UPLOAD_ROUTES.has(c.req.path) ? next() : c.req.path.startsWith(WEBHOOK_PREFIX) ? webhookBodyLimit(c, next) : jsonBodyLimit(c, next));

export const app = new Hono<AppEnv>().use("*", requestId).use("*", securityHeaders);
for (const prefix of ["/api/*", "/v1/*"]) app.use(prefix, serverTiming).use(prefix, configuration).use(prefix, limitByRoute);

mountRoutes(app, ROUTE_MOUNTS, "/api/health", "public", healthRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/auth", "public", authRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/voices", "public", voiceRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/me", "user", meRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/credits", "user", creditRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/history", "user", historyRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/generate-voice", "user", generationRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/estimate-credits", "user", estimateRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/enhance-text", "user", enhanceRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/clone-voice", "user", cloneRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/audio", "signed-url", audioRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/daily-stats", "cron-secret", dailyStatsRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/billing/packages", "public", packageRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/campaign", "public", campaignRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/billing/checkout", "user", checkoutRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/billing/portal", "user", portalRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/billing/subscription", "user", subscriptionRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/webhooks/stripe", { scheme: "webhook-signature", verify: verifyStripeWebhook }, stripeWebhookRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/call-options", "public", callOptionsRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/legal", "public", legalRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/call-token", "user", callTokenRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/calls", "user", callSessionRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/agent/sessions", "agent-token", agentSessionRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/webhooks/livekit", { scheme: "webhook-signature", verify: verifyLiveKitDelivery, refusal: "unauthenticated" }, liveKitWebhookRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/my-voices", "user", myVoiceRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/keys", "user", apiKeyRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/usage-events", "user", usageEventRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/usage", "user", usageSummaryRoutes);
// The public API: API keys only, each mount with the scope it needs (routes/public-api.ts).
mountRoutes(app, ROUTE_MOUNTS, "/v1/audio/speech", { scheme: "api-key", scope: "speech" }, openAiSpeechRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/v1/speech", { scheme: "api-key", scope: "speech" }, v1SpeechRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/v1/clone", { scheme: "api-key", scope: "clone" }, v1CloneRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/v1/voices", { scheme: "api-key", scope: "voices:read" }, v1VoiceRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/v1/history", { scheme: "api-key", scope: "history:read" }, v1HistoryRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/v1/me", { scheme: "api-key", scope: null }, v1MeRoutes);
mountRoutes(app, ROUTE_MOUNTS, "/api/v1/openapi.json", "public", openApiRoutes);

app.notFound((c) => {
  if (c.req.path.startsWith("/api/") || c.req.path === "/api" || isPublicApiPath(c.req.path)) {
    const error = new AppError("route_not_found", `No API route for ${c.req.method} ${c.req.path}.`);
    return c.json(isPublicApiPath(c.req.path) ? openAiErrorBody(error, c.get("requestId")) : errorBody(error, c.get("requestId")), error.status);
  }
  return c.env.ASSETS.fetch(c.req.raw);
});

app.onError((err, c) => {
  const id = c.get("requestId") ?? crypto.randomUUID();
  const error = err instanceof AppError ? err : new AppError("internal_error", "Something went wrong on our side. Please try again.");
  const config = c.get("config");
  if (error.status >= 500 && config !== undefined) createIntegrations(config, c.env).monitoring.report(err, c.executionCtx, { request: c.req.raw, requestId: id });
  else if (error.status >= 500) consoleMonitoring.report(err, c.executionCtx, { requestId: id });
  if (error.options.retryAfterSeconds !== undefined) c.header("Retry-After", String(error.options.retryAfterSeconds));
  c.header("X-Request-Id", id);
  if (!isPublicApiPath(c.req.path)) return c.json(errorBody(error, id), error.status);
  // The OpenAI SDKs read x-should-retry: never for what only the user can fix.
  if (NOT_RETRYABLE.has(error.code)) c.header("x-should-retry", "false");
  return c.json(openAiErrorBody(error, id), error.status);
});
