/**
 * Error reporting behind one interface: Sentry through toucan-js, or the console only; chosen in
 * worker/integrations.ts. Reports carry the request id, never a secret.
 */
import { Toucan } from "toucan-js";

export interface ReportContext {
  request?: Request;
  requestId?: string;
}

export interface Monitoring {
  report(error: unknown, ctx: Pick<ExecutionContext, "waitUntil">, context?: ReportContext): void;
}

export const consoleMonitoring: Monitoring = {
  report(error, _ctx, context = {}) {
    console.error(context.requestId ? `[${context.requestId}]` : "", error);
  },
};

export function sentryMonitoring(dsn: string, environment: string): Monitoring {
  return {
    report(error, ctx, context = {}) {
      consoleMonitoring.report(error, ctx, context);
      const sentry = new Toucan({ dsn, context: ctx, request: context.request, environment });
      if (context.requestId !== undefined) sentry.setTag("request_id", context.requestId);
      sentry.captureException(error);
    },
  };
}
