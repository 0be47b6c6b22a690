/**
 * `GET /api/daily-stats?day=YYYY-MM-DD`: the daily report (yesterday by default) for operators'
 * tools. Mounted with the `cron-secret` scheme (app.ts): `Authorization: Bearer <CRON_SECRET>`,
 * and with no secret configured it refuses everyone.
 */
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../context";
import { parseInput } from "../middleware";
import { computeDailyStats } from "../cron/daily-stats";

const querySchema = z.object({ day: z.iso.date().optional() });

export const dailyStatsRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const { day } = parseInput(querySchema, c.req.query());
  return c.json(await computeDailyStats(c.env.DB, day ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)));
});
