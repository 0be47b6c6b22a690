/**
 * `GET /api/audio/:id?exp&sig`: plays a generated file through a short-lived signed URL (no bearer
 * token: audio elements cannot send one). The signature names the file; a deleted file is gone.
 */
import { Hono } from "hono";
import type { AppEnv } from "../context";
import { AppError } from "../shared/errors";
import { findPlayableAudio } from "../db/audio-files";
import { AUDIO_URL_TTL_SECONDS, verifyAudioSignature } from "../services/audio-urls";
import { serveObject } from "../services/audio-delivery";

export const audioRoutes = new Hono<AppEnv>().get("/:id", async (c) => {
  const id = c.req.param("id");
  const valid = await verifyAudioSignature(id, c.req.query("exp"), c.req.query("sig"), c.get("config"), c.env.DB);
  if (!valid) throw new AppError("forbidden", "This audio link is invalid or has expired.");
  const audio = await findPlayableAudio(c.env.DB, id);
  if (audio === null) throw new AppError("not_found", "This audio is no longer available.");
  return serveObject(c.env.AUDIO_BUCKET, audio.storage_key, audio.content_type, c.req.header("range"), `private, max-age=${AUDIO_URL_TTL_SECONDS}, immutable`);
});
