/**
 * `GET /api/voices`: the public voice catalogue, filterable by language, feature and gender;
 * `GET /api/voices/:id/sample`: a short public sample of a voice (audio/wav, seekable).
 */
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../context";
import type { VoiceListResponse } from "../shared/contracts";
import { parseInput } from "../middleware";
import { AppError } from "../shared/errors";
import { findVoice, listVoices } from "../db/voices";
import { serveObject } from "../services/audio-delivery";
import { ensureVoiceSample } from "../services/voice-samples";

const voiceQuerySchema = z.object({
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "use a language code such as en or pt-BR")
    .optional(),
  feature: z.enum(["tts", "call"]).optional(),
  gender: z.enum(["female", "male", "neutral"]).optional(),
});

export const voiceRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const query = parseInput(voiceQuerySchema, c.req.query());
    const language = query.language?.split("-")[0]?.toLowerCase();
    const voices = await listVoices(c.env.DB, { ...query, language });
    c.header("Cache-Control", "public, max-age=300");
    const { paid, acceptTemperature } = c.get("config").speech.gemini;
    const body: VoiceListResponse = { voices, geminiTemperature: acceptTemperature.includes(paid) };
    return c.json(body);
  })
  .get("/:id/sample", async (c) => {
    // Speech voices and the realtime call voices alike (the Call page plays these too).
    const id = c.req.param("id");
    const voice = (await findVoice(c.env.DB, id, "tts")) ?? (await findVoice(c.env.DB, id, "call"));
    if (voice === null) throw new AppError("voice_not_found", "There is no such voice.");
    const key = await ensureVoiceSample(c.env, voice);
    return serveObject(c.env.AUDIO_BUCKET, key, "audio/wav", c.req.header("range"), "public, max-age=86400");
  });
