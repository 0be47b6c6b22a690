/**
 * `usage_events`, append-only: one row per billable source; a repeat of the same (type, source) is a
 * no-op. Read back per user for the Usage page: pages of events, a bounded export and the totals.
 */
import type { UsageType } from "../shared/usage";
import { decodeCursor, encodeCursor, type Page } from "./pagination";

export interface UsageEvent {
  userId: string;
  usageType: "tts" | "clone" | "call";
  sourceId: string;
  provider: string;
  model: string;
  creditsUsed: number;
  quantity: number;
  unit: string;
  metadata: Record<string, unknown>;
  occurredAt: string;
}

export async function recordUsageEvent(db: D1Database, event: UsageEvent): Promise<void> {
  await db
    .prepare(
      `INSERT INTO usage_events (id, user_id, type, source_id, provider, model, credits_used, quantity, unit, metadata, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (type, source_id) DO NOTHING`,
    )
    .bind(crypto.randomUUID(), event.userId, event.usageType, event.sourceId, event.provider, event.model, event.creditsUsed, event.quantity, event.unit, JSON.stringify(event.metadata), event.occurredAt)
    .run();
}

/** Which of a user's events a list or export covers: a type, and `[since, before)` in stored timestamps. */
export interface UsageEventFilter {
  type?: UsageType | undefined;
  since?: string | undefined;
  before?: string | undefined;
}

export interface UsageEventRow {
  id: string;
  type: UsageType;
  created_at: string;
  credits_used: number;
  provider: string;
  model: string;
  quantity: number;
  unit: string;
  locale: unknown;
  duration_seconds: unknown;
  voice_id: unknown;
  voice_name: string | null;
}

// The voice an event names: speech's `voiceId`, a saved voice's clone, or the call's session.
const VOICE_OF_EVENT = `COALESCE(json_extract(u.metadata, '$.voiceId'), json_extract(u.metadata, '$.savedVoiceId'),
  CASE WHEN u.type = 'call' THEN (SELECT s.voice_id FROM call_sessions s WHERE s.id = u.source_id) END)`;
const EVENT_COLUMNS = `u.id, u.type, u.created_at, u.credits_used, u.provider, u.model, u.quantity, u.unit,
  json_extract(u.metadata, '$.locale') AS locale, json_extract(u.metadata, '$.durationSeconds') AS duration_seconds,
  ${VOICE_OF_EVENT} AS voice_id, v.name AS voice_name`;
const EVENT_SOURCE = `usage_events u LEFT JOIN voices v ON v.id = ${VOICE_OF_EVENT}`;
const EVENT_FILTER = "u.user_id = ?1 AND (?2 IS NULL OR u.type = ?2) AND (?3 IS NULL OR u.created_at >= ?3) AND (?4 IS NULL OR u.created_at < ?4)";

/** One page of a user's own events, newest first (keyset on created_at, id). */
export async function listUsageEvents(db: D1Database, userId: string, filter: UsageEventFilter, limit: number, cursor: string | undefined): Promise<Page<UsageEventRow>> {
  const after = decodeCursor(cursor);
  const rows = await db
    .prepare(
      `SELECT ${EVENT_COLUMNS} FROM ${EVENT_SOURCE}
       WHERE ${EVENT_FILTER} AND (?5 IS NULL OR u.created_at < ?5 OR (u.created_at = ?5 AND u.id < ?6))
       ORDER BY u.created_at DESC, u.id DESC LIMIT ?7`,
    )
    .bind(userId, filter.type ?? null, filter.since ?? null, filter.before ?? null, after?.createdAt ?? null, after?.id ?? null, limit + 1)
    .all<UsageEventRow>();
  const items = rows.results.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.results.length > limit && last ? encodeCursor(last.created_at, last.id) : null };
}

/** Every event of the filtered range, newest first, up to `max` (one more is read to tell a longer range). */
export async function exportUsageEvents(db: D1Database, userId: string, filter: UsageEventFilter, max: number): Promise<{ rows: UsageEventRow[]; complete: boolean }> {
  const result = await db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM ${EVENT_SOURCE} WHERE ${EVENT_FILTER} ORDER BY u.created_at DESC, u.id DESC LIMIT ?5`)
    .bind(userId, filter.type ?? null, filter.since ?? null, filter.before ?? null, max + 1)
    .all<UsageEventRow>();
  return { rows: result.results.slice(0, max), complete: result.results.length <= max };
}

export interface UsageTotalsRow {
  type: UsageType;
  credits: number;
  count: number;
  recent_credits: number;
  recent_count: number;
}

export interface UsageDayRow {
  day: string;
  type: UsageType;
  credits: number;
}

/**
 * A user's totals per type, all time and since `recentSince` (the month), and credits per UTC day
 * and type since `seriesSince`; one round trip. Sums are of integer columns, so exact.
 */
export async function usageTotals(db: D1Database, userId: string, recentSince: string, seriesSince: string): Promise<{ totals: UsageTotalsRow[]; days: UsageDayRow[] }> {
  const [totals, days] = await db.batch([
    db
      .prepare(
        `SELECT type, SUM(credits_used) AS credits, COUNT(*) AS count,
                SUM(CASE WHEN created_at >= ?2 THEN credits_used ELSE 0 END) AS recent_credits, SUM(CASE WHEN created_at >= ?2 THEN 1 ELSE 0 END) AS recent_count
         FROM usage_events WHERE user_id = ?1 GROUP BY type`,
      )
      .bind(userId, recentSince),
    db.prepare("SELECT substr(created_at, 1, 10) AS day, type, SUM(credits_used) AS credits FROM usage_events WHERE user_id = ?1 AND created_at >= ?2 GROUP BY day, type").bind(userId, seriesSince),
  ]);
  return { totals: (totals?.results ?? []) as UsageTotalsRow[], days: (days?.results ?? []) as UsageDayRow[] };
}
