/**
 * The generated-audio cache: cache keys and the cache tiers. KV always; Upstash Redis as a
 * second, strongly consistent tier when configured (checked after a KV miss, and backfills KV).
 * An entry points at the audio object in R2. Storage keys: KV `audio:<sha256>`, Redis
 * `sexyvoice:audio:<sha256>`.
 */
import { Redis } from "@upstash/redis/cloudflare";
import * as z from "zod";
import type { AudioFormat } from "../shared/contracts";
import { normaliseText } from "../shared/text-metrics";

export const cacheEntrySchema = z.object({
  storageKey: z.string().min(1),
  contentType: z.string().min(1),
  byteSize: z.number().int().nonnegative(),
  durationSeconds: z.number().nonnegative(),
  provider: z.enum(["gemini", "replicate", "local"]),
  model: z.string().min(1),
});
export type CacheEntry = z.infer<typeof cacheEntrySchema>;

export interface CacheKeyInput {
  provider: string;
  model: string;
  voiceId: string;
  locale: string;
  text: string;
  style?: string;
  seed?: number;
  temperature?: number;
  /** The stored format (services/mp3.ts `storedFormat`). */
  format: AudioFormat;
}

/**
 * Full SHA-256 (hex) of a canonical serialisation; never truncated. The stored format is its last
 * element, left out for WAV so the keys of audio cached before MP3 existed stay valid.
 */
export async function audioCacheKey(input: CacheKeyInput): Promise<string> {
  const canonical = JSON.stringify([
    "tts-v1",
    input.provider,
    input.model,
    input.voiceId,
    input.locale.toLowerCase(),
    normaliseText(input.text),
    input.style === undefined ? null : normaliseText(input.style),
    input.seed ?? null,
    input.temperature ?? null,
    ...(input.format === "wav" ? [] : [input.format]),
  ]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export interface AudioCache {
  get(key: string): Promise<CacheEntry | null>;
  set(key: string, entry: CacheEntry): Promise<void>;
  delete(key: string): Promise<void>;
}

/** KV entries expire a little after the 30-day free-audio retention, so they self-heal. */
const KV_TTL_SECONDS = 35 * 86_400;

export function kvAudioCache(kv: KVNamespace): AudioCache {
  return {
    async get(key) {
      const raw = await kv.get(`audio:${key}`, "json");
      const parsed = cacheEntrySchema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
    async set(key, entry) {
      await kv.put(`audio:${key}`, JSON.stringify(entry), { expirationTtl: KV_TTL_SECONDS });
    },
    async delete(key) {
      await kv.delete(`audio:${key}`);
    },
  };
}

function redisCache(redis: Redis): AudioCache {
  return {
    async get(key) {
      const parsed = cacheEntrySchema.safeParse(await redis.get(`sexyvoice:audio:${key}`));
      return parsed.success ? parsed.data : null;
    },
    async set(key, entry) {
      await redis.set(`sexyvoice:audio:${key}`, entry, { ex: KV_TTL_SECONDS });
    },
    async delete(key) {
      await redis.del(`sexyvoice:audio:${key}`);
    },
  };
}

function tiered(first: AudioCache, second: AudioCache): AudioCache {
  return {
    async get(key) {
      const hit = await first.get(key);
      if (hit !== null) return hit;
      const deeper = await second.get(key);
      if (deeper !== null) await first.set(key, deeper).catch(() => {});
      return deeper;
    },
    async set(key, entry) {
      await Promise.all([first.set(key, entry), second.set(key, entry)]);
    },
    async delete(key) {
      await Promise.all([first.delete(key), second.delete(key)]);
    },
  };
}

/** KV first, then Upstash Redis (strongly consistent), which backfills KV on a KV miss. */
export function tieredAudioCache(kv: KVNamespace, upstash: { url: string; token: string }): AudioCache {
  return tiered(kvAudioCache(kv), redisCache(new Redis({ url: upstash.url, token: upstash.token, enableTelemetry: false, enableAutoPipelining: false })));
}
