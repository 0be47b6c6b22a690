/**
 * `POST /api/generate-voice` and `POST /api/estimate-credits` (PRODUCT §6). Generation: validate →
 * cache (0 credits, history row still written) → GenerationGate (single flight, paid path) →
 * response with a signed audio URL.
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../context";
import { generateVoiceRequestSchema, type EstimateCreditsResponse, type GenerateVoiceResponse } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { enforceRateLimit, jsonBody, requireUser } from "../middleware";
import { accountSummary } from "../db/credits";
import { insertAudioFileStatement } from "../db/audio-files";
import { createAudioCache, type CacheEntry } from "../services/audio-cache";
import { signedAudioUrl } from "../services/audio-urls";
import { prepareGeneration, type PreparedGeneration } from "../services/generation";

/** The generation limiter's period (wrangler.toml `[[ratelimits]]` GENERATION_RATE_LIMITER). */
const GENERATION_LIMIT_PERIOD_SECONDS = 60;

async function recordCacheHit(db: D1Database, userId: string, prepared: PreparedGeneration, entry: CacheEntry): Promise<string> {
  const id = crypto.randomUUID();
  await insertAudioFileStatement(db, { id, userId, voiceId: prepared.voice.id, kind: "tts", text: prepared.text, style: prepared.style, locale: prepared.locale, entry, cacheKey: prepared.cacheKey, creditsUsed: 0 }).run();
  return id;
}

/** The response body every paid or cached audio request returns (cloning adds its reference). */
export async function audioResponseBody(c: Context<AppEnv>, id: string, entry: CacheEntry, creditsUsed: number, creditsRemaining: number, cached: boolean): Promise<GenerateVoiceResponse> {
  return {
    id,
    url: await signedAudioUrl(new URL(c.req.url).origin, id, c.get("config"), c.env.DB),
    creditsUsed,
    creditsRemaining,
    cached,
    provider: entry.provider,
    model: entry.model,
    durationSeconds: entry.durationSeconds,
  };
}

async function respond(c: Context<AppEnv>, id: string, entry: CacheEntry, creditsUsed: number, creditsRemaining: number, cached: boolean) {
  return c.json(await audioResponseBody(c, id, entry, creditsUsed, creditsRemaining, cached));
}

// Mounted at /api, so the middleware is attached per route rather than with `use` (which would
// cover every /api/* path and turn unknown paths' 404 into 401).
export const generationRoutes = new Hono<AppEnv>()
  .post("/generate-voice", requireUser, async (c) => {
    const { userId } = c.get("identity");
    await enforceRateLimit(c.env.GENERATION_RATE_LIMITER, `generate:${userId}`, GENERATION_LIMIT_PERIOD_SECONDS);
    const input = await jsonBody(c, generateVoiceRequestSchema);
    const config = c.get("config");
    const summary = await accountSummary(c.env.DB, userId);
    const prepared = await prepareGeneration(input, summary.isPaid ? "paid" : "free", config, c.env);

    const hit = await createAudioCache(config, c.env).get(prepared.cacheKey);
    if (hit !== null) {
      const id = await recordCacheHit(c.env.DB, userId, prepared, hit);
      return respond(c, id, hit, 0, summary.balance, true);
    }

    const gate = c.env.GENERATION_GATE.get(c.env.GENERATION_GATE.idFromName(prepared.cacheKey));
    const outcome = await gate.generate({ generationId: crypto.randomUUID(), userId, prepared, settings: config.secrets });
    switch (outcome.kind) {
      case "produced":
        return respond(c, outcome.generationId, outcome.entry, outcome.creditsUsed, outcome.creditsRemaining, false);
      case "shared": {
        const id = await recordCacheHit(c.env.DB, userId, prepared, outcome.entry);
        return respond(c, id, outcome.entry, 0, (await accountSummary(c.env.DB, userId)).balance, true);
      }
      case "failed":
        throw new AppError(outcome.code, outcome.message, outcome.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: outcome.retryAfterSeconds });
    }
  })
  .post("/estimate-credits", requireUser, async (c) => {
    const input = await jsonBody(c, generateVoiceRequestSchema);
    const { isPaid } = await accountSummary(c.env.DB, c.get("identity").userId);
    const prepared = await prepareGeneration(input, isPaid ? "paid" : "free", c.get("config"), c.env);
    const body: EstimateCreditsResponse = {
      credits: prepared.estimate,
      words: prepared.words,
      characters: prepared.characters,
      characterLimit: prepared.characterLimit,
      provider: prepared.voice.provider === "gemini" ? "gemini" : "replicate",
    };
    return c.json(body);
  });
