/**
 * The account lifecycle's contract (PRODUCT §10): `DELETE /api/me`'s confirmation and answer, and
 * the shape of `GET /api/me/export`'s document. Re-exported by contracts.ts; like limits.ts it
 * imports nothing from contracts.ts (no cycle), so the few types it shares are written out here.
 */
import * as z from "zod";
import type { ApiKeyScope, AudioFormat } from "./limits";

/** The ledger's row types (`credit_transactions.type`, as CreditTransaction["type"] in contracts.ts). */
type LedgerType = "freemium" | "purchase" | "topup" | "usage" | "refund" | "adjustment" | "chargeback";

/** Bumped when a section changes shape; readers of old exports can tell them apart. */
export const ACCOUNT_EXPORT_VERSION = 1;

/** What `DELETE /api/me` must be sent to confirm: the account's email (any case); "DELETE" for an account without an email (limits.ts). */
export { DELETE_ACCOUNT_CONFIRMATION_WITHOUT_EMAIL } from "./limits";
export const deleteAccountRequestSchema = z.object({ confirm: z.string({ error: "type your account's email to confirm" }).trim().min(1, "type your account's email to confirm").max(320) });
export type DeleteAccountRequest = z.infer<typeof deleteAccountRequestSchema>;

/**
 * 200 `deleted`: everything listed in decisions.md is gone and the session is no longer accepted.
 * 202 `in_progress`: part of it is done (a large account, or a generation still being finished);
 * send the same request again (a second or two later) until it answers `deleted`.
 */
export interface DeleteAccountResponse {
  status: "deleted" | "in_progress";
  /** What this request removed (a repeat counts only its own part). */
  removed: { audioFiles: number; audioObjects: number; keptSharedObjects: number; cacheEntries: number; references: number };
}

export interface AccountExport {
  exportVersion: typeof ACCOUNT_EXPORT_VERSION;
  exportedAt: string;
  /** The signed audio links in `history` stop working at this time (they are short-lived, like History's). */
  linksExpireAt: string;
  profile: { id: string; email: string; displayName: string | null; locale: string; authProvider: "supabase" | "local"; createdAt: string; credits: number; isPaid: boolean; creditsOwed: number };
  /** Every `credit_transactions` row, oldest first. */
  ledger: { id: string; type: LedgerType; amount: number; balanceAfter: number; shortfall: number; description: string; operation: string | null; reservationId: string | null; createdAt: string }[];
  /** Every generation and clone, deleted ones included (`deletedAt`, no link), oldest first. */
  history: {
    id: string;
    kind: "tts" | "clone";
    voice: { id: string; name: string | null };
    text: string;
    style: string | null;
    locale: string | null;
    format: AudioFormat;
    contentType: string;
    byteSize: number;
    durationSeconds: number;
    provider: string;
    model: string;
    creditsUsed: number;
    cached: boolean;
    createdAt: string;
    deletedAt: string | null;
    url: string | null;
  }[];
  usageEvents: { id: string; type: string; sourceId: string; provider: string; model: string; creditsUsed: number; quantity: number; unit: string; metadata: Record<string, unknown>; createdAt: string }[];
  /** "My voices", deleted ones included; the recording itself and where it is stored are not part of the export. */
  savedVoices: {
    id: string;
    name: string;
    language: string;
    active: boolean;
    reference: { sha256: string; format: string; byteSize: number; durationSeconds: number; pitchHz: number | null };
    consentedAt: string;
    createdAt: string;
    deletedAt: string | null;
  }[];
  /** Metadata only: a key's secret is never stored, its hash never leaves the server. */
  apiKeys: { id: string; name: string; prefix: string; scopes: ApiKeyScope[]; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null }[];
  /** Consent records of voice clones: one per accepted request. */
  cloneJobs: {
    id: string;
    consent: true;
    consentedAt: string;
    locale: string;
    reference: { sha256: string; format: string; byteSize: number; durationSeconds: number; pitchHz: number | null };
    provider: string;
    model: string;
    status: string;
    errorCode: string | null;
    audioFileId: string | null;
    createdAt: string;
    finishedAt: string | null;
  }[];
  /** Calls; `instructions` only when the caller wrote them (a preset's stay private). */
  callSessions: {
    id: string;
    status: string;
    voiceId: string | null;
    presetId: string | null;
    model: string | null;
    language: string | null;
    instructions: string | null;
    startedAt: string | null;
    endedAt: string | null;
    durationSeconds: number;
    billedSeconds: number;
    creditsUsed: number;
    endReason: string | null;
    createdAt: string;
  }[];
  billing: {
    payments: { id: string; kind: string; packageId: string; amountCents: number; currency: string; credits: number; refundedCents: number; createdAt: string }[];
    subscriptions: { id: string; packageId: string; status: string; currentPeriodEnd: string | null; cancelAtPeriodEnd: boolean; updatedAt: string }[];
    checkouts: { sessionId: string; packageId: string; status: string; createdAt: string }[];
  };
}
