/**
 * The Worker's log lines: one JSON object per line (Workers Logs indexes its fields), carrying
 * the request id of the request it was written in — or the handler, for queue batches and cron
 * runs — without passing it down: `withLogContext` (the request-id middleware, worker/index.ts)
 * keeps it in an AsyncLocalStorage, which follows every await of that request.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface LogContext {
  requestId?: string;
  /** Outside a request: "queue", "scheduled", an object's name. */
  handler?: string;
}

const current = new AsyncLocalStorage<LogContext>();

export function withLogContext<T>(context: LogContext, run: () => T): T {
  return current.run(context, run);
}

type Level = "error" | "warn" | "info";

/** The JSON line for `message`, with the context's fields, an error's name, message and stack, or other detail. */
export function logLine(level: Level, message: string, detail?: unknown, fields: Record<string, unknown> = {}): string {
  const context = current.getStore() ?? {};
  const described = detail === undefined ? {} : detail instanceof Error ? { error: detail.name, errorMessage: detail.message, stack: detail.stack } : { detail };
  return JSON.stringify({ level, message, ...context, ...fields, ...described });
}

export const log = {
  error: (message: string, detail?: unknown) => console.error(logLine("error", message, detail)),
  warn: (message: string, detail?: unknown) => console.warn(logLine("warn", message, detail)),
  info: (message: string, detail?: unknown) => console.log(logLine("info", message, detail)),
};
