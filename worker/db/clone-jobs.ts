/** Voice-cloning jobs (`clone_jobs`): the consent record of each accepted request and its outcome. */
import type { AudioFormat } from "../services/audio-probe";

export type CloneJobStatus = "running" | "succeeded" | "shared" | "cached" | "failed";

export interface NewCloneJob {
  id: string;
  userId: string;
  locale: string;
  reference: { sha256: string; format: AudioFormat; byteSize: number; durationSeconds: number; pitchHz: number | null };
  provider: string;
  model: string;
  status: "running" | "cached";
  audioFileId?: string;
}

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** Records the job with its consent (only ever created after consent=true was checked). */
export async function recordCloneJob(db: D1Database, job: NewCloneJob): Promise<void> {
  await db
    .prepare(
      `INSERT INTO clone_jobs (id, user_id, consent, locale, reference_sha256, reference_format, reference_bytes, reference_duration_seconds, reference_pitch_hz, provider, model, status, audio_file_id, finished_at)
       VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, CASE WHEN ?11 = 'running' THEN NULL ELSE ${NOW} END)`,
    )
    .bind(
      job.id,
      job.userId,
      job.locale,
      job.reference.sha256,
      job.reference.format,
      job.reference.byteSize,
      job.reference.durationSeconds,
      job.reference.pitchHz,
      job.provider,
      job.model,
      job.status,
      job.audioFileId ?? null,
    )
    .run();
}

export async function finishCloneJob(db: D1Database, id: string, outcome: { status: Exclude<CloneJobStatus, "running" | "cached">; audioFileId?: string; errorCode?: string }): Promise<void> {
  await db
    .prepare(`UPDATE clone_jobs SET status = ?1, audio_file_id = ?2, error_code = ?3, finished_at = ${NOW} WHERE id = ?4 AND status = 'running'`)
    .bind(outcome.status, outcome.audioFileId ?? null, outcome.errorCode ?? null, id)
    .run();
}

/**
 * True when a later job of the same user used the same recording (cache hits never store it, so
 * they do not count). That job's own clean-up message deletes the reference after it is done.
 */
export async function laterJobUsesReference(db: D1Database, userId: string, sha256: string, jobId: string): Promise<boolean> {
  const row = await db
    .prepare(
      `SELECT 1 AS later FROM clone_jobs j, (SELECT COALESCE((SELECT created_at FROM clone_jobs WHERE id = ?3), '') AS at) this
       WHERE j.user_id = ?1 AND j.reference_sha256 = ?2 AND j.status <> 'cached'
         AND (j.created_at > this.at OR (j.created_at = this.at AND j.id > ?3))
       LIMIT 1`,
    )
    .bind(userId, sha256, jobId)
    .first();
  return row !== null;
}

/** True when a job that stored this recording started at or after `since` (ISO time). */
export async function referenceUsedSince(db: D1Database, userId: string, sha256: string, since: string): Promise<boolean> {
  const row = await db.prepare("SELECT 1 AS used FROM clone_jobs WHERE user_id = ?1 AND reference_sha256 = ?2 AND status <> 'cached' AND created_at >= ?3 LIMIT 1").bind(userId, sha256, since).first();
  return row !== null;
}
