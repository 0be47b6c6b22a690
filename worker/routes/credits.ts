/** `GET /api/credits/transactions`: the signed-in user's own ledger rows, newest first (signed-in users, declared in app.ts). */
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../context";
import { parseInput } from "../middleware";
import { listTransactions } from "../db/credits";

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const creditRoutes = new Hono<AppEnv>().get("/transactions", async (c) => {
  const { limit, cursor } = parseInput(pageQuerySchema, c.req.query());
  return c.json(await listTransactions(c.env.DB, c.get("identity").userId, limit, cursor));
});
