/**
 * Daily stats (07:00 UTC): yesterday's figures from D1, sent to Telegram when configured.
 * `computeDailyStats` is also what `GET /api/daily-stats` returns.
 */
import { readConfig } from "../env";

export interface DailyStats {
  day: string;
  newUsers: number;
  generations: number;
  cachedGenerations: number;
  clones: number;
  callMinutes: number;
  creditsSpent: number;
  creditsBought: number;
}

export async function computeDailyStats(db: D1Database, day: string): Promise<DailyStats> {
  const start = `${day}T00:00:00.000Z`;
  const end = new Date(Date.parse(start) + 86_400_000).toISOString();
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
    day,
    newUsers: row?.new_users ?? 0,
    generations: row?.generations ?? 0,
    cachedGenerations: row?.cached_generations ?? 0,
    clones: row?.clones ?? 0,
    callMinutes: Math.round(((row?.call_seconds ?? 0) / 60) * 10) / 10,
    creditsSpent: row?.credits_spent ?? 0,
    creditsBought: row?.credits_bought ?? 0,
  };
}

export function formatDailyStats(stats: DailyStats): string {
  const hitRate = stats.generations === 0 ? 0 : Math.round((stats.cachedGenerations / stats.generations) * 100);
  return [
    `SexyVoice daily stats for ${stats.day}`,
    `New users: ${stats.newUsers}`,
    `Generations: ${stats.generations} (cache hit rate ${hitRate}%)`,
    `Clones: ${stats.clones}`,
    `Call minutes: ${stats.callMinutes}`,
    `Credits spent: ${stats.creditsSpent}`,
    `Credits bought: ${stats.creditsBought}`,
  ].join("\n");
}

export async function sendDailyStats(env: Env, now: Date): Promise<{ day: string; delivered: boolean }> {
  const day = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const stats = await computeDailyStats(env.DB, day);
  const config = readConfig(env);
  const token = config.secrets.TELEGRAM_BOT_TOKEN;
  const chatId = config.secrets.TELEGRAM_CHAT_ID;
  if (token === undefined || chatId === undefined) return { day, delivered: false };
  const response = await fetch(`https://api.telegram.org/bot${token}/sendMessage`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ chat_id: chatId, text: formatDailyStats(stats) }),
  });
  if (!response.ok) throw new Error(`Telegram answered ${response.status}`);
  return { day, delivered: true };
}
