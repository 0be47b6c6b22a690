/**
 * Reading a recording upload (multipart/form-data with a `file`): the body limit such routes
 * apply once the user is known (app.ts leaves them out of the JSON limit, UPLOAD_ROUTES), the
 * form, its text fields and the file's bytes. Used by cloning, saving a voice and `/api/v1/clone`.
 */
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../context";
import { CLONE_FILE_MAX_BYTES } from "../shared/contracts";
import { AppError } from "../shared/errors";

/** Room for the text fields and the multipart framing around a file of the maximum size. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const tooLarge = () => new AppError("payload_too_large", `The recording must be at most ${CLONE_FILE_MAX_BYTES} bytes (4.5 MiB).`, { field: "file" });

export const recordingUploadLimit = bodyLimit({
  maxSize: CLONE_FILE_MAX_BYTES + MULTIPART_OVERHEAD_BYTES,
  onError: () => {
    throw tooLarge();
  },
});

export async function readForm(c: Context<AppEnv>): Promise<FormData> {
  const type = c.req.header("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) throw new AppError("unsupported_media_type", "Send the recording as multipart/form-data.");
  try {
    // Parsed from Hono's kept copy of the body, which an Idempotency-Key fingerprint may have read already.
    return await new Response(await c.req.arrayBuffer(), { headers: { "content-type": type } }).formData();
  } catch {
    throw new AppError("validation_failed", "The request body is not a complete multipart/form-data upload.");
  }
}

export function stringField(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

/** The `file` field's bytes, within the size limit. */
export async function recordingBytes(form: FormData): Promise<Uint8Array> {
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("validation_failed", "file: attach the recording as a file.", { field: "file" });
  if (file.size > CLONE_FILE_MAX_BYTES) throw tooLarge();
  return new Uint8Array(await file.arrayBuffer());
}
