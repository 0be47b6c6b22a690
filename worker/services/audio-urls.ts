/**
 * Short-lived signed audio URLs. The bucket stays private; the Worker serves an audio file only
 * for a URL whose HMAC-SHA-256 signature over (audio id, expiry) checks out and has not expired.
 * The key is AUDIO_URL_SECRET (required in production) or an instance secret in development.
 */
import type { AppConfig } from "../env";
import { base64Url, instanceSecret } from "../db/instance-secrets";

export const AUDIO_URL_TTL_SECONDS = 60 * 60;
const keys = new Map<string, Promise<CryptoKey>>();

async function signingKey(config: AppConfig, db: D1Database): Promise<CryptoKey> {
  const secret = config.secrets.AUDIO_URL_SECRET ?? (await instanceSecret(db, "audio-url-signing-key"));
  let key = keys.get(secret);
  if (key === undefined) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(secret, key);
  }
  return key;
}

const payload = (audioId: string, expires: number) => new TextEncoder().encode(`audio:${audioId}:${expires}`);

export async function signedAudioUrl(origin: string, audioId: string, config: AppConfig, db: D1Database, now = Date.now()): Promise<string> {
  const expires = Math.floor(now / 1000) + AUDIO_URL_TTL_SECONDS;
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", await signingKey(config, db), payload(audioId, expires)));
  return `${origin}/api/audio/${encodeURIComponent(audioId)}?exp=${expires}&sig=${base64Url(signature)}`;
}

/** True when the signature is genuine (constant-time check) and the URL has not expired. */
export async function verifyAudioSignature(audioId: string, expires: string | undefined, signature: string | undefined, config: AppConfig, db: D1Database): Promise<boolean> {
  if (expires === undefined || signature === undefined || !/^\d{1,12}$/.test(expires)) return false;
  if (Number(expires) < Math.floor(Date.now() / 1000)) return false;
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(signature.replaceAll("-", "+").replaceAll("_", "/")), (char) => char.charCodeAt(0));
  } catch {
    return false;
  }
  return crypto.subtle.verify("HMAC", await signingKey(config, db), bytes, payload(audioId, Number(expires)));
}
