/**
 * Error reporting behind one interface: Sentry through toucan-js, or the console only; chosen in
 * worker/integrations.ts. Reports carry the request id (or the handler: queue, cron, object),
 * never a secret. The console line is one JSON object, which Workers Logs indexes by field.
 */
import { Toucan } from "toucan-js";
import { logLine } from "./logging";

export interface ReportContext {
  request?: Request;
  requestId?: string;
  /** Where it happened outside a request: "queue", "scheduled", "GenerationGate", "CallMeter". */
  handler?: string;
}

export interface Monitoring {
  report(error: unknown, ctx: Pick<ExecutionContext, "waitUntil">, context?: ReportContext): void;
}

export const consoleMonitoring: Monitoring = {
  report(error, _ctx, context = {}) {
    const { requestId, handler } = context;
    const fields = { ...(requestId !== undefined ? { requestId } : {}), ...(handler !== undefined ? { handler } : {}) };
    console.error(logLine("error", error instanceof Error ? error.message : "unexpected error", error, fields));
  },
};

export function sentryMonitoring(dsn: string, environment: string): Monitoring {
  return {
    report(error, ctx, context = {}) {
      consoleMonitoring.report(error, ctx, context);
      const sentry = new Toucan({ dsn, context: ctx, request: context.request, environment });
      if (context.requestId !== undefined) sentry.setTag("request_id", context.requestId);
      if (context.handler !== undefined) sentry.setTag("handler", context.handler);
      sentry.captureException(error);
    },
  };
}
