/**
 * The Usage page's figures (PRODUCT §10): a user's events as API items and as CSV, and the
 * summary (this UTC month, all time, by type, and credits per UTC day for the last 30 days, every
 * day present). All figures are integer sums from D1; nothing here divides.
 */
import { exportUsageEvents, listUsageEvents, usageTotals, type UsageEventFilter, type UsageEventRow } from "../db/usage-events";
import type { Page, UsageEventItem, UsageEventsQuery, UsagePeriodTotals, UsageSummaryResponse } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { addDays, daysEndingOn, monthStart, startOfDay, USAGE_EXPORT_MAX_ROWS, USAGE_SERIES_DAYS, USAGE_TYPES, type UsageType, utcDay } from "../shared/usage";

/** The query's UTC days as stored-timestamp bounds: `from` at 00:00, `to` up to the next day's 00:00. */
export function usageFilter(query: Pick<UsageEventsQuery, "type" | "from" | "to">): UsageEventFilter {
  return {
    type: query.type,
    since: query.from === undefined ? undefined : startOfDay(query.from),
    before: query.to === undefined ? undefined : startOfDay(addDays(query.to, 1)),
  };
}

function usageItem(row: UsageEventRow): UsageEventItem {
  const voiceId = typeof row.voice_id === "string" && row.voice_id !== "" ? row.voice_id : null;
  const duration = typeof row.duration_seconds === "number" ? row.duration_seconds : row.unit === "seconds" ? row.quantity : null;
  return {
    id: row.id,
    type: row.type,
    createdAt: row.created_at,
    creditsUsed: row.credits_used,
    provider: row.provider,
    model: row.model,
    quantity: row.quantity,
    unit: row.unit,
    voice: voiceId === null ? null : { id: voiceId, name: row.voice_name },
    locale: typeof row.locale === "string" ? row.locale : null,
    durationSeconds: duration,
  };
}

export async function usageEventsPage(db: D1Database, userId: string, query: UsageEventsQuery): Promise<Page<UsageEventItem>> {
  const page = await listUsageEvents(db, userId, usageFilter(query), query.limit, query.cursor);
  return { items: page.items.map(usageItem), nextCursor: page.nextCursor };
}

export const USAGE_CSV_COLUMNS = ["id", "created_at", "type", "credits_used", "provider", "model", "quantity", "unit", "voice_id", "voice_name", "locale", "duration_seconds"] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled.
 * A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading
 * apostrophe: a saved voice's name is the user's own text.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function usageCsv(items: UsageEventItem[]): string {
  const lines = [USAGE_CSV_COLUMNS.join(",")];
  for (const item of items) {
    const cells = [item.id, item.createdAt, item.type, item.creditsUsed, item.provider, item.model, item.quantity, item.unit, item.voice?.id ?? null, item.voice?.name ?? null, item.locale, item.durationSeconds];
    lines.push(cells.map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** The whole filtered range as CSV; a range of more than USAGE_EXPORT_MAX_ROWS events is refused rather than cut short. */
export async function usageEventsCsv(db: D1Database, userId: string, query: UsageEventsQuery): Promise<string> {
  const { rows, complete } = await exportUsageEvents(db, userId, usageFilter(query), USAGE_EXPORT_MAX_ROWS);
  if (!complete) throw new AppError("limit_reached", `An export holds at most ${USAGE_EXPORT_MAX_ROWS} events; choose a shorter date range.`, { field: "from" });
  return usageCsv(rows.map(usageItem));
}

function emptyPeriod(): UsagePeriodTotals {
  return { credits: 0, count: 0, byType: { tts: { credits: 0, count: 0 }, clone: { credits: 0, count: 0 }, call: { credits: 0, count: 0 } } };
}

const isUsageType = (value: string): value is UsageType => (USAGE_TYPES as readonly string[]).includes(value);

/** The summary as of `now`: the month and the 30 days are UTC calendar days ending with today. */
export async function usageSummary(db: D1Database, userId: string, now: Date): Promise<UsageSummaryResponse> {
  const today = utcDay(now);
  const start = monthStart(today);
  const series = daysEndingOn(today, USAGE_SERIES_DAYS);
  const { totals, days } = await usageTotals(db, userId, startOfDay(start), startOfDay(series[0] ?? today));
  const month = { start, ...emptyPeriod() };
  const allTime = emptyPeriod();
  for (const row of totals) {
    if (!isUsageType(row.type)) continue;
    allTime.byType[row.type] = { credits: row.credits, count: row.count };
    allTime.credits += row.credits;
    allTime.count += row.count;
    month.byType[row.type] = { credits: row.recent_credits, count: row.recent_count };
    month.credits += row.recent_credits;
    month.count += row.recent_count;
  }
  const perDay = new Map(series.map((day) => [day, { tts: 0, clone: 0, call: 0 } satisfies Record<UsageType, number>]));
  for (const row of days) {
    const credits = perDay.get(row.day);
    if (credits !== undefined && isUsageType(row.type)) credits[row.type] += row.credits;
  }
  return { today, month, allTime, days: series.map((day) => ({ day, credits: perDay.get(day) ?? { tts: 0, clone: 0, call: 0 } })) };
}
