/**
 * Calls (PRODUCT §8). Public: `GET /api/call-options` (presets without their instructions,
 * models, prices, whether calls are available here). Signed-in users: `POST /api/call-token` and
 * `GET /api/calls/:sessionId` (how an own call went). The agent only: `GET /api/agent/sessions/:id`
 * (agent-token scheme). LiveKit's webhook is `stripe`'s neighbour in routes/webhooks.ts.
 */
import { Hono } from "hono";
import type { AppEnv } from "../context";
import { agentSessionConfig, findCallSession } from "../db/calls";
import { accountOf, enforceRateLimit, jsonBody } from "../middleware";
import { callOptions, startCall } from "../services/calls";
import { callTokenRequestSchema, type CallSessionResponse } from "../shared/calls";
import { AppError } from "../shared/errors";

/** The token limiter's period (wrangler.toml TOKEN_RATE_LIMITER). */
const TOKEN_LIMIT_PERIOD_SECONDS = 60;

export const callOptionsRoutes = new Hono<AppEnv>().get("/", async (c) => c.json(await callOptions(c.get("config"), c.env.SETTINGS_KV)));

export const callTokenRoutes = new Hono<AppEnv>().post("/", async (c) => {
  const { userId } = c.get("identity");
  await enforceRateLimit(c.env.TOKEN_RATE_LIMITER, `call-token:${userId}`, TOKEN_LIMIT_PERIOD_SECONDS);
  const request = await jsonBody(c, callTokenRequestSchema);
  return c.json(await startCall(c.env, c.get("config"), { userId, account: await accountOf(c), request }));
});

export const callSessionRoutes = new Hono<AppEnv>().get("/:sessionId", async (c) => {
  const session = await findCallSession(c.env.DB, c.req.param("sessionId"));
  if (session === null || session.userId !== c.get("identity").userId) throw new AppError("not_found", "No call of yours has this id.");
  const body: CallSessionResponse = { sessionId: session.id, status: session.status, endReason: session.endReason, durationSeconds: session.durationSeconds, creditsUsed: session.creditsUsed };
  return c.json(body);
});

export const agentSessionRoutes = new Hono<AppEnv>().get("/:sessionId", async (c) => {
  const sessionId = c.req.param("sessionId");
  if (c.get("agentSessionId") !== sessionId) throw new AppError("forbidden", "This agent token is for another session.");
  const config = await agentSessionConfig(c.env.DB, sessionId);
  if (config === null) throw new AppError("not_found", "There is no such call session.");
  return c.json(config);
});
