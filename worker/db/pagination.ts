/** Opaque keyset cursors (created_at, id) shared by every paginated list. */
import { AppError } from "../shared/errors";

export type { Page } from "../shared/contracts";

export function encodeCursor(createdAt: string, id: string): string {
  return btoa(JSON.stringify([createdAt, id])).replaceAll("=", "");
}

export function decodeCursor(cursor: string | undefined): { createdAt: string; id: string } | null {
  if (cursor === undefined || cursor === "") return null;
  try {
    const value: unknown = JSON.parse(atob(cursor));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // fall through to the validation error
  }
  throw new AppError("validation_failed", "cursor is not a cursor returned by this API", { field: "cursor" });
}
