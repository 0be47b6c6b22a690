import { describe, expect, it } from "vitest";
import { usageEventsQuerySchema } from "../../../worker/shared/contracts";
import { chartData, eventDetails, exportFileName, filterProblem, hasSpending, NO_FILTERS, usageQuery } from "./usage";

const day = (date: string, tts: number, clone: number, call: number) => ({ day: date, credits: { tts, clone, call } });

describe("usage chart data", () => {
  const days = [day("2026-03-13", 100, 0, 500), day("2026-03-14", 0, 0, 0), day("2026-03-15", 7, 660, 0)];

  it("stacks speech, then cloning, then calls, and paints the tallest stack first", () => {
    const data = chartData(days);
    expect(data.days).toEqual(["2026-03-13", "2026-03-14", "2026-03-15"]);
    expect(data.stacks).toEqual([
      { type: "call", values: [600, 0, 667] },
      { type: "clone", values: [100, 0, 667] },
      { type: "tts", values: [100, 0, 7] },
    ]);
    expect(data.byType).toEqual({ tts: [100, 0, 7], clone: [0, 0, 660], call: [500, 0, 0] });
    expect(data.totals).toEqual({ tts: 107, clone: 660, call: 500 });
    expect(data.max).toBe(667);
  });

  it("keeps every day of an idle series at zero", () => {
    const idle = [day("2026-03-14", 0, 0, 0), day("2026-03-15", 0, 0, 0)];
    expect(chartData(idle).max).toBe(0);
    expect(chartData(idle).stacks.map((stack) => stack.values)).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(hasSpending({ days: idle })).toBe(false);
    expect(hasSpending({ days })).toBe(true);
  });
});

describe("usage filters", () => {
  it("sends only the filters that are set, in the form the server accepts", () => {
    expect(usageQuery(NO_FILTERS)).toBe("");
    const query = usageQuery({ type: "clone", from: "2026-03-01", to: "2026-03-10" }, { limit: 20, cursor: undefined });
    expect(query).toBe("?type=clone&from=2026-03-01&to=2026-03-10&limit=20");
    const parsed = usageEventsQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(query)));
    expect(parsed.success).toBe(true);
    expect(usageQuery({ ...NO_FILTERS, to: "2026-03-10" }, { format: "csv" })).toBe("?to=2026-03-10&format=csv");
  });

  it("finds a start after the end, or a date that is not one, before the server does", () => {
    expect(filterProblem(NO_FILTERS)).toBeNull();
    expect(filterProblem({ type: "", from: "2026-03-10", to: "2026-03-10" })).toBeNull();
    expect(filterProblem({ type: "", from: "2026-03-11", to: "2026-03-10" })).toBe("range");
    expect(filterProblem({ type: "", from: "2026-02-30", to: "" })).toBe("from");
    expect(filterProblem({ type: "", from: "", to: "10/03/2026" })).toBe("to");
    // The server agrees on each.
    expect(usageEventsQuerySchema.safeParse({ from: "2026-03-11", to: "2026-03-10" }).success).toBe(false);
    expect(usageEventsQuerySchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
  });
});

describe("usage export and details", () => {
  it("saves under the server's file name, or one made from the filters", () => {
    expect(exportFileName('attachment; filename="sexyvoice-usage-start-to-today.csv"', NO_FILTERS)).toBe("sexyvoice-usage-start-to-today.csv");
    expect(exportFileName(null, { type: "call", from: "2026-03-01", to: "" })).toBe("sexyvoice-usage-2026-03-01-to-today-call.csv");
  });

  it("describes an event by voice, locale, length and model, leaving out what it lacks", () => {
    const format = (seconds: number) => `${seconds}s`;
    expect(eventDetails({ voice: { id: "gemini-puck", name: "Puck" }, locale: null, durationSeconds: 3.5, model: "gemini-3.8-flash-tts" }, format)).toEqual(["Puck", "3.5s", "gemini-3.8-flash-tts"]);
    expect(eventDetails({ voice: { id: "v-1", name: null }, locale: "es", durationSeconds: null, model: "m" }, format)).toEqual(["v-1", "es", "m"]);
  });
});
