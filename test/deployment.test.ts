// Safe deployment defaults (issue 14 §5, PRODUCT §12): an unset ENVIRONMENT is production,
// production never offers local sign-in, Supabase anonymous users get no account, security
// headers are on every response the Worker sends, the health check keeps its details to
// operators, and unexpected errors from queue jobs, cron jobs and Durable Object alarms reach Sentry.
import { createExecutionContext, createMessageBatch, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it, vi } from "vitest";
import worker from "../worker/index";
import { readConfig } from "../worker/env";
import { call, callJson, jsonRequest, withVars } from "./support/app";
import { newUser } from "./support/factories";
import { interceptFetch } from "./support/http";

const PRODUCTION_SECRETS = { ENVIRONMENT: "production", SUPABASE_URL: "https://deploy.supabase.co", SUPABASE_ANON_KEY: "anon", AUDIO_URL_SECRET: "audio-secret", CRON_SECRET: "cron-secret" };

describe("the deployed configuration", () => {
  it("an unset ENVIRONMENT is production: local sign-in is off even with no Supabase project, and the missing secrets are named", async () => {
    const unset = withVars({ ENVIRONMENT: undefined, SUPABASE_URL: undefined });
    expect(() => readConfig(unset)).toThrow(/SUPABASE_URL/);
    const refused = await callJson<{ error: { code: string } }>("/api/auth/local", jsonRequest("POST", { email: "a@example.test" }), unset);
    expect(refused.status).toBe(500);
    expect(refused.body.error.code).toBe("configuration_invalid");
    const complete = readConfig(withVars({ ...PRODUCTION_SECRETS, ENVIRONMENT: undefined }));
    expect(complete.environment).toBe("production");
    expect(complete.integrations.localAuth).toEqual({ status: "off", reason: "local sign-in is never available in production" });
  });

  it("production health says only that the service is up, unless the caller presents the cron secret", async () => {
    const production = withVars(PRODUCTION_SECRETS);
    const anonymous = await callJson<Record<string, unknown>>("/api/health", {}, production);
    expect(anonymous.body).toEqual({ ok: true });
    const wrong = await callJson<Record<string, unknown>>("/api/health", { headers: { authorization: "Bearer nope" } }, production);
    expect(wrong.body).toEqual({ ok: true });
    const operator = await callJson<{ integrations: Record<string, string> }>("/api/health", { headers: { authorization: "Bearer cron-secret" } }, production);
    expect(operator.body.integrations.supabase).toBe("configured");
    expect(operator.body.integrations.localAuth).toMatch(/^off/);
    // In development (and tests) the details are public: nothing there is secret.
    expect(((await callJson<{ integrations?: object }>("/api/health")).body.integrations ?? null) !== null).toBe(true);
  });
});

describe("Supabase anonymous sign-ins", () => {
  it("are refused before any account exists: no profile, no welcome credits", async () => {
    const url = `https://anon${crypto.randomUUID().slice(0, 8)}.supabase.co`;
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: "k", alg: "ES256", use: "sig" };
    interceptFetch((request) => (request.url === `${url}/auth/v1/.well-known/jwks.json` ? Response.json({ keys: [jwk] }) : undefined));
    const bindings = withVars({ SUPABASE_URL: url, SUPABASE_ANON_KEY: "anon" });
    const token = (claims: Record<string, unknown>) =>
      new SignJWT({ role: "authenticated", aud: "authenticated", iss: `${url}/auth/v1`, ...claims }).setProtectedHeader({ alg: "ES256", kid: "k" }).setIssuedAt().setExpirationTime("1h").sign(privateKey);
    const guest = crypto.randomUUID();
    const refused = await callJson<{ error: { code: string } }>("/api/me", { headers: { authorization: `Bearer ${await token({ sub: guest, is_anonymous: true })}` } }, bindings);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("anonymous_not_allowed");
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM profiles WHERE id = ?1").bind(guest).first<{ n: number }>()).toEqual({ n: 0 });
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM credit_transactions WHERE user_id = ?1").bind(guest).first<{ n: number }>()).toEqual({ n: 0 });
    // The same project's real users still get in.
    const member = await callJson<{ credits: number }>("/api/me", { headers: { authorization: `Bearer ${await token({ sub: crypto.randomUUID(), email: "m@example.test", is_anonymous: false })}` } }, bindings);
    expect(member.body.credits).toBe(10_000);
  });
});

describe("security headers", () => {
  const common = (headers: Headers) => {
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(headers.get("strict-transport-security")).toMatch(/^max-age=\d{8}/);
    expect(headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  };

  it("are on API answers, errors, the public API and audio alike", async () => {
    for (const path of ["/api/health", "/api/nope", "/v1/audio/speech", "/api/v1/openapi.json", "/api/me"]) {
      const response = await call(path);
      common(response.headers);
      expect(response.headers.get("content-security-policy"), path).toContain("default-src 'none'");
    }
  });

  it("are on the SPA pages the Worker serves, with a policy that keeps scripts to the origin", async () => {
    const page = await call("/en/dashboard");
    expect(page.headers.get("content-type")).toContain("text/html");
    common(page.headers);
    const policy = page.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self' https: wss: http: ws: blob: data:");
    expect(policy).not.toContain("unsafe-eval");
  });
});

describe("log lines", () => {
  it("are JSON objects carrying the id of the request they were written in", async () => {
    const user = await newUser({ prefix: "logs" });
    const body = { text: `Logged ${crypto.randomUUID().slice(0, 8)} once`, voice: "Kore" };
    expect((await call("/api/generate-voice", jsonRequest("POST", body, user.token))).status).toBe(200);
    // The repeat is a cache hit whose history row cannot be queued: logged, then written directly.
    vi.spyOn(env.JOBS_QUEUE, "send").mockRejectedValue(new Error("queue unavailable"));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const hit = await call("/api/generate-voice", { ...jsonRequest("POST", body, user.token), headers: { "content-type": "application/json", authorization: `Bearer ${user.token}`, "x-request-id": "trace-logs-0001" } });
    expect(hit.status).toBe(200);
    const lines = logged.mock.calls.map((args) => JSON.parse(String(args[0])) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ level: "error", message: "queueing the history row failed; writing it before responding", requestId: "trace-logs-0001", errorMessage: "queue unavailable" }));
  });
});

describe("unexpected errors reach Sentry from every handler", () => {
  const sentry = () => interceptFetch((request) => (new URL(request.url).host === "sentry.test" ? new Response("{}") : undefined));
  const withSentry = () => withVars({ SENTRY_DSN: "https://public@sentry.test/7" });

  it("a queue job that fails is reported (tagged with its job) and retried", async () => {
    const envelopes = sentry();
    const bindings = withSentry();
    vi.spyOn(bindings.DB, "batch").mockRejectedValue(new Error("d1 fell over during settlement"));
    vi.spyOn(bindings.DB, "prepare").mockImplementation(() => {
      throw new Error("d1 fell over during settlement");
    });
    const batch = createMessageBatch("sexyvoice-jobs", [
      {
        id: "m-1",
        timestamp: new Date(),
        attempts: 1,
        body: {
          type: "usage.record",
          userId: "u",
          usageType: "tts",
          sourceId: `s-${crypto.randomUUID()}`,
          provider: "local",
          model: "m",
          creditsUsed: 1,
          quantity: 1,
          unit: "characters",
          metadata: {},
          occurredAt: new Date().toISOString(),
        },
      },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, bindings, ctx);
    await waitOnExecutionContext(ctx);
    expect(envelopes.some((request) => request.body.includes("d1 fell over during settlement") && request.body.includes("queue:usage.record"))).toBe(true);
  });

  it("a cron job that throws is reported and the run fails", async () => {
    const envelopes = sentry();
    const bindings = withSentry();
    vi.spyOn(bindings.DB, "prepare").mockImplementation(() => {
      throw new Error("sweep could not read");
    });
    const ctx = createExecutionContext();
    await expect(worker.scheduled(createScheduledController({ cron: "*/5 * * * *", scheduledTime: Date.now() }), bindings, ctx)).rejects.toThrow("sweep could not read");
    await waitOnExecutionContext(ctx);
    expect(envelopes.some((request) => request.body.includes("sweep could not read") && request.body.includes("scheduled"))).toBe(true);
  });
});
