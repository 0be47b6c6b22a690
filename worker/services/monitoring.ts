/** Error reporting: Sentry through toucan-js when SENTRY_DSN is set, the console otherwise. */
import { Toucan } from "toucan-js";
import type { AppConfig } from "../env";

export function reportError(error: unknown, config: AppConfig | undefined, ctx: Pick<ExecutionContext, "waitUntil">, request?: Request, requestId?: string): void {
  console.error(requestId ? `[${requestId}]` : "", error);
  const dsn = config?.secrets.SENTRY_DSN;
  if (dsn === undefined || config === undefined) return;
  const sentry = new Toucan({ dsn, context: ctx, request, environment: config.environment });
  if (requestId !== undefined) sentry.setTag("request_id", requestId);
  sentry.captureException(error);
}
