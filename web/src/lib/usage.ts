/**
 * The Usage page's logic, kept apart from React and the chart library for unit tests: the filters
 * as the API takes them (UTC days, inclusive, the same rules as usageEventsQuerySchema), the
 * 30-day series shaped for a stacked bar chart, and the export's file name. The types and the
 * calendar come from worker/shared/usage.ts (no zod).
 */
import type { UsageDay, UsageEventItem, UsageSummaryResponse } from "../../../worker/shared/contracts";
import { isCalendarDay, USAGE_EXPORT_MAX_ROWS, USAGE_TYPES, type UsageType } from "../../../worker/shared/usage";
import type { MessageKey } from "../i18n/translate";

export { USAGE_EXPORT_MAX_ROWS, USAGE_TYPES };
export type { UsageType };

/** Bottom to top in the stacked bars, and the order of the legend and the totals. */
export const USAGE_TYPE_LABELS: Record<UsageType, MessageKey> = { tts: "usage.type.tts", clone: "usage.type.clone", call: "usage.type.call" };

export const USAGE_TYPE_COLORS: Record<UsageType, string> = { tts: "#f43f5e", clone: "#8b5cf6", call: "#f59e0b" };

export interface UsageFilters {
  type: UsageType | "";
  from: string;
  to: string;
}

export const NO_FILTERS: UsageFilters = { type: "", from: "", to: "" };

export type FilterProblem = "from" | "to" | "range" | null;

/** What is wrong with the filters before asking the server (a half-typed date input is empty). */
export function filterProblem(filters: UsageFilters): FilterProblem {
  if (filters.from !== "" && !isCalendarDay(filters.from)) return "from";
  if (filters.to !== "" && !isCalendarDay(filters.to)) return "to";
  if (filters.from !== "" && filters.to !== "" && filters.from > filters.to) return "range";
  return null;
}

/** The query string of `GET /api/usage-events` for the filters (empty ones left out). */
export function usageQuery(filters: UsageFilters, extra: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  if (filters.type !== "") search.set("type", filters.type);
  if (filters.from !== "") search.set("from", filters.from);
  if (filters.to !== "") search.set("to", filters.to);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

export interface UsageChartData {
  days: string[];
  /** Each type's own credits per day. */
  byType: Record<UsageType, number[]>;
  /**
   * The stacks to paint, top first: call's bar reaches tts + clone + call, clone's tts + clone,
   * tts's its own; painted in this order, each later bar covers the lower part of the one before.
   */
  stacks: Array<{ type: UsageType; values: number[] }>;
  totals: Record<UsageType, number>;
  /** The tallest day's credits (0 when nothing was spent). */
  max: number;
}

export function chartData(days: readonly UsageDay[]): UsageChartData {
  const byType = { tts: days.map((d) => d.credits.tts), clone: days.map((d) => d.credits.clone), call: days.map((d) => d.credits.call) };
  const running = days.map(() => 0);
  const cumulative: Array<{ type: UsageType; values: number[] }> = [];
  for (const type of USAGE_TYPES) {
    byType[type].forEach((value, index) => {
      running[index] = (running[index] ?? 0) + value;
    });
    cumulative.push({ type, values: [...running] });
  }
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    days: days.map((d) => d.day),
    byType,
    stacks: cumulative.reverse(),
    totals: { tts: sum(byType.tts), clone: sum(byType.clone), call: sum(byType.call) },
    max: Math.max(0, ...running),
  };
}

/** True when the series has any credits at all (else the page says so instead of an empty chart). */
export function hasSpending(summary: Pick<UsageSummaryResponse, "days">): boolean {
  return summary.days.some((day) => day.credits.tts + day.credits.clone + day.credits.call > 0);
}

/** The file the export is saved as: the server's Content-Disposition name, else one built from the filters. */
export function exportFileName(contentDisposition: string | null, filters: UsageFilters): string {
  const named = contentDisposition === null ? null : /filename="([^"]+)"/.exec(contentDisposition);
  if (named?.[1] !== undefined) return named[1];
  return `sexyvoice-usage-${filters.from || "start"}-to-${filters.to || "today"}${filters.type === "" ? "" : `-${filters.type}`}.csv`;
}

/** The parts of an event's details line, in order: voice, locale, length, model. */
export function eventDetails(item: Pick<UsageEventItem, "voice" | "locale" | "durationSeconds" | "model">, formatDuration: (seconds: number) => string): string[] {
  const parts: string[] = [];
  if (item.voice !== null) parts.push(item.voice.name ?? item.voice.id);
  if (item.locale !== null) parts.push(item.locale);
  if (item.durationSeconds !== null) parts.push(formatDuration(item.durationSeconds));
  parts.push(item.model);
  return parts;
}
