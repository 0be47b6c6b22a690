/**
 * `GET /api/audio/:id?k&exp&sig`: plays a generated file through a short-lived signed URL (no
 * bearer token: audio elements cannot send one). Mounted with the `signed-url` scheme (app.ts),
 * so the signature over the path, `k` (the storage key) and `exp` is checked before this runs.
 * A deleted history row is gone; a row not written yet (a cache hit's row is written just after
 * its response) is served from the signed storage key.
 */
import { Hono } from "hono";
import type { AppEnv } from "../context";
import { findAudioFile } from "../db/audio-files";
import { AUDIO_URL_TTL_SECONDS } from "../services/audio-urls";
import { serveObject } from "../services/audio-delivery";
import { AppError } from "../shared/errors";

const gone = () => new AppError("not_found", "This audio is no longer available.");

export const audioRoutes = new Hono<AppEnv>().get("/:id", async (c) => {
  const signedKey = c.req.query("k");
  const row = await findAudioFile(c.env.DB, c.req.param("id"));
  let storageKey: string;
  let contentType: string | undefined;
  if (row !== null) {
    if (row.deleted_at !== null) throw gone();
    storageKey = row.storage_key;
    contentType = row.content_type;
  } else {
    if (signedKey === undefined || !signedKey.startsWith("audio/")) throw gone();
    storageKey = signedKey;
  }
  return serveObject(c.env.AUDIO_BUCKET, storageKey, contentType, c.req.header("range"), `private, max-age=${AUDIO_URL_TTL_SECONDS}, immutable`);
});
