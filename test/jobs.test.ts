import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import worker from "../worker/index";
import { CRON_JOBS } from "../worker/cron";
import { retryDelaySeconds } from "../worker/queues/jobs-consumer";
import { grant, reserve } from "../worker/db/ledger";
import { interceptFetch } from "./support/http";
import { callJson, signInNewUser, withVars } from "./support/app";
import { newAccount } from "./support/factories";

describe("jobs queue consumer", () => {
  it("processes valid messages, sends a malformed one to the dead-letter queue and acks the whole batch", async () => {
    const userId = await newAccount();
    const sourceId = crypto.randomUUID();
    const usage = { type: "usage.record", userId, usageType: "tts", sourceId, provider: "local", model: "espeak-ng", creditsUsed: 12, quantity: 3.5, unit: "seconds", metadata: {}, occurredAt: new Date().toISOString() };
    const batch = createMessageBatch("sexyvoice-jobs", [
      { id: "good", timestamp: new Date(), attempts: 1, body: usage },
      { id: "bad", timestamp: new Date(), attempts: 1, body: { type: "usage.record", userId: 42 } },
      { id: "unknown", timestamp: new Date(), attempts: 1, body: "not even an object" },
    ]);
    const sent = vi.spyOn(env.DEAD_LETTER_QUEUE, "send");
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["bad", "good", "unknown"]);
    expect(result.retryMessages).toEqual([]);
    expect(sent).toHaveBeenCalledTimes(2);
    expect(sent.mock.calls[0]?.[0]).toMatchObject({ sourceQueue: "sexyvoice-jobs", body: { type: "usage.record", userId: 42 } });
    const rows = await env.DB.prepare("SELECT credits_used, quantity FROM usage_events WHERE source_id = ?1").bind(sourceId).all();
    expect(rows.results).toEqual([{ credits_used: 12, quantity: 3.5 }]);
  });

  it("a redelivered usage message does not add a second usage row", async () => {
    const userId = await newAccount();
    const body = {
      type: "usage.record",
      userId,
      usageType: "tts",
      sourceId: crypto.randomUUID(),
      provider: "local",
      model: "espeak-ng",
      creditsUsed: 5,
      quantity: 1,
      unit: "seconds",
      occurredAt: new Date().toISOString(),
    };
    for (const attempt of [1, 2]) {
      const batch = createMessageBatch("sexyvoice-jobs", [{ id: `m${attempt}`, timestamp: new Date(), attempts: attempt, body }]);
      const ctx = createExecutionContext();
      await worker.queue(batch, env, ctx);
      await getQueueResult(batch, ctx);
    }
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM usage_events WHERE source_id = ?1").bind(body.sourceId).first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it("retries a message whose job fails, with backoff, without touching the rest of the batch", async () => {
    const body = {
      type: "usage.record",
      userId: "no-such-user",
      usageType: "tts",
      sourceId: crypto.randomUUID(),
      provider: "local",
      model: "m",
      creditsUsed: 1,
      quantity: 1,
      unit: "seconds",
      occurredAt: new Date().toISOString(),
    };
    const batch = createMessageBatch("sexyvoice-jobs", [{ id: "fk-fails", timestamp: new Date(), attempts: 3, body }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(["fk-fails"]);
    expect([1, 2, 3, 10].map(retryDelaySeconds)).toEqual([10, 20, 40, 900]);
  });

  it("delivers analytics events to PostHog only when it is configured", async () => {
    const event = { type: "analytics.capture", distinctId: "user-1", event: "voice_generated", properties: { voice: "Zephyr" }, occurredAt: new Date().toISOString() };
    const off = createMessageBatch("sexyvoice-jobs", [{ id: "a1", timestamp: new Date(), attempts: 1, body: event }]);
    const offCtx = createExecutionContext();
    await worker.queue(off, env, offCtx);
    expect((await getQueueResult(off, offCtx)).explicitAcks).toEqual(["a1"]);

    const seen = interceptFetch((request) => (new URL(request.url).host === "posthog.test" ? Response.json({ status: 1 }) : undefined));
    const bindings = withVars({ POSTHOG_API_KEY: "phc_test", POSTHOG_HOST: "https://posthog.test" });
    const on = createMessageBatch("sexyvoice-jobs", [{ id: "a2", timestamp: new Date(), attempts: 1, body: event }]);
    const onCtx = createExecutionContext();
    await worker.queue(on, bindings, onCtx);
    expect((await getQueueResult(on, onCtx)).explicitAcks).toEqual(["a2"]);
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual(["/batch/"]);
  });
});

describe("dead-letter queue consumer", () => {
  it("stores each dead letter with its reason for operators", async () => {
    const batch = createMessageBatch("sexyvoice-jobs-dlq", [
      { id: `dl-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: { sourceQueue: "sexyvoice-jobs", reason: "malformed: bad", body: { x: 1 } } },
      { id: `dl-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: { type: "usage.record", exhausted: true } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    await getQueueResult(batch, ctx);
    const rows = await env.DB.prepare("SELECT reason, body FROM dead_letters WHERE id IN (?1, ?2) ORDER BY reason").bind(batch.messages[0]?.id, batch.messages[1]?.id).all();
    expect(rows.results).toEqual([
      { reason: "malformed: bad", body: '{"x":1}' },
      { reason: "retries exhausted", body: '{"type":"usage.record","exhausted":true}' },
    ]);
  });
});

describe("scheduled handler", () => {
  it("has a job for every cron trigger in wrangler.toml", () => {
    expect(Object.keys(CRON_JOBS).sort()).toEqual(["*/5 * * * *", "0 7 * * *", "17 * * * *"]);
  });

  async function runCron(cron: string, scheduledTime: number, bindings: Env = env) {
    const controller = createScheduledController({ cron, scheduledTime });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, bindings, ctx);
    await waitOnExecutionContext(ctx);
    return env.DB.prepare("SELECT job, result FROM job_runs WHERE cron = ?1 AND scheduled_at = ?2").bind(cron, new Date(scheduledTime).toISOString()).first<{ job: string; result: string }>();
  }

  it("the 5-minute sweep refunds reservations left open by a crash, once", async () => {
    const userId = await newAccount();
    await grant(env.DB, { userId, amount: 1_000, type: "adjustment", key: `seed:${userId}`, description: "seed" });
    const held = await reserve(env.DB, { userId, amount: 600, key: `crashed:${userId}`, purpose: "tts", description: "test" });
    if (!held.ok) throw new Error("reservation failed");
    const later = Date.now() + 20 * 60_000;
    const run = await runCron("*/5 * * * *", later);
    expect(run?.job).toBe("sweep");
    expect(JSON.parse(run?.result ?? "{}").refunded).toBeGreaterThanOrEqual(1);
    await runCron("*/5 * * * *", later + 300_000);
    const balance = await env.DB.prepare("SELECT balance FROM credits WHERE user_id = ?1").bind(userId).first<{ balance: number }>();
    expect(balance?.balance).toBe(1_000);
    const refunds = await env.DB.prepare("SELECT COUNT(*) AS n FROM credit_transactions WHERE reservation_id = ?1 AND type = 'refund'").bind(held.reservationId).first<{ n: number }>();
    expect(refunds?.n).toBe(1);
  });

  it("the sweep leaves recent reservations alone", async () => {
    const userId = await newAccount();
    await grant(env.DB, { userId, amount: 100, type: "adjustment", key: `seed:${userId}`, description: "seed" });
    const held = await reserve(env.DB, { userId, amount: 100, key: `fresh:${userId}`, purpose: "tts", description: "test" });
    if (!held.ok) throw new Error("reservation failed");
    await runCron("*/5 * * * *", Date.now() + 60_000);
    const row = await env.DB.prepare("SELECT status FROM credit_reservations WHERE id = ?1").bind(held.reservationId).first();
    expect(row).toEqual({ status: "reserved" });
  });

  it("the hourly retention job deletes free users' audio older than 30 days, keeping shared objects and paid users' audio", async () => {
    const free = await newAccount();
    const paid = await newAccount();
    await grant(env.DB, { userId: paid, amount: 10, type: "purchase", key: `buy:${paid}`, description: "purchase" });
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const fresh = new Date().toISOString();
    const oldOnly = `audio/${crypto.randomUUID()}.wav`;
    const shared = `audio/${crypto.randomUUID()}.wav`;
    await env.AUDIO_BUCKET.put(oldOnly, "a");
    await env.AUDIO_BUCKET.put(shared, "b");
    const insert = (id: string, user: string, key: string, at: string) =>
      env.DB.prepare(
        "INSERT INTO audio_files (id, user_id, voice_id, text_content, storage_key, content_type, provider, model, cache_key, created_at) VALUES (?1, ?2, 'gemini-kore', 'hi', ?3, 'audio/wav', 'local', 'espeak-ng', 'k', ?4)",
      ).bind(id, user, key, at);
    const [a, b, c, d] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await env.DB.batch([insert(a, free, oldOnly, old), insert(b, free, shared, old), insert(c, paid, shared, old), insert(d, free, shared, fresh)]);
    const run = await runCron("17 * * * *", Date.now());
    expect(run?.job).toBe("retention");
    const left = await env.DB.prepare("SELECT id FROM audio_files WHERE id IN (?1, ?2, ?3, ?4) ORDER BY id").bind(a, b, c, d).all<{ id: string }>();
    expect(left.results.map((r) => r.id).sort()).toEqual([c, d].sort());
    expect(await env.AUDIO_BUCKET.head(oldOnly)).toBeNull();
    expect(await env.AUDIO_BUCKET.head(shared)).not.toBeNull();
  });

  it("the 07:00 job computes yesterday's stats and sends them to Telegram when configured", async () => {
    const seen = interceptFetch((request) => (request.url.startsWith("https://api.telegram.org/bot123:abc/sendMessage") ? Response.json({ ok: true }) : undefined));
    const bindings = withVars({ TELEGRAM_BOT_TOKEN: "123:abc", TELEGRAM_CHAT_ID: "-100" });
    const run = await runCron("0 7 * * *", Date.parse("2026-11-25T07:00:00Z"), bindings);
    expect(run?.job).toBe("daily-stats");
    expect(JSON.parse(run?.result ?? "{}")).toEqual({ day: "2026-11-24", delivered: true, outcome: "delivered", attempts: 1 });
    const sent = seen[0]!.json<{ chat_id: string; text: string }>();
    expect(sent.chat_id).toBe("-100");
    expect(sent.text).toContain("SexyVoice daily stats for 2026-11-24");
  });

  it("an unknown cron expression fails loudly instead of doing nothing", async () => {
    const controller = createScheduledController({ cron: "1 2 3 4 5", scheduledTime: Date.now() });
    await expect(worker.scheduled(controller, env, createExecutionContext())).rejects.toThrow(/No job is registered/);
  });
});

describe("GET /api/daily-stats", () => {
  it("refuses everyone when no cron secret is configured, and a wrong secret always", async () => {
    const none = await callJson<{ error: { code: string } }>("/api/daily-stats", { headers: { authorization: "Bearer anything" } });
    expect(none.status).toBe(401);
    const bindings = withVars({ CRON_SECRET: "cron-secret-value" });
    const wrong = await callJson("/api/daily-stats", { headers: { authorization: "Bearer cron-secret-valuE" } }, bindings);
    expect(wrong.status).toBe(401);
    const { token } = await signInNewUser();
    const asUser = await callJson("/api/daily-stats", { headers: { authorization: `Bearer ${token}` } }, bindings);
    expect(asUser.status).toBe(401);
  });

  it("returns the day's report with the right secret", async () => {
    const bindings = withVars({ CRON_SECRET: "cron-secret-value" });
    const today = new Date().toISOString().slice(0, 10);
    await signInNewUser().then(({ token }) => callJson("/api/me", { headers: { authorization: `Bearer ${token}` } }));
    const { status, body } = await callJson<{ day: string; newUsers: number }>(`/api/daily-stats?day=${today}`, { headers: { authorization: "Bearer cron-secret-value" } }, bindings);
    expect(status).toBe(200);
    expect(body.day).toBe(today);
    expect(body.newUsers).toBeGreaterThanOrEqual(1);
    const bad = await callJson("/api/daily-stats?day=yesterday", { headers: { authorization: "Bearer cron-secret-value" } }, bindings);
    expect(bad.status).toBe(400);
  });
});
