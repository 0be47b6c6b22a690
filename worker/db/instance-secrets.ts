/**
 * Secrets the instance generates for itself in local development (local sign-in signing key,
 * audio URL signing key) when none is configured. Stored in D1 with INSERT OR IGNORE so every
 * isolate reads the same value, and kept in memory after the first read.
 */
const memo = new Map<string, string>();

export async function instanceSecret(db: D1Database, name: string): Promise<string> {
  const known = memo.get(name);
  if (known !== undefined) return known;
  const candidate = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  await db.prepare("INSERT OR IGNORE INTO instance_secrets (name, value) VALUES (?1, ?2)").bind(name, candidate).run();
  const row = await db.prepare("SELECT value FROM instance_secrets WHERE name = ?1").bind(name).first<{ value: string }>();
  if (row === null) throw new Error(`instance secret ${name} could not be stored`);
  memo.set(name, row.value);
  return row.value;
}

export function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
