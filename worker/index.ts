/** Composition root: the Worker's fetch, queue and scheduled handlers and its Durable Objects. */
import { app } from "./app";
import { handleScheduled } from "./cron";
import { readConfig } from "./env";
import { createIntegrations } from "./integrations";
import { handleQueue } from "./queues";
import { withLogContext } from "./services/logging";

export { GenerationGate } from "./objects/generation-gate";
export { CallMeter } from "./objects/call-meter";

export default {
  fetch: app.fetch,
  // A failed job (retried with backoff) and an error escaping a consumer are reported; the fetch handler reports
  // through app.onError, the scheduled one in cron/index.ts, the Durable Objects themselves.
  queue: async (batch, env, ctx) => {
    try {
      await withLogContext({ handler: `queue:${batch.queue}` }, () => handleQueue(batch, env, ctx));
    } catch (error) {
      createIntegrations(readConfig(env), env).monitoring.report(error, ctx, { handler: "queue" });
      throw error;
    }
  },
  scheduled: (controller, env, ctx) => withLogContext({ handler: `scheduled:${controller.cron}` }, () => handleScheduled(controller, env, ctx)),
} satisfies Required<Pick<ExportedHandler<Env, unknown>, "fetch" | "queue" | "scheduled">>;
