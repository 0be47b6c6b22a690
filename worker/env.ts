/**
 * Configuration: the one zod schema for vars and secrets, parsed once per `env` object.
 * Every integration is reported as "configured" or "off" with the reason. The raw settings
 * (`secrets`) are read only here and in worker/integrations.ts, which builds the clients; the
 * rest of the code sees the typed views below (identity, signing keys, limits) and the
 * integration states, never a secret by name.
 */
import * as z from "zod";
import { CALL_MODELS, DEFAULT_CALL_MODEL } from "./shared/calls";
import { type ImprintResponse, OPERATOR_SETTINGS } from "./shared/legal";
import { type Campaign, COMMITTED_CAMPAIGNS } from "./shared/campaigns";
import { CREDIT_PACKAGES } from "./shared/billing";
import { SUPPORTED_LOCALES } from "./shared/limits";
import { log } from "./services/logging";

const optionalSecret = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const rawConfigSchema = z.object({
  // Unset means production: development has to be asked for (the dev script passes it).
  ENVIRONMENT: z.enum(["development", "test", "production"]).default("production"),
  APP_URL: optionalSecret,
  SUPABASE_URL: optionalSecret.pipe(z.url().optional()),
  SUPABASE_ANON_KEY: optionalSecret,
  SUPABASE_JWT_SECRET: optionalSecret,
  LOCAL_AUTH_SECRET: optionalSecret,
  AUDIO_URL_SECRET: optionalSecret,
  GEMINI_API_KEY: optionalSecret,
  GEMINI_BASE_URL: optionalSecret,
  REPLICATE_API_TOKEN: optionalSecret,
  REPLICATE_BASE_URL: optionalSecret,
  UPSTASH_REDIS_REST_URL: optionalSecret,
  UPSTASH_REDIS_REST_TOKEN: optionalSecret,
  STRIPE_SECRET_KEY: optionalSecret,
  STRIPE_WEBHOOK_SECRET: optionalSecret,
  /** Another Stripe API host (stripe-mock, a test fake), e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: optionalSecret.pipe(z.url().optional()),
  LIVEKIT_URL: optionalSecret,
  LIVEKIT_API_KEY: optionalSecret,
  LIVEKIT_API_SECRET: optionalSecret,
  /** The call agent's LiveKit dispatch name (agent/ registers under it). */
  LIVEKIT_AGENT_NAME: optionalSecret,
  /** Longest call, in minutes (default 60). */
  CALL_MAX_MINUTES: optionalSecret.pipe(z.string().regex(/^\d+$/, "a whole number of minutes").transform(Number).pipe(z.number().int().min(1).max(240)).optional()),
  /** Realtime model of calls when the caller does not choose (one of worker/shared/calls.ts CALL_MODELS). */
  CALL_DEFAULT_MODEL: optionalSecret.pipe(z.enum(CALL_MODELS).optional()),
  TELEGRAM_BOT_TOKEN: optionalSecret,
  TELEGRAM_CHAT_ID: optionalSecret,
  POSTHOG_API_KEY: optionalSecret,
  POSTHOG_HOST: optionalSecret,
  SENTRY_DSN: optionalSecret,
  CRON_SECRET: optionalSecret,
  /** Who runs this deployment, for the imprint page (GET /api/legal/imprint): all three, or none is shown. */
  OPERATOR_NAME: optionalSecret,
  OPERATOR_ADDRESS: optionalSecret,
  OPERATOR_EMAIL: optionalSecret.pipe(z.email().optional()),
  /** Gemini TTS model ids (Google retires models: a retirement is a config change). */
  GEMINI_TTS_MODEL_FREE: optionalSecret,
  GEMINI_TTS_MODEL_PAID: optionalSecret,
  /** The Gemini text model that adds expressive tags (POST /api/enhance-text). */
  GEMINI_TEXT_MODEL: optionalSecret,
  /** Text enhancements per user per UTC day (default 20). */
  ENHANCE_DAILY_LIMIT: optionalSecret.pipe(z.string().regex(/^\d+$/, "a whole number").transform(Number).pipe(z.number().int().min(0).max(10_000)).optional()),
  /** Comma-separated Gemini TTS models that accept `temperature` (the 3.8 models reject it). */
  GEMINI_TTS_TEMPERATURE_MODELS: optionalSecret,
  /** Promo campaigns as JSON (replaces the committed list); validated apart, so a bad value is "no campaign", not a 500. */
  PROMO_CAMPAIGNS: optionalSecret,
  /** How long a provider call (Gemini request, Replicate prediction, local engine) may take. */
  PROVIDER_TIMEOUT_SECONDS: optionalSecret.pipe(
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, "a number of seconds")
      .transform(Number)
      .pipe(z.number().positive().max(600))
      .optional(),
  ),
});

type RawConfig = z.infer<typeof rawConfigSchema>;

const isoInstant = z.iso.datetime({ offset: true });
const bannerText = z.string().trim().min(1).max(200);
const campaignSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "lower-case letters, digits and dashes, at most 40"),
    startsAt: isoInstant,
    endsAt: isoInstant,
    bonusCredits: z.partialRecord(z.enum(CREDIT_PACKAGES.map((p) => p.id) as [string, ...string[]]), z.number().int().positive().max(1_000_000)),
    banner: z.object({ en: bannerText, ...Object.fromEntries(SUPPORTED_LOCALES.filter((l) => l !== "en").map((l) => [l, bannerText.optional()])) }).strict(),
  })
  .strict()
  .refine((c) => Date.parse(c.startsAt) < Date.parse(c.endsAt), { message: "endsAt must be after startsAt", path: ["endsAt"] });

export const campaignListSchema = z
  .array(campaignSchema)
  .max(20)
  .superRefine((list, ctx) => {
    const spans = list.map((c) => ({ id: c.id, from: Date.parse(c.startsAt), to: Date.parse(c.endsAt) })).sort((a, b) => a.from - b.from);
    if (new Set(list.map((c) => c.id)).size !== list.length) ctx.addIssue({ code: "custom", message: "campaign ids must be unique" });
    for (let i = 1; i < spans.length; i += 1) {
      if (spans[i]!.from < spans[i - 1]!.to) ctx.addIssue({ code: "custom", message: `campaigns ${spans[i - 1]!.id} and ${spans[i]!.id} overlap: at most one runs at a time` });
    }
  });

/** The campaigns in force: PROMO_CAMPAIGNS when set (invalid → none, with the reason), else the committed list. */
export function campaignsFrom(value: string | undefined): { list: readonly Campaign[]; problem: string | null } {
  if (value === undefined) return { list: COMMITTED_CAMPAIGNS, problem: null };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return { list: [], problem: "PROMO_CAMPAIGNS is not valid JSON" };
  }
  const parsed = campaignListSchema.safeParse(json);
  if (parsed.success) return { list: parsed.data as Campaign[], problem: null };
  return { list: [], problem: `PROMO_CAMPAIGNS is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(list)"}: ${i.message}`).join("; ")}` };
}

export type Integration = { status: "configured" } | { status: "off"; reason: string };

/**
 * Long enough for the longest paid text (1,000 characters of Gemini speech, about a minute of
 * audio), short enough that a hung provider cannot hold a reservation and a request forever.
 */
const DEFAULT_PROVIDER_TIMEOUT_SECONDS = 90;

/** Google's current TTS models (December 2026): Flash-Lite for volume, Flash as the flagship. */
const DEFAULT_GEMINI_TTS_MODELS = { free: "gemini-3.8-flash-lite-tts", paid: "gemini-3.8-flash-tts" } as const;

const DEFAULT_AGENT_NAME = "sexycall";
/** Google's current stable Flash text model (December 2026). */
const DEFAULT_GEMINI_TEXT_MODEL = "gemini-3.8-flash";
const DEFAULT_ENHANCE_DAILY_LIMIT = 20;
const DEFAULT_CALL_MAX_MINUTES = 60;

/** Secrets the production deployment cannot run without. */
const PRODUCTION_REQUIRED = ["SUPABASE_URL", "SUPABASE_ANON_KEY", "AUDIO_URL_SECRET"] as const;

function integration(raw: RawConfig, names: readonly (keyof RawConfig)[]): Integration {
  const missing = names.filter((name) => raw[name] === undefined);
  if (missing.length === 0) return { status: "configured" };
  if (missing.length === names.length) return { status: "off", reason: `${names.join(" and ")} not set` };
  return { status: "off", reason: `${missing.join(" and ")} missing while ${names.filter((n) => !missing.includes(n)).join(" and ")} is set` };
}

function imprintOf(raw: RawConfig): ImprintResponse {
  const { OPERATOR_NAME: name, OPERATOR_ADDRESS: address, OPERATOR_EMAIL: email } = raw;
  if (name !== undefined && address !== undefined && email !== undefined) return { configured: true, operator: { name, address, email } };
  return { configured: false, missing: OPERATOR_SETTINGS.filter((setting) => raw[setting] === undefined) };
}

function buildConfig(raw: RawConfig) {
  const production = raw.ENVIRONMENT === "production";
  const supabase = integration(raw, ["SUPABASE_URL"]);
  const localAuth: Integration = production
    ? { status: "off", reason: "local sign-in is never available in production" }
    : supabase.status === "configured"
      ? { status: "off", reason: "a Supabase project is configured" }
      : { status: "configured" };
  return {
    environment: raw.ENVIRONMENT,
    production,
    appUrl: raw.APP_URL,
    secrets: raw,
    identity: {
      supabase: raw.SUPABASE_URL === undefined ? undefined : { url: raw.SUPABASE_URL, anonKey: raw.SUPABASE_ANON_KEY, jwtSecret: raw.SUPABASE_JWT_SECRET },
      localSigningSecret: raw.LOCAL_AUTH_SECRET,
    },
    audioUrlSecret: raw.AUDIO_URL_SECRET,
    cronSecret: raw.CRON_SECRET,
    /** The operator's public details (the imprint), shown only once name, address and email are all set. */
    imprint: imprintOf(raw),
    /** LiveKit (calls): the server URL and the key pair that signs call tokens, webhooks and agent tokens. */
    livekit:
      raw.LIVEKIT_URL !== undefined && raw.LIVEKIT_API_KEY !== undefined && raw.LIVEKIT_API_SECRET !== undefined ? { url: raw.LIVEKIT_URL, apiKey: raw.LIVEKIT_API_KEY, apiSecret: raw.LIVEKIT_API_SECRET } : undefined,
    calls: {
      agentName: raw.LIVEKIT_AGENT_NAME ?? DEFAULT_AGENT_NAME,
      maxDurationSeconds: (raw.CALL_MAX_MINUTES ?? DEFAULT_CALL_MAX_MINUTES) * 60,
      defaultModel: raw.CALL_DEFAULT_MODEL ?? DEFAULT_CALL_MODEL,
    },
    /** Verifies Stripe webhooks; unset → every delivery is refused as unsigned. */
    stripeWebhookSecret: raw.STRIPE_WEBHOOK_SECRET,
    speech: {
      gemini: {
        free: raw.GEMINI_TTS_MODEL_FREE ?? DEFAULT_GEMINI_TTS_MODELS.free,
        paid: raw.GEMINI_TTS_MODEL_PAID ?? DEFAULT_GEMINI_TTS_MODELS.paid,
        acceptTemperature: (raw.GEMINI_TTS_TEMPERATURE_MODELS ?? "")
          .split(",")
          .map((model) => model.trim())
          .filter((model) => model !== ""),
      },
    },
    enhancement: { model: raw.GEMINI_TEXT_MODEL ?? DEFAULT_GEMINI_TEXT_MODEL, dailyLimit: raw.ENHANCE_DAILY_LIMIT ?? DEFAULT_ENHANCE_DAILY_LIMIT },
    /** Promo campaigns (worker/shared/campaigns.ts); `problem` says why an invalid PROMO_CAMPAIGNS means none. */
    campaigns: campaignsFrom(raw.PROMO_CAMPAIGNS),
    providerTimeoutMs: Math.round((raw.PROVIDER_TIMEOUT_SECONDS ?? DEFAULT_PROVIDER_TIMEOUT_SECONDS) * 1000),
    integrations: {
      supabase,
      localAuth,
      gemini: integration(raw, ["GEMINI_API_KEY"]),
      replicate: integration(raw, ["REPLICATE_API_TOKEN"]),
      upstash: integration(raw, ["UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"]),
      stripe: integration(raw, ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]),
      livekit: integration(raw, ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"]),
      telegram: integration(raw, ["TELEGRAM_BOT_TOKEN", "TELEGRAM_CHAT_ID"]),
      posthog: integration(raw, ["POSTHOG_API_KEY"]),
      sentry: integration(raw, ["SENTRY_DSN"]),
      cronEndpoint: integration(raw, ["CRON_SECRET"]),
      imprint: integration(raw, OPERATOR_SETTINGS),
    },
  };
}

export type AppConfig = ReturnType<typeof buildConfig>;
export type IntegrationName = keyof AppConfig["integrations"];

/**
 * The validated settings a config was built from, as plain data: the Worker hands it to the
 * GenerationGate with each order so both resolve provider, model and cache key alike.
 */
export type ConfigSnapshot = { readonly __snapshot: unique symbol } & Record<string, unknown>;

export function configSnapshot(config: AppConfig): ConfigSnapshot {
  return config.secrets as unknown as ConfigSnapshot;
}

export function configFromSnapshot(snapshot: ConfigSnapshot): AppConfig {
  return buildConfig(snapshot as unknown as RawConfig);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
  }
}

const cache = new WeakMap<object, AppConfig | ConfigError>();

/**
 * Request instrumentation (services/timing.ts) hands each request a copy of `env`; it registers
 * the copy here so caches keyed by the env's identity (this config cache) still hit.
 */
const envSources = new WeakMap<object, Env>();

export function registerEnvCopy(copy: Env, source: Env): void {
  envSources.set(copy, source);
}

/** The env a copy was made from (through any number of copies), or `env` itself. */
export function originalEnv(env: Env): Env {
  let current = env;
  for (let source = envSources.get(current); source !== undefined; source = envSources.get(current)) current = source;
  return current;
}

/** Parses vars and secrets; the result (or the error) is cached for the lifetime of `env`. */
export function readConfig(env: Env): AppConfig {
  const source = originalEnv(env);
  let entry = cache.get(source);
  if (entry === undefined) {
    entry = parseConfig(source as unknown as Record<string, unknown>);
    cache.set(source, entry);
  }
  if (entry instanceof ConfigError) throw entry;
  return entry;
}

function parseConfig(env: Record<string, unknown>): AppConfig | ConfigError {
  const strings: Record<string, unknown> = {};
  for (const key of Object.keys(rawConfigSchema.shape)) strings[key] = env[key];
  const parsed = rawConfigSchema.safeParse(strings);
  if (!parsed.success) {
    return new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  if (parsed.data.ENVIRONMENT === "production") {
    const missing = PRODUCTION_REQUIRED.filter((name) => parsed.data[name] === undefined);
    if (missing.length > 0) return new ConfigError(missing.map((name) => `${name} is required in production`));
  }
  const config = buildConfig(parsed.data);
  // Once per env (the result is cached): a broken campaign list is loud but never takes the API down.
  if (config.campaigns.problem !== null) log.error(`${config.campaigns.problem}; no campaign runs until it is fixed`);
  return config;
}
