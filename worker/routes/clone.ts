/**
 * `POST /api/clone-voice` (PRODUCT §7), multipart/form-data: file, text, locale, consent; for
 * signed-in users (declared in app.ts). The route parses the upload and shapes the answer:
 * rate limit → this route's own body limit → validate everything before any charge → measure the
 * upload → the orchestrator (cache; on a miss the upload is stored privately first, then single
 * flight and the paid path) → response with a signed audio URL → a delayed clean-up message for
 * the upload, whatever the outcome. Every accepted request is recorded in `clone_jobs` with its
 * consent.
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { finishCloneJob, recordCloneJob } from "../db/clone-jobs";
import { accountOf, enforceRateLimit, parseInput } from "../middleware";
import { enqueueJob } from "../queues/messages";
import { audioLinks } from "../services/audio-urls";
import { prepareClone } from "../services/clone";
import { CLONE_INPUT_CLEANUP_DELAY_SECONDS, inspectReference, storeReference } from "../services/clone-references";
import { audioResponseBody, deliverAudio } from "../services/paid-audio";
import { CLONE_FILE_MAX_BYTES, cloneVoiceFieldsSchema, type CloneVoiceResponse } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { paidAudioContext } from "./generation";

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

const cloneRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  await enforceRateLimit(c.env.CLONE_RATE_LIMITER, `clone:${c.get("identity").userId}`, CLONE_LIMIT_PERIOD_SECONDS);
  await next();
});

// Order matters: nothing of the body is read before the user is known and within their rate limit.
export const cloneRoutes = new Hono<AppEnv>().post("/", cloneRateLimit, uploadLimit, async (c) => {
  const { userId } = c.get("identity");
  const form = await readForm(c);
  const fields = parseInput(cloneVoiceFieldsSchema, { text: stringField(form, "text"), locale: stringField(form, "locale"), consent: stringField(form, "consent") });
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("validation_failed", "file: attach the recording as a file.", { field: "file" });
  if (file.size > CLONE_FILE_MAX_BYTES) throw new AppError("payload_too_large", `The recording must be at most ${CLONE_FILE_MAX_BYTES} bytes (4.5 MiB).`, { field: "file" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const reference = await inspectReference(bytes);
  const ctx = paidAudioContext(c);
  const jobId = crypto.randomUUID();
  const order = { ...(await prepareClone(fields, reference, jobId, ctx.integrations)), userId };
  const account = await accountOf(c);
  const job = { id: jobId, userId, locale: order.history.locale, reference, provider: order.provider, model: order.model };

  let started = false;
  try {
    const delivery = await deliverAudio(ctx, order, account, {
      // The job row links to the history row, so a 0-credit row is written before responding.
      deferFreeHistory: false,
      beforeProduction: async () => {
        await recordCloneJob(c.env.DB, { ...job, status: "running" });
        started = true;
        await storeReference(c.env.AUDIO_BUCKET, userId, reference, bytes);
      },
    });
    if (delivery.source === "cache") await recordCloneJob(c.env.DB, { ...job, status: "cached", audioFileId: delivery.id });
    else await finishCloneJob(c.env.DB, jobId, { status: delivery.source === "shared" ? "shared" : "succeeded", audioFileId: delivery.id });
    const { format, durationSeconds, pitchHz } = reference;
    const body: CloneVoiceResponse = { ...(await audioResponseBody(delivery, audioLinks(new URL(c.req.url).origin, ctx.config, c.env.DB))), reference: { format, durationSeconds, pitchHz } };
    return c.json(body);
  } catch (error) {
    // A job already closed keeps its outcome (the update only touches running jobs).
    if (started) await finishCloneJob(c.env.DB, jobId, { status: "failed", errorCode: error instanceof AppError ? error.code : "internal_error" }).catch(() => {});
    throw error;
  } finally {
    if (started) {
      await enqueueJob(c.env.JOBS_QUEUE, { type: "clone.cleanup", userId, referenceSha256: reference.sha256, cloneJobId: jobId }, { delaySeconds: CLONE_INPUT_CLEANUP_DELAY_SECONDS }).catch((error: unknown) =>
        console.error("queueing the reference clean-up failed; the sweep will delete it", error),
      );
    }
  }
});
