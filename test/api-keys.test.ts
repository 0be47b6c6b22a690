// API keys (issue 13 §2, PRODUCT §13): shown once and stored only as a hash, listed without the
// key, revoked and expired keys refused at once, scopes enforced per route, managed only with a
// dashboard session, the 10-key limit, the per-key rate limit, and the plan checked on every call.
import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { grant } from "../worker/db/ledger";
import type { ApiKeyListResponse, CreatedApiKey } from "../worker/shared/contracts";
import { MAX_ACTIVE_API_KEYS } from "../worker/shared/limits";
import { authorized, call, callJson, jsonRequest } from "./support/app";
import { newUser, uniqueTag } from "./support/factories";

interface OpenAiError {
  error: { message: string; type: string; code: string; param: string | null };
  requestId: string;
}

async function sha256Hex(value: string): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value)))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function createKey(token: string, body: Record<string, unknown> = { name: "Script" }) {
  return callJson<CreatedApiKey & { error?: { code: string; field?: string } }>("/api/keys", jsonRequest("POST", body, token));
}

const withKey = (key: string, init: RequestInit = {}): RequestInit => ({ ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${key}` } });

describe("API keys", () => {
  it("are shown once at creation and stored only as their SHA-256; the list never carries them", async () => {
    const user = await newUser({ prefix: "keys" });
    const created = await createKey(user.token, { name: "CI job", scopes: ["speech", "voices:read"] });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^sv_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({ name: "CI job", scopes: ["speech", "voices:read"], prefix: created.body.key.slice(0, 11), lastUsedAt: null, expiresAt: null });

    const row = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?1").bind(created.body.id).first<Record<string, unknown>>();
    expect(row?.key_hash).toBe(await sha256Hex(created.body.key));
    expect(JSON.stringify(row)).not.toContain(created.body.key.slice(11));

    const list = await callJson<ApiKeyListResponse>("/api/keys", authorized(user.token));
    expect(list.body.limit).toBe(MAX_ACTIVE_API_KEYS);
    expect(list.body.keys).toEqual([expect.objectContaining({ id: created.body.id, prefix: created.body.prefix })]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);

    // It works, and its use is recorded.
    const me = await callJson<{ id: string; credits: number }>("/api/v1/me", withKey(created.body.key));
    expect(me.body).toMatchObject({ id: user.userId, credits: 10_000 });
    const used = await callJson<ApiKeyListResponse>("/api/keys", authorized(user.token));
    expect(used.body.keys[0]?.lastUsedAt).not.toBeNull();
    // Further use within the minute writes nothing: the request that read the key saw it was fresh.
    const prepare = vi.spyOn(env.DB, "prepare");
    expect((await call("/api/v1/me", withKey(created.body.key))).status).toBe(200);
    expect(prepare.mock.calls.filter(([sql]) => sql.startsWith("UPDATE api_keys SET last_used_at"))).toEqual([]);
  });

  it("default to every scope; x-api-key works as well as the bearer header", async () => {
    const user = await newUser({ prefix: "keys" });
    const { body } = await createKey(user.token);
    expect(body.scopes).toEqual(["speech", "clone", "voices:read", "history:read"]);
    expect((await call("/api/v1/voices", { headers: { "x-api-key": body.key } })).status).toBe(200);
  });

  it("a revoked key is refused at once (401 in OpenAI's error shape); another user cannot revoke it", async () => {
    const user = await newUser({ prefix: "keys" });
    const other = await newUser({ prefix: "keys" });
    const { body } = await createKey(user.token);
    expect((await call(`/api/keys/${body.id}`, authorized(other.token, { method: "DELETE" }))).status).toBe(404);
    expect((await call("/api/v1/me", withKey(body.key))).status).toBe(200);
    expect((await call(`/api/keys/${body.id}`, authorized(user.token, { method: "DELETE" }))).status).toBe(204);
    const refused = await callJson<OpenAiError>("/api/v1/me", withKey(body.key));
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ type: "authentication_error", code: "unauthenticated", param: null });
    expect((await callJson<ApiKeyListResponse>("/api/keys", authorized(user.token))).body.keys).toEqual([]);
  });

  it("an expired key is refused; an expiry in the past cannot be set", async () => {
    const user = await newUser({ prefix: "keys" });
    const past = await createKey(user.token, { name: "Old", expiresAt: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(400);
    expect(past.body.error?.field).toBe("expiresAt");
    const { body } = await createKey(user.token, { name: "Soon", expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await call("/api/v1/me", withKey(body.key))).status).toBe(200);
    await env.DB.prepare("UPDATE api_keys SET expires_at = ?2 WHERE id = ?1")
      .bind(body.id, new Date(Date.now() - 1000).toISOString())
      .run();
    expect((await call("/api/v1/me", withKey(body.key))).status).toBe(401);
  });

  it("unknown and malformed keys are 401; a key missing the route's scope is 403 insufficient_scope", async () => {
    const user = await newUser({ prefix: "keys" });
    expect((await call("/api/v1/me", withKey(`sv_${"A".repeat(43)}`))).status).toBe(401);
    expect((await call("/api/v1/me", withKey("sv_short"))).status).toBe(401);
    expect((await call("/api/v1/me")).status).toBe(401);
    const { body } = await createKey(user.token, { name: "Reader", scopes: ["voices:read"] });
    expect((await call("/api/v1/voices", withKey(body.key))).status).toBe(200);
    for (const [path, init] of [
      ["/api/v1/history", {}],
      ["/v1/audio/speech", jsonRequest("POST", { model: "tts-1", input: "Hi", voice: "alloy" })],
      ["/api/v1/speech", jsonRequest("POST", { text: "Hi", voice: "Kore" })],
    ] as const) {
      const refused = await callJson<OpenAiError>(path, withKey(body.key, init));
      expect(refused.status, path).toBe(403);
      expect(refused.body.error).toMatchObject({ code: "insufficient_scope", type: "permission_error" });
    }
  });

  it("cannot manage keys or use the dashboard's routes: those need a session (403 session_required)", async () => {
    const user = await newUser({ prefix: "keys" });
    const { body } = await createKey(user.token);
    for (const [path, init] of [
      ["/api/keys", {}],
      ["/api/keys", jsonRequest("POST", { name: "Escalate" })],
      [`/api/keys/${body.id}`, { method: "DELETE" }],
      ["/api/me", {}],
      ["/api/generate-voice", jsonRequest("POST", { text: "Hi", voice: "Kore" })],
    ] as const) {
      const refused = await callJson<{ error: { code: string } }>(path, withKey(body.key, init));
      expect(refused.status, path).toBe(403);
      expect(refused.body.error.code).toBe("session_required");
    }
    expect((await callJson<ApiKeyListResponse>("/api/keys", authorized(user.token))).body.keys).toHaveLength(1);
  });

  it(`at most ${MAX_ACTIVE_API_KEYS} active keys: the next is a 409 limit_reached until one is revoked`, async () => {
    const user = await newUser({ prefix: "keys" });
    const created = await Promise.all(Array.from({ length: MAX_ACTIVE_API_KEYS + 3 }, (_, i) => createKey(user.token, { name: `Key ${i}` })));
    expect(created.filter((answer) => answer.status === 201)).toHaveLength(MAX_ACTIVE_API_KEYS);
    expect(created.filter((answer) => answer.status === 409).map((answer) => answer.body.error?.code)).toEqual(["limit_reached", "limit_reached", "limit_reached"]);
    const first = created.find((answer) => answer.status === 201);
    await call(`/api/keys/${first?.body.id}`, authorized(user.token, { method: "DELETE" }));
    expect((await createKey(user.token, { name: "Replacement" })).status).toBe(201);
  });

  it("each key has its own rate limit: over it, 429 with Retry-After; another key of the same user still works", async () => {
    const user = await newUser({ prefix: "keys" });
    const busy = (await createKey(user.token, { name: "Busy" })).body.key;
    const calm = (await createKey(user.token, { name: "Calm" })).body.key;
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 150 && limited === undefined; i++) {
      const response = await call("/api/v1/me", withKey(busy));
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    if (limited === undefined) throw new Error("the key was never rate limited");
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(((await limited.json()) as OpenAiError).error).toMatchObject({ code: "rate_limited", type: "rate_limit_error" });
    expect((await call("/api/v1/me", withKey(calm))).status).toBe(200);
  });

  it("the plan is checked on every call, not when the key was made: a key made while free gets paid features after a purchase", async () => {
    const user = await newUser({ prefix: "keys" });
    const { body } = await createKey(user.token);
    const request = () => callJson<OpenAiError>("/api/v1/speech", withKey(body.key, jsonRequest("POST", { text: `Seeded ${uniqueTag()}`, voice: "Kore", seed: 7 })));
    const free = await request();
    expect(free.status).toBe(403);
    expect(free.body.error).toMatchObject({ code: "paid_feature", param: "seed" });
    expect(free.response.headers.get("x-should-retry")).toBe("false");
    await grant(env.DB, { userId: user.userId, amount: 1000, type: "topup", key: `topup:${user.userId}`, description: "test top-up" });
    expect((await request()).status).toBe(200);
  });
});
