/**
 * Daily stats (07:00 UTC): yesterday's figures from D1, sent to the operators' notifier (Telegram)
 * when configured.
 * `computeDailyStats` is also what `GET /api/daily-stats` returns.
 */
import { readConfig } from "../env";
import { dailyFigures } from "../db/stats";
import { createIntegrations } from "../integrations";

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
  const figures = await dailyFigures(db, start, end);
  return { day, ...figures, callMinutes: Math.round((figures.callSeconds / 60) * 10) / 10 };
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
  const { operatorNotifier } = createIntegrations(readConfig(env), env);
  if (!operatorNotifier.enabled) return { day, delivered: false };
  return { day, delivered: await operatorNotifier.send(formatDailyStats(stats)) };
}
