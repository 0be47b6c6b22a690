import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../worker/index";
import { CHATTERBOX_MULTILINGUAL_VERSION, CHATTERBOX_VERSION } from "../worker/providers/chatterbox";
import { estimateWavPitchHz } from "../worker/services/pitch";
import { cloneInputKey } from "../worker/services/clone-references";
import { grant } from "../worker/db/ledger";
import { balanceOf, newUser as makeUser, tenWords } from "./support/factories";
import { authorized, call, callJson, withVars } from "./support/app";
import { interceptFetch, type Route } from "./support/http";
import { replicate } from "./support/providers";
import { m4a, mp3, ogg, voiceWav, wavOfSize } from "./support/audio";

interface Cloned {
  id: string;
  url: string;
  creditsUsed: number;
  creditsRemaining: number;
  cached: boolean;
  provider: string;
  model: string;
  durationSeconds: number;
  reference: { format: string; durationSeconds: number; pitchHz: number | null };
}
interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
interface CleanupMessage {
  type: "clone.cleanup";
  userId: string;
  referenceSha256: string;
  cloneJobId: string;
}

const REPLICATE = withVars({ REPLICATE_API_TOKEN: "r8_test" });

/** Ten distinct words: 660 credits. */
const unique = () => crypto.randomUUID().slice(0, 8);

/** A 12-second recording, unique per call (the pitch is nudged by a hair) so caches stay cold. */
let nudge = 0;
function recording(pitchHz = 120, seconds = 12): Uint8Array {
  nudge += 1;
  return voiceWav({ seconds, pitchHz: pitchHz + nudge / 1000 });
}

/** A clone test user, optionally with exactly `credits` left (ledger-consistent). */
function newUser(credits?: number) {
  return makeUser({ prefix: "clone", ...(credits !== undefined ? { balance: credits } : {}) });
}

const balance = balanceOf;

interface Upload {
  file?: Uint8Array | string | null;
  filename?: string;
  type?: string;
  text?: string;
  locale?: string;
  consent?: string;
  extra?: Record<string, string>;
}

function form(upload: Upload): FormData {
  const body = new FormData();
  if (upload.file !== null) {
    const file = upload.file ?? recording();
    if (typeof file === "string") body.set("file", file);
    else body.set("file", new File([file], upload.filename ?? "recording.wav", { type: upload.type ?? "audio/wav" }));
  }
  if (upload.text !== undefined) body.set("text", upload.text);
  if (upload.locale !== undefined) body.set("locale", upload.locale);
  if (upload.consent !== undefined) body.set("consent", upload.consent);
  for (const [name, value] of Object.entries(upload.extra ?? {})) body.set(name, value);
  return body;
}

function clone(token: string | undefined, upload: Upload, bindings: Env = env) {
  const init: RequestInit = { method: "POST", body: form({ text: tenWords(unique()), locale: "en", consent: "true", ...upload }) };
  return callJson<Cloned & ErrorBody>("/api/clone-voice", token === undefined ? init : authorized(token, init), bindings);
}

const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function reservationOf(audioFileId: string) {
  return env.DB.prepare("SELECT r.id, r.amount, r.status, r.final_amount, r.purpose FROM audio_files a JOIN credit_reservations r ON r.id = a.reservation_id WHERE a.id = ?1")
    .bind(audioFileId)
    .first<{ id: string; amount: number; status: string; final_amount: number | null; purpose: string }>();
}

async function referenceKeys(userId: string): Promise<string[]> {
  return (await env.AUDIO_BUCKET.list({ prefix: `clone-input/${userId}/` })).objects.map((object) => object.key);
}

/**
 * The delayed clean-up messages the route sends, captured instead of delivered (tests deliver them
 * on purpose); every other queue message goes through.
 */
let cleanups: { body: CleanupMessage; delaySeconds: number | undefined }[] = [];
beforeEach(() => {
  cleanups = [];
  const queue = env.JOBS_QUEUE;
  const send = queue.send.bind(queue);
  vi.spyOn(queue, "send").mockImplementation(async (body, options) => {
    if ((body as { type?: string }).type === "clone.cleanup") {
      cleanups.push({ body: body as CleanupMessage, delaySeconds: options?.delaySeconds });
      return undefined as never;
    }
    return send(body, options);
  });
});

async function deliver(messages: unknown[]) {
  const batch = createMessageBatch(
    "sexyvoice-jobs",
    messages.map((body, i) => ({ id: `m-${unique()}-${i}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

async function runSweep(scheduledTime: number) {
  const cron = "*/5 * * * *";
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron, scheduledTime }), env, ctx);
  await waitOnExecutionContext(ctx);
  const run = await env.DB.prepare("SELECT result FROM job_runs WHERE cron = ?1 AND scheduled_at = ?2").bind(cron, new Date(scheduledTime).toISOString()).first<{ result: string }>();
  return JSON.parse(run?.result ?? "{}") as { refunded: number; deletedCloneInputs: number };
}

/** Replicate's files API: the reference upload and its deletion. */
function replicateFiles(): Route {
  return (request) => {
    const url = new URL(request.url);
    if (url.host !== "api.replicate.com" || !url.pathname.startsWith("/v1/files")) return undefined;
    if (request.method === "POST" && url.pathname === "/v1/files") {
      return Response.json({ id: "file_ref", name: "reference.wav", urls: { get: "https://api.replicate.com/v1/files/file_ref" } }, { status: 201 });
    }
    if (request.method === "DELETE" && url.pathname === "/v1/files/file_ref") return new Response(null, { status: 204 });
    return undefined;
  };
}

describe("POST /api/clone-voice with the local engine (no Replicate key)", () => {
  it("speaks the text at the recording's pitch, charges ceil(words × 66), and lists it in history as a clone", async () => {
    const user = await newUser();
    const bytes = recording(120);
    const text = tenWords(unique());
    const { status, body } = await clone(user.token, { file: bytes, text });
    expect(status).toBe(200);
    expect(body).toMatchObject({ cached: false, provider: "local", model: "espeak-ng", creditsUsed: 660, creditsRemaining: 10_000 - 660 });
    expect(body.reference.format).toBe("wav");
    expect(body.reference.durationSeconds).toBe(12);
    expect(Math.abs(body.reference.pitchHz! - 120)).toBeLessThan(1.2);

    const audio = await call(pathOf(body.url));
    expect(audio.headers.get("content-type")).toBe("audio/wav");
    const spoken = new Uint8Array(await audio.arrayBuffer());
    expect(body.durationSeconds).toBeGreaterThan(1);
    const spokenPitch = estimateWavPitchHz(spoken)!;
    expect(Math.abs(spokenPitch - 120) / 120).toBeLessThan(0.15);

    await vi.waitFor(async () => expect((await reservationOf(body.id))?.status).toBe("settled"), { timeout: 8_000, interval: 100 });
    expect(await reservationOf(body.id)).toMatchObject({ amount: 660, final_amount: 660, purpose: "clone" });
    expect(await balance(user.userId)).toBe(10_000 - 660);
    const usage = await env.DB.prepare("SELECT type, credits_used FROM usage_events WHERE source_id = ?1").bind(body.id).all();
    expect(usage.results).toEqual([{ type: "clone", credits_used: 660 }]);

    type History = { items: { id: string; kind: string; voice: { name: string }; text: string; creditsUsed: number; provider: string }[] };
    const history = await callJson<History>("/api/history", authorized(user.token));
    expect(history.body.items).toEqual([expect.objectContaining({ id: body.id, kind: "clone", voice: expect.objectContaining({ name: "Cloned voice" }), text, creditsUsed: 660, provider: "local" })]);

    const job = await env.DB.prepare("SELECT consent, status, locale, reference_sha256, reference_format, reference_duration_seconds, audio_file_id FROM clone_jobs WHERE user_id = ?1").bind(user.userId).first();
    expect(job).toEqual({ consent: 1, status: "succeeded", locale: "en", reference_sha256: await sha256Hex(bytes), reference_format: "wav", reference_duration_seconds: 12, audio_file_id: body.id });
  });

  it("a high voice is spoken high: a 220 Hz recording comes out near 220 Hz", async () => {
    const user = await newUser();
    const { body } = await clone(user.token, { file: recording(220), locale: "fr", text: "Bonjour tout le monde, je parle avec ma propre voix aujourd'hui." });
    expect(body).toMatchObject({ provider: "local", model: "espeak-ng" });
    expect(body.reference.pitchHz).toBeCloseTo(220, -1);
    const spoken = new Uint8Array(await (await call(pathOf(body.url))).arrayBuffer());
    expect(Math.abs(estimateWavPitchHz(spoken)! - 220) / 220).toBeLessThan(0.15);
  });

  it("compressed recordings are measured but not decoded: spoken at the language's default pitch, which the response says (pitchHz null)", async () => {
    const user = await newUser();
    for (const [file, format] of [
      [mp3({ seconds: 12 }), "mp3"],
      [ogg({ seconds: 15, codec: "opus" }), "ogg"],
      [m4a({ seconds: 20 }), "m4a"],
    ] as const) {
      const { status, body } = await clone(user.token, { file, filename: `voice.${format}`, type: "application/octet-stream", locale: "de" });
      expect(status, format).toBe(200);
      expect(body.reference.format).toBe(format);
      expect(body.reference.pitchHz).toBeNull();
      expect(body.provider).toBe("local");
    }
    expect((await clone(user.token, { file: mp3({ seconds: 12 }) })).body.reference.durationSeconds).toBeCloseTo((459 * 1152) / 44_100, 2);
  });

  it("the same recording and text again is a free cache hit, needs no balance, and stores nothing", async () => {
    const rich = await newUser();
    const bytes = recording();
    const text = tenWords(unique());
    const first = await clone(rich.token, { file: bytes, text });
    const broke = await newUser(0);
    const put = vi.spyOn(env.AUDIO_BUCKET, "put");
    const engine = vi.spyOn(env.LOCAL_ENGINE, "fetch");
    const hit = await clone(broke.token, { file: bytes, text, filename: "another-name.wav" });
    expect(hit.status).toBe(200);
    expect(hit.body).toMatchObject({ cached: true, creditsUsed: 0, creditsRemaining: 0, provider: "local" });
    expect(hit.body.id).not.toBe(first.body.id);
    expect(put).not.toHaveBeenCalled();
    expect(engine).not.toHaveBeenCalled();
    expect(await referenceKeys(broke.userId)).toEqual([]);
    expect(cleanups.map((c) => c.body.userId)).not.toContain(broke.userId);
    const history = await callJson<{ items: { id: string; kind: string; cached: boolean; creditsUsed: number }[] }>("/api/history", authorized(broke.token));
    expect(history.body.items).toEqual([expect.objectContaining({ id: hit.body.id, kind: "clone", cached: true, creditsUsed: 0 })]);
    const job = await env.DB.prepare("SELECT consent, status FROM clone_jobs WHERE user_id = ?1").bind(broke.userId).first();
    expect(job).toEqual({ consent: 1, status: "cached" });
  });

  it("a user who cannot cover the cost gets 402 and keeps every credit", async () => {
    const user = await newUser(659);
    const { status, body } = await clone(user.token, {});
    expect(status).toBe(402);
    expect(body.error.code).toBe("insufficient_credits");
    expect(await balance(user.userId)).toBe(659);
    expect(await env.DB.prepare("SELECT status, error_code FROM clone_jobs WHERE user_id = ?1").bind(user.userId).first()).toEqual({ status: "failed", error_code: "insufficient_credits" });
  });
});

describe("validation: every rejection leaves credits, storage and jobs untouched", () => {
  async function expectRejected(user: { token: string; userId: string }, upload: Upload, status: number, code: string, field?: string) {
    const result = await clone(user.token, upload);
    expect(result.status, JSON.stringify(result.body)).toBe(status);
    expect(result.body.error.code).toBe(code);
    if (field !== undefined) expect(result.body.error.field).toBe(field);
    return result.body.error.message;
  }

  async function expectNothingHappened(userId: string) {
    expect(await balance(userId)).toBe(10_000);
    expect(await referenceKeys(userId)).toEqual([]);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM clone_jobs WHERE user_id = ?1").bind(userId).first<{ n: number }>())?.n).toBe(0);
    expect(cleanups.filter((c) => c.body.userId === userId)).toEqual([]);
  }

  it('consent must be exactly "true": missing, "false" or "on" is a 400 naming consent', async () => {
    const user = await newUser();
    for (const consent of [undefined, "false", "on", ""]) await expectRejected(user, { consent }, 400, "validation_failed", "consent");
    await expectNothingHappened(user.userId);
  });

  it("the locale must be one of en, es, de, da, it, fr: anything else is a 400 naming locale", async () => {
    const user = await newUser();
    for (const locale of ["pt", "EN", "en-US", ""]) await expectRejected(user, { locale }, 400, "validation_failed", "locale");
    await expectNothingHappened(user.userId);
  });

  it("text needs at least one word and at most 500 characters (user-perceived)", async () => {
    const user = await newUser();
    for (const text of ["   ", "?!… —"]) await expectRejected(user, { text }, 400, "validation_failed", "text");
    const message = await expectRejected(user, { text: `${"👩‍👩‍👧‍👦".repeat(500)} é` }, 400, "validation_failed", "text");
    expect(message).toContain("500");
    await expectNothingHappened(user.userId);
  });

  it("a file is required, and a text field in its place is not a file", async () => {
    const user = await newUser();
    await expectRejected(user, { file: null }, 400, "validation_failed", "file");
    await expectRejected(user, { file: "RIFF....WAVE" }, 400, "validation_failed", "file");
    await expectNothingHappened(user.userId);
  });

  it("duration is measured from the audio: 9.9 s is refused, whatever the client claims", async () => {
    const user = await newUser();
    const message = await expectRejected(user, { file: recording(120, 9.9), filename: "twelve-seconds.wav", extra: { duration: "12", durationSeconds: "12" } }, 400, "validation_failed", "file");
    expect(message).toContain("9.9 seconds");
    await expectRejected(user, { file: ogg({ seconds: 301, codec: "opus" }), filename: "short.ogg" }, 400, "validation_failed", "file");
    await expectNothingHappened(user.userId);
  });

  it("10.0 s and 5:00 are accepted", async () => {
    const user = await newUser();
    expect((await clone(user.token, { file: recording(120, 10) })).body.reference?.durationSeconds).toBe(10);
    expect((await clone(user.token, { file: ogg({ seconds: 300, codec: "vorbis" }) })).body.reference?.durationSeconds).toBe(300);
  });

  it("4,718,592 bytes is accepted; one byte more is a 413, and a huge body is refused before it is read", async () => {
    const user = await newUser();
    const exact = wavOfSize(4_718_592);
    expect(exact.byteLength).toBe(4_718_592);
    const accepted = await clone(user.token, { file: exact });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const before = await balance(user.userId);
    const over = new Uint8Array(4_718_593);
    over.set(exact);
    const tooBig = await clone(user.token, { file: over });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({ code: "payload_too_large", field: "file" });
    const huge = await callJson<ErrorBody>(
      "/api/clone-voice",
      authorized(user.token, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x", "content-length": "10000000" }, body: new Uint8Array(10_000_000) }),
    );
    expect(huge.status).toBe(413);
    expect(await balance(user.userId)).toBe(before);
  });

  it("the format comes from the content: a WAV named .mp3 is cloned as WAV; a text file named .wav is a 415", async () => {
    const user = await newUser();
    const disguised = await clone(user.token, { file: recording(), filename: "voice.mp3", type: "audio/mpeg" });
    expect(disguised.status).toBe(200);
    expect(disguised.body.reference.format).toBe("wav");
    const other = await newUser();
    await expectRejected(other, { file: new TextEncoder().encode("Dear diary, today I recorded my voice.\n".repeat(50)), filename: "voice.wav", type: "audio/wav" }, 415, "unsupported_media_type", "file");
    await expectRejected(other, { file: new TextEncoder().encode("fLaC\u0000\u0000\u0000\u0022".padEnd(4096, "\u0000")), filename: "voice.flac", type: "audio/flac" }, 415, "unsupported_media_type");
    await expectNothingHappened(other.userId);
  });

  it("an empty, truncated or corrupt file is a 400 naming file, never a 500", async () => {
    const user = await newUser();
    const whole = recording();
    const opus = ogg({ seconds: 20, codec: "opus" });
    const cases = [new Uint8Array(0), whole.subarray(0, whole.byteLength / 2), whole.subarray(0, 30), opus.subarray(0, opus.byteLength - 300), m4a({ seconds: 20, moovLast: true }).subarray(0, -50)];
    for (const file of cases) await expectRejected(user, { file }, 400, "validation_failed", "file");
    await expectNothingHappened(user.userId);
  });

  it("a body that is not multipart is a 415; a multipart body cut in the middle is a 400", async () => {
    const user = await newUser();
    const json = await callJson<ErrorBody>("/api/clone-voice", authorized(user.token, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe("unsupported_media_type");
    const complete = new Request("https://x.test", { method: "POST", body: form({ file: recording(), text: "hello there", locale: "en", consent: "true" }) });
    const whole = new Uint8Array(await complete.arrayBuffer());
    const cut = await callJson<ErrorBody>(
      "/api/clone-voice",
      authorized(user.token, { method: "POST", headers: { "content-type": complete.headers.get("content-type")! }, body: whole.subarray(0, Math.floor(whole.byteLength / 2)) }),
    );
    expect(cut.status).toBe(400);
    expect(cut.body.error.code).toBe("validation_failed");
    await expectNothingHappened(user.userId);
  });
});

describe("Chatterbox on Replicate", () => {
  it("English goes to resemble-ai/chatterbox; the reference travels through Replicate's files API and is deleted there afterwards", async () => {
    const user = await newUser();
    const output = voiceWav({ seconds: 3.5, pitchHz: 140, sampleRate: 24_000 });
    const seen = interceptFetch(replicateFiles(), replicate({ status: "succeeded", audio: output }));
    const bytes = recording();
    const text = tenWords(unique());
    const { status, body } = await clone(user.token, { file: bytes, text }, REPLICATE);
    expect(status).toBe(200);
    expect(body).toMatchObject({ provider: "replicate", model: "resemble-ai/chatterbox", creditsUsed: 660, cached: false, durationSeconds: 3.5 });

    expect(seen.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(["POST /v1/files", "POST /v1/predictions", "DELETE /v1/files/file_ref", "GET /out/speech.mp3"]);
    const upload = seen[0]!;
    expect(upload.headers.get("authorization")).toBe("Bearer r8_test");
    expect(upload.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.body).toContain('filename="reference.wav"');
    expect(upload.body).toMatch(/Content-Type: audio\/wav\r\n\r\nRIFF/);
    const prediction = seen[1]!.json<{ version: string; input: Record<string, unknown> }>();
    expect(prediction).toEqual({ version: CHATTERBOX_VERSION, input: { prompt: text, audio_prompt: "https://api.replicate.com/v1/files/file_ref" } });

    const audio = await call(pathOf(body.url), {}, REPLICATE);
    expect(audio.headers.get("content-type")).toBe("audio/wav");
    expect(new Uint8Array(await audio.arrayBuffer())).toEqual(output);
  });

  it("every other locale goes to resemble-ai/chatterbox-multilingual with its language", async () => {
    const user = await newUser();
    const seen = interceptFetch(replicateFiles(), replicate({ status: "succeeded", audio: voiceWav({ seconds: 2, sampleRate: 24_000 }) }));
    const text = "Hola a todos, hoy hablo con mi propia voz clonada.";
    const { status, body } = await clone(user.token, { text, locale: "es" }, REPLICATE);
    expect(status).toBe(200);
    expect(body).toMatchObject({ provider: "replicate", model: "resemble-ai/chatterbox-multilingual", creditsUsed: 660 });
    const prediction = seen.find((r) => new URL(r.url).pathname === "/v1/predictions")!.json<{ version: string; input: Record<string, unknown> }>();
    expect(prediction).toEqual({ version: CHATTERBOX_MULTILINGUAL_VERSION, input: { text, language: "es", reference_audio: "https://api.replicate.com/v1/files/file_ref" } });
  });

  it("a failed prediction refunds in full, still deletes the reference on Replicate, and still queues the clean-up", async () => {
    const user = await newUser();
    const seen = interceptFetch(replicateFiles(), replicate({ status: "failed", error: "CUDA out of memory" }));
    const { status, body } = await clone(user.token, {}, REPLICATE);
    expect(status).toBe(502);
    expect(body.error.code).toBe("provider_error");
    expect(await balance(user.userId)).toBe(10_000);
    const rows = await env.DB.prepare("SELECT type, amount FROM credit_transactions WHERE user_id = ?1 AND reservation_id IS NOT NULL ORDER BY created_at, rowid").bind(user.userId).all();
    expect(rows.results).toEqual([
      { type: "usage", amount: -660 },
      { type: "refund", amount: 660 },
    ]);
    expect(seen.some((r) => r.method === "DELETE" && r.url.endsWith("/v1/files/file_ref"))).toBe(true);
    expect(await env.DB.prepare("SELECT status, error_code FROM clone_jobs WHERE user_id = ?1").bind(user.userId).first()).toEqual({ status: "failed", error_code: "provider_error" });
    expect(cleanups.map((c) => c.body.userId)).toEqual([user.userId]);
  });

  it("an outage uploading the reference is a 503 with a full refund", async () => {
    const user = await newUser();
    interceptFetch((request) => (new URL(request.url).host === "api.replicate.com" ? new Response("upstream broke", { status: 503 }) : undefined));
    const { status, body } = await clone(user.token, {}, REPLICATE);
    expect(status).toBe(503);
    expect(body.error.code).toBe("provider_unavailable");
    expect(body.error.message).not.toContain("upstream broke");
    expect(await balance(user.userId)).toBe(10_000);
  });

  it("local audio is never served once Replicate is configured", async () => {
    const user = await newUser();
    const bytes = recording();
    const text = tenWords(unique());
    expect((await clone(user.token, { file: bytes, text })).body.provider).toBe("local");
    interceptFetch(replicateFiles(), replicate({ status: "succeeded", audio: voiceWav({ seconds: 2, sampleRate: 24_000 }) }));
    const real = await clone(user.token, { file: bytes, text }, REPLICATE);
    expect(real.body).toMatchObject({ cached: false, provider: "replicate" });
  });
});

describe("failures and retention", () => {
  it("if the upload cannot be stored, nothing is charged, the job is marked failed and the clean-up is still queued", async () => {
    const user = await newUser();
    const put = env.AUDIO_BUCKET.put.bind(env.AUDIO_BUCKET);
    vi.spyOn(env.AUDIO_BUCKET, "put").mockImplementation(async (key, value, options) => {
      if (key.startsWith("clone-input/")) throw new Error("R2 is down");
      return put(key, value, options);
    });
    const { status } = await clone(user.token, {});
    expect(status).toBe(500);
    expect(await balance(user.userId)).toBe(10_000);
    expect(await env.DB.prepare("SELECT status, error_code FROM clone_jobs WHERE user_id = ?1").bind(user.userId).first()).toEqual({ status: "failed", error_code: "internal_error" });
    expect(cleanups.map((c) => c.body.userId)).toEqual([user.userId]);
  });

  it("the hourly retention job can remove a free user's old clone; the job keeps its consent record", async () => {
    const user = await newUser();
    const { body } = await clone(user.token, {});
    await env.DB.prepare("UPDATE audio_files SET created_at = ?1 WHERE id = ?2")
      .bind(new Date(Date.now() - 40 * 86_400_000).toISOString(), body.id)
      .run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "17 * * * *", scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await env.DB.prepare("SELECT id FROM audio_files WHERE id = ?1").bind(body.id).first()).toBeNull();
    expect(await env.DB.prepare("SELECT consent, status, audio_file_id FROM clone_jobs WHERE user_id = ?1").bind(user.userId).first()).toEqual({ consent: 1, status: "succeeded", audio_file_id: null });
  });
});

describe("reference storage and clean-up", () => {
  it("the recording is stored once per user and content hash, privately at clone-input/<user>/<sha256>", async () => {
    const user = await newUser();
    const bytes = recording();
    const put = vi.spyOn(env.AUDIO_BUCKET, "put");
    await clone(user.token, { file: bytes, filename: "first.wav" });
    await clone(user.token, { file: bytes, filename: "second name.wav", type: "audio/x-wav" });
    const key = cloneInputKey(user.userId, await sha256Hex(bytes));
    expect(key).toBe(`clone-input/${user.userId}/${await sha256Hex(bytes)}`);
    expect(put.mock.calls.filter(([k]) => String(k).startsWith("clone-input/")).map(([k]) => k)).toEqual([key]);
    expect(await referenceKeys(user.userId)).toEqual([key]);
    const stored = await env.AUDIO_BUCKET.get(key);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(bytes);
  });

  it("each job queues a delayed clean-up that, once delivered, deletes the reference", async () => {
    const user = await newUser();
    const bytes = recording();
    await clone(user.token, { file: bytes });
    expect(cleanups).toHaveLength(1);
    expect(cleanups[0]!.delaySeconds).toBe(600);
    expect(cleanups[0]!.body).toMatchObject({ type: "clone.cleanup", userId: user.userId, referenceSha256: await sha256Hex(bytes) });
    expect(await referenceKeys(user.userId)).toHaveLength(1);
    const result = await deliver([cleanups[0]!.body]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(await referenceKeys(user.userId)).toEqual([]);
  });

  it("a later job with the same recording keeps it until that job's own clean-up", async () => {
    const user = await newUser();
    const bytes = recording();
    await clone(user.token, { file: bytes });
    await clone(user.token, { file: bytes });
    expect(cleanups).toHaveLength(2);
    await deliver([cleanups[0]!.body]);
    expect(await referenceKeys(user.userId)).toHaveLength(1);
    await deliver([cleanups[1]!.body]);
    expect(await referenceKeys(user.userId)).toEqual([]);
  });

  it("the 5-minute sweep deletes references left for over an hour, keeping recent and recently used ones", async () => {
    const forgotten = await newUser();
    const reused = await newUser();
    await clone(forgotten.token, {});
    const reusedBytes = recording();
    await clone(reused.token, { file: reusedBytes });
    const later = Date.now() + 2 * 3_600_000;
    // The reused recording was uploaded long before `later`, but a job used it half an hour before.
    await env.DB.prepare("UPDATE clone_jobs SET created_at = ?1 WHERE user_id = ?2")
      .bind(new Date(later - 1_800_000).toISOString(), reused.userId)
      .run();

    const early = await runSweep(Date.now() + 30 * 60_000);
    expect(await referenceKeys(forgotten.userId)).toHaveLength(1);
    expect(early.deletedCloneInputs).toBe(0);
    const run = await runSweep(later);
    expect(run.deletedCloneInputs).toBeGreaterThanOrEqual(1);
    expect(await referenceKeys(forgotten.userId)).toEqual([]);
    expect(await referenceKeys(reused.userId)).toEqual([cloneInputKey(reused.userId, await sha256Hex(reusedBytes))]);
  });
});

describe("security", () => {
  it("requires a signed-in user before reading anything (401)", async () => {
    const result = await clone(undefined, {});
    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe("unauthenticated");
    const garbage = await clone("garbage", {});
    expect(garbage.status).toBe(401);
  });

  it("another user cannot list, delete or play someone's clone, and the signed URL serves the output, never the reference", async () => {
    const alice = await newUser();
    const mallory = await newUser();
    const bytes = recording();
    const { body } = await clone(alice.token, { file: bytes });
    expect((await callJson<{ items: unknown[] }>("/api/history", authorized(mallory.token))).body.items).toEqual([]);
    expect((await callJson(`/api/history/${body.id}`, authorized(mallory.token, { method: "DELETE" }))).status).toBe(404);
    expect((await callJson(`/api/audio/${body.id}`, authorized(mallory.token))).status).toBe(403);
    const served = new Uint8Array(await (await call(pathOf(body.url))).arrayBuffer());
    const output = await env.DB.prepare("SELECT storage_key FROM audio_files WHERE id = ?1").bind(body.id).first<{ storage_key: string }>();
    expect(output?.storage_key).toMatch(/^audio\/[0-9a-f]{64}\.wav$/);
    expect(served).toEqual(new Uint8Array(await (await env.AUDIO_BUCKET.get(output!.storage_key))!.arrayBuffer()));
    expect(served).not.toEqual(bytes);
  });

  it("users keep separate copies of the same recording, and one user's clean-up never touches another's", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const bytes = recording();
    await clone(alice.token, { file: bytes });
    await clone(bob.token, { file: bytes });
    const hash = await sha256Hex(bytes);
    expect(await referenceKeys(alice.userId)).toEqual([cloneInputKey(alice.userId, hash)]);
    expect(await referenceKeys(bob.userId)).toEqual([cloneInputKey(bob.userId, hash)]);
    await deliver([cleanups.find((c) => c.body.userId === bob.userId)!.body]);
    expect(await referenceKeys(bob.userId)).toEqual([]);
    expect(await referenceKeys(alice.userId)).toEqual([cloneInputKey(alice.userId, hash)]);
  });

  it("a clean-up message naming a path outside clone-input is dead-lettered, not obeyed", async () => {
    const dead = vi.spyOn(env.DEAD_LETTER_QUEUE, "send");
    await env.AUDIO_BUCKET.put("audio/keep-me.wav", "x");
    const result = await deliver([{ type: "clone.cleanup", userId: "../audio", referenceSha256: "keep-me.wav", cloneJobId: "x" }]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(dead).toHaveBeenCalledTimes(1);
    expect(await env.AUDIO_BUCKET.head("audio/keep-me.wav")).not.toBeNull();
  });

  it("a burst of 20 from one user passes; hammering is rate limited with Retry-After", async () => {
    const user = await newUser();
    const bytes = recording();
    const text = tenWords(unique());
    await clone(user.token, { file: bytes, text });
    const burst = await Promise.all(Array.from({ length: 20 }, () => clone(user.token, { file: bytes, text })));
    expect(burst.map((r) => r.status)).toEqual(Array(20).fill(200));
    const hammer = await Promise.all(Array.from({ length: 40 }, () => clone(user.token, { file: bytes, text })));
    const limited = hammer.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.response.headers.get("retry-after")).toBe("60");
  });
});

describe("credits for paid users", () => {
  it("cost does not depend on the plan: a paid user pays the same ceil(words × 66)", async () => {
    const user = await newUser();
    await grant(env.DB, { userId: user.userId, amount: 10_000, type: "purchase", key: `buy:${user.userId}`, description: "test purchase" });
    const { body } = await clone(user.token, { text: "one two three" });
    expect(body.creditsUsed).toBe(198);
  });
});
