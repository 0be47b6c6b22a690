// MP3 output (issue 9 §4): the local engine's LAME encoder (worker/local-engine/mp3.ts, `POST
// /mp3`), and `format` on POST /api/generate-voice end to end: validation, the stored object and
// its frames, the duration against the WAV of the same text, the cache key, serving, history,
// Gemini's PCM encoded, Orpheus's MP3 stored as it comes, and a refund when encoding fails.
import { env } from "cloudflare:test";
import { parseBuffer } from "music-metadata";
import { describe, expect, it, vi } from "vitest";
import { readWavLayout } from "../worker/providers/wav";
import { audioCacheKey } from "../worker/services/audio-cache";
import { authorized, call, callJson, jsonRequest, withVars } from "./support/app";
import { voiceWav } from "./support/audio";
import { balanceOf, newUser, uniqueTag } from "./support/factories";
import { interceptFetch } from "./support/http";
import { hasFrameSync, readMp3 } from "./support/mp3";
import { gemini, geminiAudio, replicate } from "./support/providers";

interface Generated {
  id: string;
  url: string;
  creditsUsed: number;
  cached: boolean;
  provider: string;
  durationSeconds: number;
  format: "wav" | "mp3";
  error: { code: string; message: string; field?: string };
}

const GEMINI = withVars({ GEMINI_API_KEY: "test-gemini-key" });
const REPLICATE = withVars({ REPLICATE_API_TOKEN: "r8_test" });

const generate = (token: string, body: Record<string, unknown>, bindings: Env = env) => callJson<Generated>("/api/generate-voice", jsonRequest("POST", body, token), bindings);
const play = (url: string) => call(new URL(url).pathname + new URL(url).search);
/** About four seconds of eSpeak speech, unique per test. */
const sentence = (tag: string) => `This sentence ${tag} is spoken twice, once as a wave file and once as an MP3 file, to compare them.`;

async function storedObject(id: string): Promise<{ key: string; contentType: string | undefined; bytes: Uint8Array }> {
  const row = await env.DB.prepare("SELECT storage_key FROM audio_files WHERE id = ?1").bind(id).first<{ storage_key: string }>();
  if (row === null) throw new Error(`no audio_files row ${id}`);
  const object = await env.AUDIO_BUCKET.get(row.storage_key);
  if (object === null) throw new Error(`no R2 object ${row.storage_key}`);
  return { key: row.storage_key, contentType: object.httpMetadata?.contentType, bytes: new Uint8Array(await object.arrayBuffer()) };
}

const wavSeconds = (bytes: Uint8Array) => {
  const layout = readWavLayout(bytes);
  if (layout === null) throw new Error("not a WAV file");
  return layout.frames / layout.sampleRate;
};

describe("the local engine's MP3 encoder (POST /mp3)", () => {
  const encode = (body: BodyInit) => env.LOCAL_ENGINE.fetch("https://local-engine/mp3", { method: "POST", headers: { "content-type": "audio/wav" }, body });

  it("turns a 24 kHz WAV into mono CBR MP3 frames of the same length", async () => {
    const wav = voiceWav({ seconds: 6, sampleRate: 24_000 });
    const response = await encode(wav);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    expect(Number(response.headers.get("x-duration-seconds"))).toBeCloseTo(6, 3);
    const mp3 = new Uint8Array(await response.arrayBuffer());
    expect(hasFrameSync(mp3, 0)).toBe(true);
    const stream = readMp3(mp3);
    expect(stream).toMatchObject({ sampleRate: 24_000, channels: 1, bitrates: new Set([64]) });
    expect(Math.abs(stream.durationSeconds - 6) / 6).toBeLessThan(0.05);
    // 64 kbit/s is 8,000 bytes a second: about a sixth of the 48,000 the 16-bit WAV takes.
    expect(mp3.byteLength).toBeLessThan(wav.byteLength / 5);
    const metadata = await parseBuffer(mp3, { mimeType: "audio/mpeg" });
    expect(metadata.format.codec).toMatch(/MPEG 2 Layer 3/);
    expect(Math.abs((metadata.format.duration ?? 0) - 6) / 6).toBeLessThan(0.05);
  });

  it("mixes stereo down and keeps a 44.1 kHz rate (MPEG-1)", async () => {
    const stream = readMp3(new Uint8Array(await (await encode(voiceWav({ seconds: 2, sampleRate: 44_100, channels: 2 }))).arrayBuffer()));
    expect(stream).toMatchObject({ sampleRate: 44_100, channels: 1 });
    expect(stream.frames[1]?.samples).toBe(1152);
    expect(Math.abs(stream.durationSeconds - 2) / 2).toBeLessThan(0.05);
  });

  it("refuses what is not a PCM WAV file, and an empty one", async () => {
    for (const body of [new TextEncoder().encode("not audio at all"), voiceWav({ seconds: 0, frames: 0 })]) {
      const response = await encode(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "unsupported_audio" } });
    }
  });
});

describe("POST /api/generate-voice with format", () => {
  it("rejects an unknown format before any charge, naming the field", async () => {
    const user = await newUser();
    for (const format of ["ogg", "MP3", 3]) {
      const { status, body } = await generate(user.token, { text: sentence(uniqueTag()), voice: "Kore", format });
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: "validation_failed", field: "format" });
    }
    expect(await balanceOf(user.userId)).toBe(10_000);
  });

  it("stores MP3 frames whose duration is within 5 % of the WAV's for the same text, served as audio/mpeg", async () => {
    const user = await newUser();
    const text = sentence(uniqueTag());
    const wav = await generate(user.token, { text, voice: "Kore" });
    const mp3 = await generate(user.token, { text, voice: "Kore", format: "mp3" });
    expect(wav.body).toMatchObject({ format: "wav", cached: false, provider: "local" });
    expect(mp3.body).toMatchObject({ format: "mp3", cached: false, provider: "local", creditsUsed: wav.body.creditsUsed });

    const storedWav = await storedObject(wav.body.id);
    const stored = await storedObject(mp3.body.id);
    expect(stored.key).toMatch(/^audio\/[0-9a-f]{64}\.mp3$/);
    expect(stored.contentType).toBe("audio/mpeg");
    expect(hasFrameSync(stored.bytes, 0)).toBe(true);
    const seconds = wavSeconds(storedWav.bytes);
    expect(seconds).toBeGreaterThan(3);
    const frames = readMp3(stored.bytes);
    expect(frames.sampleRate).toBe(22_050); // eSpeak's rate, kept
    expect(Math.abs(frames.durationSeconds - seconds) / seconds).toBeLessThan(0.05);
    expect(mp3.body.durationSeconds).toBeCloseTo(seconds, 2);

    const served = await play(mp3.body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("audio/mpeg");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(stored.bytes);
    const ranged = await call(new URL(mp3.body.url).pathname + new URL(mp3.body.url).search, { headers: { range: "bytes=0-3" } });
    expect(ranged.status).toBe(206);
    expect(hasFrameSync(new Uint8Array(await ranged.arrayBuffer()), 0)).toBe(true);
  });

  it("keys the cache by format: WAV after MP3 is a new production, MP3 again is a free hit", async () => {
    const user = await newUser();
    const text = sentence(uniqueTag());
    const first = await generate(user.token, { text, voice: "Puck", format: "mp3" });
    const wav = await generate(user.token, { text, voice: "Puck", format: "wav" });
    const again = await generate(user.token, { text, voice: "Puck", format: "mp3" });
    const byDefault = await generate(user.token, { text, voice: "Puck" });
    expect(first.body).toMatchObject({ cached: false, format: "mp3" });
    expect(wav.body).toMatchObject({ cached: false, format: "wav" });
    expect(wav.body.creditsUsed).toBeGreaterThan(0);
    expect(again.body).toMatchObject({ cached: true, creditsUsed: 0, format: "mp3" });
    expect(byDefault.body).toMatchObject({ cached: true, creditsUsed: 0, format: "wav" });
    expect((await storedObject(again.body.id)).key).toBe((await storedObject(first.body.id)).key);
  });

  it("lists the stored format in history", async () => {
    const user = await newUser();
    const text = sentence(uniqueTag());
    const mp3 = await generate(user.token, { text, voice: "Kore", format: "mp3" });
    const wav = await generate(user.token, { text, voice: "Kore" });
    const { body } = await callJson<{ items: { id: string; format: string; contentType: string; url: string }[] }>("/api/history", authorized(user.token));
    const byId = new Map(body.items.map((item) => [item.id, item]));
    expect(byId.get(mp3.body.id)).toMatchObject({ format: "mp3", contentType: "audio/mpeg" });
    expect(byId.get(wav.body.id)).toMatchObject({ format: "wav", contentType: "audio/wav" });
    const served = await play(byId.get(mp3.body.id)!.url);
    expect(served.headers.get("content-type")).toBe("audio/mpeg");
  });

  it("encodes Gemini's PCM answer to MP3", async () => {
    const user = await newUser();
    interceptFetch(gemini(() => geminiAudio(30, 72_000)));
    const { status, body } = await generate(user.token, { text: sentence(uniqueTag()), voice: "Kore", format: "mp3" }, GEMINI);
    expect(status).toBe(200);
    expect(body).toMatchObject({ provider: "gemini", format: "mp3", durationSeconds: 3 });
    const frames = readMp3((await storedObject(body.id)).bytes);
    expect(frames.sampleRate).toBe(24_000);
    expect(Math.abs(frames.durationSeconds - 3) / 3).toBeLessThan(0.05);
  });

  it("stores Orpheus's MP3 as it comes, whichever format is asked for", async () => {
    const user = await newUser();
    const orpheus = new Uint8Array(await (await env.LOCAL_ENGINE.fetch("https://local-engine/mp3", { method: "POST", body: voiceWav({ seconds: 2, sampleRate: 24_000 }) })).arrayBuffer());
    interceptFetch(replicate({ status: "succeeded", audio: orpheus }));
    const engine = vi.spyOn(env.LOCAL_ENGINE, "fetch");
    const text = sentence(uniqueTag());
    const asked = await generate(user.token, { text, voice: "tara", format: "wav" }, REPLICATE);
    expect(asked.body).toMatchObject({ provider: "replicate", format: "mp3", cached: false });
    expect((await storedObject(asked.body.id)).bytes).toEqual(orpheus);
    expect(engine).not.toHaveBeenCalled();
    const other = await generate(user.token, { text, voice: "tara", format: "mp3" }, REPLICATE);
    expect(other.body).toMatchObject({ format: "mp3", cached: true, creditsUsed: 0 });
  });

  it("refunds in full and caches nothing when the encoder fails", async () => {
    const user = await newUser();
    const fetchEngine = env.LOCAL_ENGINE.fetch.bind(env.LOCAL_ENGINE);
    vi.spyOn(env.LOCAL_ENGINE, "fetch").mockImplementation((input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      return new URL(url).pathname === "/mp3" ? Promise.reject(new Error("engine gone")) : fetchEngine(input, init);
    });
    const text = sentence(uniqueTag());
    const { status, body } = await generate(user.token, { text, voice: "Kore", format: "mp3" });
    expect(status).toBe(503);
    expect(body.error.code).toBe("provider_unavailable");
    expect(await balanceOf(user.userId)).toBe(10_000);
    vi.restoreAllMocks();
    const retry = await generate(user.token, { text, voice: "Kore", format: "mp3" });
    expect(retry.body).toMatchObject({ cached: false, format: "mp3" });
  });
});

describe("MP3 cache keys", () => {
  it("leave WAV keys as they were before formats existed", async () => {
    const input = { provider: "local", model: "espeak-ng", voiceId: "gemini-kore", locale: "en", text: "Hello there" };
    const before = JSON.stringify(["tts-v1", "local", "espeak-ng", "gemini-kore", "en", "Hello there", null, null, null]);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(before)));
    const hex = [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
    expect(await audioCacheKey({ ...input, format: "wav" })).toBe(hex);
    expect(await audioCacheKey({ ...input, format: "mp3" })).not.toBe(hex);
  });
});
