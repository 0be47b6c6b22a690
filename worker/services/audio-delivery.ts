/**
 * Streams an R2 object as an HTTP response: Content-Type, Content-Length, ETag, HTTP Range
 * (206 with Content-Range, 416 when unsatisfiable) so players can seek, and caching headers.
 */
import { AppError } from "../shared/errors";

type ParsedRange = { offset: number; length?: number } | { suffix: number } | null;

/** Parses a single `bytes=` range; multi-range requests are answered with the whole object. */
export function parseRangeHeader(header: string | undefined): ParsedRange | "invalid" {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null) return header.includes(",") ? null : "invalid";
  const [, start, end] = match;
  if (start === "" && end === "") return "invalid";
  if (start === "") return { suffix: Number(end) };
  if (end === "") return { offset: Number(start) };
  if (Number(end) < Number(start)) return "invalid";
  return { offset: Number(start), length: Number(end) - Number(start) + 1 };
}

/** `contentType` defaults to the type the object was stored with. */
export async function serveObject(bucket: R2Bucket, key: string, contentType: string | undefined, rangeHeader: string | undefined, cacheControl: string): Promise<Response> {
  const range = parseRangeHeader(rangeHeader);
  const head = await bucket.head(key);
  if (head === null) throw new AppError("not_found", "This audio is no longer available.");
  const size = head.size;
  const type = contentType ?? head.httpMetadata?.contentType ?? "application/octet-stream";
  const headers = new Headers({ "content-type": type, "accept-ranges": "bytes", "cache-control": cacheControl, etag: head.httpEtag });
  if (range === "invalid" || (range !== null && "offset" in range && range.offset >= size) || (range !== null && "suffix" in range && range.suffix === 0)) {
    headers.set("content-range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  if (range === null) {
    const object = await bucket.get(key);
    if (object === null) throw new AppError("not_found", "This audio is no longer available.");
    headers.set("content-length", String(size));
    return new Response(object.body, { status: 200, headers });
  }
  const start = "suffix" in range ? Math.max(0, size - range.suffix) : range.offset;
  const end = "suffix" in range || range.length === undefined ? size - 1 : Math.min(size - 1, range.offset + range.length - 1);
  const object = await bucket.get(key, { range: { offset: start, length: end - start + 1 } });
  if (object === null) throw new AppError("not_found", "This audio is no longer available.");
  headers.set("content-length", String(end - start + 1));
  headers.set("content-range", `bytes ${start}-${end}/${size}`);
  return new Response(object.body, { status: 206, headers });
}
