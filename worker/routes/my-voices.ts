/**
 * "My voices", for signed-in users (declared in app.ts): `POST /api/my-voices` saves a cloned
 * voice from its recording (multipart: file, name, locale, consent), `GET` lists them,
 * `PATCH /:id` renames and `DELETE /:id` deletes one with its recording. services/saved-voices.ts
 * owns the rules; a saved voice is then used through the generation routes like any voice.
 */
import { Hono } from "hono";
import type { AppEnv } from "../context";
import { listSavedVoices } from "../db/voices";
import { jsonBody, parseInput } from "../middleware";
import { deleteVoice, renameVoice, savedVoiceView, saveVoice } from "../services/saved-voices";
import { renameVoiceRequestSchema, saveVoiceFieldsSchema, type SavedVoiceListResponse } from "../shared/contracts";
import { MAX_SAVED_VOICES } from "../shared/limits";
import { cloneRateLimit } from "./clone";
import { readForm, recordingBytes, recordingUploadLimit, stringField } from "./uploads";

export const myVoiceRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const body: SavedVoiceListResponse = { voices: (await listSavedVoices(c.env.DB, c.get("identity").userId)).map(savedVoiceView), limit: MAX_SAVED_VOICES };
    return c.json(body);
  })
  .post("/", cloneRateLimit, recordingUploadLimit, async (c) => {
    const form = await readForm(c);
    const fields = parseInput(saveVoiceFieldsSchema, { name: stringField(form, "name"), locale: stringField(form, "locale"), consent: stringField(form, "consent") });
    const bytes = await recordingBytes(form);
    return c.json(await saveVoice(c.env, c.get("identity").userId, fields, bytes), 201);
  })
  .patch("/:id", async (c) => {
    const { name } = await jsonBody(c, renameVoiceRequestSchema);
    return c.json(await renameVoice(c.env.DB, c.get("identity").userId, c.req.param("id"), name));
  })
  .delete("/:id", async (c) => {
    await deleteVoice(c.env, c.get("identity").userId, c.req.param("id"));
    return c.body(null, 204);
  });
