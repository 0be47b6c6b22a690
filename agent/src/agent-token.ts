/**
 * The agent's bearer token for the Worker's agent endpoint: an HS256 JWT signed with the LiveKit
 * API secret, `iss` the API key, `aud` AGENT_TOKEN_AUDIENCE, `sub` the session id, valid one
 * minute (the Worker refuses tokens valid longer than AGENT_TOKEN_MAX_TTL_SECONDS). A fresh one
 * is made for every request. Plain node:crypto; the Worker verifies with jose.
 */
import { createHmac } from "node:crypto";
import { AGENT_TOKEN_AUDIENCE, AGENT_TOKEN_MAX_TTL_SECONDS, type AgentTokenClaims } from "./contract";

export const AGENT_TOKEN_TTL_SECONDS = 60;

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

export function mintAgentToken(credentials: { apiKey: string; apiSecret: string }, sessionId: string, options: { nowSeconds?: number; ttlSeconds?: number } = {}): string {
  const iat = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const ttl = Math.min(options.ttlSeconds ?? AGENT_TOKEN_TTL_SECONDS, AGENT_TOKEN_MAX_TTL_SECONDS);
  const claims: AgentTokenClaims = { iss: credentials.apiKey, aud: AGENT_TOKEN_AUDIENCE, sub: sessionId, iat, exp: iat + ttl };
  const signingInput = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`;
  const signature = createHmac("sha256", credentials.apiSecret).update(signingInput).digest();
  return `${signingInput}.${base64url(signature)}`;
}
