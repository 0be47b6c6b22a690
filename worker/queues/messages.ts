/**
 * Typed messages of the jobs queue. Every message is validated on the way in (an older deploy may
 * have sent it); one that does not parse goes to the dead-letter queue instead of being retried.
 */
import * as z from "zod";
import { cacheEntrySchema } from "../services/audio-cache";

export const usageRecordMessage = z.object({
  type: z.literal("usage.record"),
  userId: z.string().min(1),
  usageType: z.enum(["tts", "clone", "call"]),
  sourceId: z.string().min(1),
  provider: z.string().min(1),
  model: z.string().min(1),
  creditsUsed: z.number().int().nonnegative(),
  quantity: z.number().nonnegative(),
  unit: z.string().min(1),
  metadata: z.record(z.string(), z.unknown()).default({}),
  occurredAt: z.iso.datetime(),
});

export const analyticsCaptureMessage = z.object({
  type: z.literal("analytics.capture"),
  distinctId: z.string().min(1),
  event: z.string().min(1).max(200),
  properties: z.record(z.string(), z.unknown()).default({}),
  occurredAt: z.iso.datetime(),
});

/** Settles a generation's reservation at its actual cost and records its usage. */
export const generationSettleMessage = z.object({
  type: z.literal("generation.settle"),
  reservationId: z.string().min(1),
  generationId: z.string().min(1),
  userId: z.string().min(1),
  actualCredits: z.number().int().nonnegative(),
  provider: z.string().min(1),
  model: z.string().min(1),
  voiceId: z.string().min(1),
  characters: z.number().int().nonnegative(),
  durationSeconds: z.number().nonnegative(),
  totalTokens: z.number().int().nonnegative().optional(),
  occurredAt: z.iso.datetime(),
});

/** Settles a voice clone's reservation and records its usage (type "clone"). */
export const cloneSettleMessage = z.object({
  type: z.literal("clone.settle"),
  reservationId: z.string().min(1),
  audioFileId: z.string().min(1),
  /** The one-off clone's job; absent for speech in a saved voice, which names the voice instead. */
  cloneJobId: z.string().min(1).optional(),
  savedVoiceId: z.string().min(1).optional(),
  userId: z.string().min(1),
  actualCredits: z.number().int().nonnegative(),
  provider: z.string().min(1),
  model: z.string().min(1),
  locale: z.string().min(1),
  characters: z.number().int().nonnegative(),
  durationSeconds: z.number().nonnegative(),
  occurredAt: z.iso.datetime(),
});

/** Deletes a clone job's reference upload; sent with a delay once the job is over. */
export const cloneCleanupMessage = z.object({
  type: z.literal("clone.cleanup"),
  userId: z.string().regex(/^[^/]+$/),
  referenceSha256: z.string().regex(/^[0-9a-f]{64}$/),
  cloneJobId: z.string().min(1),
});

/**
 * Writes a history row that the request path answered before writing (a cache hit or a shared
 * result): the response is sent once this message is queued, so the row cannot be lost. The
 * write is idempotent by id (the request also tries it right after responding).
 */
export const historyRecordMessage = z.object({
  type: z.literal("history.record"),
  id: z.string().min(1),
  userId: z.string().min(1),
  voiceId: z.string().min(1),
  kind: z.enum(["tts", "clone"]),
  text: z.string(),
  style: z.string().optional(),
  locale: z.string().min(1),
  cacheKey: z.string().regex(/^[0-9a-f]{64}$/),
  entry: cacheEntrySchema,
  /** The request's time, so a row written late still sorts where the user got it. */
  createdAt: z.iso.datetime().optional(),
});

export const jobMessageSchema = z.discriminatedUnion("type", [usageRecordMessage, analyticsCaptureMessage, generationSettleMessage, cloneSettleMessage, cloneCleanupMessage, historyRecordMessage]);

export type JobMessage = z.infer<typeof jobMessageSchema>;
export type JobMessageInput = z.input<typeof jobMessageSchema>;

/** What the dead-letter queue carries: the original body and why it could not be processed. */
export const deadLetterSchema = z.object({
  sourceQueue: z.string(),
  reason: z.string(),
  body: z.unknown(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

export const JOBS_QUEUE_NAME = "sexyvoice-jobs";
export const DEAD_LETTER_QUEUE_NAME = "sexyvoice-jobs-dlq";

/** Enqueues a job after checking it against its schema, so producers cannot send garbage. */
export async function enqueueJob(queue: Queue, message: JobMessageInput, options?: QueueSendOptions): Promise<void> {
  await queue.send(jobMessageSchema.parse(message), options);
}
