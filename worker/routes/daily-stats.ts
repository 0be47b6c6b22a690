/**
 * `GET /api/daily-stats?day=YYYY-MM-DD`: the daily report (yesterday by default) for operators'
 * tools. Needs `Authorization: Bearer <CRON_SECRET>`; with no secret configured it refuses everyone.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { AppError } from "../shared/errors";
import { parseInput } from "../middleware";
import { computeDailyStats } from "../cron/daily-stats";

const querySchema = z.object({ day: z.iso.date().optional() });

async function sameSecret(given: string, expected: string): Promise<boolean> {
  const digest = async (value: string) => new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value)));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

export const dailyStatsRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const secret = c.get("config").secrets.CRON_SECRET;
  const given = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  if (secret === undefined || given === undefined || !(await sameSecret(given, secret))) {
    throw new AppError("unauthenticated", "A valid cron secret is required.");
  }
  const { day } = parseInput(querySchema, c.req.query());
  return c.json(await computeDailyStats(c.env.DB, day ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)));
});
