/**
 * API keys (PRODUCT §13): `sv_` followed by 32 random bytes in base64url (256 bits), shown once
 * at creation; only the SHA-256 of the whole key is stored (a key that long needs no slow hash),
 * with its first characters as a visible prefix. A key is checked on every request: unknown,
 * revoked and expired keys are 401 at once (no cache), and what the key may do is its scopes.
 */
import { base64Url } from "../db/instance-secrets";
import { insertApiKey, findActiveApiKey, type ActiveApiKey } from "../db/api-keys";
import type { Identity } from "../db/profiles";
import { API_KEY_SCOPES, type CreateApiKeyRequest, type CreatedApiKey } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { MAX_ACTIVE_API_KEYS } from "../shared/limits";
import { sha256Hex } from "./clone-references";

export const API_KEY_PREFIX = "sv_";
/** `sv_` and the first 8 characters of the secret part. */
const VISIBLE_CHARACTERS = API_KEY_PREFIX.length + 8;
const KEY_PATTERN = /^sv_[A-Za-z0-9_-]{43}$/;

export async function createApiKey(db: D1Database, userId: string, request: CreateApiKeyRequest, now = Date.now()): Promise<CreatedApiKey> {
  let expiresAt: string | null = null;
  if (request.expiresAt !== undefined) {
    const when = Date.parse(request.expiresAt);
    if (!(when > now)) throw new AppError("validation_failed", "expiresAt: choose a time in the future.", { field: "expiresAt" });
    expiresAt = new Date(when).toISOString();
  }
  const key = `${API_KEY_PREFIX}${base64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
  const scopes = request.scopes === undefined ? [...API_KEY_SCOPES] : API_KEY_SCOPES.filter((scope) => request.scopes?.includes(scope));
  const created = await insertApiKey(db, { id: crypto.randomUUID(), userId, name: request.name, prefix: key.slice(0, VISIBLE_CHARACTERS), keyHash: await sha256Hex(key), scopes, expiresAt }, MAX_ACTIVE_API_KEYS);
  if (created === null) throw new AppError("limit_reached", `You can have at most ${MAX_ACTIVE_API_KEYS} active API keys. Revoke one to create another.`);
  const { userId: _owner, ...view } = created;
  return { ...view, key };
}

/** The key a request presents (`Authorization: Bearer sv_…` or `x-api-key`), or null when it presents none. */
export function presentedKey(headers: Headers): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "")?.[1];
  return bearer ?? headers.get("x-api-key")?.trim() ?? null;
}

/** The active key and its owner, or null when the string is not one of ours or is revoked or expired. */
export async function verifyApiKey(db: D1Database, key: string): Promise<{ key: ActiveApiKey; owner: Identity } | null> {
  if (!KEY_PATTERN.test(key)) return null;
  return findActiveApiKey(db, await sha256Hex(key));
}
