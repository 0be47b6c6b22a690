/**
 * `POST /api/generate-voice`, its streaming twin `POST /api/generate-voice/stream` (server-sent
 * events, services/audio-stream.ts) and `POST /api/estimate-credits` (PRODUCT §6), all for signed-in
 * users (declared in app.ts). The routes only parse input and shape output: preparation is
 * services/generation.ts, the paid path the orchestrator (services/paid-audio.ts).
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../context";
import { createIntegrations } from "../integrations";
import { accountOf, enforceRateLimit, jsonBody } from "../middleware";
import { audioLinks } from "../services/audio-urls";
import { prepareForAccount, prepareGeneration } from "../services/generation";
import { streamAudio } from "../services/audio-stream";
import { audioResponseBody, deliverAudio, type PaidAudioContext } from "../services/paid-audio";
import { generateVoiceRequestSchema, type EstimateCreditsResponse, type GenerateVoiceRequest } from "../shared/contracts";
import type { Tier } from "../providers/types";
import type { AudioOrder } from "../services/orders";

/** The generation limiter's period (wrangler.toml `[[ratelimits]]` GENERATION_RATE_LIMITER). */
const GENERATION_LIMIT_PERIOD_SECONDS = 60;

/** What the orchestrator needs from this request. */
export function paidAudioContext(c: Context<AppEnv>): PaidAudioContext {
  const config = c.get("config");
  return { env: c.env, config, integrations: createIntegrations(config, c.env), waitUntil: (promise) => c.executionCtx.waitUntil(promise), timing: c.get("timing") };
}

/**
 * A speech request made ready for the orchestrator: the user's generation rate limit, then the
 * preparation for their plan (with its cache lookup under way). Every speech front door (this
 * route, `/api/v1/speech`, `/v1/audio/speech`) starts here. `modelTier`: the public API's `model`.
 */
export async function preparedSpeech(c: Context<AppEnv>, input: GenerateVoiceRequest, options: { modelTier?: Tier } = {}) {
  const { userId } = c.get("identity");
  await enforceRateLimit(c.env.GENERATION_RATE_LIMITER, `generate:${userId}`, GENERATION_LIMIT_PERIOD_SECONDS);
  const ctx = paidAudioContext(c);
  const requester = { userId, ...(options.modelTier !== undefined ? { modelTier: options.modelTier } : {}) };
  const { prepared, account, cached } = await prepareForAccount(input, requester, accountOf(c, { nearby: true }), ctx.integrations, c.env.DB, (key) => ctx.integrations.audioCache.get(key));
  return { ctx, order: { ...prepared.order, userId } as AudioOrder, account, cached, links: audioLinks(new URL(c.req.url).origin, ctx.config, c.env.DB) };
}

const prepared = async (c: Context<AppEnv>) => preparedSpeech(c, await jsonBody(c, generateVoiceRequestSchema));

export const generationRoutes = new Hono<AppEnv>()
  .post("/", async (c) => {
    const { ctx, order, account, cached, links } = await prepared(c);
    return c.json(await audioResponseBody(await deliverAudio(ctx, order, account, { cached }), links));
  })
  // Server-sent events; validation errors are ordinary JSON answers before the stream starts.
  .post("/stream", async (c) => {
    const { ctx, order, account, cached, links } = await prepared(c);
    const body = await streamAudio(ctx, order, account, links, cached);
    return new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" } });
  });

export const estimateRoutes = new Hono<AppEnv>().post("/", async (c) => {
  const input = await jsonBody(c, generateVoiceRequestSchema);
  const config = c.get("config");
  const { isPaid } = await accountOf(c);
  const prepared = await prepareGeneration(input, { tier: isPaid ? "paid" : "free", userId: c.get("identity").userId }, createIntegrations(config, c.env), c.env.DB);
  const body: EstimateCreditsResponse = {
    credits: prepared.order.estimate,
    words: prepared.billableWords,
    characters: prepared.text.characters,
    characterLimit: prepared.characterLimit,
    provider: prepared.pricedAs,
  };
  return c.json(body);
});
