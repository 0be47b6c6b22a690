/** `GET /api/me`: the signed-in user's profile, balance and paid flag (signed-in users, declared in app.ts). */
import { Hono } from "hono";
import type { AppEnv } from "../context";
import type { MeResponse } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { accountOf } from "../middleware";
import { getProfile } from "../db/profiles";

export const meRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const { userId } = c.get("identity");
  const [profile, summary] = await Promise.all([getProfile(c.env.DB, userId), accountOf(c)]);
  if (profile === null) throw new AppError("not_found", "Profile not found.");
  const body: MeResponse = {
    id: profile.id,
    email: profile.email,
    displayName: profile.display_name,
    locale: profile.locale,
    authProvider: profile.auth_provider,
    createdAt: profile.created_at,
    credits: summary.balance,
    isPaid: summary.isPaid,
    creditsOwed: summary.creditsOwed,
  };
  return c.json(body);
});
