/**
 * Read-only figures across tables for the operators' daily report (cron/daily-stats.ts), over
 * `[start, end)` in the ISO timestamps every table stores. Writes nothing; each table's writes stay
 * with its own module.
 */
export interface DailyFigures {
  newUsers: number;
  activeUsers: number;
  generations: number;
  cachedGenerations: number;
  clones: number;
  callSeconds: number;
  creditsSpent: number;
  creditsBought: number;
  payments: number;
  revenueCents: Record<string, number>;
  refundedProductions: number;
  deadLetters: number;
  topVoices: { name: string; uses: number }[];
}

export async function dailyFigures(db: D1Database, start: string, end: string): Promise<DailyFigures> {
  const [totals, revenue, voices] = await db.batch([
    db
      .prepare(
        `SELECT
          (SELECT COUNT(*) FROM profiles WHERE created_at >= ?1 AND created_at < ?2) AS new_users,
          (SELECT COUNT(*) FROM (
             SELECT user_id FROM usage_events WHERE created_at >= ?1 AND created_at < ?2
             UNION SELECT user_id FROM audio_files WHERE created_at >= ?1 AND created_at < ?2)) AS active_users,
          (SELECT COUNT(*) FROM audio_files WHERE kind = 'tts' AND created_at >= ?1 AND created_at < ?2) AS generations,
          (SELECT COUNT(*) FROM audio_files WHERE kind = 'tts' AND cached = 1 AND created_at >= ?1 AND created_at < ?2) AS cached_generations,
          (SELECT COUNT(*) FROM audio_files WHERE kind = 'clone' AND created_at >= ?1 AND created_at < ?2) AS clones,
          (SELECT COALESCE(SUM(duration_seconds), 0) FROM call_sessions WHERE started_at >= ?1 AND started_at < ?2) AS call_seconds,
          (SELECT COALESCE(-SUM(amount), 0) FROM credit_transactions
            WHERE (type = 'usage' OR (type = 'refund' AND reservation_id IS NOT NULL)) AND created_at >= ?1 AND created_at < ?2) AS credits_spent,
          (SELECT COALESCE(SUM(amount), 0) FROM credit_transactions WHERE type IN ('purchase', 'topup') AND created_at >= ?1 AND created_at < ?2) AS credits_bought,
          (SELECT COUNT(*) FROM credit_reservations WHERE status = 'refunded' AND closed_at >= ?1 AND closed_at < ?2) AS refunded_productions,
          (SELECT COUNT(*) FROM dead_letters WHERE created_at >= ?1 AND created_at < ?2) AS dead_letters`,
      )
      .bind(start, end),
    db
      .prepare("SELECT lower(currency) AS currency, COUNT(*) AS payments, SUM(amount_cents) AS cents FROM billing_payments WHERE created_at >= ?1 AND created_at < ?2 GROUP BY lower(currency) ORDER BY lower(currency)")
      .bind(start, end),
    db
      .prepare(
        `SELECT v.name AS name, COUNT(*) AS uses FROM audio_files a JOIN voices v ON v.id = a.voice_id
         WHERE a.created_at >= ?1 AND a.created_at < ?2 GROUP BY a.voice_id ORDER BY uses DESC, v.name LIMIT 3`,
      )
      .bind(start, end),
  ]);
  const row = (totals?.results[0] ?? {}) as Record<string, number | undefined>;
  const revenueRows = (revenue?.results ?? []) as { currency: string; payments: number; cents: number }[];
  return {
    newUsers: row.new_users ?? 0,
    activeUsers: row.active_users ?? 0,
    generations: row.generations ?? 0,
    cachedGenerations: row.cached_generations ?? 0,
    clones: row.clones ?? 0,
    callSeconds: row.call_seconds ?? 0,
    creditsSpent: row.credits_spent ?? 0,
    creditsBought: row.credits_bought ?? 0,
    payments: revenueRows.reduce((sum, r) => sum + r.payments, 0),
    revenueCents: Object.fromEntries(revenueRows.map((r) => [r.currency, r.cents])),
    refundedProductions: row.refunded_productions ?? 0,
    deadLetters: row.dead_letters ?? 0,
    topVoices: ((voices?.results ?? []) as { name: string; uses: number }[]).map((v) => ({ name: v.name, uses: v.uses })),
  };
}
