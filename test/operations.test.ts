// Operators' jobs (issue 14): the daily report against seeded rows on both sides of the day, its
// Telegram message (HTML parse mode, escaped) and delivery retries recorded in job_runs, and
// retention of free users' audio at volume: bounded runs that resume, shared objects and the
// cache entries that point at them kept, the cache entries of removed objects removed.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../worker/index";
import { computeDailyStats, formatDailyStats } from "../worker/cron/daily-stats";
import { purgeExpiredFreeAudio, type RetentionRun } from "../worker/cron/retention";
import { grant } from "../worker/db/ledger";
import { readConfig } from "../worker/env";
import { createIntegrations } from "../worker/integrations";
import { kvAudioCache, type CacheEntry } from "../worker/services/audio-cache";
import { escapeHtml, telegramNotifier } from "../worker/services/notifier";
import type { DailyStats } from "../worker/shared/stats";
import { call, callJson, jsonRequest, withVars } from "./support/app";
import { newAccount, newUser, tenWords, uniqueTag } from "./support/factories";
import { interceptFetch, type Route } from "./support/http";

async function runCron(cron: string, scheduledTime: number, bindings: Env = env) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron, scheduledTime }), bindings, ctx);
  await waitOnExecutionContext(ctx);
  const row = await env.DB.prepare("SELECT job, result FROM job_runs WHERE cron = ?1 AND scheduled_at = ?2").bind(cron, new Date(scheduledTime).toISOString()).first<{ job: string; result: string }>();
  return { job: row?.job, result: JSON.parse(row?.result ?? "null") as Record<string, unknown> };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
const previousDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) - 86_400_000).toISOString().slice(0, 10);

const SAVED_VOICE = "my_*voice*[1] <b>&co</b>";

/**
 * Rows on `day` and on both sides of it (the last millisecond before, the first after), for the
 * figures asserted in `expectedStats`. Each test seeds its own day, so the figures are exact.
 */
async function seedDay(day: string): Promise<void> {
  const at = (time: string) => `${day}T${time}Z`;
  const before = `${previousDay(day)}T23:59:59.999Z`;
  const after = `${nextDay(day)}T00:00:00.000Z`;
  const id = () => crypto.randomUUID();
  const [u0, u1, u2, u3, u4] = [id(), id(), id(), id(), id()];
  const savedVoice = id();
  const db = env.DB;
  const profile = (userId: string, createdAt: string) => db.prepare("INSERT INTO profiles (id, email, auth_provider, created_at) VALUES (?1, ?2, 'local', ?3)").bind(userId, `${userId}@example.test`, createdAt);
  const audio = (userId: string, voiceId: string, kind: "tts" | "clone", cached: boolean, createdAt: string) =>
    db
      .prepare(
        "INSERT INTO audio_files (id, user_id, voice_id, kind, text_content, storage_key, content_type, provider, model, cache_key, credits_used, cached, created_at) VALUES (?1, ?2, ?3, ?4, 'hi', ?5, 'audio/wav', 'local', 'espeak-ng', ?6, ?7, ?8, ?9)",
      )
      .bind(id(), userId, voiceId, kind, `audio/${id()}.wav`, id(), cached ? 0 : 66, cached ? 1 : 0, createdAt);
  const usage = (userId: string, type: "tts" | "call", credits: number, createdAt: string) =>
    db
      .prepare("INSERT INTO usage_events (id, user_id, type, source_id, provider, model, credits_used, quantity, unit, created_at) VALUES (?1, ?2, ?3, ?4, 'local', 'm', ?5, 1, 'seconds', ?6)")
      .bind(id(), userId, type, id(), credits, createdAt);
  const callSession = (userId: string, startedAt: string, seconds: number) =>
    db.prepare("INSERT INTO call_sessions (id, user_id, room_name, status, started_at, duration_seconds) VALUES (?1, ?2, ?3, 'ended', ?4, ?5)").bind(id(), userId, `room-${id()}`, startedAt, seconds);
  const reservation = (rid: string, userId: string, amount: number, status: "settled" | "refunded", createdAt: string, closedAt: string) =>
    db
      .prepare("INSERT INTO credit_reservations (id, user_id, amount, final_amount, status, purpose, created_at, closed_at) VALUES (?1, ?2, ?3, ?4, ?5, 'tts', ?6, ?7)")
      .bind(rid, userId, amount, status === "refunded" ? 0 : amount, status, createdAt, closedAt);
  const ledger = (userId: string, amount: number, type: string, reservationId: string | null, createdAt: string) =>
    db
      .prepare("INSERT INTO credit_transactions (id, user_id, amount, type, idempotency_key, reservation_id, balance_after, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)")
      .bind(id(), userId, amount, type, id(), reservationId, createdAt);
  const payment = (userId: string, cents: number, currency: string, createdAt: string) =>
    db
      .prepare("INSERT INTO billing_payments (id, user_id, kind, package_id, payment_intent_id, amount_cents, currency, credits, transaction_id, created_at) VALUES (?1, ?2, 'topup', 'p', ?3, ?4, ?5, 100, ?6, ?7)")
      .bind(`pi_${id()}`, userId, `pi_${id()}`, cents, currency, id(), createdAt);
  const deadLetter = (createdAt: string) => db.prepare("INSERT INTO dead_letters (id, queue, reason, body, created_at) VALUES (?1, 'sexyvoice-jobs', 'malformed', '{}', ?2)").bind(id(), createdAt);
  const [r1, r2, r3, r4, r5] = [id(), id(), id(), id(), id()];

  await db.batch([
    // New users: u1, u2, u3 (the first and last millisecond of the day); u0 the day before, u4 after.
    profile(u0, before),
    profile(u1, at("00:00:00.000")),
    profile(u2, at("12:00:00.000")),
    profile(u3, at("23:59:59.999")),
    profile(u4, after),
    db
      .prepare(
        "INSERT INTO voices (id, name, provider, model_family, language, gender, feature, sort_order, is_active, owner_user_id, reference_key, reference_sha256, consented_at) VALUES (?1, ?2, 'replicate', 'chatterbox', 'en', 'neutral', 'tts', 2000, 1, ?3, 'clone-input/x', ?4, ?5)",
      )
      .bind(savedVoice, SAVED_VOICE, u1, "a".repeat(64), at("00:00:00.000")),
    // Generations: Puck ×3 (one a cache hit) and Kore; clones: the saved voice ×2 and a plain clone.
    audio(u1, "gemini-puck", "tts", false, at("00:00:00.000")),
    audio(u2, "gemini-puck", "tts", true, at("08:00:00.000")),
    audio(u1, "gemini-puck", "tts", false, at("23:59:59.999")),
    audio(u2, "gemini-kore", "tts", false, at("10:00:00.000")),
    audio(u1, savedVoice, "clone", false, at("11:00:00.000")),
    audio(u1, savedVoice, "clone", false, at("11:30:00.000")),
    audio(u2, "cloned-voice", "clone", false, at("12:00:00.000")),
    audio(u0, "gemini-kore", "tts", false, before),
    audio(u4, "gemini-puck", "tts", true, after),
    audio(u4, "cloned-voice", "clone", false, after),
    // Active: u1 and u2 (history), u3 (a call) and u0 (a usage event; an old user); u4 only after.
    usage(u3, "call", 500, at("15:00:00.000")),
    usage(u0, "tts", 66, at("09:00:00.000")),
    usage(u4, "tts", 66, after),
    // Calls started that day: 90 s; the one before and the one after do not count.
    callSession(u3, at("14:58:00.000"), 90),
    callSession(u0, before, 600),
    callSession(u4, after, 60),
    // r1 settled cheaper (100 → 70); r2 refunded that day; r5 reserved the day before and refunded
    // that day; r3 reserved that day, refunded after; r4 entirely the day before.
    reservation(r1, u1, 100, "settled", at("00:00:00.000"), at("00:00:05.000")),
    reservation(r2, u2, 50, "refunded", at("10:00:00.000"), at("10:00:05.000")),
    reservation(r5, u1, 40, "refunded", `${previousDay(day)}T23:59:59.000Z`, at("00:00:01.000")),
    reservation(r3, u2, 30, "refunded", at("23:59:00.000"), after),
    reservation(r4, u0, 20, "refunded", `${previousDay(day)}T10:00:00.000Z`, before),
    ledger(u1, -100, "usage", r1, at("00:00:00.000")),
    ledger(u1, 30, "refund", r1, at("00:00:05.000")),
    ledger(u2, -50, "usage", r2, at("10:00:00.000")),
    ledger(u2, 50, "refund", r2, at("10:00:05.000")),
    ledger(u1, -40, "usage", r5, `${previousDay(day)}T23:59:59.000Z`),
    ledger(u1, 40, "refund", r5, at("00:00:01.000")),
    ledger(u2, -30, "usage", r3, at("23:59:00.000")),
    ledger(u2, 30, "refund", r3, after),
    ledger(u0, -20, "usage", r4, `${previousDay(day)}T10:00:00.000Z`),
    ledger(u0, 20, "refund", r4, before),
    // A call's bucket debit (no reservation); a Stripe refund's claw-back is not spending.
    ledger(u3, -500, "usage", null, at("15:00:00.000")),
    ledger(u1, -200, "refund", null, at("16:00:00.000")),
    // Bought: a purchase and a top-up; welcome credits and adjustments are not bought.
    ledger(u1, 1000, "purchase", null, at("13:00:00.000")),
    ledger(u2, 500, "topup", null, at("13:30:00.000")),
    ledger(u3, 10000, "freemium", null, at("23:59:59.999")),
    ledger(u2, 5, "adjustment", null, at("18:00:00.000")),
    ledger(u4, 7, "purchase", null, after),
    // Revenue: 12.00 + 8.00 USD and 5.00 EUR (Stripe's case varies); JPY the day before, USD after.
    payment(u1, 1200, "usd", at("13:00:00.000")),
    payment(u2, 800, "usd", at("13:30:00.000")),
    payment(u1, 500, "EUR", at("20:00:00.000")),
    payment(u0, 500, "jpy", before),
    payment(u4, 999, "usd", after),
    deadLetter(at("00:00:00.000")),
    deadLetter(at("23:59:59.999")),
    deadLetter(before),
    deadLetter(after),
  ]);
}

const expectedStats = (day: string): DailyStats => ({
  day,
  newUsers: 3,
  activeUsers: 4,
  generations: 4,
  cachedGenerations: 1,
  cacheHitRate: 25,
  clones: 3,
  callMinutes: 1.5,
  // 100 − 30 (r1 settled at 70) + 50 − 50 (r2) + 40 back (r5) … as a debit: −40; + 30 (r3) + 500 (call bucket)
  creditsSpent: 100 - 30 + 50 - 50 - 40 + 30 + 500,
  creditsBought: 1500,
  payments: 3,
  revenueCents: { eur: 500, usd: 2000 },
  failures: { providerErrors: 2, deadLetters: 2 },
  topVoices: [
    { name: "Puck", uses: 3 },
    { name: SAVED_VOICE, uses: 2 },
    { name: "Cloned voice", uses: 1 },
  ],
});

const expectedMessage = (day: string) =>
  [
    `<b>SexyVoice daily stats for ${day}</b>`,
    "New users: 3",
    "Active users: 4",
    "Generations: 4 (cache hit rate 25%)",
    "Clones: 3",
    "Call minutes: 1.5",
    "Credits spent: 560",
    "Credits bought: 1500",
    "Revenue: 5.00 EUR, 20.00 USD (3 payments)",
    "Failures: 2 refunded productions, 2 dead letters",
    "Top voices: Puck (3), my_*voice*[1] &lt;b&gt;&amp;co&lt;/b&gt; (2), Cloned voice (1)",
  ].join("\n");

const TELEGRAM = withVars({ TELEGRAM_BOT_TOKEN: "123:secret-token", TELEGRAM_CHAT_ID: "-100" });
const SEND_MESSAGE = "https://api.telegram.org/bot123:secret-token/sendMessage";
const at7 = (day: string) => Date.parse(`${nextDay(day)}T07:00:00.000Z`);

/** Answers Telegram's sendMessage with the given responses in turn (the last one repeats). */
function telegram(...answers: (() => Response)[]): Route {
  let n = 0;
  return (request) => {
    if (request.url !== SEND_MESSAGE) return undefined;
    const answer = answers[Math.min(n, answers.length - 1)]!;
    n += 1;
    return answer();
  };
}
const ok = () => Response.json({ ok: true, result: { message_id: 1 } });
const failure = (status: number, description: string, retryAfter?: number) =>
  Response.json({ ok: false, error_code: status, description, ...(retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } }) }, { status });

describe("daily stats", () => {
  it("counts each figure of the day exactly, leaving out the millisecond before and after", async () => {
    const day = "2031-03-14";
    await seedDay(day);
    expect(await computeDailyStats(env.DB, day)).toEqual(expectedStats(day));
  });

  it("a day with nothing in it is all zeros, revenue included", async () => {
    const stats = await computeDailyStats(env.DB, "2031-06-01");
    expect(stats).toEqual({
      day: "2031-06-01",
      newUsers: 0,
      activeUsers: 0,
      generations: 0,
      cachedGenerations: 0,
      cacheHitRate: 0,
      clones: 0,
      callMinutes: 0,
      creditsSpent: 0,
      creditsBought: 0,
      payments: 0,
      revenueCents: {},
      failures: { providerErrors: 0, deadLetters: 0 },
      topVoices: [],
    });
    expect(formatDailyStats(stats)).toContain("\nRevenue: 0\n");
    expect(formatDailyStats(stats)).not.toContain("Top voices");
  });

  it("GET /api/daily-stats returns the same report as the job builds, with the cron secret only", async () => {
    const day = "2031-04-14";
    await seedDay(day);
    const bindings = withVars({ CRON_SECRET: "cron-secret-value" });
    const { status, body } = await callJson<DailyStats>(`/api/daily-stats?day=${day}`, { headers: { authorization: "Bearer cron-secret-value" } }, bindings);
    expect(status).toBe(200);
    expect(body).toEqual(expectedStats(day));
    expect(body).toEqual(await computeDailyStats(env.DB, day));
    expect((await callJson(`/api/daily-stats?day=${day}`, { headers: { authorization: "Bearer wrong" } }, bindings)).status).toBe(401);
    expect((await callJson(`/api/daily-stats?day=${day}`, { headers: { authorization: "Bearer cron-secret-value" } })).status).toBe(401);
  });

  it("escapes for Telegram's HTML parse mode only what it treats as markup", () => {
    expect(escapeHtml('a_*[]()~`>#+-=|{}.!<&"b')).toBe("a_*[]()~`&gt;#+-=|{}.!&lt;&amp;&quot;b");
  });

  it("the 07:00 job sends yesterday's report as HTML with names escaped, and records the delivery", async () => {
    const day = "2031-05-14";
    await seedDay(day);
    const seen = interceptFetch(telegram(ok));
    const run = await runCron("0 7 * * *", at7(day), TELEGRAM);
    expect(run).toEqual({ job: "daily-stats", result: { day, delivered: true, outcome: "delivered", attempts: 1 } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe("POST");
    expect(seen[0]!.json()).toEqual({ chat_id: "-100", parse_mode: "HTML", text: expectedMessage(day) });
  });

  it("a failed delivery is retried with backoff and the run records the attempts", async () => {
    const day = "2031-05-20";
    const seen = interceptFetch(telegram(() => failure(500, "Internal Server Error"), ok));
    const started = Date.now();
    const run = await runCron("0 7 * * *", at7(day), TELEGRAM);
    expect(run.result).toEqual({ day, delivered: true, outcome: "delivered", attempts: 2 });
    expect(seen).toHaveLength(2);
    expect(seen[1]!.body).toBe(seen[0]!.body);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("when every attempt fails the run records the failure and its reason, never the bot token", async () => {
    const day = "2031-05-21";
    const seen = interceptFetch(
      telegram(
        () => failure(502, "Bad Gateway"),
        () => failure(503, "Service Unavailable"),
        () => {
          throw new Error(`connection reset while fetching ${SEND_MESSAGE}`);
        },
      ),
    );
    const run = await runCron("0 7 * * *", at7(day), TELEGRAM);
    expect(seen).toHaveLength(3);
    expect(run.result).toEqual({ day, delivered: false, outcome: "failed", attempts: 3, reason: "Telegram unreachable: connection reset while fetching https://api.telegram.org/bot<token>/sendMessage" });
    expect(JSON.stringify(run.result)).not.toContain("secret-token");
  });

  it("honours Telegram's 429 retry_after within the bound and gives up at once beyond it", async () => {
    const seen = interceptFetch(telegram(() => failure(429, "Too Many Requests: retry after 1", 1), ok));
    const started = Date.now();
    const run = await runCron("0 7 * * *", at7("2031-05-22"), TELEGRAM);
    expect(run.result).toMatchObject({ delivered: true, attempts: 2 });
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    const waits: number[] = [];
    const notifier = telegramNotifier("123:secret-token", "-100", { attempts: 3, backoffMs: [1], maxRetryAfterSeconds: 30, sleep: async (ms) => void waits.push(ms) });
    interceptFetch(telegram(() => failure(429, "Too Many Requests: retry after 120", 120)));
    expect(await notifier.send("x")).toEqual({ delivered: false, attempts: 1, reason: "Telegram answered 429: Too Many Requests: retry after 120 (retry after 120 s is beyond 30 s)" });
    interceptFetch(telegram(() => failure(429, "Too Many Requests: retry after 5", 5), ok));
    expect(await notifier.send("x")).toEqual({ delivered: true, attempts: 2 });
    expect(waits).toEqual([5_000]);
  });

  it("a request Telegram refuses (400) is not sent again", async () => {
    const seen = interceptFetch(telegram(() => failure(400, "Bad Request: can't parse entities")));
    const run = await runCron("0 7 * * *", at7("2031-05-23"), TELEGRAM);
    expect(seen).toHaveLength(1);
    expect(run.result).toMatchObject({ delivered: false, outcome: "failed", attempts: 1, reason: "Telegram answered 400: Bad Request: can't parse entities" });
  });

  it("without Telegram configured the run records that nothing was sent", async () => {
    const run = await runCron("0 7 * * *", at7("2031-05-24"));
    expect(run.result).toEqual({ day: "2031-05-24", delivered: false, outcome: "not_configured", attempts: 0 });
  });
});

const DAY_MS = 86_400_000;
const entry = (storageKey: string): CacheEntry => ({ storageKey, contentType: "audio/wav", byteSize: 1, durationSeconds: 1, provider: "local", model: "espeak-ng" });

async function inChunks<T>(items: T[], size: number, each: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(each));
}

async function listAll(prefix: string, list: (cursor?: string) => Promise<{ keys: string[]; cursor?: string }>): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    keys.push(...page.keys);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return keys.filter((key) => key.startsWith(prefix)).sort();
}

const r2Keys = (prefix: string) =>
  listAll(prefix, async (cursor) => {
    const page = await env.AUDIO_BUCKET.list({ prefix, ...(cursor === undefined ? {} : { cursor }) });
    return { keys: page.objects.map((o) => o.key), ...(page.truncated ? { cursor: page.cursor } : {}) };
  });
const kvKeys = (prefix: string) =>
  listAll(prefix, async (cursor) => {
    const page = await env.CACHE_KV.list({ prefix, ...(cursor === undefined ? {} : { cursor }) });
    return { keys: page.keys.map((k) => k.name), ...(page.list_complete ? {} : { cursor: page.cursor }) };
  });

async function drainRetention(now: Date): Promise<void> {
  for (let i = 0; i < 50 && !(await purgeExpiredFreeAudio(env, now)).finished; i++);
}

describe("retention at volume", () => {
  it("removes 1,200 due rows across several bounded runs that resume, keeping shared objects and their cache entries", { timeout: 180_000 }, async () => {
    const now = new Date();
    await drainRetention(now);
    const tag = uniqueTag();
    const objectKey = (name: string) => `audio/ret-${tag}/${name}.wav`;
    const cacheKey = (name: string) => `ret-${tag}-${name}`;
    const freeUsers = await Promise.all([0, 1, 2, 3].map(() => newAccount()));
    const paid = await newAccount();
    await grant(env.DB, { userId: paid, amount: 10, type: "purchase", key: `buy:${paid}`, description: "purchase" });
    const dueAt = (i: number) => new Date(now.getTime() - 31 * DAY_MS - i * 1000).toISOString();
    const recent = new Date(now.getTime() - 5 * DAY_MS).toISOString();
    type Row = { user: string; name: string; cache: string; at: string; deleted?: boolean };
    const rows: Row[] = [];
    for (let i = 0; i < 1196; i++) rows.push({ user: freeUsers[i % 4]!, name: `plain-${i}`, cache: `plain-${i}`, at: dueAt(i) });
    // Shared with a paid user's live row (old, but paid users' audio is kept): object and entry stay.
    rows.push({ user: freeUsers[0]!, name: "shared-paid", cache: "shared-paid", at: dueAt(100) }, { user: paid, name: "shared-paid", cache: "shared-paid", at: dueAt(100) });
    // Shared with a free user's recent row: stays.
    rows.push({ user: freeUsers[1]!, name: "shared-recent", cache: "shared-recent", at: dueAt(400) }, { user: freeUsers[2]!, name: "shared-recent", cache: "shared-recent", at: recent });
    // Also used by a recent but deleted row: not live, so the object and its entry go.
    rows.push({ user: freeUsers[2]!, name: "deleted-copy", cache: "deleted-copy", at: dueAt(700) }, { user: freeUsers[3]!, name: "deleted-copy", cache: "deleted-copy", at: recent, deleted: true });
    // Its cache key's entry points at another object, which a live row uses: the entry stays.
    rows.push({ user: freeUsers[3]!, name: "repointed", cache: "repointed", at: dueAt(1000) }, { user: paid, name: "elsewhere", cache: "elsewhere", at: recent });
    const dueRows = rows.filter((row) => row.at < new Date(now.getTime() - 30 * DAY_MS).toISOString() && row.user !== paid);
    expect(dueRows).toHaveLength(1200);

    const insert = env.DB.prepare(
      "INSERT INTO audio_files (id, user_id, voice_id, text_content, storage_key, content_type, provider, model, cache_key, created_at, deleted_at) VALUES (?1, ?2, 'gemini-kore', 'hi', ?3, 'audio/wav', 'local', 'espeak-ng', ?4, ?5, ?6)",
    );
    for (let i = 0; i < rows.length; i += 100) await env.DB.batch(rows.slice(i, i + 100).map((r) => insert.bind(crypto.randomUUID(), r.user, objectKey(r.name), cacheKey(r.cache), r.at, r.deleted ? recent : null)));
    const objects = [...new Set(rows.map((row) => row.name))];
    await inChunks(objects, 50, (name) => env.AUDIO_BUCKET.put(objectKey(name), "a"));
    const cache = kvAudioCache(env.CACHE_KV);
    const entries = [...new Set(dueRows.map((row) => row.cache))];
    await inChunks(entries, 50, (name) => cache.set(cacheKey(name), entry(objectKey(name === "repointed" ? "elsewhere" : name))));
    expect(objects).toHaveLength(1201);
    expect(entries).toHaveLength(1200);

    const due = async () =>
      (
        await env.DB.prepare(`SELECT COUNT(*) AS n FROM audio_files WHERE user_id IN (SELECT value FROM json_each(?1)) AND created_at < ?2`)
          .bind(JSON.stringify(freeUsers), new Date(now.getTime() - 30 * DAY_MS).toISOString())
          .first<{ n: number }>()
      )?.n;
    expect(await due()).toBe(1200);

    // Four runs with a tiny budget: one batch of 150 each, each resuming where the last stopped.
    const runs: RetentionRun[] = [];
    for (let i = 0; i < 4; i++) {
      const run = await purgeExpiredFreeAudio(env, now, { batchSize: 150, timeBudgetMs: 0, maxOperations: 900 });
      runs.push(run);
      expect(run).toMatchObject({ deletedRows: 150, batches: 1, finished: false, stoppedBy: "time" });
      expect(await due()).toBe(1200 - 150 * (i + 1));
    }
    // Then the scheduled job with its defaults, run after run until it reports it finished; each
    // run stays within the operations a Worker invocation may make.
    for (let i = 0; i < 10 && runs.at(-1)?.finished !== true; i++) {
      const { job, result } = await runCron("17 * * * *", now.getTime() + i + 1);
      expect(job).toBe("retention");
      const run = result as unknown as RetentionRun;
      expect(run.operations).toBeLessThanOrEqual(900);
      if (!run.finished) expect(run.stoppedBy).toBe("operations");
      runs.push(run);
    }
    const total = (field: "deletedRows" | "deletedObjects" | "keptObjects" | "deletedCacheEntries" | "keptCacheEntries" | "batches") => runs.reduce((sum, run) => sum + run[field], 0);
    expect(runs.at(-1)).toMatchObject({ finished: true, stoppedBy: "done" });
    expect(runs.length).toBeGreaterThan(5);
    expect(await due()).toBe(0);
    expect({
      deletedRows: total("deletedRows"),
      deletedObjects: total("deletedObjects"),
      keptObjects: total("keptObjects"),
      deletedCacheEntries: total("deletedCacheEntries"),
      keptCacheEntries: total("keptCacheEntries"),
    }).toEqual({ deletedRows: 1200, deletedObjects: 1198, keptObjects: 2, deletedCacheEntries: 1197, keptCacheEntries: 1 });

    // What is left: the objects live rows use, the entries that point at them, the rows that were not due.
    expect(await r2Keys(`audio/ret-${tag}/`)).toEqual([objectKey("elsewhere"), objectKey("shared-paid"), objectKey("shared-recent")].sort());
    expect(await kvKeys(`audio:ret-${tag}-`)).toEqual([`audio:${cacheKey("repointed")}`, `audio:${cacheKey("shared-paid")}`, `audio:${cacheKey("shared-recent")}`].sort());
    const { audioCache } = createIntegrations(readConfig(env), env);
    expect(await audioCache.get(cacheKey("plain-7"))).toBeNull();
    expect(await audioCache.get(cacheKey("deleted-copy"))).toBeNull();
    expect(await audioCache.get(cacheKey("shared-paid"))).toEqual(entry(objectKey("shared-paid")));
    expect(await audioCache.get(cacheKey("repointed"))).toEqual(entry(objectKey("elsewhere")));
    const left = await env.DB.prepare("SELECT storage_key, deleted_at IS NOT NULL AS deleted FROM audio_files WHERE storage_key LIKE ?1 ORDER BY storage_key")
      .bind(`audio/ret-${tag}/%`)
      .all<{ storage_key: string; deleted: number }>();
    expect(left.results).toEqual(
      [
        { storage_key: objectKey("deleted-copy"), deleted: 1 },
        { storage_key: objectKey("elsewhere"), deleted: 0 },
        { storage_key: objectKey("shared-paid"), deleted: 0 },
        { storage_key: objectKey("shared-recent"), deleted: 0 },
      ].sort((a, b) => a.storage_key.localeCompare(b.storage_key)),
    );
  });
});

interface Generated {
  id: string;
  url: string;
  cached: boolean;
  creditsUsed: number;
}
const generate = (token: string, text: string) => callJson<Generated>("/api/generate-voice", jsonRequest("POST", { text, voice: "Puck" }, token));
const play = (url: string) => call(new URL(url).pathname + new URL(url).search);
const backdate = (id: string, days: number) =>
  env.DB.prepare("UPDATE audio_files SET created_at = ?1 WHERE id = ?2")
    .bind(new Date(Date.now() - days * DAY_MS).toISOString(), id)
    .run();
const audioRow = (id: string) => env.DB.prepare("SELECT storage_key, cache_key FROM audio_files WHERE id = ?1").bind(id).first<{ storage_key: string; cache_key: string }>();

describe("retention and the cache, through the product", () => {
  it("a free user's expired audio takes its cache entry with it: the same request is produced again and plays", async () => {
    const user = await newUser();
    const text = tenWords(uniqueTag());
    const first = await generate(user.token, text);
    expect(first.body.cached).toBe(false);
    const row = await audioRow(first.body.id);
    await backdate(first.body.id, 40);
    const run = await runCron("17 * * * *", Date.now());
    expect(run.result).toMatchObject({ finished: true });
    expect(await audioRow(first.body.id)).toBeNull();
    expect(await env.AUDIO_BUCKET.head(row!.storage_key)).toBeNull();
    expect(await env.CACHE_KV.get(`audio:${row!.cache_key}`)).toBeNull();
    const again = await generate(user.token, text);
    expect(again.status).toBe(200);
    expect(again.body.cached).toBe(false);
    expect(again.body.creditsUsed).toBeGreaterThan(0);
    expect((await play(again.body.url)).status).toBe(200);
  });

  it("audio a paid user also has stays, with its cache entry: the next request is a cache hit that plays", async () => {
    const free = await newUser();
    const paid = await newUser({ paid: true });
    const text = tenWords(uniqueTag());
    const produced = await generate(free.token, text);
    const hit = await generate(paid.token, text);
    expect(hit.body.cached).toBe(true);
    const row = await audioRow(produced.body.id);
    await backdate(produced.body.id, 40);
    await backdate(hit.body.id, 40);
    await runCron("17 * * * *", Date.now());
    expect(await audioRow(produced.body.id)).toBeNull();
    expect(await audioRow(hit.body.id)).not.toBeNull();
    expect(await env.AUDIO_BUCKET.head(row!.storage_key)).not.toBeNull();
    const again = await generate(free.token, text);
    expect(again.body).toMatchObject({ cached: true, creditsUsed: 0 });
    expect((await play(again.body.url)).status).toBe(200);
  });
});
