/**
 * Short-lived signed URLs. The bucket stays private; the Worker serves a signed path only when
 * the HMAC-SHA-256 signature over the path and its query (every parameter but `sig`, in a fixed
 * order) checks out and `exp` has not passed. Routes mounted with the `signed-url` scheme
 * (worker/route-auth.ts) are checked here before their handler runs.
 *
 * Audio URLs are `/api/audio/<history id>?k=<storage key>&exp&sig`: the storage key travels in
 * the URL so a link works the moment it is returned, even while its history row is still being
 * written after the response (cache hits). The key is AUDIO_URL_SECRET (required in production)
 * or an instance secret in development.
 */
import type { AppConfig } from "../env";
import { base64Url, instanceSecret } from "../db/instance-secrets";

export const AUDIO_URL_TTL_SECONDS = 60 * 60;
const keys = new Map<string, Promise<CryptoKey>>();

async function signingKey(config: AppConfig, db: D1Database): Promise<CryptoKey> {
  const secret = config.audioUrlSecret ?? (await instanceSecret(db, "audio-url-signing-key"));
  let key = keys.get(secret);
  if (key === undefined) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(secret, key);
  }
  return key;
}

/** What is signed: the path and its parameters except `sig`, sorted by name. */
function canonical(pathname: string, params: URLSearchParams): Uint8Array {
  const pairs = [...params.entries()].filter(([name]) => name !== "sig").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new TextEncoder().encode(`${pathname}?${pairs.map(([name, value]) => `${name}=${value}`).join("&")}`);
}

export async function signPath(origin: string, pathname: string, params: Record<string, string>, config: AppConfig, db: D1Database, now = Date.now()): Promise<string> {
  const query = new URLSearchParams({ ...params, exp: String(Math.floor(now / 1000) + AUDIO_URL_TTL_SECONDS) });
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", await signingKey(config, db), canonical(pathname, query)));
  query.set("sig", base64Url(signature));
  return `${origin}${pathname}?${query.toString()}`;
}

/** True when the URL's signature is genuine (constant-time check) and it has not expired. */
export async function verifySignedUrl(url: URL, config: AppConfig, db: D1Database): Promise<boolean> {
  const expires = url.searchParams.get("exp");
  const signature = url.searchParams.get("sig");
  if (expires === null || signature === null || !/^\d{1,12}$/.test(expires)) return false;
  if (Number(expires) < Math.floor(Date.now() / 1000)) return false;
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(signature.replaceAll("-", "+").replaceAll("_", "/")), (char) => char.charCodeAt(0));
  } catch {
    return false;
  }
  return crypto.subtle.verify("HMAC", await signingKey(config, db), bytes, canonical(url.pathname, url.searchParams));
}

/** Signs playable links for audio: one signer per request (origin and key resolved once). */
export interface AudioLinks {
  link(audioId: string, storageKey: string): Promise<string>;
}

export function audioLinks(origin: string, config: AppConfig, db: D1Database): AudioLinks {
  return { link: (audioId, storageKey) => signPath(origin, `/api/audio/${encodeURIComponent(audioId)}`, { k: storageKey }, config, db) };
}
