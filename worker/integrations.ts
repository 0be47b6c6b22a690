/**
 * The one place integrations are built from the parsed configuration, each as a real client or
 * its stand-in: speech (Gemini, Replicate, or the local engine for a voice whose provider has no
 * key), cloning (Chatterbox on Replicate, or the local engine), the audio cache (KV, plus Upstash
 * when set), analytics (PostHog or no-op), monitoring (Sentry or the console) and operator
 * notifications (Telegram or off), billing (Stripe, or null: prices show, buying is off). Nothing else reads `config.secrets` or branches on which
 * provider is configured. Built per request (cheap closures; SDK clients are made on first use),
 * so the clients use that request's instrumented bindings.
 */
import type { AppConfig } from "./env";
import type { Voice } from "./db/voices";
import { createChatterboxProvider } from "./providers/chatterbox";
import { createGeminiProvider } from "./providers/gemini";
import { createLocalProvider } from "./providers/local";
import { createLocalCloneProvider } from "./providers/local-clone";
import { createReplicateProvider } from "./providers/replicate";
import { createStripeGateway, type BillingGateway } from "./providers/stripe";
import { createGeminiTextEnhancer, type TextEnhancer } from "./providers/text-enhancer";
import type { CloneProvider, SpeechProvider } from "./providers/types";
import { kvAudioCache, tieredAudioCache, type AudioCache } from "./services/audio-cache";
import { noopAnalytics, postHogAnalytics, type Analytics } from "./services/analytics";
import { consoleMonitoring, sentryMonitoring, type Monitoring } from "./services/monitoring";
import { noopNotifier, telegramNotifier, type Notifier } from "./services/notifier";

export interface Integrations {
  /** The engine that speaks this voice: its own provider when configured, the local engine otherwise. */
  speechFor(voice: Voice): SpeechProvider;
  cloning(): CloneProvider;
  readonly audioCache: AudioCache;
  readonly analytics: Analytics;
  readonly monitoring: Monitoring;
  readonly operatorNotifier: Notifier;
  /** Null when Stripe is not configured (both the secret key and the webhook secret are needed). */
  billing(): BillingGateway | null;
  /** Expressive-tag suggestions (a Gemini text model); null without a Gemini key. */
  textEnhancer(): TextEnhancer | null;
}

const POSTHOG_DEFAULT_HOST = "https://us.i.posthog.com";

export function createIntegrations(config: AppConfig, env: Env): Integrations {
  const s = config.secrets;
  const upstash = s.UPSTASH_REDIS_REST_URL !== undefined && s.UPSTASH_REDIS_REST_TOKEN !== undefined ? { url: s.UPSTASH_REDIS_REST_URL, token: s.UPSTASH_REDIS_REST_TOKEN } : undefined;
  return {
    speechFor(voice) {
      if (voice.provider === "gemini" && s.GEMINI_API_KEY !== undefined) return createGeminiProvider(s.GEMINI_API_KEY, config.speech.gemini, s.GEMINI_BASE_URL);
      if (voice.provider === "replicate" && s.REPLICATE_API_TOKEN !== undefined) return createReplicateProvider(s.REPLICATE_API_TOKEN, s.REPLICATE_BASE_URL);
      return createLocalProvider(env.LOCAL_ENGINE);
    },
    cloning() {
      if (s.REPLICATE_API_TOKEN !== undefined) return createChatterboxProvider(s.REPLICATE_API_TOKEN, s.REPLICATE_BASE_URL);
      return createLocalCloneProvider(env.LOCAL_ENGINE);
    },
    audioCache: upstash === undefined ? kvAudioCache(env.CACHE_KV) : tieredAudioCache(env.CACHE_KV, upstash),
    analytics: s.POSTHOG_API_KEY === undefined ? noopAnalytics : postHogAnalytics(s.POSTHOG_API_KEY, s.POSTHOG_HOST ?? POSTHOG_DEFAULT_HOST),
    monitoring: s.SENTRY_DSN === undefined ? consoleMonitoring : sentryMonitoring(s.SENTRY_DSN, config.environment),
    billing: () => (config.integrations.stripe.status === "configured" && s.STRIPE_SECRET_KEY !== undefined ? createStripeGateway(s.STRIPE_SECRET_KEY, s.STRIPE_API_BASE) : null),
    textEnhancer: () => (s.GEMINI_API_KEY === undefined ? null : createGeminiTextEnhancer(s.GEMINI_API_KEY, config.enhancement.model, s.GEMINI_BASE_URL)),
    operatorNotifier: s.TELEGRAM_BOT_TOKEN !== undefined && s.TELEGRAM_CHAT_ID !== undefined ? telegramNotifier(s.TELEGRAM_BOT_TOKEN, s.TELEGRAM_CHAT_ID) : noopNotifier,
  };
}
