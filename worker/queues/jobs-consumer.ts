/**
 * Consumer of the jobs queue: validates every message, dispatches it by type, acks what was
 * done, retries transient failures with exponential backoff (the queue moves a message to the
 * dead-letter queue after max_retries) and sends malformed messages straight to the dead-letter
 * queue, so one bad message never fails the batch.
 */
import { readConfig } from "../env";
import { recordAudioFile, recordAudioFiles, type NewAudioFile } from "../db/audio-files";
import { recordUsageEvent } from "../db/usage-events";
import { createIntegrations } from "../integrations";
import type { AnalyticsEvent } from "../services/analytics";
import { settleProduction } from "../services/settlement";
import { jobMessageSchema, JOBS_QUEUE_NAME, type DeadLetter, type JobMessage } from "./messages";
import { generationSettlement } from "./generation-settle";
import { cloneSettlement } from "./clone-settle";
import { deleteCloneReference } from "./clone-cleanup";
import { log } from "../services/logging";

const MAX_RETRY_DELAY_SECONDS = 15 * 60;

export function retryDelaySeconds(attempts: number): number {
  return Math.min(MAX_RETRY_DELAY_SECONDS, 10 * 2 ** Math.max(0, attempts - 1));
}

export async function consumeJobs(batch: MessageBatch<unknown>, env: Env, ctx?: Pick<ExecutionContext, "waitUntil">): Promise<void> {
  const { analytics, monitoring } = createIntegrations(readConfig(env), env);
  const analyticsMessages: { message: Message<unknown>; event: AnalyticsEvent }[] = [];
  const historyMessages: { message: Message<unknown>; row: NewAudioFile }[] = [];

  for (const message of batch.messages) {
    const parsed = jobMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      const letter: DeadLetter = { sourceQueue: batch.queue || JOBS_QUEUE_NAME, reason: `malformed: ${parsed.error.issues[0]?.message ?? "invalid"}`, body: message.body };
      await env.DEAD_LETTER_QUEUE.send(letter);
      message.ack();
      continue;
    }
    const job: JobMessage = parsed.data;
    if (job.type === "analytics.capture") {
      analyticsMessages.push({ message, event: { distinctId: job.distinctId, event: job.event, properties: job.properties, timestamp: new Date(job.occurredAt) } });
      continue;
    }
    if (job.type === "history.record") {
      historyMessages.push({ message, row: { ...job, creditsUsed: 0 } });
      continue;
    }
    try {
      await runJob(job, env);
      message.ack();
    } catch (error) {
      log.error(`job ${job.type} failed (attempt ${message.attempts})`, error);
      if (ctx !== undefined) monitoring.report(error, ctx, { handler: `queue:${job.type}` });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }

  if (historyMessages.length > 0) await recordHistoryRows(env, historyMessages);

  if (analyticsMessages.length > 0) {
    try {
      await analytics.captureAll(analyticsMessages.map((entry) => entry.event));
      for (const entry of analyticsMessages) entry.message.ack();
    } catch (error) {
      log.error("analytics delivery failed", error);
      for (const entry of analyticsMessages) entry.message.retry({ delaySeconds: retryDelaySeconds(entry.message.attempts) });
    }
  }
}

/**
 * Cache hits' history rows: one D1 round trip for the whole delivery. If that batch fails, each
 * row is tried alone, so one bad message cannot hold back the others.
 */
async function recordHistoryRows(env: Env, pending: { message: Message<unknown>; row: NewAudioFile }[]): Promise<void> {
  try {
    await recordAudioFiles(
      env.DB,
      pending.map((entry) => entry.row),
    );
    for (const entry of pending) entry.message.ack();
    return;
  } catch (error) {
    log.error(`writing ${pending.length} history rows in one batch failed; writing them one by one`, error);
  }
  for (const { message, row } of pending) {
    try {
      await recordAudioFile(env.DB, row);
      message.ack();
    } catch (error) {
      log.error(`history.record ${row.id} failed (attempt ${message.attempts})`, error);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

async function runJob(job: Exclude<JobMessage, { type: "analytics.capture" | "history.record" }>, env: Env): Promise<void> {
  switch (job.type) {
    case "usage.record":
      return recordUsageEvent(env.DB, job);
    case "generation.settle":
      return settleProduction(env, generationSettlement(job), "queue");
    case "clone.settle":
      return settleProduction(env, cloneSettlement(job), "queue");
    case "clone.cleanup":
      return deleteCloneReference(env, job);
  }
}
