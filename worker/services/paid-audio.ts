/**
 * The paid-audio orchestrator: the one path every front door (the dashboard's generate and clone
 * routes, and later streaming, saved voices and `/api/v1`) sends an order through:
 *   validate (the front door's prepare step) → cache → single flight (GenerationGate) → reserve →
 *   provider → store → cache write → history → settle (services/production.ts, in the gate).
 * A cache hit, or a result shared from an identical order in flight, costs 0 credits; its history
 * row is written after the response but cannot be lost: the response waits until the row is
 * queued (`history.record`, idempotent by id, written by the consumer in one batch per delivery),
 * and is also written right after it so History shows it at once; only if the queue refuses is it
 * written before responding. Its URL works at once because the signed link carries the storage key.
 * Outputs are plain data (`AudioDelivery`, `audioResponseBody`), built without Hono's Context.
 */
import { configSnapshot, originalEnv, type AppConfig } from "../env";
import { recordAudioFile, type NewAudioFile } from "../db/audio-files";
import type { AccountSummary } from "../db/credits";
import type { Integrations } from "../integrations";
import { enqueueJob } from "../queues/messages";
import { audioFormatOf, type GenerateVoiceResponse } from "../shared/contracts";
import { AppError } from "../shared/errors";
import type { CacheEntry } from "./audio-cache";
import type { AudioLinks } from "./audio-urls";
import type { AudioOrder } from "./orders";
import type { RequestTiming } from "./timing";
import { log } from "./logging";

export interface PaidAudioContext {
  env: Env;
  config: AppConfig;
  integrations: Integrations;
  waitUntil(promise: Promise<unknown>): void;
  timing?: RequestTiming;
}

export interface AudioDelivery {
  id: string;
  entry: CacheEntry;
  creditsUsed: number;
  creditsRemaining: number;
  cached: boolean;
  /** Where the audio came from: the cache, an identical order in flight, or a new production. */
  source: "cache" | "shared" | "produced";
}

export interface DeliveryOptions {
  /** Runs once the order is known to need a production, before the gate (the clone stores its upload). */
  beforeProduction?(): Promise<void>;
  /** False: write a 0-credit history row before responding (a caller that links rows to it). */
  deferFreeHistory?: boolean;
  /** The cache lookup for this order, if the front door already started it. */
  cached?: Promise<CacheEntry | null>;
}

/** A 0-credit history row, queued before the response so it cannot be lost (or written now if the queue refuses). */
export async function recordFreeDelivery(ctx: PaidAudioContext, order: AudioOrder, entry: CacheEntry, defer: boolean): Promise<string> {
  const id = crypto.randomUUID();
  const { voiceId, text, style, locale } = order.history;
  const createdAt = new Date().toISOString();
  const row: NewAudioFile = { id, userId: order.userId, voiceId, kind: order.kind, text, style, locale, entry, cacheKey: order.cacheKey, creditsUsed: 0, createdAt };
  if (!defer) {
    await recordAudioFile(ctx.env.DB, row);
    return id;
  }
  try {
    await enqueueJob(ctx.env.JOBS_QUEUE, { type: "history.record", id, userId: row.userId, voiceId, kind: row.kind, text, ...(style !== undefined ? { style } : {}), locale, cacheKey: row.cacheKey, entry, createdAt });
  } catch (error) {
    log.error("queueing the history row failed; writing it before responding", error);
    await recordAudioFile(ctx.env.DB, row);
    return id;
  }
  // Also written right after the response, so History shows it at once; the queued copy is then a no-op.
  ctx.waitUntil(recordAudioFile(originalEnv(ctx.env).DB, row).catch((error: unknown) => log.error("writing the history row failed; the queued message writes it", error)));
  return id;
}

/** Paid work is refused while the account owes credits from a refund or dispute (cache hits are free). */
export function refuseOnHold(account: AccountSummary): void {
  if (account.creditsOwed > 0) {
    throw new AppError("billing_hold", "Your account is on hold because a payment was refunded or disputed after its credits were spent. Contact support to settle it.");
  }
}

export async function deliverAudio(ctx: PaidAudioContext, order: AudioOrder, account: AccountSummary, options: DeliveryOptions = {}): Promise<AudioDelivery> {
  const hit = await (options.cached ?? ctx.integrations.audioCache.get(order.cacheKey));
  if (hit !== null) {
    const id = await recordFreeDelivery(ctx, order, hit, options.deferFreeHistory ?? true);
    return { id, entry: hit, creditsUsed: 0, creditsRemaining: account.balance, cached: true, source: "cache" };
  }
  refuseOnHold(account);
  await options.beforeProduction?.();
  const gate = ctx.env.GENERATION_GATE.get(ctx.env.GENERATION_GATE.idFromName(order.cacheKey));
  const started = performance.now();
  const outcome = await gate.produce({ order, productionId: crypto.randomUUID(), settings: configSnapshot(ctx.config) });
  ctx.timing?.add("gate", performance.now() - started);
  switch (outcome.kind) {
    case "produced":
      ctx.timing?.add("provider", outcome.providerMs);
      if (outcome.encodeMs > 0) ctx.timing?.add("encode", outcome.encodeMs);
      return { id: outcome.productionId, entry: outcome.entry, creditsUsed: outcome.creditsUsed, creditsRemaining: outcome.creditsRemaining, cached: false, source: "produced" };
    case "shared": {
      const id = await recordFreeDelivery(ctx, order, outcome.entry, options.deferFreeHistory ?? true);
      return { id, entry: outcome.entry, creditsUsed: 0, creditsRemaining: account.balance, cached: true, source: "shared" };
    }
    case "failed":
      throw new AppError(outcome.code, outcome.message, {
        ...(outcome.field !== undefined ? { field: outcome.field } : {}),
        ...(outcome.retryAfterSeconds !== undefined ? { retryAfterSeconds: outcome.retryAfterSeconds } : {}),
      });
  }
}

/** The response body of every paid or cached audio request (cloning adds its reference). */
export async function audioResponseBody(delivery: AudioDelivery, links: AudioLinks): Promise<GenerateVoiceResponse> {
  return {
    id: delivery.id,
    url: await links.link(delivery.id, delivery.entry.storageKey),
    creditsUsed: delivery.creditsUsed,
    creditsRemaining: delivery.creditsRemaining,
    cached: delivery.cached,
    provider: delivery.entry.provider,
    model: delivery.entry.model,
    durationSeconds: delivery.entry.durationSeconds,
    format: audioFormatOf(delivery.entry.contentType),
  };
}
