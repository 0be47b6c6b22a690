/**
 * The API keys page's rules, matching `POST /api/keys` (createApiKeyRequestSchema in
 * worker/shared/contracts.ts): a name of 1 to 60 characters (code points, as zod counts) after
 * trimming, at least one scope, an optional expiry in the future sent as an ISO 8601 instant (the
 * end of the chosen day where the user is). The scopes come from worker/shared/limits.ts (no zod);
 * the Record type makes a scope added on the server a compile error here until it has a label.
 */
import type { ApiKey, ApiKeyScope, CreateApiKeyRequest } from "../../../worker/shared/contracts";
import { API_KEY_SCOPES, MAX_ACTIVE_API_KEYS } from "../../../worker/shared/limits";
import type { MessageKey } from "../i18n/translate";

export { API_KEY_SCOPES, MAX_ACTIVE_API_KEYS };

export const API_KEY_NAME_MAX = 60;

export const SCOPE_LABELS: Record<ApiKeyScope, { label: MessageKey; help: MessageKey }> = {
  speech: { label: "apiKeys.scope.speech", help: "apiKeys.scopeHelp.speech" },
  clone: { label: "apiKeys.scope.clone", help: "apiKeys.scopeHelp.clone" },
  "voices:read": { label: "apiKeys.scope.voicesRead", help: "apiKeys.scopeHelp.voicesRead" },
  "history:read": { label: "apiKeys.scope.historyRead", help: "apiKeys.scopeHelp.historyRead" },
};

export type KeyState = "active" | "expired";

export function keyState(key: Pick<ApiKey, "expiresAt">, now: number): KeyState {
  return key.expiresAt !== null && Date.parse(key.expiresAt) <= now ? "expired" : "active";
}

/** Keys that count against the limit: the list may also show expired ones. */
export function activeKeyCount(keys: readonly Pick<ApiKey, "expiresAt">[], now: number): number {
  return keys.filter((key) => keyState(key, now) === "active").length;
}

/** A local calendar day as a date input writes it (`2027-01-31`). */
export function localDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The instant a key chosen to expire "on" a day stops working: the last millisecond of that day
 * in the user's time zone, as UTC ISO 8601. Null for anything that is not a real `YYYY-MM-DD`.
 */
export function expiryInstant(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const end = new Date(year, month - 1, date, 23, 59, 59, 999);
  if (end.getFullYear() !== year || end.getMonth() !== month - 1 || end.getDate() !== date) return null;
  return end.toISOString();
}

export type CreateKeyProblem = "no_name" | "name_too_long" | "no_scopes" | "bad_expiry" | "expiry_past";

export interface CreateKeyInput {
  name: string;
  scopes: readonly ApiKeyScope[];
  /** The date input's value: "" for a key that does not expire. */
  expiresOn: string;
}

/** The first reason the key cannot be created yet, or null. */
export function createKeyProblem(input: CreateKeyInput, now: number): CreateKeyProblem | null {
  const name = input.name.trim();
  if (name === "") return "no_name";
  if ([...name].length > API_KEY_NAME_MAX) return "name_too_long";
  if (input.scopes.length === 0) return "no_scopes";
  if (input.expiresOn !== "") {
    const instant = expiryInstant(input.expiresOn);
    if (instant === null) return "bad_expiry";
    if (Date.parse(instant) <= now) return "expiry_past";
  }
  return null;
}

/** The request body: the trimmed name, the scopes in the server's order, the expiry if any. */
export function createKeyRequest(input: CreateKeyInput): CreateApiKeyRequest {
  const body: CreateApiKeyRequest = { name: input.name.trim(), scopes: API_KEY_SCOPES.filter((scope) => input.scopes.includes(scope)) };
  const expiresAt = input.expiresOn === "" ? null : expiryInstant(input.expiresOn);
  if (expiresAt !== null) body.expiresAt = expiresAt;
  return body;
}
