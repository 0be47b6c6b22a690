import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { Hono } from "hono";
import { app, ROUTE_MOUNTS } from "../worker/app";
import type { AppEnv } from "../worker/context";
import { configuration } from "../worker/middleware";
import { mountRoutes, type RouteMount, type WebhookVerifier } from "../worker/route-auth";
import { AppError } from "../worker/shared/errors";
import { grant } from "../worker/db/ledger";
import { authorized, call, callJson, jsonRequest, signInNewUser, withVars } from "./support/app";
import { interceptFetch } from "./support/http";

interface ErrorResponse {
  error: { code: string; message: string; field?: string };
  requestId: string;
}

describe("API skeleton", () => {
  it("every response carries a request id, and errors repeat it in the body", async () => {
    const ok = await call("/api/health");
    expect(ok.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await callJson<ErrorResponse>("/api/nope", { headers: { "x-request-id": "trace-12345678" } });
    expect(missing.response.headers.get("x-request-id")).toBe("trace-12345678");
    expect(missing.body.requestId).toBe("trace-12345678");
  });

  it("unknown API paths get a JSON 404 instead of the SPA", async () => {
    const { status, body, response } = await callJson<ErrorResponse>("/api/does-not-exist");
    expect(status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(body.error.code).toBe("route_not_found");
  });

  it("non-API paths fall through to the static SPA", async () => {
    const response = await call("/en/dashboard");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
  });

  it("refuses a body over the limit with 413 before reading it", async () => {
    const { status, body } = await callJson<ErrorResponse>("/api/auth/local", jsonRequest("POST", { email: "a@example.test", padding: "x".repeat(70_000) }));
    expect(status).toBe(413);
    expect(body.error.code).toBe("payload_too_large");
  });

  it("malformed JSON is a 400 with a stable code", async () => {
    const { status, body } = await callJson<ErrorResponse>("/api/auth/local", { method: "POST", headers: { "content-type": "application/json" }, body: "{oops" });
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_json");
  });

  it("an unexpected failure is a 500 with a generic message, reported to Sentry when SENTRY_DSN is set", async () => {
    const { token } = await signInNewUser();
    await callJson("/api/me", authorized(token));
    const envelopes = interceptFetch((request) => (new URL(request.url).host === "sentry.test" ? new Response("{}") : undefined));
    const bindings = withVars({ SENTRY_DSN: "https://public@sentry.test/42" });
    vi.spyOn(bindings.DB, "prepare").mockImplementation(() => {
      throw new Error("database exploded: secret detail");
    });
    const { status, body } = await callJson<ErrorResponse>("/api/me", authorized(token), bindings);
    expect(status).toBe(500);
    expect(body.error.code).toBe("internal_error");
    expect(body.error.message).not.toContain("secret detail");
    expect(envelopes.map((r) => new URL(r.url).pathname)).toEqual(["/api/42/envelope/"]);
    expect(envelopes[0]?.body).toContain("database exploded");
  });

  it("a webhook mount checks the signature over the exact raw body before its handler, which then reads those bytes", async () => {
    const secret = "whsec_test";
    const sign = async (body: string) => {
      const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      return [...new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)))].map((b) => b.toString(16).padStart(2, "0")).join("");
    };
    let checks = 0;
    const verify: WebhookVerifier = async (raw, headers) => {
      checks += 1;
      return headers.get("x-signature") === (await sign(new TextDecoder().decode(raw)));
    };
    const mounts: RouteMount[] = [];
    const hooks = new Hono<AppEnv>().post("/", (c) => c.json({ bytes: c.get("rawBody")?.byteLength, echo: new TextDecoder().decode(c.get("rawBody")) }));
    const test = new Hono<AppEnv>().use("*", configuration);
    mountRoutes(test, mounts, "/hooks/test", { scheme: "webhook-signature", verify }, hooks);
    test.onError((err, c) => c.json({ code: err instanceof AppError ? err.code : "internal_error" }, err instanceof AppError ? err.status : 500));
    const body = '{"id":"evt_1",  "spaced": true}';
    const send = (signature?: string) => test.request("/hooks/test", { method: "POST", body, headers: signature ? { "x-signature": signature } : {} }, env);
    expect((await send()).status).toBe(400);
    expect((await send("00")).status).toBe(400);
    checks = 0;
    const ok = await send(await sign(body));
    expect(ok.status).toBe(200);
    expect(checks, "the scheme runs once per request").toBe(1);
    expect(await ok.json()).toEqual({ bytes: body.length, echo: body });
    expect(mounts).toEqual([{ prefix: "/hooks/test", auth: "webhook-signature" }]);
  });

  it("every API route is mounted with a declared way of authenticating, and each declaration is enforced (default deny)", async () => {
    const routes = app.routes.filter((route) => route.method !== "ALL" && (route.path.startsWith("/api/") || route.path.startsWith("/v1/")));
    expect(routes.length).toBeGreaterThan(10);
    const mountOf = (path: string) => ROUTE_MOUNTS.filter((m) => path === m.prefix || path.startsWith(`${m.prefix}/`)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
    const expected = { user: [401, "unauthenticated"], "cron-secret": [401, "unauthenticated"], "signed-url": [403, "forbidden"], "agent-token": [401, "unauthenticated"], "api-key": [401, "unauthenticated"] } as const;
    const webhookRefusals: Record<string, readonly [number, string]> = { "/api/webhooks/stripe": [400, "validation_failed"], "/api/webhooks/livekit": [401, "unauthenticated"] };
    const seen = new Set<string>();
    for (const route of routes) {
      const mount = mountOf(route.path);
      expect(mount, `${route.method} ${route.path} has no auth declaration`).toBeDefined();
      if (mount === undefined) continue;
      seen.add(mount.auth);
      const path = route.path.replace(/:(\w+)/g, "x");
      const { status, body } = await callJson<ErrorResponse>(path, { method: route.method });
      if (mount.auth === "public") {
        expect([401, 403], `${route.method} ${route.path} is public`).not.toContain(status);
        continue;
      }
      const [wantStatus, wantCode] = mount.auth === "webhook-signature" ? (webhookRefusals[mount.prefix] ?? [400, "validation_failed"]) : expected[mount.auth];
      expect(status, `${route.method} ${route.path} (${mount.auth})`).toBe(wantStatus);
      expect(body.error.code).toBe(wantCode);
    }
    expect([...seen].sort()).toEqual(["agent-token", "api-key", "cron-secret", "public", "signed-url", "user", "webhook-signature"]);
    const publicPaths = ROUTE_MOUNTS.filter((m) => m.auth === "public")
      .map((m) => m.prefix)
      .sort();
    expect(publicPaths).toEqual(["/api/auth", "/api/billing/packages", "/api/call-options", "/api/campaign", "/api/health", "/api/legal", "/api/v1/openapi.json", "/api/voices"]);
  });
});

describe("GET /api/health", () => {
  it("answers ok and says which integrations are off and why", async () => {
    const { status, body } = await callJson<{ ok: boolean; integrations: Record<string, string> }>("/api/health");
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.integrations.localAuth).toBe("configured");
    expect(body.integrations.gemini).toBe("off: GEMINI_API_KEY not set");
  });
});

describe("GET /api/me", () => {
  it("returns the profile, the balance and the paid flag derived from the ledger", async () => {
    const { token, userId, email } = await signInNewUser();
    const before = await callJson("/api/me", authorized(token));
    expect(before.body).toMatchObject({ id: userId, email, credits: 10_000, isPaid: false });
    await grant(env.DB, { userId, amount: 25_000, type: "topup", key: `test-topup:${userId}`, description: "Top-up" });
    const after = await callJson("/api/me", authorized(token));
    expect(after.body).toMatchObject({ credits: 35_000, isPaid: true });
  });

  it("refuses a garbage bearer token", async () => {
    const { status } = await callJson("/api/me", authorized("garbage"));
    expect(status).toBe(401);
  });
});

describe("GET /api/voices", () => {
  interface VoiceList {
    voices: { id: string; name: string; provider: string; language: string; gender: string; feature: string }[];
  }

  it("is public and lists the 30 Gemini voices, the 8 Orpheus voices and the call voices", async () => {
    const { status, body } = await callJson<VoiceList>("/api/voices");
    expect(status).toBe(200);
    expect(body.voices.filter((v) => v.provider === "gemini")).toHaveLength(30);
    expect(
      body.voices
        .filter((v) => v.provider === "replicate")
        .map((v) => v.name)
        .sort(),
    ).toEqual(["dan", "jess", "leah", "leo", "mia", "tara", "zac", "zoe"]);
    expect(body.voices.some((v) => v.feature === "call")).toBe(true);
  });

  it("filters by feature and language (multilingual voices match every language)", async () => {
    const tts = await callJson<VoiceList>("/api/voices?feature=tts&language=es");
    expect(tts.body.voices.every((v) => v.feature === "tts" && (v.language === "es" || v.language === "multi"))).toBe(true);
    expect(tts.body.voices.some((v) => v.provider === "replicate")).toBe(false);
    const english = await callJson<VoiceList>("/api/voices?feature=tts&language=en-US&gender=female");
    expect(english.body.voices.some((v) => v.name === "tara")).toBe(true);
    expect(english.body.voices.every((v) => v.gender === "female")).toBe(true);
  });

  it("rejects an unknown feature with a validation error", async () => {
    const { status, body } = await callJson<ErrorResponse>("/api/voices?feature=singing");
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "validation_failed", field: "feature" });
  });
});

describe("GET /api/credits/transactions", () => {
  it("pages through the user's own rows, newest first, and never shows another user's", async () => {
    const alice = await signInNewUser("alice");
    const bob = await signInNewUser("bob");
    await callJson("/api/me", authorized(bob.token));
    await callJson("/api/me", authorized(alice.token));
    for (let i = 1; i <= 4; i++) {
      await grant(env.DB, { userId: alice.userId, amount: i, type: "adjustment", key: `alice-${alice.userId}-${i}`, description: `grant ${i}` });
    }
    type Page = { items: { amount: number; type: string; balanceAfter: number }[]; nextCursor: string | null };
    const first = await callJson<Page>("/api/credits/transactions?limit=3", authorized(alice.token));
    expect(first.status).toBe(200);
    expect(first.body.items.map((t) => t.amount)).toEqual([4, 3, 2]);
    expect(first.body.items[0]?.balanceAfter).toBe(10_010);
    const second = await callJson<Page>(`/api/credits/transactions?limit=3&cursor=${first.body.nextCursor}`, authorized(alice.token));
    expect(second.body.items.map((t) => t.amount)).toEqual([1, 10_000]);
    expect(second.body.nextCursor).toBeNull();
    const bobs = await callJson<Page>("/api/credits/transactions", authorized(bob.token));
    expect(bobs.body.items).toEqual([expect.objectContaining({ amount: 10_000, type: "freemium" })]);
  });

  it("reads like a statement: a generation and its settlement are one line naming the voice; a failed one is one refunded line", async () => {
    const user = await signInNewUser("statement");
    const text = `Statement ${crypto.randomUUID().slice(0, 8)} one two three four five six seven eight`;
    // With the queue down the settlement happens inline, so the line is already final.
    vi.spyOn(env.JOBS_QUEUE, "send").mockRejectedValue(new Error("queue unavailable"));
    expect((await call("/api/generate-voice", jsonRequest("POST", { text, voice: "Zephyr" }, user.token))).status).toBe(200);
    vi.spyOn(env.LOCAL_ENGINE, "fetch").mockImplementationOnce(async () => new Response("engine crashed", { status: 500 }));
    expect((await call("/api/generate-voice", jsonRequest("POST", { text: `${text} again`, voice: "Zephyr" }, user.token))).status).toBeGreaterThanOrEqual(500);
    type Line = { amount: number; kind: string; state: string | null; voice: string | null; balanceAfter: number };
    const { body } = await callJson<{ items: Line[] }>("/api/credits/transactions", authorized(user.token));
    expect(body.items).toEqual([
      expect.objectContaining({ kind: "speech", state: "refunded", amount: 0, voice: null, balanceAfter: 10_000 - 66 }),
      expect.objectContaining({ kind: "speech", state: "charged", amount: -66, voice: "Zephyr", balanceAfter: 10_000 - 66 }),
      expect.objectContaining({ kind: "welcome", state: null, amount: 10_000, balanceAfter: 10_000 }),
    ]);
  });

  it("rejects a forged cursor and an out-of-range limit", async () => {
    const { token } = await signInNewUser();
    const badCursor = await callJson<ErrorResponse>("/api/credits/transactions?cursor=bm9wZQ", authorized(token));
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.field).toBe("cursor");
    const badLimit = await callJson<ErrorResponse>("/api/credits/transactions?limit=1000", authorized(token));
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.field).toBe("limit");
  });
});
