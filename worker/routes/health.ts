/**
 * `GET /api/health`: liveness, which integrations are on (names and reasons, never values) and
 * the speech models in use, so operators see a model retirement coming.
 */
import { Hono } from "hono";
import type { AppEnv } from "../context";

export const healthRoutes = new Hono<AppEnv>().get("/", (c) => {
  const config = c.get("config");
  const integrations = Object.fromEntries(Object.entries(config.integrations).map(([name, state]) => [name, state.status === "configured" ? "configured" : `off: ${state.reason}`]));
  const { free, paid } = config.speech.gemini;
  return c.json({ ok: true as const, environment: config.environment, integrations, models: { gemini: { free, paid } } });
});
