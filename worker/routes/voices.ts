/**
 * `GET /api/voices`: the public voice catalogue, filterable by language, feature and gender, with
 * the signed-in caller's own saved voices after it (public mount; a token is optional);
 * `GET /api/voices/:id/sample`: a short public sample of a voice (audio/wav, seekable).
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../context";
import { voiceQuerySchema, type VoiceListResponse } from "../shared/contracts";
import { optionalUser, parseInput } from "../middleware";
import { AppError } from "../shared/errors";
import { findVoice, listVoices } from "../db/voices";
import { serveObject } from "../services/audio-delivery";
import { ensureVoiceSample } from "../services/voice-samples";

/** The voice list: the catalogue, plus the caller's own saved voices (marked `mine`) when signed in. */
export async function voiceList(c: Context<AppEnv>, userId: string | null): Promise<VoiceListResponse> {
  const query = parseInput(voiceQuerySchema, c.req.query());
  const language = query.language?.split("-")[0]?.toLowerCase();
  const voices = await listVoices(c.env.DB, { ...query, language }, userId ?? undefined);
  const { paid, acceptTemperature } = c.get("config").speech.gemini;
  return { voices, geminiTemperature: acceptTemperature.includes(paid) };
}

export const voiceRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const userId = await optionalUser(c);
    const body = await voiceList(c, userId);
    // Someone's own voices are theirs alone: never in a shared cache.
    c.header("Cache-Control", userId === null ? "public, max-age=300" : "private, no-store");
    c.header("Vary", "Authorization");
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
