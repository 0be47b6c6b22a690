/** Composition root: the Worker's fetch, queue and scheduled handlers and its Durable Objects. */
import { app } from "./app";
import { handleScheduled } from "./cron";
import { handleQueue } from "./queues";

export { GenerationGate } from "./objects/generation-gate";
export { CallMeter } from "./objects/call-meter";

export default {
  fetch: app.fetch,
  queue: (batch, env, _ctx) => handleQueue(batch, env),
  scheduled: handleScheduled,
} satisfies Required<Pick<ExportedHandler<Env, unknown>, "fetch" | "queue" | "scheduled">>;
