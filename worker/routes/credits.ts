/** `GET /api/credits/transactions`: the signed-in user's own ledger rows, newest first (signed-in users, declared in app.ts). */
import { Hono } from "hono";
import type { AppEnv } from "../context";
import { parseInput } from "../middleware";
import { listTransactions } from "../db/credits";
import { pageQuerySchema } from "../shared/contracts";

export const creditRoutes = new Hono<AppEnv>().get("/transactions", async (c) => {
  const { limit, cursor } = parseInput(pageQuerySchema, c.req.query());
  return c.json(await listTransactions(c.env.DB, c.get("identity").userId, limit, cursor));
});
