import { env } from "cloudflare:test";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { describe, expect, it } from "vitest";
import { authorized, callJson, jsonRequest, signInNewUser, withVars } from "./support/app";
import { interceptFetch } from "./support/http";

const HS_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";

async function supabaseProject() {
  const ref = `proj${crypto.randomUUID().slice(0, 8)}`;
  const url = `https://${ref}.supabase.co`;
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: "key-1", alg: "ES256", use: "sig" };
  const bindings = withVars({ SUPABASE_URL: url, SUPABASE_ANON_KEY: "anon", SUPABASE_JWT_SECRET: HS_SECRET });
  const jwksRequests = interceptFetch((request) => (request.url === `${url}/auth/v1/.well-known/jwks.json` ? Response.json({ keys: [jwk] }) : undefined));
  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    sub: crypto.randomUUID(),
    email: "someone@example.test",
    role: "authenticated",
    aud: "authenticated",
    iss: `${url}/auth/v1`,
    ...overrides,
  });
  const es256 = (payload: JWTPayload, expiresIn = "1h") => new SignJWT(payload).setProtectedHeader({ alg: "ES256", kid: "key-1" }).setIssuedAt().setExpirationTime(expiresIn).sign(privateKey);
  const hs256 = (payload: JWTPayload, secret = HS_SECRET) => new SignJWT(payload).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime("1h").sign(new TextEncoder().encode(secret));
  return { url, bindings, claims, es256, hs256, jwksRequests };
}

function base64Url(value: object): string {
  return btoa(JSON.stringify(value)).replaceAll("=", "").replaceAll("+", "-").replaceAll("/", "_");
}

describe("Supabase access tokens", () => {
  it("accepts a valid ES256 token verified through the project's JWKS, and caches the key set", async () => {
    const project = await supabaseProject();
    const claims = project.claims();
    const token = await project.es256(claims);
    const first = await callJson("/api/me", authorized(token), project.bindings);
    const second = await callJson("/api/me", authorized(token), project.bindings);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: claims.sub, email: "someone@example.test", credits: 10_000, authProvider: "supabase" });
    expect(second.status).toBe(200);
    expect(project.jwksRequests).toHaveLength(1);
  });

  it("accepts a valid HS256 token signed with the project's JWT secret", async () => {
    const project = await supabaseProject();
    const claims = project.claims();
    const { status, body } = await callJson("/api/me", authorized(await project.hs256(claims)), project.bindings);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: claims.sub });
  });

  const badTokens: [string, (p: Awaited<ReturnType<typeof supabaseProject>>) => Promise<string>][] = [
    ["an expired token", async (p) => p.es256(p.claims({ exp: Math.floor(Date.now() / 1000) - 60 }), "-1m")],
    ["a token for another audience", async (p) => p.es256(p.claims({ aud: "service_role" }))],
    ["a token from another issuer", async (p) => p.es256(p.claims({ iss: "https://evil.supabase.co/auth/v1" }))],
    ["an HS256 token with a forged signature", async (p) => p.hs256(p.claims(), "a-different-secret-that-is-long-enough-to-sign")],
    [
      "an ES256 token whose signature was tampered with",
      async (p) => {
        const [header, , signature] = (await p.es256(p.claims())).split(".");
        return `${header}.${base64Url(p.claims({ sub: "someone-else" }))}.${signature}`;
      },
    ],
    ["an unsigned token (alg none)", async (p) => `${base64Url({ alg: "none", typ: "JWT" })}.${base64Url(p.claims())}.`],
    ["a token with a malformed header", async () => `not-json.${base64Url({ sub: "x" })}.c2ln`],
    ["a token with no sub", async (p) => p.hs256(p.claims({ sub: undefined }))],
  ];

  for (const [name, makeToken] of badTokens) {
    it(`refuses ${name} with 401`, async () => {
      const project = await supabaseProject();
      const { status, body } = await callJson<{ error: { code: string } }>("/api/me", authorized(await makeToken(project)), project.bindings);
      expect(status).toBe(401);
      expect(body.error.code).toBe("unauthenticated");
    });
  }

  it("refuses a request without a bearer token", async () => {
    const { status, body } = await callJson<{ error: { code: string } }>("/api/me");
    expect(status).toBe(401);
    expect(body.error.code).toBe("unauthenticated");
  });

  it("does not accept local sign-in tokens once a Supabase project is configured", async () => {
    const { token } = await signInNewUser();
    const project = await supabaseProject();
    const { status } = await callJson("/api/me", authorized(token), project.bindings);
    expect(status).toBe(401);
  });
});

describe("local sign-in", () => {
  it("issues a token that /api/me accepts, for the same account on every sign-in", async () => {
    const email = `Local-${crypto.randomUUID().slice(0, 6)}@Example.test`;
    const first = await callJson<{ accessToken: string; user: { id: string; email: string } }>("/api/auth/local", jsonRequest("POST", { email }));
    const second = await callJson<{ accessToken: string; user: { id: string } }>("/api/auth/local", jsonRequest("POST", { email }));
    expect(first.status).toBe(200);
    expect(first.body.user.email).toBe(email.toLowerCase());
    expect(second.body.user.id).toBe(first.body.user.id);
    const me = await callJson("/api/me", authorized(first.body.accessToken));
    expect(me.body).toMatchObject({ id: first.body.user.id, credits: 10_000, isPaid: false, authProvider: "local" });
  });

  it("rejects an invalid email with a validation error naming the field", async () => {
    const { status, body } = await callJson<{ error: { code: string; field: string } }>("/api/auth/local", jsonRequest("POST", { email: "not-an-email" }));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "validation_failed", field: "email" });
  });

  it("is refused when a Supabase project is configured", async () => {
    const project = await supabaseProject();
    const { status, body } = await callJson<{ error: { code: string; message: string } }>("/api/auth/local", jsonRequest("POST", { email: "a@example.test" }), project.bindings);
    expect(status).toBe(403);
    expect(body.error.code).toBe("local_auth_disabled");
  });

  it("is refused in production even with every production secret set", async () => {
    const production = withVars({ ENVIRONMENT: "production", SUPABASE_URL: undefined, SUPABASE_ANON_KEY: "anon", AUDIO_URL_SECRET: "s", LOCAL_AUTH_SECRET: "x" });
    const { status, body } = await callJson<{ error: { code: string } }>("/api/auth/local", jsonRequest("POST", { email: "a@example.test" }), production);
    expect(status).toBe(500);
    expect(body.error.code).toBe("configuration_invalid");
    const complete = withVars({ ENVIRONMENT: "production", SUPABASE_URL: "https://prod.supabase.co", SUPABASE_ANON_KEY: "anon", AUDIO_URL_SECRET: "s", LOCAL_AUTH_SECRET: "x" });
    const refused = await callJson<{ error: { code: string } }>("/api/auth/local", jsonRequest("POST", { email: "a@example.test" }), complete);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("local_auth_disabled");
  });

  it("a production deployment without its secrets refuses every request and names what is missing", async () => {
    const production = withVars({ ENVIRONMENT: "production" });
    const { status, body } = await callJson<{ error: { code: string; message: string } }>("/api/health", {}, production);
    expect(status).toBe(500);
    expect(body.error.code).toBe("configuration_invalid");
    expect(body.error.message).toContain("SUPABASE_URL");
  });
});

describe("account bootstrap", () => {
  it("ten simultaneous first requests create one profile and one grant of 10,000", async () => {
    const { token, userId } = await signInNewUser("burst");
    const responses = await Promise.all(Array.from({ length: 10 }, () => callJson<{ credits: number }>("/api/me", authorized(token))));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(responses.every((r) => r.body.credits === 10_000)).toBe(true);
    const profiles = await env.DB.prepare("SELECT COUNT(*) AS n FROM profiles WHERE id = ?1").bind(userId).first<{ n: number }>();
    const grants = await env.DB.prepare("SELECT COUNT(*) AS n, SUM(amount) AS total FROM credit_transactions WHERE user_id = ?1 AND type = 'freemium'").bind(userId).first<{ n: number; total: number }>();
    expect(profiles?.n).toBe(1);
    expect(grants).toEqual({ n: 1, total: 10_000 });
  });
});
