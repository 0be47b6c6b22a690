/**
 * Daily stats (07:00 UTC): yesterday's figures from D1 (db/stats.ts), sent to the operators'
 * notifier (Telegram, HTML parse mode, retried there) when configured. `computeDailyStats` builds
 * the one report that both this job and `GET /api/daily-stats` use. The job's result, stored in
 * its `job_runs` row, says whether the message was delivered, after how many attempts, and why not.
 */
import { readConfig } from "../env";
import { dailyFigures } from "../db/stats";
import { createIntegrations } from "../integrations";
import { escapeHtml } from "../services/notifier";
import type { DailyStats } from "../shared/stats";
import { log } from "../services/logging";

export type { DailyStats } from "../shared/stats";

const DAY_MS = 86_400_000;

export async function computeDailyStats(db: D1Database, day: string): Promise<DailyStats> {
  const start = `${day}T00:00:00.000Z`;
  const end = new Date(Date.parse(start) + DAY_MS).toISOString();
  const f = await dailyFigures(db, start, end);
  return {
    day,
    newUsers: f.newUsers,
    activeUsers: f.activeUsers,
    generations: f.generations,
    cachedGenerations: f.cachedGenerations,
    cacheHitRate: f.generations === 0 ? 0 : Math.round((f.cachedGenerations / f.generations) * 1000) / 10,
    clones: f.clones,
    callMinutes: Math.round((f.callSeconds / 60) * 10) / 10,
    creditsSpent: f.creditsSpent,
    creditsBought: f.creditsBought,
    payments: f.payments,
    revenueCents: f.revenueCents,
    failures: { providerErrors: f.refundedProductions, deadLetters: f.deadLetters },
    topVoices: f.topVoices,
  };
}

/** Stripe's zero-decimal currencies: their amounts are already whole units. */
const ZERO_DECIMAL = new Set(["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"]);

function money(currency: string, amount: number): string {
  return `${ZERO_DECIMAL.has(currency) ? String(amount) : (amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The Telegram message: HTML parse mode, every dynamic text escaped. */
export function formatDailyStats(stats: DailyStats): string {
  const revenue = Object.entries(stats.revenueCents).map(([currency, cents]) => money(currency, cents));
  const lines = [
    `<b>SexyVoice daily stats for ${escapeHtml(stats.day)}</b>`,
    `New users: ${stats.newUsers}`,
    `Active users: ${stats.activeUsers}`,
    `Generations: ${stats.generations} (cache hit rate ${stats.cacheHitRate}%)`,
    `Clones: ${stats.clones}`,
    `Call minutes: ${stats.callMinutes}`,
    `Credits spent: ${stats.creditsSpent}`,
    `Credits bought: ${stats.creditsBought}`,
    `Revenue: ${revenue.length === 0 ? "0" : `${escapeHtml(revenue.join(", "))} (${plural(stats.payments, "payment", "payments")})`}`,
    `Failures: ${plural(stats.failures.providerErrors, "refunded production", "refunded productions")}, ${plural(stats.failures.deadLetters, "dead letter", "dead letters")}`,
  ];
  if (stats.topVoices.length > 0) lines.push(`Top voices: ${stats.topVoices.map((v) => `${escapeHtml(v.name)} (${v.uses})`).join(", ")}`);
  return lines.join("\n");
}

export type DailyStatsRun = { day: string; delivered: boolean; outcome: "delivered" | "failed" | "not_configured"; attempts: number; reason?: string };

export async function sendDailyStats(env: Env, now: Date): Promise<DailyStatsRun> {
  const day = new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
  const stats = await computeDailyStats(env.DB, day);
  const { operatorNotifier } = createIntegrations(readConfig(env), env);
  if (!operatorNotifier.enabled) return { day, delivered: false, outcome: "not_configured", attempts: 0 };
  const delivery = await operatorNotifier.send(formatDailyStats(stats));
  if (delivery.delivered) return { day, delivered: true, outcome: "delivered", attempts: delivery.attempts };
  log.error(`daily stats for ${day} not delivered after ${delivery.attempts} attempts: ${delivery.reason}`);
  return { day, delivered: false, outcome: "failed", attempts: delivery.attempts, reason: delivery.reason };
}
