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
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { finishCloneJob, recordCloneJob } from "../db/clone-jobs";
import { accountOf, enforceRateLimit, parseInput } from "../middleware";
import { enqueueJob } from "../queues/messages";
import { audioLinks } from "../services/audio-urls";
import { prepareClone } from "../services/clone";
import { CLONE_INPUT_CLEANUP_DELAY_SECONDS, inspectReference, storeReference } from "../services/clone-references";
import { audioResponseBody, deliverAudio } from "../services/paid-audio";
import { cloneVoiceFieldsSchema, type CloneVoiceResponse } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { paidAudioContext } from "./generation";
import { readForm, recordingBytes, recordingUploadLimit, stringField } from "./uploads";
import { log } from "../services/logging";

/** The clone limiter's period (wrangler.toml `[[ratelimits]]` CLONE_RATE_LIMITER). */
const CLONE_LIMIT_PERIOD_SECONDS = 60;

export const cloneRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  await enforceRateLimit(c.env.CLONE_RATE_LIMITER, `clone:${c.get("identity").userId}`, CLONE_LIMIT_PERIOD_SECONDS);
  await next();
});

// Order matters: nothing of the body is read before the user is known and within their rate limit.
export const cloneRoutes = new Hono<AppEnv>().post("/", cloneRateLimit, recordingUploadLimit, async (c) => c.json(await cloneFromUpload(c)));

/** The clone of one upload, as the dashboard's route and `/api/v1/clone` answer it. */
export async function cloneFromUpload(c: Context<AppEnv>): Promise<CloneVoiceResponse> {
  const { userId } = c.get("identity");
  const form = await readForm(c);
  const fields = parseInput(cloneVoiceFieldsSchema, { text: stringField(form, "text"), locale: stringField(form, "locale"), consent: stringField(form, "consent") });
  const bytes = await recordingBytes(form);
  const reference = await inspectReference(bytes);
  const ctx = paidAudioContext(c);
  const jobId = crypto.randomUUID();
  const order = await prepareClone(fields, reference, jobId, userId, ctx.integrations);
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
    return { ...(await audioResponseBody(delivery, audioLinks(new URL(c.req.url).origin, ctx.config, c.env.DB))), jobId, reference: { format, durationSeconds, pitchHz } };
  } catch (error) {
    // A job already closed keeps its outcome (the update only touches running jobs).
    if (started) await finishCloneJob(c.env.DB, jobId, { status: "failed", errorCode: error instanceof AppError ? error.code : "internal_error" }).catch(() => {});
    throw error;
  } finally {
    if (started) {
      await enqueueJob(c.env.JOBS_QUEUE, { type: "clone.cleanup", userId, referenceSha256: reference.sha256, cloneJobId: jobId }, { delaySeconds: CLONE_INPUT_CLEANUP_DELAY_SECONDS }).catch((error: unknown) =>
        log.error("queueing the reference clean-up failed; the sweep will delete it", error),
      );
    }
  }
}
