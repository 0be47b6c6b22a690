/**
 * The usage page's vocabulary and calendar, shared as values by the Worker and the SPA (no zod,
 * so the SPA can import it without growing its bundle). Every day is a UTC calendar day written
 * `YYYY-MM-DD`; a range of days is inclusive at both ends.
 */
export const USAGE_TYPES = ["tts", "clone", "call"] as const;
export type UsageType = (typeof USAGE_TYPES)[number];

/** The summary's daily series: this many UTC days, ending today. */
export const USAGE_SERIES_DAYS = 30;

/** The most events one CSV export holds; a longer range is refused (choose a shorter one). */
export const USAGE_EXPORT_MAX_ROWS = 10_000;

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC calendar day of a moment. */
export function utcDay(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** True for a real calendar day written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isCalendarDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && utcDay(parsed) === value;
}

/** The day `days` after (or, negative, before) a calendar day. */
export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS));
}

/** The first day of the UTC calendar month a day is in. */
export function monthStart(day: string): string {
  return `${day.slice(0, 8)}01`;
}

/** The `count` days ending with `lastDay`, oldest first. */
export function daysEndingOn(lastDay: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addDays(lastDay, index - count + 1));
}

/** The first moment of a day, as stored timestamps are written (`2026-03-01T00:00:00.000Z`). */
export function startOfDay(day: string): string {
  return `${day}T00:00:00.000Z`;
}
