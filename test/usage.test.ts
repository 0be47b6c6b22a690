// Usage (issue 14): GET /api/usage-events (own rows, cursor pages, type and UTC date filters, CSV
// of the whole range) and GET /api/usage/summary (this month, all time, by type, 30 UTC days).
// Events are inserted straight into D1 with known timestamps, so every figure is exact.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Page, UsageEventItem, UsageSummaryResponse } from "../worker/shared/contracts";
import { csvCell, usageSummary } from "../worker/services/usage";
import { addDays, daysEndingOn, monthStart, utcDay } from "../worker/shared/usage";
import { authorized, call, callJson, jsonRequest } from "./support/app";
import { newAccount, newUser } from "./support/factories";

interface ErrorResponse {
  error: { code: string; message: string; field?: string };
}

interface EventSeed {
  type?: "tts" | "clone" | "call";
  credits?: number;
  createdAt: string;
  metadata?: Record<string, unknown>;
  quantity?: number;
  unit?: string;
  sourceId?: string;
  id?: string;
}

async function insertEvents(userId: string, seeds: EventSeed[]): Promise<string[]> {
  const ids = seeds.map((seed) => seed.id ?? crypto.randomUUID());
  await env.DB.batch(
    seeds.map((seed, index) =>
      env.DB.prepare(
        `INSERT INTO usage_events (id, user_id, type, source_id, provider, model, credits_used, quantity, unit, metadata, created_at)
         VALUES (?1, ?2, ?3, ?4, 'local', 'espeak-ng', ?5, ?6, ?7, ?8, ?9)`,
      ).bind(
        ids[index],
        userId,
        seed.type ?? "tts",
        seed.sourceId ?? crypto.randomUUID(),
        seed.credits ?? 10,
        seed.quantity ?? 42,
        seed.unit ?? (seed.type === "call" ? "seconds" : "characters"),
        JSON.stringify(seed.metadata ?? {}),
        seed.createdAt,
      ),
    ),
  );
  return ids;
}

/** Many events at once (for the export bound): `count` speech events a second apart from `start`. */
async function insertManyEvents(userId: string, count: number, start: string): Promise<void> {
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
     INSERT INTO usage_events (id, user_id, type, source_id, provider, model, credits_used, quantity, unit, metadata, created_at)
     SELECT lower(hex(randomblob(16))), ?1, 'tts', lower(hex(randomblob(16))), 'local', 'espeak-ng', 1, 10, 'characters', '{}',
            strftime('%Y-%m-%dT%H:%M:%fZ', ?3, '+' || i || ' seconds') FROM n`,
  )
    .bind(userId, count, start)
    .run();
}

const events = (token: string, query = "") => callJson<Page<UsageEventItem> & ErrorResponse>(`/api/usage-events${query}`, authorized(token));

/** Follows nextCursor to the end; returns every page's ids. */
async function walk(token: string, params: Record<string, string>): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const search = new URLSearchParams(cursor === null ? params : { ...params, cursor });
    const { status, body } = await events(token, `?${search}`);
    expect(status).toBe(200);
    pages.push(body.items.map((item) => item.id));
    cursor = body.nextCursor;
  } while (cursor !== null && pages.length < 50);
  return pages;
}

describe("GET /api/usage-events", () => {
  it("lists only the caller's own events, newest first, and another user's cursor shows them nothing of the first", async () => {
    const a = await newUser({ prefix: "usage-a" });
    const b = await newUser({ prefix: "usage-b" });
    const aIds = await insertEvents(a.userId, [{ createdAt: "2026-03-01T10:00:00.000Z" }, { createdAt: "2026-03-02T10:00:00.000Z" }, { createdAt: "2026-03-03T10:00:00.000Z" }]);
    const bIds = await insertEvents(b.userId, [{ createdAt: "2026-03-01T11:00:00.000Z" }, { createdAt: "2026-03-04T11:00:00.000Z" }]);

    const seenByA = await events(a.token);
    expect(seenByA.status).toBe(200);
    expect(seenByA.body.items.map((item) => item.id)).toEqual([aIds[2], aIds[1], aIds[0]]);
    const seenByB = await events(b.token);
    expect(seenByB.body.items.map((item) => item.id)).toEqual([bIds[1], bIds[0]]);

    // A cursor is only a position: B following A's cursor walks B's rows, never A's.
    const aFirst = await events(a.token, "?limit=1");
    expect(aFirst.body.nextCursor).not.toBeNull();
    const borrowed = await events(b.token, `?cursor=${encodeURIComponent(aFirst.body.nextCursor ?? "")}`);
    expect(borrowed.status).toBe(200);
    expect(borrowed.body.items.every((item) => bIds.includes(item.id))).toBe(true);

    // Nor does the summary or the export count another user's events.
    const summary = await callJson<UsageSummaryResponse>("/api/usage/summary", authorized(b.token));
    expect(summary.body.allTime.count).toBe(2);
    const csv = await (await call("/api/usage-events?format=csv", authorized(b.token))).text();
    expect(aIds.some((id) => csv.includes(id))).toBe(false);
    expect(bIds.every((id) => csv.includes(id))).toBe(true);
  });

  it("walks every event exactly once with the cursor, ties on the same timestamp included", async () => {
    const user = await newUser({ prefix: "usage-paging" });
    const seeds: EventSeed[] = [];
    for (let index = 0; index < 25; index += 1) seeds.push({ createdAt: `2026-02-${String(1 + Math.floor(index / 3)).padStart(2, "0")}T08:00:00.000Z`, credits: index });
    const ids = await insertEvents(user.userId, seeds);

    const pages = await walk(user.token, { limit: "7" });
    expect(pages.map((page) => page.length)).toEqual([7, 7, 7, 4]);
    const all = pages.flat();
    expect(new Set(all).size).toBe(25);
    expect([...all].sort()).toEqual([...ids].sort());
    // Newest first; within one timestamp, by id descending.
    const expected = seeds.map((seed, index) => ({ createdAt: seed.createdAt, id: ids[index] ?? "" })).sort((x, y) => (x.createdAt === y.createdAt ? (x.id < y.id ? 1 : -1) : x.createdAt < y.createdAt ? 1 : -1));
    expect(all).toEqual(expected.map((entry) => entry.id));
  });

  it("filters by type and by an inclusive range of UTC days, also across pages", async () => {
    const user = await newUser({ prefix: "usage-filters" });
    const [beforeRange, firstMoment, lastMoment, afterRange, clone, call] = await insertEvents(user.userId, [
      { createdAt: "2026-02-28T23:59:59.999Z" },
      { createdAt: "2026-03-01T00:00:00.000Z" },
      { createdAt: "2026-03-10T23:59:59.999Z" },
      { createdAt: "2026-03-11T00:00:00.000Z" },
      { type: "clone", createdAt: "2026-03-05T12:00:00.000Z" },
      { type: "call", createdAt: "2026-03-06T12:00:00.000Z" },
    ]);

    const range = await walk(user.token, { from: "2026-03-01", to: "2026-03-10", limit: "1" });
    expect(range.flat()).toEqual([lastMoment, call, clone, firstMoment]);
    expect((await events(user.token, "?type=clone")).body.items.map((item) => item.id)).toEqual([clone]);
    expect((await events(user.token, "?type=tts&from=2026-03-01&to=2026-03-10")).body.items.map((item) => item.id)).toEqual([lastMoment, firstMoment]);
    expect((await events(user.token, "?from=2026-03-11")).body.items.map((item) => item.id)).toEqual([afterRange]);
    expect((await events(user.token, "?to=2026-02-28")).body.items.map((item) => item.id)).toEqual([beforeRange]);
    // One day: from = to.
    expect((await events(user.token, "?from=2026-03-05&to=2026-03-05")).body.items.map((item) => item.id)).toEqual([clone]);
  });

  it("returns each event's figures and the voice, locale and duration it names", async () => {
    const user = await newUser({ prefix: "usage-items" });
    const session = crypto.randomUUID();
    await env.DB.prepare("INSERT INTO call_sessions (id, user_id, room_name, voice_id, status) VALUES (?1, ?2, ?3, 'call-alloy', 'ended')").bind(session, user.userId, `room-${session}`).run();
    const [speech, clone, callEvent] = await insertEvents(user.userId, [
      { type: "tts", credits: 66, quantity: 57, createdAt: "2026-03-03T10:00:00.000Z", metadata: { voiceId: "gemini-puck", durationSeconds: 3.5, totalTokens: 60 } },
      { type: "clone", credits: 660, quantity: 120, createdAt: "2026-03-02T10:00:00.000Z", metadata: { locale: "es", durationSeconds: 8.25, cloneJobId: "job-1" } },
      { type: "call", credits: 1500, quantity: 75, createdAt: "2026-03-01T10:00:00.000Z", sourceId: session, metadata: { endReason: "caller_left", billedSeconds: 90 } },
    ]);
    const { body } = await events(user.token);
    expect(body.items).toEqual([
      {
        id: speech,
        type: "tts",
        createdAt: "2026-03-03T10:00:00.000Z",
        creditsUsed: 66,
        provider: "local",
        model: "espeak-ng",
        quantity: 57,
        unit: "characters",
        voice: { id: "gemini-puck", name: "Puck" },
        locale: null,
        durationSeconds: 3.5,
      },
      { id: clone, type: "clone", createdAt: "2026-03-02T10:00:00.000Z", creditsUsed: 660, provider: "local", model: "espeak-ng", quantity: 120, unit: "characters", voice: null, locale: "es", durationSeconds: 8.25 },
      {
        id: callEvent,
        type: "call",
        createdAt: "2026-03-01T10:00:00.000Z",
        creditsUsed: 1500,
        provider: "local",
        model: "espeak-ng",
        quantity: 75,
        unit: "seconds",
        voice: { id: "call-alloy", name: "alloy" },
        locale: null,
        durationSeconds: 75,
      },
    ]);
  });

  it("refuses bad filters with a 400 naming the field", async () => {
    const user = await newUser({ prefix: "usage-invalid" });
    for (const [query, field] of [
      ["?type=video", "type"],
      ["?from=2026-02-30", "from"],
      ["?from=yesterday", "from"],
      ["?to=03/10/2026", "to"],
      ["?to=2026-3-1", "to"],
      ["?from=2026-03-11&to=2026-03-10", "to"],
      ["?limit=0", "limit"],
      ["?limit=101", "limit"],
      ["?cursor=not-a-cursor", "cursor"],
      ["?format=xml", "format"],
    ] as const) {
      const { status, body } = await events(user.token, query);
      expect(status, query).toBe(400);
      expect(body.error.code, query).toBe("validation_failed");
      expect(body.error.field, query).toBe(field);
    }
  });

  it("needs a signed-in user: no token is a 401 and an API key is refused", async () => {
    for (const path of ["/api/usage-events", "/api/usage-events?format=csv", "/api/usage/summary"]) {
      const { status, body } = await callJson<ErrorResponse>(path);
      expect(status, path).toBe(401);
      expect(body.error.code).toBe("unauthenticated");
    }
    const user = await newUser({ prefix: "usage-key" });
    const created = await callJson<{ key: string }>("/api/keys", jsonRequest("POST", { name: "usage" }, user.token));
    expect(created.status).toBe(201);
    const withKey = await callJson<ErrorResponse>("/api/usage-events", authorized(created.body.key));
    expect(withKey.status).toBe(403);
    expect(withKey.body.error.code).toBe("session_required");
  });
});

describe("GET /api/usage-events?format=csv", () => {
  it("exports the whole filtered range, beyond one page, with a header row and quoted cells", async () => {
    const user = await newUser({ prefix: "usage-csv" });
    await insertManyEvents(user.userId, 150, "2026-01-10T00:00:00.000Z");
    const [tricky] = await insertEvents(user.userId, [{ type: "clone", credits: 660, createdAt: "2026-01-09T12:00:00.000Z", metadata: { locale: 'en, "GB"\nsecond line', durationSeconds: 12 } }]);
    await insertEvents(user.userId, [{ createdAt: "2026-01-20T00:00:00.000Z" }]); // after the range

    const response = await call("/api/usage-events?format=csv&from=2026-01-09&to=2026-01-19", authorized(user.token));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="sexyvoice-usage-2026-01-09-to-2026-01-19.csv"');
    const text = await response.text();
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, ...rest] = text.slice(0, -2).split("\r\n");
    expect(header).toBe("id,created_at,type,credits_used,provider,model,quantity,unit,voice_id,voice_name,locale,duration_seconds");
    // 150 speech rows plus the clone; the quoted cell keeps its line break, so count records, not lines.
    expect(rest.at(-1)).toBe(`${tricky},2026-01-09T12:00:00.000Z,clone,660,local,espeak-ng,42,characters,,,"en, ""GB""\nsecond line",12`);
    expect(rest.filter((line) => line.includes(",tts,")).length).toBe(150);
    expect(rest[0]).toMatch(/^[0-9a-f]{32},2026-01-10T00:02:30\.000Z,tts,1,local,espeak-ng,10,characters,,,,$/);

    const clonesOnly = await (await call("/api/usage-events?format=csv&type=clone", authorized(user.token))).text();
    expect(clonesOnly.trim().split("\r\n").length).toBe(2); // the header and one record (its cell's line break is a bare \n)
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@sum")).toBe("'@sum");
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
  });

  it("holds up to 10,000 events and refuses a longer range rather than cutting it short", async () => {
    const user = await newUser({ prefix: "usage-bound" });
    await insertManyEvents(user.userId, 10_000, "2025-06-01T00:00:00.000Z");
    const full = await call("/api/usage-events?format=csv", authorized(user.token));
    expect(full.status).toBe(200);
    expect((await full.text()).trim().split("\r\n").length).toBe(10_001);

    await insertEvents(user.userId, [{ createdAt: "2025-07-01T00:00:00.000Z" }]);
    const over = await callJson<ErrorResponse>("/api/usage-events?format=csv", authorized(user.token));
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe("limit_reached");
    // A shorter range that holds fewer is fine again.
    const shorter = await call("/api/usage-events?format=csv&from=2025-06-02", authorized(user.token));
    expect(shorter.status).toBe(200);
  });
});

describe("usage summary", () => {
  const now = new Date("2026-03-15T12:00:00.000Z");

  it("adds up this month, all time and each type, and every one of the 30 UTC days, exactly", async () => {
    const userId = await newAccount();
    const other = await newAccount();
    await insertEvents(other, [{ type: "tts", credits: 999_999, createdAt: "2026-03-15T10:00:00.000Z" }]);
    await insertEvents(userId, [
      { type: "tts", credits: 100, createdAt: "2026-03-15T11:59:00.000Z" }, // today
      { type: "clone", credits: 660, createdAt: "2026-03-15T00:00:00.000Z" }, // today's first moment
      { type: "tts", credits: 0, createdAt: "2026-03-10T09:00:00.000Z" }, // a cache hit: counted, free
      { type: "call", credits: 500, createdAt: "2026-03-01T00:00:00.000Z" }, // the month's first moment
      { type: "tts", credits: 7, createdAt: "2026-02-28T23:59:59.999Z" }, // last month, inside the 30 days
      { type: "call", credits: 1000, createdAt: "2026-02-14T00:00:00.000Z" }, // the series' first day
      { type: "tts", credits: 50, createdAt: "2026-02-13T23:59:59.999Z" }, // one moment before the series
      { type: "clone", credits: 3000, createdAt: "2025-12-01T10:00:00.000Z" }, // long ago
    ]);

    const summary = await usageSummary(env.DB, userId, now);
    expect(summary.today).toBe("2026-03-15");
    expect(summary.month).toEqual({
      start: "2026-03-01",
      credits: 1260,
      count: 4,
      byType: { tts: { credits: 100, count: 2 }, clone: { credits: 660, count: 1 }, call: { credits: 500, count: 1 } },
    });
    expect(summary.allTime).toEqual({
      credits: 5317,
      count: 8,
      byType: { tts: { credits: 157, count: 4 }, clone: { credits: 3660, count: 2 }, call: { credits: 1500, count: 2 } },
    });
    const nonZero: Record<string, { tts: number; clone: number; call: number }> = {
      "2026-02-14": { tts: 0, clone: 0, call: 1000 },
      "2026-02-28": { tts: 7, clone: 0, call: 0 },
      "2026-03-01": { tts: 0, clone: 0, call: 500 },
      "2026-03-15": { tts: 100, clone: 660, call: 0 },
    };
    const expectedDays: string[] = [];
    for (let day = "2026-02-14"; day <= "2026-03-15"; day = addDays(day, 1)) expectedDays.push(day);
    expect(expectedDays.length).toBe(30);
    expect(summary.days).toEqual(expectedDays.map((day) => ({ day, credits: nonZero[day] ?? { tts: 0, clone: 0, call: 0 } })));
  });

  it("is all zeros, with 30 days present, for a user with no events", async () => {
    const summary = await usageSummary(env.DB, await newAccount(), now);
    expect(summary.allTime).toEqual({ credits: 0, count: 0, byType: { tts: { credits: 0, count: 0 }, clone: { credits: 0, count: 0 }, call: { credits: 0, count: 0 } } });
    expect(summary.month.credits).toBe(0);
    expect(summary.days.length).toBe(30);
    expect(summary.days.every((day) => day.credits.tts === 0 && day.credits.clone === 0 && day.credits.call === 0)).toBe(true);
  });

  it("GET /api/usage/summary answers for today (UTC) from the caller's own events", async () => {
    const user = await newUser({ prefix: "usage-summary" });
    const started = new Date();
    const today = utcDay(started);
    await insertEvents(user.userId, [
      { type: "tts", credits: 66, createdAt: new Date(started.getTime() - 1000).toISOString() },
      { type: "clone", credits: 660, createdAt: `${monthStart(today)}T00:00:00.000Z` },
      { type: "call", credits: 500, createdAt: `${addDays(today, -45)}T12:00:00.000Z` },
    ]);
    const { status, body } = await callJson<UsageSummaryResponse>("/api/usage/summary", authorized(user.token));
    expect(status).toBe(200);
    // The test would straddle midnight UTC only if it began in the last second of a day.
    if (body.today !== today) return;
    expect(body.days.map((day) => day.day)).toEqual(daysEndingOn(today, 30));
    expect(body.days.at(-1)?.credits.tts).toBe(66);
    expect(body.month.start).toBe(monthStart(today));
    expect(body.month.byType).toEqual({ tts: { credits: 66, count: 1 }, clone: { credits: 660, count: 1 }, call: { credits: 0, count: 0 } });
    expect(body.allTime).toEqual({ credits: 1226, count: 3, byType: { tts: { credits: 66, count: 1 }, clone: { credits: 660, count: 1 }, call: { credits: 500, count: 1 } } });
    const monthDay = body.days.find((day) => day.day === monthStart(today));
    if (monthDay !== undefined) expect(monthDay.credits.clone).toBe(660);
  });
});
