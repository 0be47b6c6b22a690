import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { audioCacheKey } from "../worker/services/audio-cache";
import { authorized, call, callJson, deliverJobs, jsonRequest, withVars } from "./support/app";
import { balanceOf, newUser, reservationOf, tenWords } from "./support/factories";
import { interceptFetch } from "./support/http";
import { gemini, geminiAudio, geminiError, geminiModelOf, replicate } from "./support/providers";

interface Generated {
  id: string;
  url: string;
  creditsUsed: number;
  creditsRemaining: number;
  cached: boolean;
  provider: string;
  model: string;
  durationSeconds: number;
}
interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const GEMINI = withVars({ GEMINI_API_KEY: "test-gemini-key" });
const REPLICATE = withVars({ REPLICATE_API_TOKEN: "r8_test" });

async function balance(userId: string): Promise<number> {
  return balanceOf(userId);
}

function generate(token: string, body: Record<string, unknown>, bindings: Env = env) {
  return callJson<Generated & ErrorBody>("/api/generate-voice", jsonRequest("POST", body, token), bindings);
}

async function waitForSettlement(generationId: string) {
  await vi.waitFor(async () => expect((await reservationOf(generationId))?.status).toBe("settled"), { timeout: 8_000, interval: 100 });
}

describe("POST /api/generate-voice with the local engine (no keys)", () => {
  it("speaks real audio, charges the estimate, and the same request again is a free cache hit", async () => {
    const user = await newUser();
    const text = tenWords(crypto.randomUUID().slice(0, 6));
    const first = await generate(user.token, { text, voice: "Kore", locale: "es" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ cached: false, provider: "local", model: "espeak-ng", creditsUsed: 66, creditsRemaining: 10_000 - 66 });
    expect(first.body.durationSeconds).toBeGreaterThan(0.5);
    const audio = await call(new URL(first.body.url).pathname + new URL(first.body.url).search);
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toBe("audio/wav");
    const bytes = new Uint8Array(await audio.arrayBuffer());
    expect(String.fromCharCode(...bytes.slice(0, 4))).toBe("RIFF");
    expect(Number(audio.headers.get("content-length"))).toBe(bytes.byteLength);

    const again = await generate(user.token, { text, voice: "kore", locale: "es" });
    expect(again.body).toMatchObject({ cached: true, creditsUsed: 0, provider: "local" });
    expect(again.body.id).not.toBe(first.body.id);
    await waitForSettlement(first.body.id);
    expect(await balance(user.userId)).toBe(10_000 - 66);
    const usage = await env.DB.prepare("SELECT credits_used, type FROM usage_events WHERE source_id = ?1").bind(first.body.id).all();
    expect(usage.results).toEqual([{ credits_used: 66, type: "tts" }]);
  });

  it("prices Orpheus voices at 24 credits a word even when the local engine speaks", async () => {
    const user = await newUser();
    const { body } = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "tara" });
    expect(body).toMatchObject({ provider: "local", creditsUsed: 240 });
  });

  it("a cache hit needs no balance and makes no engine call", async () => {
    const rich = await newUser();
    const text = tenWords(crypto.randomUUID().slice(0, 6));
    await generate(rich.token, { text, voice: "Puck" });
    const broke = await newUser({ balance: 0 });
    const spy = vi.spyOn(env.LOCAL_ENGINE, "fetch");
    const hit = await generate(broke.token, { text, voice: "Puck" });
    expect(hit.status).toBe(200);
    expect(hit.body).toMatchObject({ cached: true, creditsUsed: 0, creditsRemaining: 0 });
    expect(spy).not.toHaveBeenCalled();
    // A cache hit's history row is written by the queue just after the response.
    await vi.waitFor(
      async () => {
        const history = await callJson<{ items: { id: string; cached: boolean; creditsUsed: number }[] }>("/api/history", authorized(broke.token));
        expect(history.body.items).toEqual([expect.objectContaining({ id: hit.body.id, cached: true, creditsUsed: 0 })]);
      },
      { timeout: 8_000, interval: 100 },
    );
  });

  it("fifty concurrent different requests from a user whose balance covers ten: ten succeed, the balance ends at 0", async () => {
    const user = await newUser({ balance: 660 });
    const tag = crypto.randomUUID().slice(0, 6);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => generate(user.token, { text: tenWords(`${tag}x${i}`), voice: "Zephyr" })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(results.filter((r) => r.status === 402)).toHaveLength(40);
    expect(results.find((r) => r.status === 402)?.body.error.code).toBe("insufficient_credits");
    expect(await balance(user.userId)).toBe(0);
    const ledger = await env.DB.prepare("SELECT SUM(amount) AS sum FROM credit_transactions WHERE user_id = ?1").bind(user.userId).first<{ sum: number }>();
    expect(ledger?.sum).toBe(0);
  });
});

describe("validation", () => {
  it("unknown voice is a 404, blank or punctuation-only text a 400, and nothing is charged", async () => {
    const user = await newUser();
    const unknown = await generate(user.token, { text: "Hello there", voice: "Nobody" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("voice_not_found");
    for (const text of ["   ", "?!… —", ""]) {
      const blank = await generate(user.token, { text, voice: "Kore" });
      expect(blank.status).toBe(400);
      expect(blank.body.error).toMatchObject({ code: "validation_failed", field: "text" });
    }
    expect(await balance(user.userId)).toBe(10_000);
  });

  it("text over the free limit is a 400 that names the limit; paid users get 1,000 characters", async () => {
    const free = await newUser();
    const long = "word ".repeat(120).trim();
    const refused = await generate(free.token, { text: long, voice: "Kore" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("500");
    const paid = await newUser({ paid: true });
    const estimate = await callJson<{ characterLimit: number; characters: number }>("/api/estimate-credits", jsonRequest("POST", { text: long, voice: "Kore" }, paid.token));
    expect(estimate.status).toBe(200);
    expect(estimate.body).toMatchObject({ characterLimit: 1000, characters: 599 });
  });

  it("counts user-perceived characters, so emoji and accents are one character each", async () => {
    const user = await newUser();
    const text = `${"👩‍👩‍👧‍👦".repeat(498)} é`;
    const { status, body } = await callJson<{ characters: number; words: number }>("/api/estimate-credits", jsonRequest("POST", { text, voice: "Kore" }, user.token));
    expect(status).toBe(200);
    expect(body).toMatchObject({ characters: 500, words: 1 });
  });

  it("style is only for Gemini voices; seed and temperature are paid-only (403 paid_feature)", async () => {
    const user = await newUser();
    const style = await generate(user.token, { text: "Hello there", voice: "tara", style: "whisper" });
    expect(style.status).toBe(400);
    expect(style.body.error.field).toBe("style");
    const seed = await generate(user.token, { text: "Hello there", voice: "Kore", seed: 42 });
    expect(seed.status).toBe(403);
    expect(seed.body.error.code).toBe("paid_feature");
  });

  it("estimates count the style's words because they are sent to the model, and charge nothing", async () => {
    const user = await newUser();
    const { body } = await callJson<{ credits: number; words: number }>("/api/estimate-credits", jsonRequest("POST", { text: "one two three", voice: "Kore", style: "say it warmly" }, user.token));
    expect(body).toMatchObject({ words: 6, credits: Math.ceil(6 * 6.6) });
    expect(await balance(user.userId)).toBe(10_000);
  });

  it("requires a signed-in user", async () => {
    const { status } = await callJson("/api/generate-voice", jsonRequest("POST", { text: "hi", voice: "Kore" }));
    expect(status).toBe(401);
  });

  it("a burst of 20 from one user passes; hammering is rate limited with Retry-After", async () => {
    const user = await newUser();
    const text = tenWords(crypto.randomUUID().slice(0, 6));
    await generate(user.token, { text, voice: "Aoede" });
    const burst = await Promise.all(Array.from({ length: 20 }, () => generate(user.token, { text, voice: "Aoede" })));
    expect(burst.every((r) => r.status === 200)).toBe(true);
    const hammer = await Promise.all(Array.from({ length: 60 }, () => generate(user.token, { text, voice: "Aoede" })));
    const limited = hammer.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.response.headers.get("retry-after")).toBe("60");
  });
});

describe("Gemini provider", () => {
  it("settles at the token cost: refunds the difference when the tokens cost less than the estimate", async () => {
    const user = await newUser();
    const seen = interceptFetch(gemini(() => geminiAudio(20)));
    const { status, body } = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "Charon" }, GEMINI);
    expect(status).toBe(200);
    expect(body).toMatchObject({ provider: "gemini", model: "gemini-3.8-flash-lite-tts", creditsUsed: 22, creditsRemaining: 10_000 - 22 });
    expect(seen.map(geminiModelOf)).toEqual(["gemini-3.8-flash-lite-tts"]);
    const sent = seen[0]!.json<{ generationConfig: { speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: string } } } } }>();
    expect(sent.generationConfig.speechConfig.voiceConfig.prebuiltVoiceConfig.voiceName).toBe("Charon");
    await waitForSettlement(body.id);
    expect(await reservationOf(body.id)).toMatchObject({ amount: 66, final_amount: 22 });
    expect(await balance(user.userId)).toBe(10_000 - 22);
  });

  it("collects the extra when tokens cost more, but never more than the balance holds", async () => {
    const user = await newUser({ balance: 100 });
    interceptFetch(gemini(() => geminiAudio(1_000)));
    const { status, body } = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "Charon" }, GEMINI);
    expect(status).toBe(200);
    expect(body.creditsRemaining).toBe(0);
    await waitForSettlement(body.id);
    expect(await reservationOf(body.id)).toMatchObject({ amount: 66, final_amount: 100 });
    expect(await balance(user.userId)).toBe(0);
  });

  it("wraps Gemini's 24 kHz PCM in a WAV header", async () => {
    const user = await newUser();
    interceptFetch(gemini(() => geminiAudio(20, 24_000)));
    const { body } = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "Leda" }, GEMINI);
    expect(body.durationSeconds).toBe(1);
    const audio = new Uint8Array(await (await call(new URL(body.url).pathname + new URL(body.url).search, {}, GEMINI)).arrayBuffer());
    const view = new DataView(audio.buffer);
    expect(String.fromCharCode(...audio.slice(8, 12))).toBe("WAVE");
    expect(view.getUint32(24, true)).toBe(24_000);
    expect(view.getUint16(34, true)).toBe(16);
    expect(audio.byteLength).toBe(44 + 48_000);
  });

  it("maps refused content to 422, quota to 429 with Retry-After and an outage to 503, refunding each time", async () => {
    const cases: [Response | (() => Response), number, string][] = [
      [() => Response.json({ promptFeedback: { blockReason: "PROHIBITED_CONTENT" }, candidates: [] }), 422, "content_refused"],
      [() => geminiError(429, "Resource has been exhausted"), 429, "provider_quota"],
      [() => geminiError(503, "The model is overloaded"), 503, "provider_unavailable"],
    ];
    for (const [reply, status, code] of cases) {
      const user = await newUser();
      interceptFetch(gemini(() => (typeof reply === "function" ? reply() : reply)));
      const result = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "Fenrir" }, GEMINI);
      expect(result.status, code).toBe(status);
      expect(result.body.error.code).toBe(code);
      if (status === 429) expect(result.response.headers.get("retry-after")).toBe("60");
      expect(await balance(user.userId)).toBe(10_000);
      const rows = await env.DB.prepare("SELECT type, amount FROM credit_transactions WHERE user_id = ?1 AND reservation_id IS NOT NULL ORDER BY created_at, rowid").bind(user.userId).all();
      expect(rows.results).toEqual([
        { type: "usage", amount: -66 },
        { type: "refund", amount: 66 },
      ]);
    }
  });

  it("paid users speak through Flash TTS and fall back to Flash-Lite once when it fails; a 3.8 model never gets temperature", async () => {
    const user = await newUser({ paid: true });
    const seen = interceptFetch(gemini((model) => (model === "gemini-3.8-flash-tts" ? geminiError(503, "overloaded") : geminiAudio(30))));
    const text = tenWords(crypto.randomUUID().slice(0, 6));
    const { status, body } = await generate(user.token, { text, voice: "Orus", seed: 7, temperature: 0.4 }, GEMINI);
    expect(status).toBe(200);
    expect(body.model).toBe("gemini-3.8-flash-lite-tts");
    expect(seen.map(geminiModelOf)).toEqual(["gemini-3.8-flash-tts", "gemini-3.8-flash-lite-tts"]);
    for (const request of seen) {
      const sent = request.json<{ generationConfig: Record<string, unknown> }>();
      expect(sent.generationConfig.seed).toBe(7);
      expect(sent.generationConfig).not.toHaveProperty("temperature");
    }
    // The fallback's audio is not cached under Flash TTS's key: asking again calls Flash TTS again.
    const again = interceptFetch(gemini(() => geminiAudio(30)));
    const second = await generate(user.token, { text, voice: "Orus", seed: 7, temperature: 0.4 }, GEMINI);
    expect(second.body).toMatchObject({ cached: false, model: "gemini-3.8-flash-tts" });
    expect(again.map(geminiModelOf)).toEqual(["gemini-3.8-flash-tts"]);
  });

  it("a refusal is not retried on Flash", async () => {
    const user = await newUser({ paid: true });
    const seen = interceptFetch(gemini(() => Response.json({ promptFeedback: { blockReason: "SAFETY" }, candidates: [] })));
    const { status } = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "Orus" }, GEMINI);
    expect(status).toBe(422);
    expect(seen).toHaveLength(1);
  });

  it("identical concurrent requests make one provider call; the others get the same audio for 0 credits", async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => newUser()));
    let calls = 0;
    interceptFetch(
      gemini(async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return geminiAudio(40);
      }),
    );
    const text = tenWords(crypto.randomUUID().slice(0, 6));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => generate(users[i % 5]!.token, { text, voice: "Despina" }, GEMINI)));
    expect(calls).toBe(1);
    expect(results.every((r) => r.status === 200)).toBe(true);
    const paid = results.filter((r) => !r.body.cached);
    expect(paid).toHaveLength(1);
    expect(results.filter((r) => r.body.cached).every((r) => r.body.creditsUsed === 0)).toBe(true);
    const charged = await env.DB.prepare(`SELECT COUNT(*) AS n FROM credit_reservations WHERE user_id IN (${users.map(() => "?").join(",")})`)
      .bind(...users.map((u) => u.userId))
      .first<{ n: number }>();
    expect(charged?.n).toBe(1);
  });
});

describe("Replicate provider", () => {
  it("speaks Orpheus voices and stores MP3 as audio/mpeg", async () => {
    const user = await newUser();
    const mp3 = new Uint8Array(32_000).fill(0xff);
    const seen = interceptFetch(replicate({ status: "succeeded", audio: mp3 }));
    const { status, body } = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "leo" }, REPLICATE);
    expect(status).toBe(200);
    expect(body).toMatchObject({ provider: "replicate", model: "lucataco/orpheus-3b-0.1-ft", creditsUsed: 240, durationSeconds: 2 });
    const created = seen[0]!.json<{ version: string; input: { text: string; voice: string } }>();
    expect(created.input.voice).toBe("leo");
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer r8_test");
    const audio = await call(new URL(body.url).pathname + new URL(body.url).search, {}, REPLICATE);
    expect(audio.headers.get("content-type")).toBe("audio/mpeg");
    const stored = await env.DB.prepare("SELECT storage_key FROM audio_files WHERE id = ?1").bind(body.id).first<{ storage_key: string }>();
    expect(stored?.storage_key).toMatch(/^audio\/[0-9a-f]{64}\.mp3$/);
  });

  it("a failed prediction refunds in full", async () => {
    const user = await newUser();
    interceptFetch(replicate({ status: "failed", error: "CUDA out of memory" }));
    const { status, body } = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "zoe" }, REPLICATE);
    expect(status).toBe(502);
    expect(body.error.code).toBe("provider_error");
    expect(await balance(user.userId)).toBe(10_000);
  });
});

describe("refunds and settlement", () => {
  it("a storage failure after the provider call refunds in full", async () => {
    const user = await newUser();
    vi.spyOn(env.AUDIO_BUCKET, "put").mockRejectedValue(new Error("R2 is down"));
    const { status, body } = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "Kore" });
    expect(status).toBe(500);
    expect(body.error.message).toContain("not been charged");
    expect(await balance(user.userId)).toBe(10_000);
  });

  it("a settlement message delivered twice settles once", async () => {
    const user = await newUser();
    const { body } = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "tara" });
    await waitForSettlement(body.id);
    const reservation = await reservationOf(body.id);
    const message = {
      type: "generation.settle",
      reservationId: reservation!.id,
      generationId: body.id,
      userId: user.userId,
      actualCredits: 10,
      provider: "local",
      model: "espeak-ng",
      voiceId: "orpheus-tara",
      characters: 60,
      durationSeconds: 1,
      occurredAt: new Date().toISOString(),
    };
    const before = await balance(user.userId);
    const delivered = await deliverJobs([
      { id: "again-1", body: message, attempts: 2 },
      { id: "again-2", body: message, attempts: 3 },
    ]);
    expect(delivered.explicitAcks.sort()).toEqual(["again-1", "again-2"]);
    expect(await balance(user.userId)).toBe(before);
    const usage = await env.DB.prepare("SELECT COUNT(*) AS n FROM usage_events WHERE source_id = ?1").bind(body.id).first<{ n: number }>();
    expect(usage?.n).toBe(1);
  });
});

describe("analytics", () => {
  it("settlement queues a PostHog event only when PostHog is configured", async () => {
    const user = await newUser();
    const { body } = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "Kore" });
    await waitForSettlement(body.id);
    const reservation = await reservationOf(body.id);
    const message = {
      type: "generation.settle",
      reservationId: reservation!.id,
      generationId: body.id,
      userId: user.userId,
      actualCredits: 66,
      provider: "local",
      model: "espeak-ng",
      voiceId: "gemini-kore",
      characters: 60,
      durationSeconds: 1,
      occurredAt: new Date().toISOString(),
    };
    const bindings = withVars({ POSTHOG_API_KEY: "phc_test" });
    const sent = vi.spyOn(bindings.JOBS_QUEUE, "send").mockResolvedValue(undefined as never);
    await deliverJobs([{ id: "ph-1", body: message }], bindings);
    expect(sent).toHaveBeenCalledTimes(1);
    expect(sent.mock.calls[0]?.[0]).toMatchObject({ type: "analytics.capture", distinctId: user.userId, event: "voice_generated", properties: { voiceId: "gemini-kore", credits: 66 } });
  });
});

describe("cache keys", () => {
  it("differ whenever provider, model, voice, locale, text, style, seed, temperature or format differ", async () => {
    const base = { provider: "gemini", model: "gemini-3.8-flash-lite-tts", voiceId: "gemini-kore", locale: "en", text: "Hello", style: "calm", seed: 1, temperature: 0.5, format: "wav" as const };
    const variants = [
      base,
      { ...base, provider: "local" },
      { ...base, model: "gemini-3.8-flash-tts" },
      { ...base, voiceId: "gemini-puck" },
      { ...base, locale: "es" },
      { ...base, text: "Hello!" },
      { ...base, style: undefined },
      { ...base, seed: 2 },
      { ...base, temperature: 0.6 },
      { ...base, format: "mp3" as const },
    ];
    const keys = await Promise.all(variants.map(audioCacheKey));
    expect(new Set(keys).size).toBe(variants.length);
    expect(keys.every((key) => /^[0-9a-f]{64}$/.test(key))).toBe(true);
    expect(await audioCacheKey({ ...base, text: "Cafe\u0301" })).toBe(await audioCacheKey({ ...base, text: "Café" }));
  });

  it("local audio is never served once a real provider is configured for that voice", async () => {
    const user = await newUser();
    const text = tenWords(crypto.randomUUID().slice(0, 6));
    const local = await generate(user.token, { text, voice: "Sulafat" });
    expect(local.body.provider).toBe("local");
    interceptFetch(gemini(() => geminiAudio(30)));
    const real = await generate(user.token, { text, voice: "Sulafat" }, GEMINI);
    expect(real.body).toMatchObject({ cached: false, provider: "gemini" });
  });

  it("with Upstash configured, a KV miss is answered from Redis and KV is backfilled", async () => {
    const user = await newUser();
    const text = tenWords(crypto.randomUUID().slice(0, 6));
    const key = await audioCacheKey({ provider: "local", model: "espeak-ng", voiceId: "gemini-kore", locale: "en", text, format: "wav" });
    const entry = { storageKey: `audio/${key}.wav`, contentType: "audio/wav", byteSize: 4, durationSeconds: 0.5, provider: "local", model: "espeak-ng" };
    await env.AUDIO_BUCKET.put(entry.storageKey, "RIFF");
    const seen = interceptFetch((request) => {
      if (new URL(request.url).host !== "redis.test") return undefined;
      return Response.json({ result: JSON.stringify(entry) });
    });
    const bindings = withVars({ UPSTASH_REDIS_REST_URL: "https://redis.test", UPSTASH_REDIS_REST_TOKEN: "token" });
    const { body } = await generate(user.token, { text, voice: "Kore" }, bindings);
    expect(body).toMatchObject({ cached: true, creditsUsed: 0 });
    expect(seen).toHaveLength(1);
    expect(await env.CACHE_KV.get(`audio:${key}`, "json")).toEqual(entry);
  });
});

describe("history and audio delivery", () => {
  it("lists own generations newest first with playable URLs, and deletes one or all (soft)", async () => {
    const user = await newUser();
    const tag = crypto.randomUUID().slice(0, 6);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await generate(user.token, { text: tenWords(`${tag}${i}`), voice: "Kore" })).body.id);
    type History = { items: { id: string; url: string; voice: { name: string }; textPreview: string }[]; nextCursor: string | null };
    const page1 = await callJson<History>("/api/history?limit=2", authorized(user.token));
    expect(page1.body.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    expect(page1.body.items[0]?.voice.name).toBe("Kore");
    const page2 = await callJson<History>(`/api/history?limit=2&cursor=${page1.body.nextCursor}`, authorized(user.token));
    expect(page2.body.items.map((i) => i.id)).toEqual([ids[0]]);
    const playable = page2.body.items[0]!.url;
    expect((await call(new URL(playable).pathname + new URL(playable).search)).status).toBe(200);

    const removed = await callJson<{ deleted: number }>(`/api/history/${ids[0]}`, authorized(user.token, { method: "DELETE" }));
    expect(removed.body.deleted).toBe(1);
    expect((await call(new URL(playable).pathname + new URL(playable).search)).status).toBe(404);
    const all = await callJson<{ deleted: number }>("/api/history", authorized(user.token, { method: "DELETE" }));
    expect(all.body.deleted).toBe(2);
    expect((await callJson<History>("/api/history", authorized(user.token))).body.items).toEqual([]);
  });

  it("deleting history keeps shared cached audio for other users", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const text = tenWords(crypto.randomUUID().slice(0, 6));
    const first = await generate(alice.token, { text, voice: "Gacrux" });
    await callJson("/api/history", authorized(alice.token, { method: "DELETE" }));
    const hit = await generate(bob.token, { text, voice: "Gacrux" });
    expect(hit.body.cached).toBe(true);
    expect((await call(new URL(hit.body.url).pathname + new URL(hit.body.url).search)).status).toBe(200);
    expect(first.body.id).not.toBe(hit.body.id);
  });

  it("another user's history rows cannot be listed or deleted", async () => {
    const alice = await newUser();
    const mallory = await newUser();
    const { body } = await generate(alice.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "Kore" });
    const list = await callJson<{ items: unknown[] }>("/api/history", authorized(mallory.token));
    expect(list.body.items).toEqual([]);
    const attempt = await callJson<ErrorBody>(`/api/history/${body.id}`, authorized(mallory.token, { method: "DELETE" }));
    expect(attempt.status).toBe(404);
    const stillThere = await callJson<{ items: { id: string }[] }>("/api/history", authorized(alice.token));
    expect(stillThere.body.items.map((i) => i.id)).toEqual([body.id]);
  });

  it("an expired, tampered or borrowed audio URL is refused", async () => {
    const user = await newUser();
    const { body } = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "Kore" });
    const url = new URL(body.url);
    const other = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "Kore" });
    const borrowed = `/api/audio/${other.body.id}${url.search}`;
    const tampered = `${url.pathname}?exp=${url.searchParams.get("exp")}&sig=${url.searchParams.get("sig")!.slice(0, -2)}AA`;
    const extended = `${url.pathname}?exp=${Number(url.searchParams.get("exp")) + 3600}&sig=${url.searchParams.get("sig")}`;
    const expired = `${url.pathname}?exp=${Math.floor(Date.now() / 1000) - 1}&sig=${url.searchParams.get("sig")}`;
    for (const path of [borrowed, tampered, extended, expired, url.pathname]) {
      const response = await callJson<ErrorBody>(path);
      expect(response.status, path).toBe(403);
      expect(response.body.error.code).toBe("forbidden");
    }
  });

  it("serves byte ranges with 206 so players can seek, and 416 past the end", async () => {
    const user = await newUser();
    const { body } = await generate(user.token, { text: tenWords(crypto.randomUUID().slice(0, 6)), voice: "Kore" });
    const path = new URL(body.url).pathname + new URL(body.url).search;
    const whole = new Uint8Array(await (await call(path)).arrayBuffer());
    const partial = await call(path, { headers: { range: "bytes=100-199" } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe(`bytes 100-199/${whole.byteLength}`);
    expect(partial.headers.get("content-length")).toBe("100");
    expect(new Uint8Array(await partial.arrayBuffer())).toEqual(whole.slice(100, 200));
    const tail = await call(path, { headers: { range: "bytes=-10" } });
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(whole.slice(-10));
    const open = await call(path, { headers: { range: `bytes=${whole.byteLength - 5}-` } });
    expect(open.headers.get("content-range")).toBe(`bytes ${whole.byteLength - 5}-${whole.byteLength - 1}/${whole.byteLength}`);
    const beyond = await call(path, { headers: { range: `bytes=${whole.byteLength}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${whole.byteLength}`);
  });

  it("every voice has a public sample, spoken once and kept", async () => {
    const first = await call("/api/voices/gemini-achird/sample");
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("audio/wav");
    expect((await first.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const spy = vi.spyOn(env.LOCAL_ENGINE, "fetch");
    expect((await call("/api/voices/gemini-achird/sample")).status).toBe(200);
    expect(spy).not.toHaveBeenCalled();
    expect((await call("/api/voices/nobody/sample")).status).toBe(404);
  });
});
