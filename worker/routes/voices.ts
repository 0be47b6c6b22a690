/** `GET /api/voices`: the public voice catalogue, filterable by language, feature and gender. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { parseInput } from "../middleware";
import { listVoices } from "../db/voices";

const voiceQuerySchema = z.object({
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "use a language code such as en or pt-BR").optional(),
  feature: z.enum(["tts", "call"]).optional(),
  gender: z.enum(["female", "male", "neutral"]).optional(),
});

export const voiceRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const query = parseInput(voiceQuerySchema, c.req.query());
  const language = query.language?.split("-")[0]?.toLowerCase();
  const voices = await listVoices(c.env.DB, { ...query, language });
  c.header("Cache-Control", "public, max-age=300");
  return c.json({ voices });
});
