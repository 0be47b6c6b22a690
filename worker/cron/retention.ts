/**
 * Retention (03:17 UTC daily): free users' audio older than 30 days goes, row and object. An
 * object still referenced by another live row (shared cache audio) is kept; when an object goes,
 * its cache entries go first, so the cache never points at missing audio.
 */
import { readConfig } from "../env";
import { deleteAudioFiles, listExpiredFreeAudio, storageKeysInUse } from "../db/audio-files";
import { createIntegrations } from "../integrations";

export const FREE_AUDIO_RETENTION_DAYS = 30;
const RETENTION_BATCH = 500;

export async function purgeExpiredFreeAudio(env: Env, now: Date): Promise<{ deletedRows: number; deletedObjects: number }> {
  const cutoff = new Date(now.getTime() - FREE_AUDIO_RETENTION_DAYS * 86_400_000).toISOString();
  const rows = await listExpiredFreeAudio(env.DB, cutoff, RETENTION_BATCH);
  if (rows.length === 0) return { deletedRows: 0, deletedObjects: 0 };
  await deleteAudioFiles(
    env.DB,
    rows.map((row) => row.id),
  );
  const keys = [...new Set(rows.map((row) => row.storage_key))];
  const inUse = await storageKeysInUse(env.DB, keys);
  const orphaned = keys.filter((key) => !inUse.has(key));
  if (orphaned.length > 0) {
    const { audioCache } = createIntegrations(readConfig(env), env);
    const cacheKeys = new Set(rows.filter((row) => orphaned.includes(row.storage_key)).map((row) => row.cache_key));
    await Promise.all([...cacheKeys].map((key) => audioCache.delete(key)));
    await env.AUDIO_BUCKET.delete(orphaned);
  }
  return { deletedRows: rows.length, deletedObjects: orphaned.length };
}
