/**
 * `Idempotency-Key` on the public API's POST routes (PRODUCT §13). The first request with a key
 * claims it and runs; its answer is kept for 24 hours and repeated to any later request with the
 * same key and the same fingerprint (method, path, Accept and the exact body bytes), also to
 * requests that arrive while it still runs: they wait for it. A different fingerprint is a 422
 * `idempotency_key_reused`. Only answers are kept: a request that fails frees its key (it charged
 * nothing), so it may be tried again. Answers are data (ApiAnswer), rendered per request, so a
 * replay gets fresh signed links (services/api-answers.ts).
 */
import type { Context } from "hono";
import type { AppEnv } from "../context";
import { originalEnv } from "../env";
import { claimIdempotencyKey, completeIdempotencyKey, readIdempotencyKey, releaseIdempotencyKey } from "../db/idempotency";
import { AppError } from "../shared/errors";
import type { ApiAnswer } from "./api-answers";
import { sha256Hex } from "./clone-references";
import { log } from "./logging";

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const POLL_MS = 200;
/** How long a repeat waits for the first request before answering 409 (with Retry-After). */
const WAIT_LIMIT_MS = 60_000;

async function fingerprintOf(c: Context<AppEnv>): Promise<string> {
  const body = await sha256Hex(await c.req.arrayBuffer()); // Hono keeps the body, so the route can still parse it
  return sha256Hex(JSON.stringify([c.req.method, new URL(c.req.url).pathname, c.req.header("accept") ?? "", body]));
}

export interface IdempotentAnswer {
  answer: ApiAnswer;
  replayed: boolean;
}

export async function idempotent(c: Context<AppEnv>, run: () => Promise<ApiAnswer>): Promise<IdempotentAnswer> {
  const key = c.req.header("idempotency-key");
  if (key === undefined) return { answer: await run(), replayed: false };
  if (!KEY_PATTERN.test(key)) throw new AppError("validation_failed", "Idempotency-Key: 1 to 255 visible ASCII characters.", { field: "Idempotency-Key" });
  const db = originalEnv(c.env).DB;
  const { userId } = c.get("identity");
  const fingerprint = await fingerprintOf(c);
  const started = Date.now();
  for (;;) {
    if (await claimIdempotencyKey(db, userId, key, fingerprint)) {
      let answer: ApiAnswer;
      try {
        answer = await run();
      } catch (error) {
        await releaseIdempotencyKey(db, userId, key).catch((cause: unknown) => log.error("freeing the idempotency key failed", cause));
        throw error;
      }
      await completeIdempotencyKey(db, userId, key, JSON.stringify(answer));
      return { answer, replayed: false };
    }
    const row = await readIdempotencyKey(db, userId, key);
    if (row === null) continue; // the first request failed and freed it (or it just expired): claim again
    if (row.fingerprint !== fingerprint) {
      throw new AppError("idempotency_key_reused", "Idempotency-Key: this key was used with a different request in the last 24 hours.", { field: "Idempotency-Key" });
    }
    if (row.state === "done" && row.result !== null) return { answer: JSON.parse(row.result) as ApiAnswer, replayed: true };
    if (Date.now() - started > WAIT_LIMIT_MS) {
      throw new AppError("idempotency_key_in_use", "A request with this Idempotency-Key is still running. Try again shortly.", { retryAfterSeconds: 5 });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
