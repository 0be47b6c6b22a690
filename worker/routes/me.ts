/**
 * `GET /api/me`: the signed-in user's profile, balance and paid flag; `GET /api/me/export`: all of
 * their data as one JSON download; `DELETE /api/me`: the account's deletion, confirmed with its
 * email (services/account.ts). Signed-in users, declared in app.ts.
 */
import { Hono } from "hono";
import type { AppEnv } from "../context";
import { deleteAccountRequestSchema, type MeResponse } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { accountOf, enforceRateLimit, jsonBody } from "../middleware";
import { getProfile } from "../db/profiles";
import { createIntegrations } from "../integrations";
import { deleteAccount, exportAccount, profileView } from "../services/account";

/** Export and deletion share the token limiter (30 a minute per user): plenty for a person, a ceiling for a loop. */
const ACCOUNT_LIMIT_PERIOD_SECONDS = 60;

export const meRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { userId } = c.get("identity");
    const [profile, summary] = await Promise.all([getProfile(c.env.DB, userId), accountOf(c)]);
    if (profile === null) throw new AppError("not_found", "Profile not found.");
    const body: MeResponse = profileView(profile, summary);
    return c.json(body);
  })
  .get("/export", async (c) => {
    const { userId } = c.get("identity");
    await enforceRateLimit(c.env.TOKEN_RATE_LIMITER, `account:${userId}`, ACCOUNT_LIMIT_PERIOD_SECONDS);
    const body = await exportAccount(c.env, c.get("config"), userId, new URL(c.req.url).origin);
    c.header("Content-Disposition", `attachment; filename="sexyvoice-data-${body.exportedAt.slice(0, 10)}.json"`);
    c.header("Cache-Control", "private, no-store");
    return c.json(body);
  })
  .delete("/", async (c) => {
    const { userId } = c.get("identity");
    await enforceRateLimit(c.env.TOKEN_RATE_LIMITER, `account:${userId}`, ACCOUNT_LIMIT_PERIOD_SECONDS);
    const { confirm } = await jsonBody(c, deleteAccountRequestSchema);
    const config = c.get("config");
    const body = await deleteAccount(c.env, config, createIntegrations(config, c.env).audioCache, userId, confirm);
    return c.json(body, body.status === "deleted" ? 200 : 202);
  });
