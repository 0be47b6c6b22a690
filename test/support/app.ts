// Helpers to call the Worker in tests: the real exported handler, a fresh user, bearer headers.
import { createExecutionContext, createMessageBatch, env, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../worker/index";

export async function call(path: string, init: RequestInit = {}, bindings: Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://sexyvoice.test${path}`, init), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

export async function callJson<T = Record<string, unknown>>(path: string, init: RequestInit = {}, bindings: Env = env): Promise<{ status: number; body: T; response: Response }> {
  const response = await call(path, init, bindings);
  return { status: response.status, body: (await response.json()) as T, response };
}

export function jsonRequest(method: string, body: unknown, token?: string): RequestInit {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return { method, headers, body: JSON.stringify(body) };
}

export function authorized(token: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } };
}

let counter = 0;

/** Signs a brand-new local user in and returns the token and id. */
export async function signInNewUser(prefix = "user"): Promise<{ token: string; userId: string; email: string }> {
  counter += 1;
  const email = `${prefix}-${counter}-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const { status, body } = await callJson<{ accessToken: string; user: { id: string } }>("/api/auth/local", jsonRequest("POST", { email }));
  if (status !== 200) throw new Error(`local sign-in failed with ${status}`);
  return { token: body.accessToken, userId: body.user.id, email };
}

/** A copy of the test bindings with some vars/secrets replaced (config is parsed per env object). */
export function withVars(vars: Record<string, string | undefined>): Env {
  return { ...env, ...vars } as Env;
}

/** Delivers messages to the jobs queue's consumer as one batch and returns what it acked or retried. */
export async function deliverJobs(messages: { id: string; body: unknown; attempts?: number }[], bindings: Env = env) {
  const batch = createMessageBatch(
    "sexyvoice-jobs",
    messages.map((m) => ({ id: m.id, timestamp: new Date(), attempts: m.attempts ?? 1, body: m.body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, bindings, ctx);
  return getQueueResult(batch, ctx);
}
