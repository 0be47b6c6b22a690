/**
 * Sign-in support for the SPA: `GET /api/auth/config` says which sign-in to show (Supabase or
 * local) and `POST /api/auth/local` signs a local user in by email when local sign-in is on.
 */
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../context";
import type { AuthConfigResponse } from "../shared/contracts";
import { jsonBody } from "../middleware";
import { issueLocalToken } from "../services/identity";

const localSignInSchema = z.object({ email: z.email().max(254) });

export const authRoutes = new Hono<AppEnv>()
  .get("/config", (c) => {
    const config = c.get("config");
    const body: AuthConfigResponse =
      config.integrations.supabase.status === "configured"
        ? { mode: "supabase", supabaseUrl: config.identity.supabase?.url ?? null, supabaseAnonKey: config.identity.supabase?.anonKey ?? null }
        : { mode: config.integrations.localAuth.status === "configured" ? "local" : "none", supabaseUrl: null, supabaseAnonKey: null };
    return c.json(body);
  })
  .post("/local", async (c) => {
    const { email } = await jsonBody(c, localSignInSchema);
    return c.json(await issueLocalToken(email, c.get("config"), c.env.DB));
  });
