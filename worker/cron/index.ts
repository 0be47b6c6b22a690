/**
 * The scheduled handler: maps each cron expression of wrangler.toml to its job, runs it and
 * records the run in `job_runs`. An expression without a job is an error (a config drift).
 */
import { readConfig } from "../env";
import { recordJobRun } from "../db/operations";
import { createIntegrations } from "../integrations";
import { sendDailyStats } from "./daily-stats";
import { purgeExpiredFreeAudio } from "./retention";
import { runSweep } from "./sweep";

type Job = (env: Env, now: Date) => Promise<object>;

export const CRON_JOBS: Record<string, { name: string; run: Job }> = {
  "0 7 * * *": { name: "daily-stats", run: sendDailyStats },
  "17 * * * *": { name: "retention", run: purgeExpiredFreeAudio },
  "*/5 * * * *": { name: "sweep", run: runSweep },
};

export async function handleScheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
  const job = CRON_JOBS[controller.cron];
  if (job === undefined) throw new Error(`No job is registered for cron "${controller.cron}"`);
  const scheduledAt = new Date(controller.scheduledTime);
  let result: object;
  try {
    result = await job.run(env, scheduledAt);
  } catch (error) {
    createIntegrations(readConfig(env), env).monitoring.report(error, ctx, { handler: "scheduled" });
    throw error;
  }
  await recordJobRun(env.DB, { job: job.name, cron: controller.cron, scheduledAt: scheduledAt.toISOString(), result });
}
