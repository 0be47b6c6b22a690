/**
 * Retention (03:17 UTC daily): free users' audio older than 30 days goes, row and object. An
 * object still referenced by another live row (shared cache audio) is kept; when an object goes,
 * its cache entries go too, so the cache never points at missing audio.
 */
import { readConfig } from "../env";
import { createAudioCache } from "../services/audio-cache";

export const FREE_AUDIO_RETENTION_DAYS = 30;
const RETENTION_BATCH = 500;

export async function purgeExpiredFreeAudio(env: Env, now: Date): Promise<{ deletedRows: number; deletedObjects: number }> {
  const cutoff = new Date(now.getTime() - FREE_AUDIO_RETENTION_DAYS * 86_400_000).toISOString();
  const rows = await env.DB.prepare(
    `SELECT a.id, a.storage_key, a.cache_key FROM audio_files a
     WHERE a.created_at < ?1
       AND NOT EXISTS (SELECT 1 FROM credit_transactions t WHERE t.user_id = a.user_id AND t.type IN ('purchase', 'topup'))
     LIMIT ?2`,
  )
    .bind(cutoff, RETENTION_BATCH)
    .all<{ id: string; storage_key: string; cache_key: string }>();
  if (rows.results.length === 0) return { deletedRows: 0, deletedObjects: 0 };
  await env.DB.batch(rows.results.map((row) => env.DB.prepare("DELETE FROM audio_files WHERE id = ?1").bind(row.id)));
  const keys = [...new Set(rows.results.map((row) => row.storage_key))];
  const orphaned: string[] = [];
  for (const key of keys) {
    const stillUsed = await env.DB.prepare("SELECT 1 AS used FROM audio_files WHERE storage_key = ?1 AND deleted_at IS NULL LIMIT 1").bind(key).first();
    if (stillUsed === null) orphaned.push(key);
  }
  if (orphaned.length > 0) {
    const cache = createAudioCache(readConfig(env), env);
    const cacheKeys = new Set(rows.results.filter((row) => orphaned.includes(row.storage_key)).map((row) => row.cache_key));
    await Promise.all([...cacheKeys].map((key) => cache.delete(key)));
    await env.AUDIO_BUCKET.delete(orphaned);
  }
  return { deletedRows: rows.results.length, deletedObjects: orphaned.length };
}
