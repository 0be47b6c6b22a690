/**
 * `GET /api/usage-events` (own events, cursor pages, `type`/`from`/`to` filters, or `format=csv`
 * for the whole filtered range) and `GET /api/usage/summary` (signed-in users, declared in app.ts).
 */
import { Hono } from "hono";
import type { AppEnv } from "../context";
import { parseInput } from "../middleware";
import { usageEventsQuerySchema } from "../shared/contracts";
import { usageEventsCsv, usageEventsPage, usageSummary } from "../services/usage";

export const usageEventRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const query = parseInput(usageEventsQuerySchema, c.req.query());
  const userId = c.get("identity").userId;
  if (query.format === "json") return c.json(await usageEventsPage(c.env.DB, userId, query));
  const name = `sexyvoice-usage-${query.from ?? "start"}-to-${query.to ?? "today"}${query.type === undefined ? "" : `-${query.type}`}.csv`;
  return c.body(await usageEventsCsv(c.env.DB, userId, query), 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${name}"`,
    "cache-control": "private, no-store",
  });
});

export const usageSummaryRoutes = new Hono<AppEnv>().get("/summary", async (c) => c.json(await usageSummary(c.env.DB, c.get("identity").userId, new Date())));
