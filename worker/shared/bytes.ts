/** Byte helpers used where audio is cut, joined and put into JSON: one place for each. */

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** Base64 of any size (String.fromCharCode in slices: spreading a large array overflows the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export const base64ToBytes = (data: string): Uint8Array => Uint8Array.from(atob(data), (char) => char.charCodeAt(0));
