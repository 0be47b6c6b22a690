/**
 * `POST /api/clone-voice` (PRODUCT §7), multipart/form-data: file, text, locale, consent.
 * Flow: authenticate → rate limit → body limit (this route's own, above the app's JSON limit) →
 * validate everything before any charge → measure the upload → cache (0 credits, history row
 * still written, the upload never stored) → store the upload privately → GenerationGate
 * (single flight, paid path) → response with a signed audio URL → delayed clean-up message for
 * the upload, whatever the outcome. Every accepted request is recorded in `clone_jobs` with its
 * consent.
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { CLONE_FILE_MAX_BYTES, cloneVoiceFieldsSchema, type CloneVoiceResponse } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { enforceRateLimit, parseInput, requireUser } from "../middleware";
import { accountSummary } from "../db/credits";
import { finishCloneJob, insertCloneJobStatement } from "../db/clone-jobs";
import { enqueueJob } from "../queues/messages";
import { createAudioCache, type CacheEntry } from "../services/audio-cache";
import { audioResponseBody } from "./generation";
import { CLONE_INPUT_CLEANUP_DELAY_SECONDS, inspectReference, prepareClone, recordCloneHit, storeReference, type PreparedClone } from "../services/clone";

/** The clone limiter's period (wrangler.toml `[[ratelimits]]` CLONE_RATE_LIMITER). */
const CLONE_LIMIT_PERIOD_SECONDS = 60;
/** Room for the text fields and the multipart framing around a file of the maximum size. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const uploadLimit = bodyLimit({
  maxSize: CLONE_FILE_MAX_BYTES + MULTIPART_OVERHEAD_BYTES,
  onError: () => {
    throw new AppError("payload_too_large", `The recording must be at most ${CLONE_FILE_MAX_BYTES} bytes (4.5 MiB).`, { field: "file" });
  },
});

async function readForm(c: Context<AppEnv>): Promise<FormData> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data")) throw new AppError("unsupported_media_type", "Send the recording as multipart/form-data.");
  try {
    return await c.req.raw.formData();
  } catch {
    throw new AppError("validation_failed", "The request body is not a complete multipart/form-data upload.");
  }
}

function stringField(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

async function respond(c: Context<AppEnv>, id: string, entry: CacheEntry, creditsUsed: number, creditsRemaining: number, cached: boolean, prepared: PreparedClone) {
  const { format, durationSeconds, pitchHz } = prepared.reference;
  const body: CloneVoiceResponse = { ...(await audioResponseBody(c, id, entry, creditsUsed, creditsRemaining, cached)), reference: { format, durationSeconds, pitchHz } };
  return c.json(body);
}

const cloneRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  await enforceRateLimit(c.env.CLONE_RATE_LIMITER, `clone:${c.get("identity").userId}`, CLONE_LIMIT_PERIOD_SECONDS);
  await next();
});

// Mounted at /api, so the middleware is attached per route (see routes/generation.ts). Order
// matters: nothing of the body is read before the user is known and within their rate limit.
export const cloneRoutes = new Hono<AppEnv>().post("/clone-voice", requireUser, cloneRateLimit, uploadLimit, async (c) => {
  const { userId } = c.get("identity");
  const config = c.get("config");
  const form = await readForm(c);
  const fields = parseInput(cloneVoiceFieldsSchema, { text: stringField(form, "text"), locale: stringField(form, "locale"), consent: stringField(form, "consent") });
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("validation_failed", "file: attach the recording as a file.", { field: "file" });
  if (file.size > CLONE_FILE_MAX_BYTES) throw new AppError("payload_too_large", `The recording must be at most ${CLONE_FILE_MAX_BYTES} bytes (4.5 MiB).`, { field: "file" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const reference = await inspectReference(bytes);
  const prepared = await prepareClone(fields, reference, config, c.env);
  const job = { userId, locale: prepared.locale, reference, provider: prepared.provider, model: prepared.model };

  const hit = await createAudioCache(config, c.env).get(prepared.cacheKey);
  if (hit !== null) {
    const id = await recordCloneHit(c.env.DB, userId, prepared, hit);
    await insertCloneJobStatement(c.env.DB, { ...job, id: crypto.randomUUID(), status: "cached", audioFileId: id }).run();
    return respond(c, id, hit, 0, (await accountSummary(c.env.DB, userId)).balance, true, prepared);
  }

  const cloneJobId = crypto.randomUUID();
  await insertCloneJobStatement(c.env.DB, { ...job, id: cloneJobId, status: "running" }).run();
  try {
    await storeReference(c.env.AUDIO_BUCKET, userId, reference, bytes);
    const gate = c.env.GENERATION_GATE.get(c.env.GENERATION_GATE.idFromName(prepared.cacheKey));
    const outcome = await gate.clone({ cloneJobId, audioFileId: crypto.randomUUID(), userId, prepared, settings: config.secrets });
    switch (outcome.kind) {
      case "produced":
        await finishCloneJob(c.env.DB, cloneJobId, { status: "succeeded", audioFileId: outcome.generationId });
        return await respond(c, outcome.generationId, outcome.entry, outcome.creditsUsed, outcome.creditsRemaining, false, prepared);
      case "shared": {
        const id = await recordCloneHit(c.env.DB, userId, prepared, outcome.entry);
        await finishCloneJob(c.env.DB, cloneJobId, { status: "shared", audioFileId: id });
        return await respond(c, id, outcome.entry, 0, (await accountSummary(c.env.DB, userId)).balance, true, prepared);
      }
      case "failed":
        await finishCloneJob(c.env.DB, cloneJobId, { status: "failed", errorCode: outcome.code });
        throw new AppError(outcome.code, outcome.message, outcome.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: outcome.retryAfterSeconds });
    }
  } catch (error) {
    // A job already closed above keeps its outcome (the update only touches running jobs).
    await finishCloneJob(c.env.DB, cloneJobId, { status: "failed", errorCode: error instanceof AppError ? error.code : "internal_error" }).catch(() => {});
    throw error;
  } finally {
    await enqueueJob(c.env.JOBS_QUEUE, { type: "clone.cleanup", userId, referenceSha256: reference.sha256, cloneJobId }, { delaySeconds: CLONE_INPUT_CLEANUP_DELAY_SECONDS }).catch((error: unknown) =>
      console.error("queueing the reference clean-up failed; the sweep will delete it", error),
    );
  }
});
