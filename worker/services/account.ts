/**
 * The account lifecycle (PRODUCT §10): everything a user owns as one JSON document, and deleting
 * the account. Decisions (what goes, what stays, the balance, signing in again) are in
 * docs/decisions.md, "Account export and deletion".
 *
 * Deletion is a sequence of steps each safe to repeat, so a crash half-way and a second request
 * finish the job: start (API keys revoked), the private recordings under `clone-input/<user>/` and
 * `voice-reference/<user>/`, the audio in bounded batches, then one completing transaction
 * (db/account.ts). Audio goes through the same batch procedure as retention (services/audio-purge.ts): objects that
 * another user's live row still uses stay, and so do their cache entries; cache entries (KV and
 * Upstash) that point at an object being removed go before it, and the rows go last, so an object
 * is never left without a row that leads a repeat back to it. One request does a bounded amount of
 * work (under the platform's 1,000 calls per invocation); a large account answers `in_progress`
 * and the client asks again. Until the last step the session still works, so that repeat can be
 * made; after it, every token is refused (db/profiles.ts).
 */
import type { AppConfig } from "../env";
import { accountAudioBatch, completeDeletion, deletionStateOf, hasChargingSubscription, hasWorkInFlight, readExportRows, startDeletion } from "../db/account";
import { accountSummary } from "../db/credits";
import { forgetAccount, getProfile } from "../db/profiles";
import { ACCOUNT_EXPORT_VERSION, type AccountExport, type MeResponse, type ApiKeyScope, audioFormatOf, DELETE_ACCOUNT_CONFIRMATION_WITHOUT_EMAIL, type DeleteAccountResponse } from "../shared/contracts";
import { AppError } from "../shared/errors";
import type { AudioCache } from "./audio-cache";
import { PURGE_BATCH_FIXED_OPERATIONS, PURGE_OPERATIONS_PER_ROW, purgeAudioBatch } from "./audio-purge";
import { AUDIO_URL_TTL_SECONDS, audioLinks } from "./audio-urls";
import { CLONE_INPUT_PREFIX } from "./clone-references";
import { VOICE_REFERENCE_PREFIX } from "./saved-voices";

/** The profile with its balance and plan, as `GET /api/me` answers it and the export holds it. */
export function profileView(profile: NonNullable<Awaited<ReturnType<typeof getProfile>>>, summary: { balance: number; isPaid: boolean; creditsOwed: number }): MeResponse {
  return {
    id: profile.id,
    email: profile.email,
    displayName: profile.display_name,
    locale: profile.locale,
    authProvider: profile.auth_provider,
    createdAt: profile.created_at,
    credits: summary.balance,
    isPaid: summary.isPaid,
    creditsOwed: summary.creditsOwed,
  };
}

export async function exportAccount(env: Env, config: AppConfig, userId: string, origin: string, now = new Date()): Promise<AccountExport> {
  const [profile, summary, rows] = await Promise.all([getProfile(env.DB, userId), accountSummary(env.DB, userId), readExportRows(env.DB, userId)]);
  if (profile === null) throw new AppError("not_found", "Profile not found.");
  const links = audioLinks(origin, config, env.DB);
  const history = await Promise.all(
    rows.history.map(async (row) => ({
      id: row.id,
      kind: row.kind,
      voice: { id: row.voice_id, name: row.voice_name },
      text: row.text_content,
      style: row.style,
      locale: row.locale,
      format: audioFormatOf(row.content_type),
      contentType: row.content_type,
      byteSize: row.byte_size,
      durationSeconds: row.duration_seconds,
      provider: row.provider,
      model: row.model,
      creditsUsed: row.credits_used,
      cached: row.cached === 1,
      createdAt: row.created_at,
      deletedAt: row.deleted_at,
      // A deleted row's link would not play (its URL is revoked with it).
      url: row.deleted_at === null ? await links.link(row.id, row.storage_key) : null,
    })),
  );
  return {
    exportVersion: ACCOUNT_EXPORT_VERSION,
    exportedAt: now.toISOString(),
    linksExpireAt: new Date((Math.floor(now.getTime() / 1000) + AUDIO_URL_TTL_SECONDS) * 1000).toISOString(),
    profile: profileView(profile, summary),
    ledger: rows.ledger.map((row) => ({
      id: row.id,
      type: row.type as AccountExport["ledger"][number]["type"],
      amount: row.amount,
      balanceAfter: row.balance_after,
      shortfall: row.shortfall,
      description: row.description,
      operation: row.operation,
      reservationId: row.reservation_id,
      createdAt: row.created_at,
    })),
    history,
    usageEvents: rows.usageEvents.map((row) => ({
      id: row.id,
      type: row.type,
      sourceId: row.source_id,
      provider: row.provider,
      model: row.model,
      creditsUsed: row.credits_used,
      quantity: row.quantity,
      unit: row.unit,
      metadata: parseObject(row.metadata),
      createdAt: row.created_at,
    })),
    savedVoices: rows.savedVoices.map((row) => ({
      id: row.id,
      name: row.name,
      language: row.language,
      active: row.is_active === 1,
      reference: { sha256: row.reference_sha256, format: row.reference_format, byteSize: row.reference_bytes, durationSeconds: row.reference_duration_seconds, pitchHz: row.reference_pitch_hz },
      consentedAt: row.consented_at,
      createdAt: row.created_at,
      deletedAt: row.deleted_at,
    })),
    apiKeys: rows.apiKeys.map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      scopes: row.scopes.split(" ").filter(Boolean) as ApiKeyScope[],
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
    })),
    cloneJobs: rows.cloneJobs.map((row) => ({
      id: row.id,
      consent: true as const,
      consentedAt: row.consented_at,
      locale: row.locale,
      reference: { sha256: row.reference_sha256, format: row.reference_format, byteSize: row.reference_bytes, durationSeconds: row.reference_duration_seconds, pitchHz: row.reference_pitch_hz },
      provider: row.provider,
      model: row.model,
      status: row.status,
      errorCode: row.error_code,
      audioFileId: row.audio_file_id,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
    })),
    callSessions: rows.callSessions.map((row) => {
      const config = parseObject(row.config);
      const presetId = typeof config.presetId === "string" ? config.presetId : null;
      return {
        id: row.id,
        status: row.status,
        voiceId: row.voice_id,
        presetId,
        model: typeof config.model === "string" ? config.model : null,
        language: typeof config.language === "string" ? config.language : null,
        // A preset's instructions are ours and stay private; the caller's own are theirs.
        instructions: presetId === null && typeof config.instructions === "string" && config.instructions !== "" ? config.instructions : null,
        startedAt: row.started_at,
        endedAt: row.ended_at,
        durationSeconds: row.duration_seconds,
        billedSeconds: row.billed_seconds,
        creditsUsed: row.credits_used,
        endReason: row.end_reason,
        createdAt: row.created_at,
      };
    }),
    billing: {
      payments: rows.payments.map((row) => ({
        id: row.id,
        kind: row.kind,
        packageId: row.package_id,
        amountCents: row.amount_cents,
        currency: row.currency,
        credits: row.credits,
        refundedCents: row.refunded_cents,
        createdAt: row.created_at,
      })),
      subscriptions: rows.subscriptions.map((row) => ({
        id: row.id,
        packageId: row.package_id,
        status: row.status,
        currentPeriodEnd: row.current_period_end,
        cancelAtPeriodEnd: row.cancel_at_period_end === 1,
        updatedAt: row.updated_at,
      })),
      checkouts: rows.checkouts.map((row) => ({ sessionId: row.session_id, packageId: row.package_id, status: row.status, createdAt: row.created_at })),
    },
  };
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export interface DeletionOptions {
  /** Audio rows per batch (at most). */
  batchSize: number;
  /** Wall time after which no new batch starts. */
  timeBudgetMs: number;
  /** D1, KV and R2 calls per request, counted like retention's (a cache lookup as two). */
  maxOperations: number;
}

export const DELETION_DEFAULTS: DeletionOptions = { batchSize: 200, timeBudgetMs: 15_000, maxOperations: 900 };

/** The completing transaction and its read-back, and a last sweep of the two prefixes. */
const COMPLETION_OPERATIONS = 8;

type Removed = DeleteAccountResponse["removed"];

/** True when `confirm` is the account's email (any case, spaces trimmed), or "DELETE" for an account without one. */
export function confirmsDeletion(accountEmail: string, confirm: string): boolean {
  const expected = accountEmail.trim() === "" ? DELETE_ACCOUNT_CONFIRMATION_WITHOUT_EMAIL : accountEmail.trim();
  return confirm.trim().toLowerCase() === expected.toLowerCase();
}

export async function deleteAccount(env: Env, config: AppConfig, audioCache: AudioCache, userId: string, confirm: string, options: DeletionOptions = DELETION_DEFAULTS): Promise<DeleteAccountResponse> {
  const started = Date.now();
  const state = await deletionStateOf(env.DB, userId);
  if (state === null) throw new AppError("not_found", "Profile not found.");
  if (state.deletedAt !== null) return { status: "deleted", removed: { audioFiles: 0, audioObjects: 0, keptSharedObjects: 0, cacheEntries: 0, references: 0 } };
  if (!confirmsDeletion(state.email, confirm)) {
    throw new AppError("validation_failed", "confirm: type the email address of this account exactly to confirm the deletion.", { field: "confirm" });
  }
  if (state.deletionStartedAt === null && (await hasChargingSubscription(env.DB, userId))) {
    throw new AppError("conflict", "Cancel your subscription first (Credits → Manage billing); then delete the account.", { field: "subscription" });
  }
  await startDeletion(env.DB, userId);
  return continueDeletion(env, config, audioCache, userId, options, started);
}

/**
 * The work of a deletion already asked for and confirmed: the user's next request, or the sweep
 * for a deletion left half-way (cron/sweep.ts `finishAbandonedDeletions`). Bounded like the rest.
 */
export async function continueDeletion(env: Env, config: AppConfig, audioCache: AudioCache, userId: string, options: DeletionOptions = DELETION_DEFAULTS, started = Date.now()): Promise<DeleteAccountResponse> {
  const removed: Removed = { audioFiles: 0, audioObjects: 0, keptSharedObjects: 0, cacheEntries: 0, references: 0 };
  const budget = { operations: 3 };
  removed.references += await deletePrefixes(env.AUDIO_BUCKET, userId, budget);
  for (;;) {
    const limit = Math.min(options.batchSize, Math.floor((options.maxOperations - COMPLETION_OPERATIONS - budget.operations - PURGE_BATCH_FIXED_OPERATIONS) / PURGE_OPERATIONS_PER_ROW));
    if (limit < 1 || Date.now() - started >= options.timeBudgetMs) return { status: "in_progress", removed };
    const rows = await accountAudioBatch(env.DB, userId, limit);
    budget.operations += 1;
    if (rows.length === 0) break;
    const batch = await purgeAudioBatch(env, audioCache, rows);
    removed.audioFiles += batch.deletedRows;
    removed.audioObjects += batch.deletedObjects;
    removed.keptSharedObjects += batch.keptObjects;
    removed.cacheEntries += batch.deletedCacheEntries;
    budget.operations += batch.operations;
    if (rows.length < limit) break;
  }

  // Audio whose production started before this request may still land: wait for it (the client asks again).
  const inFlightSince = new Date(Date.now() - 2 * config.providerTimeoutMs - 60_000).toISOString();
  if (await hasWorkInFlight(env.DB, userId, inFlightSince)) return { status: "in_progress", removed };
  if (!(await completeDeletion(env.DB, userId, inFlightSince))) return { status: "in_progress", removed };
  forgetAccount(userId);
  // Best effort: a recording stored by a request that raced the last step (nothing can be stored after it).
  removed.references += await deletePrefixes(env.AUDIO_BUCKET, userId, budget).catch(() => 0);
  return { status: "deleted", removed };
}

/** Deletes every object under the user's two private prefixes (clone uploads and saved voices' recordings). */
async function deletePrefixes(bucket: R2Bucket, userId: string, budget: { operations: number }): Promise<number> {
  let count = 0;
  for (const prefix of [`${CLONE_INPUT_PREFIX}${userId}/`, `${VOICE_REFERENCE_PREFIX}${userId}/`]) {
    let cursor: string | undefined;
    do {
      const page = await bucket.list({ prefix, limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
      budget.operations += 1;
      const keys = page.objects.map((object) => object.key);
      if (keys.length > 0) {
        await bucket.delete(keys);
        budget.operations += 1;
        count += keys.length;
      }
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor !== undefined);
  }
  return count;
}
