/**
 * The Hono app: middleware order (request id → configuration → body limit), the route sub-apps,
 * the JSON 404 for unknown API paths and the single error handler that turns every failure into
 * `{ error: { code, message }, requestId }`. Protected sub-apps apply `requireUser` themselves;
 * the default-deny test walks `app.routes` to prove no non-public route forgot it.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./context";
import { AppError, errorBody } from "./shared/errors";
import { configuration, requestId } from "./middleware";
import { reportError } from "./services/monitoring";
import { healthRoutes } from "./routes/health";
import { authRoutes } from "./routes/auth";
import { meRoutes } from "./routes/me";
import { voiceRoutes } from "./routes/voices";
import { creditRoutes } from "./routes/credits";
import { generationRoutes } from "./routes/generation";
import { historyRoutes } from "./routes/history";
import { audioRoutes } from "./routes/audio";
import { dailyStatsRoutes } from "./routes/daily-stats";
import { cloneRoutes } from "./routes/clone";

/** JSON bodies are small; upload routes raise their own limit. */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;

/** Exact paths that apply their own, larger body limit once the user is known (routes/clone.ts). */
export const UPLOAD_ROUTES: ReadonlySet<string> = new Set(["/api/clone-voice"]);

const jsonBodyLimit = bodyLimit({
  maxSize: JSON_BODY_LIMIT_BYTES,
  onError: () => {
    throw new AppError("payload_too_large", `The request body is larger than ${JSON_BODY_LIMIT_BYTES} bytes.`);
  },
});

/**
 * Routes that answer without a signed-in user (PRODUCT §12): health, the voice list and samples,
 * sign-in, signed audio URLs and the cron-secret report. Everything else requires a user.
 */
export const PUBLIC_ROUTES = ["/api/health", "/api/voices", "/api/voices/:id/sample", "/api/auth/config", "/api/auth/local", "/api/audio/:id", "/api/daily-stats"];

export const app = new Hono<AppEnv>()
  .use("*", requestId)
  .use("/api/*", configuration)
  .use("/api/*", (c, next) => (UPLOAD_ROUTES.has(c.req.path) ? next() : jsonBodyLimit(c, next)))
  .route("/api/health", healthRoutes)
  .route("/api/auth", authRoutes)
  .route("/api/me", meRoutes)
  .route("/api/voices", voiceRoutes)
  .route("/api/credits", creditRoutes)
  .route("/api/history", historyRoutes)
  .route("/api/audio", audioRoutes)
  .route("/api/daily-stats", dailyStatsRoutes)
  .route("/api", generationRoutes)
  .route("/api", cloneRoutes);

export type AppType = typeof app;

app.notFound((c) => {
  if (c.req.path.startsWith("/api/") || c.req.path === "/api") {
    const error = new AppError("route_not_found", `No API route for ${c.req.method} ${c.req.path}.`);
    return c.json(errorBody(error, c.get("requestId")), error.status);
  }
  return c.env.ASSETS.fetch(c.req.raw);
});

app.onError((err, c) => {
  const id = c.get("requestId") ?? crypto.randomUUID();
  const error = err instanceof AppError ? err : new AppError("internal_error", "Something went wrong on our side. Please try again.");
  if (error.status >= 500) reportError(err, c.get("config"), c.executionCtx, c.req.raw, id);
  if (error.options.retryAfterSeconds !== undefined) c.header("Retry-After", String(error.options.retryAfterSeconds));
  c.header("X-Request-Id", id);
  return c.json(errorBody(error, id), error.status);
});
