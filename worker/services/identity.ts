/**
 * Identity: verifies Supabase access tokens (asymmetric keys from the project's JWKS, cached per
 * isolate, or the legacy HS256 secret) and, only when no Supabase project is configured and never
 * in production, issues and verifies local sign-in tokens of the same shape. Signature, expiry,
 * audience and issuer are always checked; `alg: none` and unexpected algorithms are refused.
 */
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JWTPayload } from "jose";
import type { AppConfig } from "../env";
import type { LocalSignInResponse } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { instanceSecret } from "../db/instance-secrets";
import { accountDeletedError, isAccountDeleted, type Identity } from "../db/profiles";

export const TOKEN_AUDIENCE = "authenticated";
export const LOCAL_ISSUER = "sexyvoice-local-auth";
const LOCAL_TOKEN_TTL_SECONDS = 24 * 60 * 60;
const ASYMMETRIC_ALGORITHMS = ["ES256", "RS256"];

const jwksByUrl = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function supabaseJwks(supabaseUrl: string): ReturnType<typeof createRemoteJWKSet> {
  const url = `${supabaseUrl.replace(/\/$/, "")}/auth/v1/.well-known/jwks.json`;
  let jwks = jwksByUrl.get(url);
  if (jwks === undefined) {
    jwks = createRemoteJWKSet(new URL(url), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000, timeoutDuration: 5_000 });
    jwksByUrl.set(url, jwks);
  }
  return jwks;
}

export function supabaseIssuer(supabaseUrl: string): string {
  return `${supabaseUrl.replace(/\/$/, "")}/auth/v1`;
}

async function localSigningKey(config: AppConfig, db: D1Database): Promise<Uint8Array> {
  const secret = config.identity.localSigningSecret ?? (await instanceSecret(db, "local-auth-signing-key"));
  return new TextEncoder().encode(secret);
}

const unauthenticated = (message: string) => new AppError("unauthenticated", message);

/** Verifies a bearer token and returns who it belongs to; every failure is a 401. */
export async function verifyAccessToken(token: string, config: AppConfig, db: D1Database): Promise<Identity> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw unauthenticated("The access token is malformed.");
  }
  const { supabase, localAuth } = config.integrations;
  const supabaseUrl = config.identity.supabase?.url;
  let payload: JWTPayload;
  try {
    if (supabase.status === "configured" && supabaseUrl !== undefined) {
      const options = { audience: TOKEN_AUDIENCE, issuer: supabaseIssuer(supabaseUrl) };
      if (alg === "HS256") {
        const secret = config.identity.supabase?.jwtSecret;
        if (secret === undefined) throw unauthenticated("HS256 tokens are not accepted by this project.");
        payload = (await jwtVerify(token, new TextEncoder().encode(secret), { ...options, algorithms: ["HS256"] })).payload;
      } else if (alg !== undefined && ASYMMETRIC_ALGORITHMS.includes(alg)) {
        payload = (await jwtVerify(token, supabaseJwks(supabaseUrl), { ...options, algorithms: ASYMMETRIC_ALGORITHMS })).payload;
      } else {
        throw unauthenticated("The access token uses an algorithm this project does not accept.");
      }
    } else if (localAuth.status === "configured") {
      if (alg !== "HS256") throw unauthenticated("The access token uses an algorithm this project does not accept.");
      const key = await localSigningKey(config, db);
      payload = (await jwtVerify(token, key, { audience: TOKEN_AUDIENCE, issuer: LOCAL_ISSUER, algorithms: ["HS256"] })).payload;
    } else {
      throw unauthenticated("No identity provider is configured.");
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unauthenticated("The access token is invalid or expired.");
  }
  const email = typeof payload.email === "string" ? payload.email : "";
  if (typeof payload.sub !== "string" || payload.sub === "" || payload.role === "anon") {
    throw unauthenticated("The access token does not identify a user.");
  }
  // Supabase anonymous sign-ins are real JWTs of role "authenticated" with is_anonymous: they
  // would each get an account and 10,000 welcome credits, so they are refused before any exists.
  if (payload.is_anonymous === true) throw new AppError("anonymous_not_allowed", "Sign in with an account to use SexyVoice; anonymous sessions are not accepted.");
  return { userId: payload.sub, email, provider: supabase.status === "configured" ? "supabase" : "local" };
}

/** Signs a local user in by email (development without Supabase only). */
export async function issueLocalToken(email: string, config: AppConfig, db: D1Database): Promise<LocalSignInResponse> {
  const { localAuth } = config.integrations;
  if (localAuth.status !== "configured") {
    throw new AppError("local_auth_disabled", `Local sign-in is disabled: ${localAuth.reason}.`);
  }
  const normalised = email.trim().toLowerCase();
  const userId = await localUserId(normalised);
  // A deleted account stays deleted: its email cannot sign in to it again (decisions.md).
  if (await isAccountDeleted(db, userId)) throw accountDeletedError();
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + LOCAL_TOKEN_TTL_SECONDS;
  const accessToken = await new SignJWT({ email: normalised, role: "authenticated", app_metadata: { provider: "email" } })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(expiresAt)
    .sign(await localSigningKey(config, db));
  return { accessToken, tokenType: "bearer", expiresAt, user: { id: userId, email: normalised } };
}

/** A stable UUID-shaped id per email, so signing in again returns the same account. */
async function localUserId(email: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`local-user:${email}`)));
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
