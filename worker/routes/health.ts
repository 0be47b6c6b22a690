/**
 * `GET /api/health`: liveness for everyone; the details — which integrations are on (names and
 * reasons, never values) and the speech models in use, so operators see a model retirement
 * coming — only in development or to a caller presenting the cron secret (PRODUCT §12: a
 * public endpoint should not map the deployment for an attacker).
 */
import { Hono } from "hono";
import type { AppEnv } from "../context";
import { presentsCronSecret } from "../route-auth";

export const healthRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const config = c.get("config");
  c.header("Cache-Control", "no-store");
  if (config.environment === "production" && !(await presentsCronSecret(c.req.header("authorization"), config.cronSecret))) return c.json({ ok: true as const });
  const integrations = Object.fromEntries(Object.entries(config.integrations).map(([name, state]) => [name, state.status === "configured" ? "configured" : `off: ${state.reason}`]));
  const { free, paid } = config.speech.gemini;
  return c.json({ ok: true as const, environment: config.environment, integrations, models: { gemini: { free, paid } } });
});
