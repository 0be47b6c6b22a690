// The public API (issue 13 §3, PRODUCT §13). `/v1/audio/speech` is driven by the real `openai`
// SDK with its base URL set to the product (its fetch goes to the Worker's own handler): MP3 by
// default, WAV and PCM on request, OpenAI's voice and model names, OpenAI-shaped errors with our
// codes and `param`, `x-should-retry: false` where a retry cannot help, no charge on a 5xx.
// Then our own `/api/v1` routes, `Idempotency-Key` (ten concurrent repeats, one charge; a
// different body, 422) and the OpenAPI document against the app's routes.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import OpenAI from "openai";
import { describe, expect, it, vi } from "vitest";
import { app } from "../worker/app";
import worker from "../worker/index";
import { grant } from "../worker/db/ledger";
import { OPENAI_MODEL_TIERS, OPENAI_VOICE_MAP, PCM_RESPONSE_SAMPLE_RATE } from "../worker/shared/openai-speech";
import { voiceWav } from "./support/audio";
import { authorized, call, callJson, jsonRequest, withVars } from "./support/app";
import { interceptFetch } from "./support/http";
import { gemini, geminiAudio, geminiModelOf } from "./support/providers";
import { balanceOf, newUser, tenWords, uniqueTag, type TestUser } from "./support/factories";
import { readMp3 } from "./support/mp3";

interface OpenAiError {
  error: { message: string; type: string; code: string; param: string | null };
  requestId: string;
}

const ORIGIN = "https://sexyvoice.test";

/** The Worker's own handler as the SDK's fetch: the SDK runs for real, only the network hop is skipped. */
const productFetch = async (input: string | URL | Request, init?: RequestInit, bindings: Env = env) => {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(input, init), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
};

function sdk(apiKey: string, options: { bindings?: Env } = {}) {
  return new OpenAI({ apiKey, baseURL: `${ORIGIN}/v1`, fetch: (input, init) => productFetch(input as Request, init, options.bindings), maxRetries: 0 });
}

async function keyFor(user: TestUser, scopes?: string[]): Promise<string> {
  const { body } = await callJson<{ key: string }>("/api/keys", jsonRequest("POST", { name: `test ${uniqueTag()}`, ...(scopes ? { scopes } : {}) }, user.token));
  return body.key;
}

const withKey = (key: string, init: RequestInit = {}): RequestInit => ({ ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${key}` } });

async function historyVoiceOf(audioId: string): Promise<string | undefined> {
  return (await env.DB.prepare("SELECT voice_id FROM audio_files WHERE id = ?1").bind(audioId).first<{ voice_id: string }>())?.voice_id;
}

describe("POST /v1/audio/speech with the openai SDK", () => {
  it("answers MP3 by default that decodes frame by frame, charged once and recorded in history with the mapped voice", async () => {
    const user = await newUser({ prefix: "openai" });
    const client = sdk(await keyFor(user));
    const input = tenWords(uniqueTag());
    const response = await client.audio.speech.create({ model: "tts-1", voice: "alloy", input });
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    const mp3 = readMp3(new Uint8Array(await response.arrayBuffer()));
    expect(mp3.frames.length).toBeGreaterThan(10);
    expect(mp3.durationSeconds).toBeGreaterThan(0.5);
    const audioId = response.headers.get("x-audio-id") ?? "";
    expect(await historyVoiceOf(audioId)).toBe(OPENAI_VOICE_MAP.alloy);
    // Gemini voices cost ceil(words × 6.6): 66 for ten words, whichever engine speaks.
    expect(Number(response.headers.get("x-credits-used"))).toBe(66);
    expect(await balanceOf(user.userId)).toBe(10_000 - 66);
  });

  it("wav and pcm on request: pcm is 16-bit mono at 24 kHz, the WAV's duration in samples", async () => {
    const user = await newUser({ prefix: "openai" });
    const client = sdk(await keyFor(user));
    const input = tenWords(uniqueTag());
    const wav = new Uint8Array(await (await client.audio.speech.create({ model: "tts-1", voice: "nova", input, response_format: "wav" })).arrayBuffer());
    expect(new TextDecoder().decode(wav.subarray(0, 4))).toBe("RIFF");
    const pcmResponse = await client.audio.speech.create({ model: "tts-1", voice: "nova", input, response_format: "pcm" });
    expect(pcmResponse.headers.get("content-type")).toBe("audio/pcm");
    expect(pcmResponse.headers.get("x-sample-rate")).toBe(String(PCM_RESPONSE_SAMPLE_RATE));
    const pcm = new Uint8Array(await pcmResponse.arrayBuffer());
    expect(pcm.byteLength % 2).toBe(0);
    // The same WAV (a cache hit: same voice, text and format), its samples resampled to 24 kHz.
    expect(pcmResponse.headers.get("x-cached")).toBe("true");
    const view = new DataView(wav.buffer, wav.byteOffset);
    const wavSeconds = view.getUint32(40, true) / 2 / view.getUint32(24, true);
    expect(Math.abs(pcm.byteLength / 2 / PCM_RESPONSE_SAMPLE_RATE - wavSeconds)).toBeLessThan(0.01);
  });

  it("instructions are the style; every OpenAI voice name maps to a catalogue voice; a saved voice is { id } or its name", async () => {
    const user = await newUser({ prefix: "openai" });
    const key = await keyFor(user);
    const client = sdk(key);
    const styled = await client.audio.speech.create({ model: "tts-1", voice: "coral", input: `Hello ${uniqueTag()}`, instructions: "Speak warmly" });
    const styledRow = await env.DB.prepare("SELECT style, voice_id FROM audio_files WHERE id = ?1").bind(styled.headers.get("x-audio-id")).first<{ style: string; voice_id: string }>();
    expect(styledRow).toEqual({ style: "Speak warmly", voice_id: OPENAI_VOICE_MAP.coral });
    const voices = await callJson<{ voices: { id: string }[] }>("/api/v1/voices", withKey(key));
    for (const id of Object.values(OPENAI_VOICE_MAP)) expect(voices.body.voices.map((voice) => voice.id)).toContain(id);

    const form = new FormData();
    form.set("file", new File([voiceWav({ seconds: 12, pitchHz: 133.3 })], "me.wav"));
    form.set("name", "Studio me");
    form.set("locale", "en");
    form.set("consent", "true");
    const saved = await callJson<{ id: string }>("/api/my-voices", authorized(user.token, { method: "POST", body: form }));
    const byId = await client.audio.speech.create({ model: "tts-1", voice: { id: saved.body.id }, input: tenWords(uniqueTag()) });
    expect(byId.headers.get("x-credits-used")).toBe("660");
    expect(readMp3(new Uint8Array(await byId.arrayBuffer())).frames.length).toBeGreaterThan(10);
    const byName = await client.audio.speech.create({ model: "tts-1", voice: "Studio me", input: tenWords(uniqueTag()), response_format: "wav" });
    expect(await historyVoiceOf(byName.headers.get("x-audio-id") ?? "")).toBe(saved.body.id);
  });

  it("unsupported values are a 400 naming the field, in OpenAI's error shape the SDK reads", async () => {
    const user = await newUser({ prefix: "openai" });
    const client = sdk(await keyFor(user));
    const cases: [Record<string, unknown>, string][] = [
      [{ response_format: "opus" }, "response_format"],
      [{ response_format: "flac" }, "response_format"],
      [{ model: "tts-2" }, "model"],
      [{ speed: 1.5 }, "speed"],
      [{ stream_format: "sse" }, "stream_format"],
      [{ voice: "nobody" }, "voice"],
      [{ input: "   " }, "input"],
      [{ input: "x ".repeat(400) }, "input"],
      [{ voice: "tara", instructions: "whisper" }, "instructions"],
    ];
    for (const [change, param] of cases) {
      const error = await client.audio.speech.create({ model: "tts-1", voice: "alloy", input: "Hello", ...change } as never).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error, JSON.stringify(change)).toBeInstanceOf(OpenAI.APIError);
      const apiError = error as InstanceType<typeof OpenAI.APIError>;
      expect([400, 404], JSON.stringify(change)).toContain(apiError.status);
      expect(apiError.param, JSON.stringify(change)).toBe(param);
      expect(apiError.type).toBe("invalid_request_error");
    }
    expect(await balanceOf(user.userId)).toBe(10_000);
  });

  it("maps every model to a tier: HD models need a paid account (403 naming model) and reach Gemini's paid model; tts-1 its free one", async () => {
    expect(Object.keys(OPENAI_MODEL_TIERS)).toEqual(expect.arrayContaining(["tts-1", "tts-1-hd", "gpt-4o-mini-tts"]));
    const free = await newUser({ prefix: "openai" });
    const refused = await sdk(await keyFor(free))
      .audio.speech.create({ model: "gpt-4o-mini-tts", voice: "ash", input: "Hello there" })
      .catch((caught: unknown) => caught as InstanceType<typeof OpenAI.APIError>);
    expect(refused).toMatchObject({ status: 403, code: "paid_feature", param: "model" });

    const paid = await newUser({ prefix: "openai", paid: true });
    const seen = interceptFetch(gemini(() => geminiAudio(30)));
    const client = sdk(await keyFor(paid), { bindings: withVars({ GEMINI_API_KEY: "test-gemini-key" }) });
    const input = `Hello ${uniqueTag()}`;
    for (const model of ["tts-1-hd", "tts-1", "gpt-4o-mini-tts"]) {
      expect((await client.audio.speech.create({ model, voice: "ash", input, response_format: "wav" })).status).toBe(200);
    }
    // The third is the first again (same tier, voice, text and format): a cache hit, no call.
    expect(seen.map(geminiModelOf)).toEqual(["gemini-3.8-flash-tts", "gemini-3.8-flash-lite-tts"]);
  });

  it("too few credits: 402 with x-should-retry false, so the SDK does not retry; nothing charged", async () => {
    const user = await newUser({ prefix: "openai", balance: 10 });
    const key = await keyFor(user);
    const seen: number[] = [];
    const counting = new OpenAI({
      apiKey: key,
      baseURL: `${ORIGIN}/v1`,
      maxRetries: 2,
      fetch: async (input, init) => {
        const response = await productFetch(input as Request, init);
        seen.push(response.status);
        return response;
      },
    });
    const error = (await counting.audio.speech.create({ model: "tts-1", voice: "alloy", input: tenWords(uniqueTag()) }).catch((caught: unknown) => caught)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(402);
    expect(error.code).toBe("insufficient_credits");
    expect(error.type).toBe("insufficient_quota");
    expect(error.headers?.get("x-should-retry")).toBe("false");
    expect(seen).toEqual([402]);
    expect(await balanceOf(user.userId)).toBe(10);
  });

  it("a provider failure is a 5xx that charges nothing", async () => {
    const user = await newUser({ prefix: "openai" });
    const key = await keyFor(user);
    vi.spyOn(env.LOCAL_ENGINE, "fetch").mockImplementation(async () => new Response("engine crashed", { status: 500 }));
    const response = await call("/v1/audio/speech", withKey(key, jsonRequest("POST", { model: "tts-1", voice: "alloy", input: tenWords(uniqueTag()) })));
    expect(response.status).toBeGreaterThanOrEqual(500);
    const body = (await response.json()) as OpenAiError;
    expect(body.error.type).toBe("server_error");
    expect(await balanceOf(user.userId)).toBe(10_000);
  });

  it("reads the JSON body whatever its declared type, as `curl -d` sends it (form-encoded)", async () => {
    const user = await newUser({ prefix: "openai" });
    const key = await keyFor(user);
    const response = await call("/v1/audio/speech", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/x-www-form-urlencoded" },
      body: JSON.stringify({ model: "tts-1", input: "Hello", voice: "alloy" }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    const notJson = await callJson<OpenAiError>("/v1/audio/speech", { method: "POST", headers: { authorization: `Bearer ${key}` }, body: "model=tts-1&input=Hello" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe("invalid_json");
  });

  it("unknown /v1 paths are a JSON 404 in the same shape", async () => {
    const { status, body } = await callJson<OpenAiError>("/v1/models");
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: "route_not_found", type: "invalid_request_error", param: null });
  });
});

describe("/api/v1", () => {
  it("speech answers our JSON with a signed link, or the audio itself with Accept: audio/*; history, voices and me read the key's owner", async () => {
    const user = await newUser({ prefix: "v1" });
    const key = await keyFor(user);
    const text = tenWords(uniqueTag());
    const json = await callJson<{ id: string; url: string; creditsUsed: number; format: string }>("/api/v1/speech", withKey(key, jsonRequest("POST", { text, voice: "Kore", format: "mp3" })));
    expect(json.body).toMatchObject({ creditsUsed: 66, format: "mp3" });
    const played = await call(new URL(json.body.url).pathname + new URL(json.body.url).search);
    expect(played.headers.get("content-type")).toBe("audio/mpeg");
    const audio = await call(
      "/api/v1/speech",
      withKey(key, { ...jsonRequest("POST", { text, voice: "Kore", format: "mp3" }), headers: { "content-type": "application/json", accept: "audio/*", authorization: `Bearer ${key}` } }),
    );
    expect(audio.headers.get("content-type")).toBe("audio/mpeg");
    expect(audio.headers.get("x-cached")).toBe("true");
    expect(readMp3(new Uint8Array(await audio.arrayBuffer())).frames.length).toBeGreaterThan(10);

    const history = await callJson<{ items: { id: string }[] }>("/api/v1/history?limit=5", withKey(key));
    expect(history.body.items.map((item) => item.id)).toContain(json.body.id);
    const me = await callJson<{ id: string; credits: number; isPaid: boolean }>("/api/v1/me", withKey(key));
    expect(me.body).toEqual({ id: user.userId, credits: 10_000 - 66, isPaid: false, creditsOwed: 0 });
    const other = await newUser({ prefix: "v1" });
    expect((await callJson<{ items: unknown[] }>("/api/v1/history", withKey(await keyFor(other)))).body.items).toEqual([]);
  });

  it("clone takes the dashboard's upload with the clone scope", async () => {
    const user = await newUser({ prefix: "v1" });
    const form = new FormData();
    form.set("file", new File([voiceWav({ seconds: 11, pitchHz: 171.7 })], "me.wav"));
    form.set("text", tenWords(uniqueTag()));
    form.set("locale", "en");
    form.set("consent", "true");
    const speechOnly = await keyFor(user, ["speech"]);
    expect((await call("/api/v1/clone", withKey(speechOnly, { method: "POST", body: form }))).status).toBe(403);
    const cloned = await callJson<{ creditsUsed: number; jobId: string }>("/api/v1/clone", withKey(await keyFor(user, ["clone"]), { method: "POST", body: form }));
    expect(cloned.status).toBe(200);
    expect(cloned.body.creditsUsed).toBe(660);
  });
});

describe("Idempotency-Key", () => {
  it("ten concurrent requests with one key and one body: one production, one charge, the same answer to all", async () => {
    const user = await newUser({ prefix: "idem" });
    const key = await keyFor(user);
    const body = { model: "tts-1", voice: "echo", input: tenWords(uniqueTag()) };
    const idempotencyKey = `order-${uniqueTag()}`;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        call("/v1/audio/speech", withKey(key, { ...jsonRequest("POST", body), headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "idempotency-key": idempotencyKey } })),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const ids = new Set(responses.map((response) => response.headers.get("x-audio-id")));
    expect(ids.size).toBe(1);
    expect(responses.filter((response) => response.headers.get("idempotent-replayed") === "true")).toHaveLength(9);
    expect(responses.map((response) => response.headers.get("x-credits-used"))).toEqual(Array(10).fill("66"));
    const bytes = await Promise.all(responses.map(async (response) => (await response.arrayBuffer()).byteLength));
    expect(new Set(bytes).size).toBe(1);
    expect(await balanceOf(user.userId)).toBe(10_000 - 66);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM audio_files WHERE user_id = ?1").bind(user.userId).first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it("the same key later returns the first answer with a link that plays; a different body is a 422 and runs nothing", async () => {
    const user = await newUser({ prefix: "idem" });
    const key = await keyFor(user);
    const post = (body: unknown) =>
      callJson<{ id: string; url: string } & OpenAiError>("/api/v1/speech", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "idempotency-key": "k-1" },
        body: JSON.stringify(body),
      });
    const body = { text: tenWords(uniqueTag()), voice: "Puck" };
    const first = await post(body);
    expect(first.status).toBe(200);
    const charged = await balanceOf(user.userId);
    expect(charged).toBe(10_000 - 66);

    const again = await post(body);
    expect(again.body.id).toBe(first.body.id);
    expect(again.response.headers.get("idempotent-replayed")).toBe("true");
    const link = new URL(again.body.url);
    expect((await call(link.pathname + link.search)).status).toBe(200);

    const different = await post({ ...body, text: `${body.text} more` });
    expect(different.status).toBe(422);
    expect(different.body.error).toMatchObject({ code: "idempotency_key_reused", param: "Idempotency-Key" });
    expect(await balanceOf(user.userId)).toBe(charged);
    // The key belongs to this user: another user's same key and body is their own request.
    const other = await newUser({ prefix: "idem" });
    const theirs = await callJson<{ id: string }>("/api/v1/speech", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await keyFor(other)}`, "idempotency-key": "k-1" },
      body: JSON.stringify(body),
    });
    expect(theirs.status).toBe(200);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it("a request that fails frees its key: the same request can then succeed (and is charged once)", async () => {
    const user = await newUser({ prefix: "idem" });
    const key = await keyFor(user);
    const init = () => ({
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "idempotency-key": "retry-me" },
      body: JSON.stringify({ model: "tts-1", voice: "fable", input: tenWords(uniqueTag()) }),
    });
    const fixed = init();
    const body = fixed.body;
    vi.spyOn(env.LOCAL_ENGINE, "fetch").mockImplementationOnce(async () => new Response("engine crashed", { status: 500 }));
    expect((await call("/v1/audio/speech", fixed)).status).toBeGreaterThanOrEqual(500);
    expect(await balanceOf(user.userId)).toBe(10_000);
    expect((await call("/v1/audio/speech", { ...fixed, body })).status).toBe(200);
    expect(await balanceOf(user.userId)).toBe(10_000 - 66);
  });

  it("a malformed key is a 400 naming Idempotency-Key; keys past 24 hours are swept", async () => {
    const user = await newUser({ prefix: "idem" });
    const key = await keyFor(user);
    const bad = await callJson<OpenAiError>("/api/v1/speech", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "idempotency-key": "has spaces" }, body: "{}" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("Idempotency-Key");
    await env.DB.prepare("INSERT INTO api_idempotency_keys (user_id, idempotency_key, fingerprint, state, expires_at) VALUES (?1, 'old', ?2, 'done', '2020-01-01T00:00:00.000Z')").bind(user.userId, "0".repeat(64)).run();
    const { purgeExpiredIdempotencyKeys } = await import("../worker/db/idempotency");
    expect(await purgeExpiredIdempotencyKeys(env.DB)).toBeGreaterThanOrEqual(1);
    expect(await env.DB.prepare("SELECT 1 FROM api_idempotency_keys WHERE user_id = ?1 AND idempotency_key = 'old'").bind(user.userId).first()).toBeNull();
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document, public, listing every /api/v1 and /v1 route of the app with its method", async () => {
    const { status, body } = await callJson<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[]; properties?: Record<string, unknown> } }> } }>>;
      servers: { url: string }[];
    }>("/api/v1/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(body.servers[0]?.url).toBe(ORIGIN);
    const routes = app.routes.filter((route) => route.method !== "ALL" && (route.path.startsWith("/api/v1/") || route.path.startsWith("/v1/")) && route.path !== "/api/v1/openapi.json");
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const route of routes) {
      const path = route.path.replace(/\/$/, "");
      expect(body.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
    const speech = body.paths["/v1/audio/speech"]?.post?.requestBody?.content["application/json"]?.schema;
    expect(speech?.required).toEqual(expect.arrayContaining(["model", "input", "voice"]));
    expect(Object.keys(speech?.properties ?? {})).toEqual(expect.arrayContaining(["instructions", "response_format", "speed"]));
  });
});

describe("money through the public API", () => {
  it("a purchase made after the key was created is seen at once by /api/v1/me", async () => {
    const user = await newUser({ prefix: "v1" });
    const key = await keyFor(user);
    await grant(env.DB, { userId: user.userId, amount: 5000, type: "topup", key: `topup:${user.userId}`, description: "test" });
    expect((await callJson<{ credits: number; isPaid: boolean }>("/api/v1/me", withKey(key))).body).toMatchObject({ credits: 15_000, isPaid: true });
  });
});
