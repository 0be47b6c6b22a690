/**
 * Operator notifications behind one interface: Telegram's Bot API, or off; chosen in
 * worker/integrations.ts. Messages are Telegram HTML (`parse_mode: "HTML"`): the caller escapes
 * its dynamic text with `escapeHtml` (only `&`, `<` and `>` are special there, unlike MarkdownV2's
 * eighteen characters). `send` never throws: it retries what can succeed later (network errors,
 * 5xx, 429 within `maxRetryAfterSeconds` of Telegram's `parameters.retry_after`) with backoff, and
 * resolves to the outcome with the number of attempts and, on failure, the reason.
 */
export type Delivery = { delivered: true; attempts: number } | { delivered: false; attempts: number; reason: string };

export interface Notifier {
  readonly enabled: boolean;
  /** Sends one HTML message; see the module header. */
  send(html: string): Promise<Delivery>;
}

export const noopNotifier: Notifier = { enabled: false, send: async () => ({ delivered: false, attempts: 0, reason: "notifier not configured" }) };

/** Escapes text for Telegram's HTML parse mode (the four entities it knows; quotes only matter in attributes). */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait before the 2nd, 3rd, … attempt (the last entry repeats). */
  backoffMs: number[];
  /** A 429 asking to wait longer than this is not retried: the run gives up with the reason. */
  maxRetryAfterSeconds: number;
  sleep: (ms: number) => Promise<void>;
}

export const TELEGRAM_RETRY: RetryPolicy = {
  attempts: 3,
  backoffMs: [1_000, 2_000],
  maxRetryAfterSeconds: 30,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const telegramAnswer = (body: unknown): { description?: string; retryAfter?: number } => {
  if (typeof body !== "object" || body === null) return {};
  const { description, parameters } = body as { description?: unknown; parameters?: { retry_after?: unknown } };
  const retryAfter = parameters?.retry_after;
  return { ...(typeof description === "string" ? { description } : {}), ...(typeof retryAfter === "number" ? { retryAfter } : {}) };
};

export function telegramNotifier(botToken: string, chatId: string, policy: RetryPolicy = TELEGRAM_RETRY): Notifier {
  // The token is part of the URL: it must never reach a reason that is logged or stored.
  const redact = (text: string) => text.replaceAll(botToken, "<token>");
  return {
    enabled: true,
    async send(html) {
      let reason = "not attempted";
      for (let attempt = 1; attempt <= policy.attempts; attempt++) {
        let waitMs = policy.backoffMs[Math.min(attempt - 1, policy.backoffMs.length - 1)] ?? 0;
        try {
          const response = await fetch(`https://api.telegram.org/bot${botToken}/sendMessage`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ chat_id: chatId, text: html, parse_mode: "HTML" }),
          });
          const answer = telegramAnswer(await response.json().catch(() => null));
          if (response.ok) return { delivered: true, attempts: attempt };
          reason = redact(`Telegram answered ${response.status}${answer.description === undefined ? "" : `: ${answer.description}`}`);
          if (response.status === 429) {
            const retryAfter = answer.retryAfter ?? Number(response.headers.get("retry-after") ?? Number.NaN);
            if (Number.isFinite(retryAfter)) {
              if (retryAfter > policy.maxRetryAfterSeconds) return { delivered: false, attempts: attempt, reason: `${reason} (retry after ${retryAfter} s is beyond ${policy.maxRetryAfterSeconds} s)` };
              waitMs = Math.max(waitMs, retryAfter * 1000);
            }
          } else if (response.status < 500) {
            // Bad request, bad token, bot removed from the chat: sending again cannot help.
            return { delivered: false, attempts: attempt, reason };
          }
        } catch (error) {
          reason = redact(`Telegram unreachable: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (attempt < policy.attempts) await policy.sleep(waitMs);
      }
      return { delivered: false, attempts: policy.attempts, reason };
    },
  };
}
