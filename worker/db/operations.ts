/** Operators' tables: `job_runs` (one row per scheduled job run) and `dead_letters` (queue messages that could not be processed). */
export async function recordJobRun(db: D1Database, run: { job: string; cron: string; scheduledAt: string; result: object }): Promise<void> {
  await db.prepare("INSERT INTO job_runs (id, job, cron, scheduled_at, result) VALUES (?1, ?2, ?3, ?4, ?5)").bind(crypto.randomUUID(), run.job, run.cron, run.scheduledAt, JSON.stringify(run.result)).run();
}

export interface DeadLetterRow {
  id: string;
  queue: string;
  reason: string;
  body: unknown;
}

/** Stores dead letters; a redelivered one (same message id) is kept once. */
export async function storeDeadLetters(db: D1Database, letters: DeadLetterRow[]): Promise<void> {
  if (letters.length === 0) return;
  await db.batch(letters.map((l) => db.prepare("INSERT OR IGNORE INTO dead_letters (id, queue, reason, body) VALUES (?1, ?2, ?3, ?4)").bind(l.id, l.queue, l.reason, JSON.stringify(l.body ?? null))));
}
