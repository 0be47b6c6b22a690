/** Read-only figures across tables for the operators' daily report (cron/daily-stats.ts). */
export interface DailyFigures {
  newUsers: number;
  generations: number;
  cachedGenerations: number;
  clones: number;
  callSeconds: number;
  creditsSpent: number;
  creditsBought: number;
}

export async function dailyFigures(db: D1Database, start: string, end: string): Promise<DailyFigures> {
  const row = await db
    .prepare(
      `SELECT
        (SELECT COUNT(*) FROM profiles WHERE created_at >= ?1 AND created_at < ?2) AS new_users,
        (SELECT COUNT(*) FROM audio_files WHERE kind = 'tts' AND created_at >= ?1 AND created_at < ?2) AS generations,
        (SELECT COUNT(*) FROM audio_files WHERE kind = 'tts' AND cached = 1 AND created_at >= ?1 AND created_at < ?2) AS cached_generations,
        (SELECT COUNT(*) FROM audio_files WHERE kind = 'clone' AND created_at >= ?1 AND created_at < ?2) AS clones,
        (SELECT COALESCE(SUM(duration_seconds), 0) FROM call_sessions WHERE started_at >= ?1 AND started_at < ?2) AS call_seconds,
        (SELECT COALESCE(-SUM(amount), 0) FROM credit_transactions WHERE type IN ('usage', 'refund') AND reservation_id IS NOT NULL AND created_at >= ?1 AND created_at < ?2) AS credits_spent,
        (SELECT COALESCE(SUM(amount), 0) FROM credit_transactions WHERE type IN ('purchase', 'topup') AND created_at >= ?1 AND created_at < ?2) AS credits_bought`,
    )
    .bind(start, end)
    .first<Record<string, number>>();
  return {
    newUsers: row?.new_users ?? 0,
    generations: row?.generations ?? 0,
    cachedGenerations: row?.cached_generations ?? 0,
    clones: row?.clones ?? 0,
    callSeconds: row?.call_seconds ?? 0,
    creditsSpent: row?.credits_spent ?? 0,
    creditsBought: row?.credits_bought ?? 0,
  };
}
