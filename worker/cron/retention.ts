/**
 * Retention (hourly, at minute 17): free users' audio (users who never bought credits) older than 30
 * days goes, row and object, however many rows are due. The job works in bounded batches, oldest
 * first, and stops when nothing is due, when its wall-time budget is spent, or before it could
 * pass the platform's 1,000 KV/R2 operations per invocation; what is left is simply still due on
 * the next run, which resumes there (no cursor to keep).
 *
 * Each batch is services/audio-purge.ts (shared with account deletion): an object another live
 * row uses stays, the cache entries of removed objects go first, the rows last.
 */
import { readConfig } from "../env";
import { listExpiredFreeAudio } from "../db/audio-files";
import { createIntegrations } from "../integrations";
import { PURGE_BATCH_FIXED_OPERATIONS, PURGE_OPERATIONS_PER_ROW, purgeAudioBatch } from "../services/audio-purge";

export const FREE_AUDIO_RETENTION_DAYS = 30;

export interface RetentionOptions {
  /** Rows per batch (at most). */
  batchSize: number;
  /** Wall time after which no new batch starts; a batch always runs to its end. */
  timeBudgetMs: number;
  /**
   * KV, R2 and D1 calls per run, counted conservatively (a cache lookup as two: it may backfill
   * KV from Upstash). Kept below the 1,000 operations a Worker invocation may make.
   */
  maxOperations: number;
}

export const RETENTION_DEFAULTS: RetentionOptions = { batchSize: 200, timeBudgetMs: 20_000, maxOperations: 900 };

export interface RetentionRun {
  cutoff: string;
  deletedRows: number;
  deletedObjects: number;
  /** Objects of removed rows that another live row still uses (counted in each batch that meets them). */
  keptObjects: number;
  deletedCacheEntries: number;
  /** Entries under a removed row's cache key that point at an object that stays. */
  keptCacheEntries: number;
  batches: number;
  /** True when nothing more was due; false when the run stopped for its budget. */
  finished: boolean;
  stoppedBy: "done" | "time" | "operations";
  operations: number;
  elapsedMs: number;
}

export async function purgeExpiredFreeAudio(env: Env, now: Date, options: RetentionOptions = RETENTION_DEFAULTS): Promise<RetentionRun> {
  const started = Date.now();
  const cutoff = new Date(now.getTime() - FREE_AUDIO_RETENTION_DAYS * 86_400_000).toISOString();
  const { audioCache } = createIntegrations(readConfig(env), env);
  const run: RetentionRun = { cutoff, deletedRows: 0, deletedObjects: 0, keptObjects: 0, deletedCacheEntries: 0, keptCacheEntries: 0, batches: 0, finished: false, stoppedBy: "done", operations: 0, elapsedMs: 0 };
  for (;;) {
    if (run.batches > 0 && Date.now() - started >= options.timeBudgetMs) {
      run.stoppedBy = "time";
      break;
    }
    const limit = Math.min(options.batchSize, Math.floor((options.maxOperations - run.operations - PURGE_BATCH_FIXED_OPERATIONS) / PURGE_OPERATIONS_PER_ROW));
    if (limit < 1) {
      run.stoppedBy = "operations";
      break;
    }
    const rows = await listExpiredFreeAudio(env.DB, cutoff, limit);
    run.operations += 1;
    if (rows.length === 0) {
      run.finished = true;
      break;
    }
    const batch = await purgeAudioBatch(env, audioCache, rows);
    run.deletedRows += batch.deletedRows;
    run.deletedObjects += batch.deletedObjects;
    run.keptObjects += batch.keptObjects;
    run.deletedCacheEntries += batch.deletedCacheEntries;
    run.keptCacheEntries += batch.keptCacheEntries;
    run.operations += batch.operations;
    run.batches += 1;
    if (rows.length < limit) {
      // Fewer rows than asked for: that was the last of them.
      run.finished = true;
      break;
    }
  }
  run.elapsedMs = Date.now() - started;
  return run;
}
