/**
 * `POST /api/enhance-text` {text, voice, locale?} → the text with expressive tags added
 * (services/enhance.ts), and `GET /api/enhance-text` → whether it is available and the uses left
 * today. Signed-in users (declared in app.ts); free of credits, rate limited per user.
 */
import { Hono, type Context } from "hono";
import * as z from "zod";
import type { AppEnv } from "../context";
import { createIntegrations } from "../integrations";
import { accountOf, enforceRateLimit, jsonBody } from "../middleware";
import { enhanceStatus, enhanceText } from "../services/enhance";
import { speechLocaleSchema } from "../shared/contracts";

/** ENHANCE_RATE_LIMITER's period (wrangler.toml). */
const ENHANCE_LIMIT_PERIOD_SECONDS = 60;

const enhanceSchema = z.object({ text: z.string(), voice: z.string().trim().min(1, "choose a voice").max(100), locale: speechLocaleSchema.optional() });

const enhancerOf = (c: Context<AppEnv>) => createIntegrations(c.get("config"), c.env).textEnhancer();

export const enhanceRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json(await enhanceStatus(c.env.DB, c.get("config"), enhancerOf(c), c.get("identity").userId)))
  .post("/", async (c) => {
    const { userId } = c.get("identity");
    await enforceRateLimit(c.env.ENHANCE_RATE_LIMITER, `enhance:${userId}`, ENHANCE_LIMIT_PERIOD_SECONDS);
    const input = await jsonBody(c, enhanceSchema);
    const { isPaid } = await accountOf(c);
    return c.json(await enhanceText(c.env.DB, c.get("config"), enhancerOf(c), { userId, isPaid, text: input.text, voice: input.voice, locale: input.locale }));
  });
