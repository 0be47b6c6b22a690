// The paid-audio path when things fail: a queue outage with a failing usage write, a lost
// settlement message, a late provider, dead audio remembered by the gate, input the engine
// cannot speak, prices that could be gamed, and the cache hit's deferred history row.
import { createScheduledController, env, waitOnExecutionContext, createExecutionContext } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import worker from "../worker/index";
import { authorized, call, callJson, deliverJobs, jsonRequest, withVars } from "./support/app";
import { balanceOf, ledgerSum, newUser, reservationOf, tenWords, uniqueTag } from "./support/factories";
import { interceptFetch } from "./support/http";
import { gemini, geminiAudio } from "./support/providers";

interface Generated {
  id: string;
  model: string;
  url: string;
  creditsUsed: number;
  creditsRemaining: number;
  cached: boolean;
  provider: string;
  error: { code: string; message: string; field?: string };
}

const generate = (token: string, body: Record<string, unknown>, bindings: Env = env) => callJson<Generated>("/api/generate-voice", jsonRequest("POST", body, token), bindings);
const play = (url: string, bindings: Env = env) => call(new URL(url).pathname + new URL(url).search, {}, bindings);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runSweep(at: Date) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at.getTime(), cron: "*/5 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** Makes D1 statements whose SQL matches `pattern` throw, for every binding that shares env.DB. */
function failStatements(pattern: RegExp) {
  const prepare = env.DB.prepare.bind(env.DB);
  return vi.spyOn(env.DB, "prepare").mockImplementation((sql: string) => {
    if (pattern.test(sql)) throw new Error(`D1 refused: ${sql.slice(0, 40)}`);
    return prepare(sql);
  });
}

describe("a queue outage on the request path", () => {
  it("settles inline and still delivers: a failing usage write never turns a charged result into 'not charged'", async () => {
    const user = await newUser();
    vi.spyOn(env.JOBS_QUEUE, "send").mockRejectedValue(new Error("queue unavailable"));
    failStatements(/INSERT INTO usage_events/);
    const { status, body } = await generate(user.token, { text: tenWords(uniqueTag()), voice: "Kore" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ cached: false, creditsUsed: 66, creditsRemaining: 10_000 - 66 });
    expect((await reservationOf(body.id))?.status).toBe("settled");
    expect(await balanceOf(user.userId)).toBe(10_000 - 66);
    expect(await ledgerSum(user.userId)).toBe(10_000 - 66);
    vi.restoreAllMocks();
    expect((await play(body.url)).status).toBe(200);
    // The usage event the inline settlement could not write is written by the next sweep.
    const usage = () => env.DB.prepare("SELECT credits_used FROM usage_events WHERE source_id = ?1").bind(body.id).all();
    expect((await usage()).results).toEqual([]);
    await runSweep(new Date(Date.now() + 5 * 60_000));
    expect((await usage()).results).toEqual([{ credits_used: 66 }]);
    expect(await balanceOf(user.userId)).toBe(10_000 - 66);
  });

  it("identical concurrent requests on that path are still charged once", async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => newUser()));
    vi.spyOn(env.JOBS_QUEUE, "send").mockRejectedValue(new Error("queue unavailable"));
    failStatements(/INSERT INTO usage_events/);
    const text = tenWords(uniqueTag());
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => generate(users[i % 4]!.token, { text, voice: "Leda" })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => !r.body.cached)).toHaveLength(1);
    const balances = await Promise.all(users.map((u) => balanceOf(u.userId)));
    expect(balances.reduce((a, b) => a + b, 0)).toBe(4 * 10_000 - 66);
  });
});

describe("the sweep after a lost settlement message", () => {
  it("settles delivered audio at its recorded price instead of refunding it, so ledger and history agree", async () => {
    const user = await newUser();
    // The queue accepts the message and loses it: the reservation stays open.
    vi.spyOn(env.JOBS_QUEUE, "send").mockResolvedValue(undefined as never);
    const { status, body } = await generate(user.token, { text: tenWords(uniqueTag()), voice: "tara" });
    expect(status).toBe(200);
    expect((await reservationOf(body.id))?.status).toBe("reserved");
    vi.restoreAllMocks();
    await runSweep(new Date(Date.now() + 20 * 60_000));
    expect(await reservationOf(body.id)).toMatchObject({ status: "settled", final_amount: 240 });
    const row = await env.DB.prepare("SELECT credits_used FROM audio_files WHERE id = ?1").bind(body.id).first<{ credits_used: number }>();
    expect(row?.credits_used).toBe(240);
    expect(await balanceOf(user.userId)).toBe(10_000 - 240);
    const usage = await env.DB.prepare("SELECT credits_used FROM usage_events WHERE source_id = ?1").bind(body.id).all();
    expect(usage.results).toEqual([{ credits_used: 240 }]);
  });

  it("refunds a reservation whose audio never reached the history, when the request could not refund it itself", async () => {
    const user = await newUser();
    // The history row cannot be written, and neither can the immediate refund: a crash in between.
    failStatements(/INSERT INTO audio_files|r\.amount, 'refund'/);
    const { status } = await generate(user.token, { text: tenWords(uniqueTag()), voice: "Kore" });
    expect(status).toBe(500);
    expect(await balanceOf(user.userId)).toBe(10_000 - 66);
    vi.restoreAllMocks();
    await runSweep(new Date(Date.now() + 20 * 60_000));
    expect(await balanceOf(user.userId)).toBe(10_000);
    expect(await ledgerSum(user.userId)).toBe(10_000);
    const open = await env.DB.prepare("SELECT status FROM credit_reservations WHERE user_id = ?1 AND purpose = 'tts'").bind(user.userId).all<{ status: string }>();
    expect(open.results).toEqual([{ status: "refunded" }]);
  });
});

describe("a late provider", () => {
  const SLOW = withVars({ GEMINI_API_KEY: "test-gemini-key", PROVIDER_TIMEOUT_SECONDS: "0.3" });

  it("times out with 504 provider_timeout, refunds in full, and discards the audio that arrives later", async () => {
    const user = await newUser();
    interceptFetch(
      gemini(async () => {
        await sleep(900);
        return geminiAudio(30);
      }),
    );
    const text = tenWords(uniqueTag());
    const { status, body } = await generate(user.token, { text, voice: "Charon" }, SLOW);
    expect(status).toBe(504);
    expect(body.error.code).toBe("provider_timeout");
    expect(await balanceOf(user.userId)).toBe(10_000);
    await sleep(1_000);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM audio_files WHERE user_id = ?1").bind(user.userId).first<{ n: number }>();
    expect(rows?.n).toBe(0);
    // Nothing was cached either: the same request is produced (and charged) anew.
    interceptFetch(gemini(() => geminiAudio(30)));
    const again = await generate(user.token, { text, voice: "Charon" }, SLOW);
    expect(again.body).toMatchObject({ cached: false, creditsUsed: 33 });
  });

  it("cancels a Replicate prediction still running at the deadline", async () => {
    const user = await newUser();
    const seen = interceptFetch((request) => {
      const url = new URL(request.url);
      if (url.host !== "api.replicate.com") return undefined;
      const running = {
        id: "pred_slow",
        status: "processing",
        output: null,
        error: null,
        urls: { get: "https://api.replicate.com/v1/predictions/pred_slow", cancel: "https://api.replicate.com/v1/predictions/pred_slow/cancel" },
      };
      if (url.pathname.endsWith("/cancel")) return Response.json({ ...running, status: "canceled" });
      return Response.json(running, { status: request.method === "POST" ? 201 : 200 });
    });
    const { status, body } = await generate(user.token, { text: tenWords(uniqueTag()), voice: "leo" }, withVars({ REPLICATE_API_TOKEN: "r8_test", PROVIDER_TIMEOUT_SECONDS: "0.8" }));
    expect(status).toBe(504);
    expect(body.error.code).toBe("provider_timeout");
    expect(seen.some((r) => r.method === "POST" && r.url.endsWith("/v1/predictions/pred_slow/cancel"))).toBe(true);
    expect(await balanceOf(user.userId)).toBe(10_000);
  });
});

describe("the single-flight gate's memory", () => {
  it("never serves audio that retention removed: the request is produced again and plays", async () => {
    const user = await newUser();
    const text = tenWords(uniqueTag());
    const first = await generate(user.token, { text, voice: "Puck" });
    const row = await env.DB.prepare("SELECT storage_key, cache_key FROM audio_files WHERE id = ?1").bind(first.body.id).first<{ storage_key: string; cache_key: string }>();
    // What retention does: the cache entry and the object go.
    await env.CACHE_KV.delete(`audio:${row!.cache_key}`);
    await env.AUDIO_BUCKET.delete(row!.storage_key);
    const again = await generate(user.token, { text, voice: "Puck" });
    expect(again.status).toBe(200);
    expect(again.body.cached).toBe(false);
    expect((await play(again.body.url)).status).toBe(200);
  });
});

describe("input the engine cannot speak", () => {
  it("an unsupported locale is a 400 naming locale before any charge", async () => {
    const user = await newUser();
    const { status, body } = await generate(user.token, { text: "Hello there", voice: "Kore", locale: "xx" });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "validation_failed", field: "locale" });
    expect(await ledgerSum(user.userId)).toBe(10_000);
  });

  it("an engine refusal becomes a 400 with the field and no engine text; an engine crash a 503 without its detail", async () => {
    const user = await newUser();
    const engine = vi.spyOn(env.LOCAL_ENGINE, "fetch");
    // Responses are built when called: a body made in the test's context cannot be read inside the gate.
    engine.mockImplementationOnce(async () => Response.json({ error: { code: "unsupported_language", message: 'Language "kk" is not available; GET /languages lists the supported ids' } }, { status: 400 }));
    const refused = await generate(user.token, { text: tenWords(uniqueTag()), voice: "Kore", locale: "sv" });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "validation_failed", field: "locale" });
    expect(refused.body.error.message).not.toMatch(/GET \/languages|kk/);
    engine.mockImplementationOnce(async () => new Response("espeak-ng failed (status 1): segfault at 0xdeadbeef", { status: 500 }));
    const crashed = await generate(user.token, { text: tenWords(uniqueTag()), voice: "Kore" });
    expect(crashed.status).toBe(503);
    expect(crashed.body.error.message).not.toMatch(/espeak|deadbeef/);
    expect(await balanceOf(user.userId)).toBe(10_000);
  });

  it("every language a generation may request is one the local engine speaks", async () => {
    const { SPEECH_LANGUAGES } = await import("../worker/shared/limits");
    const { espeakLanguage } = await import("../worker/providers/local");
    const catalogue = (await (await env.LOCAL_ENGINE.fetch("https://local-engine/languages")).json()) as { languages: string[] };
    const missing = SPEECH_LANGUAGES.filter((language) => !catalogue.languages.includes(espeakLanguage(language)));
    expect(missing).toEqual([]);
  });
});

describe("prices that cannot be gamed", () => {
  const estimate = (token: string, body: Record<string, unknown>) =>
    callJson<{ credits: number; words: number; characters: number; error?: { field?: string } }>("/api/estimate-credits", jsonRequest("POST", body, token));

  it("one 500-letter word costs what its length costs, and so does a letter padded with combining marks", async () => {
    const user = await newUser();
    const long = await estimate(user.token, { text: "a".repeat(500), voice: "Kore" });
    expect(long.body).toMatchObject({ words: 42, credits: 278 });
    const padded = await estimate(user.token, { text: `a${"\u0301".repeat(200)} b`, voice: "tara" });
    expect(padded.body).toMatchObject({ characters: 3, words: 18, credits: 18 * 24 });
  });

  it("text within the grapheme limit but over the code-point bound is a 400 naming text", async () => {
    const user = await newUser();
    // "x" has no precomposed accented form, so NFC keeps every mark: 14 code points a grapheme.
    const text = Array.from({ length: 400 }, () => `x${"\u0301".repeat(13)}`).join("");
    const { status, body } = await generate(user.token, { text, voice: "Kore" });
    expect(status).toBe(400);
    expect(body.error.field).toBe("text");
  });

  it("400 Gemini tokens cost exactly 440 credits", async () => {
    const user = await newUser();
    interceptFetch(gemini(() => geminiAudio(400)));
    const { body } = await generate(user.token, { text: tenWords(uniqueTag()), voice: "Charon" }, withVars({ GEMINI_API_KEY: "test-gemini-key" }));
    expect(body.creditsUsed).toBe(440);
  });
});

describe("a cache hit at the edge", () => {
  it("makes one D1 round trip, answers before its history row is written, and its URL plays at once", async () => {
    const rich = await newUser();
    const text = tenWords(uniqueTag());
    await generate(rich.token, { text, voice: "Zephyr" });
    const user = await newUser();
    await callJson("/api/me", authorized(user.token));
    const response = await call("/api/generate-voice", jsonRequest("POST", { text, voice: "Zephyr" }, user.token));
    const timing = response.headers.get("server-timing") ?? "";
    expect(timing).toMatch(/(^|, )d1;[^,]*desc="1 round trip/);
    expect(timing).toMatch(/total;dur=/);
    const body = (await response.json()) as Generated;
    expect(body).toMatchObject({ cached: true, creditsUsed: 0 });
    // Even with the row not written yet (deleted here), the signed URL serves the audio.
    await env.DB.prepare("DELETE FROM audio_files WHERE id = ?1").bind(body.id).run();
    expect((await play(body.url)).status).toBe(200);
  });

  it("both plans' cache entries are looked up at once, but each user gets only their own plan's audio", async () => {
    const GEMINI = withVars({ GEMINI_API_KEY: "test-gemini-key" });
    const paid = await newUser({ paid: true });
    const free = await newUser();
    const text = tenWords(uniqueTag());
    const seen = interceptFetch(gemini(() => geminiAudio(30)));
    const paidFirst = await generate(paid.token, { text, voice: "Kore" }, GEMINI);
    const freeFirst = await generate(free.token, { text, voice: "Kore" }, GEMINI);
    expect([paidFirst.body.cached, freeFirst.body.cached]).toEqual([false, false]);
    const paidAgain = await generate(paid.token, { text, voice: "Kore" }, GEMINI);
    const freeAgain = await generate(free.token, { text, voice: "Kore" }, GEMINI);
    expect([paidAgain.body.cached, freeAgain.body.cached]).toEqual([true, true]);
    expect(seen).toHaveLength(2);
    // The hits' history rows are written by the queue just after the responses.
    const models = await vi.waitFor(
      async () => {
        const rows = await env.DB.prepare("SELECT user_id, model FROM audio_files WHERE id IN (?1, ?2)").bind(paidAgain.body.id, freeAgain.body.id).all<{ user_id: string; model: string }>();
        expect(rows.results).toHaveLength(2);
        return rows;
      },
      { timeout: 8_000, interval: 100 },
    );
    const byUser = Object.fromEntries(models.results.map((r) => [r.user_id, r.model]));
    expect(byUser[paid.userId]).toBe(paidFirst.body.model);
    expect(byUser[free.userId]).toBe(freeFirst.body.model);
    expect(paidFirst.body.model).not.toBe(freeFirst.body.model);
  });

  it("the history row cannot be lost: queued before the response, written once however often it is delivered", async () => {
    const rich = await newUser();
    const text = tenWords(uniqueTag());
    await generate(rich.token, { text, voice: "Aoede" });
    const user = await newUser();
    const sent = vi.spyOn(env.JOBS_QUEUE, "send");
    const { body } = await generate(user.token, { text, voice: "Aoede" });
    const message = sent.mock.calls.map((call) => call[0] as { type: string; id?: string }).find((m) => m.type === "history.record");
    expect(message?.id).toBe(body.id);
    const delivered = await deliverJobs([
      { id: "h-1", body: message },
      { id: "h-2", body: message, attempts: 2 },
    ]);
    expect(delivered.explicitAcks.sort()).toEqual(["h-1", "h-2"]);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM audio_files WHERE id = ?1").bind(body.id).first<{ n: number }>();
    expect(rows?.n).toBe(1);
    // A row written late by the queue keeps the request's time, so history order holds.
    await env.DB.prepare("DELETE FROM audio_files WHERE id = ?1").bind(body.id).run();
    await deliverJobs([{ id: "h-3", body: message, attempts: 3 }]);
    const rewritten = await env.DB.prepare("SELECT created_at FROM audio_files WHERE id = ?1").bind(body.id).first<{ created_at: string }>();
    expect(rewritten?.created_at).toBe((message as { createdAt?: string }).createdAt);
  });

  it("the consumer writes a delivery's history rows together, and one bad row does not hold back the others", async () => {
    const rich = await newUser();
    const text = tenWords(uniqueTag());
    await generate(rich.token, { text, voice: "Despina" });
    const user = await newUser();
    const sent = vi.spyOn(env.JOBS_QUEUE, "send");
    const { body } = await generate(user.token, { text, voice: "Despina" });
    const good = sent.mock.calls.map((call) => call[0] as { type: string; id?: string }).find((m) => m.type === "history.record");
    await env.DB.prepare("DELETE FROM audio_files WHERE id = ?1").bind(body.id).run();
    const bad = { ...good, id: crypto.randomUUID(), voiceId: "no-such-voice" }; // violates the voice foreign key
    const delivered = await deliverJobs([
      { id: "good", body: good },
      { id: "bad", body: bad },
    ]);
    expect(delivered.explicitAcks).toEqual(["good"]);
    expect(delivered.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(["bad"]);
    const row = await env.DB.prepare("SELECT id FROM audio_files WHERE id = ?1").bind(body.id).first();
    expect(row).not.toBeNull();
  });

  it("when the queue refuses the history row, it is written before the response", async () => {
    const rich = await newUser();
    const text = tenWords(uniqueTag());
    await generate(rich.token, { text, voice: "Erinome" });
    const user = await newUser();
    vi.spyOn(env.JOBS_QUEUE, "send").mockRejectedValue(new Error("queue unavailable"));
    const { status, body } = await generate(user.token, { text, voice: "Erinome" });
    expect(status).toBe(200);
    const history = await callJson<{ items: { id: string; cached: boolean }[] }>("/api/history", authorized(user.token));
    expect(history.body.items).toEqual([expect.objectContaining({ id: body.id, cached: true })]);
  });
});
