/**
 * Removing audio rows with their objects and cache entries, safely at any volume: the one
 * procedure free-audio retention (cron/retention.ts) and account deletion (services/account.ts)
 * both run, one bounded batch at a time. Per batch, in an order that a crash at any step leaves
 * safe to redo: find which of the batch's objects no live row outside the batch still uses
 * (shared cache audio of any user stays); delete the cache entries (KV and Upstash, through the
 * audio cache) that point at those objects, and only those (an entry under the same key that
 * points elsewhere stays); check again that no live row took an object meanwhile (a cache hit in
 * flight: its entry is put back and the object kept); delete the objects; then the rows. Rows go
 * last, so an object is never left without a row that leads the next run back to it.
 */
import { cacheKeysOfObjects, purgeAudioFiles, storageKeysUsedOutside } from "../db/audio-files";
import type { AudioCache, CacheEntry } from "./audio-cache";

/** D1 statements and R2 calls of one batch, apart from its cache lookups (listing included). */
export const PURGE_BATCH_FIXED_OPERATIONS = 6;
/** Worst case per row: one cache key of its own, looked up (2: it may backfill KV from Upstash) and deleted (1). */
export const PURGE_OPERATIONS_PER_ROW = 3;
const CACHE_CONCURRENCY = 20;

export interface PurgeRow {
  id: string;
  storage_key: string;
  cache_key: string;
}

export interface PurgeOutcome {
  deletedRows: number;
  deletedObjects: number;
  /** Objects of removed rows that another live row still uses. */
  keptObjects: number;
  deletedCacheEntries: number;
  /** Entries under a removed row's cache key that point at an object that stays. */
  keptCacheEntries: number;
  /** KV, R2 and D1 calls made (a cache lookup counted as two), for the caller's budget. */
  operations: number;
}

async function inChunks<T>(items: T[], size: number, each: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(each));
}

export async function purgeAudioBatch(env: Env, audioCache: AudioCache, rows: PurgeRow[]): Promise<PurgeOutcome> {
  const outcome: PurgeOutcome = { deletedRows: 0, deletedObjects: 0, keptObjects: 0, deletedCacheEntries: 0, keptCacheEntries: 0, operations: 0 };
  const ids = rows.map((row) => row.id);
  const keys = [...new Set(rows.map((row) => row.storage_key))];
  const usedElsewhere = await storageKeysUsedOutside(env.DB, keys, ids);
  const candidates = new Set(keys.filter((key) => !usedElsewhere.has(key)));
  const cacheKeys = [...new Set([...rows.filter((row) => candidates.has(row.storage_key)).map((row) => row.cache_key), ...(await cacheKeysOfObjects(env.DB, [...candidates]))])];
  outcome.operations += 2;

  const removedEntries = new Map<string, CacheEntry>();
  await inChunks(cacheKeys, CACHE_CONCURRENCY, async (cacheKey) => {
    const entry = await audioCache.get(cacheKey);
    outcome.operations += 2;
    if (entry === null) return;
    if (!candidates.has(entry.storageKey)) {
      outcome.keptCacheEntries += 1;
      return;
    }
    await audioCache.delete(cacheKey);
    outcome.operations += 1;
    removedEntries.set(cacheKey, entry);
  });

  // A cache hit between the first check and the entry's removal may have recorded a live row.
  const takenMeanwhile = await storageKeysUsedOutside(env.DB, [...candidates], ids);
  outcome.operations += 1;
  for (const [cacheKey, entry] of removedEntries) {
    if (!takenMeanwhile.has(entry.storageKey)) continue;
    await audioCache.set(cacheKey, entry);
    outcome.operations += 1;
    removedEntries.delete(cacheKey);
  }
  const orphaned = [...candidates].filter((key) => !takenMeanwhile.has(key));
  for (let i = 0; i < orphaned.length; i += 1000) {
    await env.AUDIO_BUCKET.delete(orphaned.slice(i, i + 1000));
    outcome.operations += 1;
  }
  // D1 also counts the clone jobs a deleted row unlinks (ON DELETE SET NULL) as changes: count rows, not changes.
  outcome.deletedRows = Math.min(await purgeAudioFiles(env.DB, ids), ids.length);
  outcome.operations += 1;
  outcome.deletedObjects = orphaned.length;
  outcome.keptObjects = keys.length - orphaned.length;
  outcome.deletedCacheEntries = removedEntries.size;
  return outcome;
}
