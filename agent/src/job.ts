/**
 * The job entry (the file the worker's job processes import): one call per job, run by
 * run-call.ts with the live session of session.ts. Settings are read again here: job processes
 * are forked with the main process's environment.
 */
import { defineAgent, type JobContext, log } from "@livekit/agents";
import { runCall } from "./run-call";
import { liveStartCall } from "./session";
import { loadSettings, SettingsError } from "./settings";

export default defineAgent({
  entry: async (ctx: JobContext) => {
    const logger = log();
    let settings: ReturnType<typeof loadSettings>;
    try {
      settings = loadSettings(process.env);
    } catch (error) {
      logger.error({ jobId: ctx.job.id }, error instanceof SettingsError ? error.message : "the settings could not be read");
      ctx.shutdown("refused: agent not configured");
      return;
    }
    await runCall(ctx, { settings, log: logger, startCall: liveStartCall(ctx, logger) });
  },
});
