// Streaming generation (issue 9 §2), POST /api/generate-voice/stream: event order, chunks that
// concatenate to the stored audio, JSON errors before the stream, a refund on a provider error in
// the middle of a stream, a client that goes away (the generation completes into history and is
// charged), one provider call for identical concurrent streams, and a cache hit streamed at once.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import worker from "../worker/index";
import { readWavLayout } from "../worker/providers/wav";
import { base64ToBytes, concatBytes } from "../worker/shared/bytes";
import { authorized, call, callJson, jsonRequest, withVars } from "./support/app";
import { balanceOf, ledgerSum, newUser, uniqueTag } from "./support/factories";
import { interceptFetch } from "./support/http";

type Sse = { event: string; data: Record<string, unknown> };

function parseSse(text: string): Sse[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1] ?? "";
      const data = /^data: (.+)$/m.exec(block)?.[1] ?? "{}";
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}

const decode = (data: unknown) => base64ToBytes(String(data));
const concat = concatBytes;

/** About 400 characters in six sentences: the local engine speaks it in several pieces. */
const longText = (tag: string) =>
  `Streaming test ${tag} begins with a short sentence. The second sentence is a little longer than the first one was. ` +
  "A third sentence follows, so that the engine has several pieces to speak. Here is the fourth, talking about nothing in particular. " +
  "The fifth sentence keeps the text going a bit further. And the last sentence ends the text at around four hundred characters.";

async function stream(token: string, body: Record<string, unknown>, bindings: Env = env) {
  const response = await call("/api/generate-voice/stream", jsonRequest("POST", body, token), bindings);
  return { response, events: parseSse(await response.text()) };
}

async function storedPcm(url: string): Promise<Uint8Array> {
  const path = new URL(url);
  const audio = new Uint8Array(await (await call(`${path.pathname}${path.search}`)).arrayBuffer());
  const layout = readWavLayout(audio);
  if (layout === null) throw new Error("stored audio is not a WAV");
  return audio.subarray(layout.dataOffset, layout.dataOffset + layout.dataBytes);
}

describe("POST /api/generate-voice/stream", () => {
  it("streams meta, then audio chunks in order, then done with the non-streaming body; the chunks are the stored audio", async () => {
    const user = await newUser();
    const synth = vi.spyOn(env.LOCAL_ENGINE, "fetch");
    const { response, events } = await stream(user.token, { text: longText(uniqueTag()), voice: "Kore" });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("meta");
    expect(names.at(-1)).toBe("done");
    expect(names.slice(1, -1).every((n) => n === "audio")).toBe(true);
    const audio = events.filter((e) => e.event === "audio");
    expect(audio.length).toBeGreaterThan(2);
    expect(audio.map((e) => e.data.seq)).toEqual(audio.map((_, i) => i));
    expect(synth.mock.calls.filter(([input]) => String(input instanceof Request ? input.url : input).endsWith("/synthesize")).length).toBe(audio.length);
    const meta = events[0]!.data;
    const done = events.at(-1)!.data as { id: string; url: string; creditsUsed: number; cached: boolean; format: string };
    expect(meta).toMatchObject({ id: done.id, provider: "local", cached: false });
    expect(meta.creditsReserved).toBe(done.creditsUsed);
    expect(Object.keys(done).sort()).toEqual(["cached", "creditsRemaining", "creditsUsed", "durationSeconds", "format", "id", "model", "provider", "url"]);
    expect(done).toMatchObject({ cached: false, format: "wav" });
    expect(concat(audio.map((e) => decode(e.data.data)))).toEqual(await storedPcm(done.url));
    expect(await balanceOf(user.userId)).toBe(10_000 - done.creditsUsed);
  });

  it("delivers the first audio while the rest is still being made", async () => {
    const user = await newUser();
    // The engine's second piece is held until the test has read the first audio event: a stream
    // that only arrives once the production has finished cannot get past this point.
    let releaseSecond: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      releaseSecond = resolve;
    });
    const engine = env.LOCAL_ENGINE;
    const original = engine.fetch.bind(engine);
    let pieces = 0;
    vi.spyOn(engine, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith("/synthesize") && ++pieces === 2) await held;
      return original(input as RequestInfo, init);
    });
    const ctx = createExecutionContext();
    const response = await worker.fetch(new Request("https://sexyvoice.test/api/generate-voice/stream", jsonRequest("POST", { text: longText(uniqueTag()), voice: "Kore" }, user.token)), env, ctx);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let seen = "";
    while (!seen.includes("event: audio")) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    expect(seen).toContain("event: audio");
    expect(seen).not.toContain("event: done");
    releaseSecond();
    let rest = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    await waitOnExecutionContext(ctx);
    expect(rest).toContain("event: done");
  });

  it("answers validation errors as ordinary JSON before any stream", async () => {
    const user = await newUser();
    const response = await call("/api/generate-voice/stream", jsonRequest("POST", { text: "   ", voice: "Kore" }, user.token));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe("text");
  });

  it("streams Gemini through the SDK's streaming call: each chunk's PCM in order, priced from the usage of the last chunk", async () => {
    const user = await newUser();
    const pcmChunk = (value: number) => btoa(String.fromCharCode(...new Uint8Array(4_800).fill(value)));
    const seen = interceptFetch((request) => {
      if (!request.url.includes(":streamGenerateContent")) return undefined;
      const chunks = [1, 2, 3].map((n, i) => ({
        candidates: [{ content: { role: "model", parts: [{ inlineData: { mimeType: "audio/L16;codec=pcm;rate=24000", data: pcmChunk(n) } }] }, ...(i === 2 ? { finishReason: "STOP" } : {}) }],
        ...(i === 2 ? { usageMetadata: { totalTokenCount: 100 } } : {}),
      }));
      return new Response(chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`).join(""), { headers: { "content-type": "text/event-stream" } });
    });
    const { events } = await stream(user.token, { text: `Hello ${uniqueTag()} there`, voice: "Zephyr" }, withVars({ GEMINI_API_KEY: "test-gemini-key" }));
    expect(new URL(seen[0]!.url).pathname).toMatch(/\/models\/gemini-3\.8-flash-lite-tts:streamGenerateContent$/);
    const audio = events.filter((e) => e.event === "audio");
    expect(audio.map((e) => [e.data.encoding, e.data.sampleRate, decode(e.data.data)[0]])).toEqual([
      ["pcm_s16le", 24_000, 1],
      ["pcm_s16le", 24_000, 2],
      ["pcm_s16le", 24_000, 3],
    ]);
    const done = events.at(-1)!.data as { url: string; creditsUsed: number; provider: string };
    expect(done).toMatchObject({ provider: "gemini", creditsUsed: 110 });
    expect(await storedPcm(done.url)).toEqual(concat(audio.map((e) => decode(e.data.data))));
  });

  it("refunds in full and sends an error event when the provider fails in the middle of the stream", async () => {
    const user = await newUser();
    const pcm = btoa(String.fromCharCode(...new Uint8Array(9_600)));
    interceptFetch((request) => {
      if (!request.url.includes(":streamGenerateContent")) return undefined;
      const first = `data: ${JSON.stringify({ candidates: [{ content: { role: "model", parts: [{ inlineData: { mimeType: "audio/L16;codec=pcm;rate=24000", data: pcm } }] } }] })}\r\n\r\n`;
      // One chunk of audio, then the connection drops (error() would discard a queued chunk, so it comes on the next pull).
      let pulls = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulls += 1;
          if (pulls === 1) controller.enqueue(new TextEncoder().encode(first));
          else controller.error(new Error("connection reset by peer"));
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    });
    const { events } = await stream(user.token, { text: longText(uniqueTag()), voice: "Zephyr" }, withVars({ GEMINI_API_KEY: "test-gemini-key" }));
    expect(events.map((e) => e.event)).toEqual(["meta", "audio", "error"]);
    expect(events.at(-1)?.data.code).toBe("provider_unavailable");
    expect(await balanceOf(user.userId)).toBe(10_000);
    expect(await ledgerSum(user.userId)).toBe(10_000);
    const history = await callJson<{ items: unknown[] }>("/api/history", authorized(user.token));
    expect(history.body.items).toEqual([]);
  });

  it("finishes the generation into history and charges it when the client goes away mid-stream", async () => {
    const user = await newUser();
    const ctx = createExecutionContext();
    const response = await worker.fetch(new Request("https://sexyvoice.test/api/generate-voice/stream", jsonRequest("POST", { text: longText(uniqueTag()), voice: "Kore" }, user.token)), env, ctx);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let seen = "";
    while (!seen.includes("event: audio")) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    const meta = parseSse(seen)[0]!.data as { id: string; creditsReserved: number };
    await reader.cancel();
    await waitOnExecutionContext(ctx);
    const row = await env.DB.prepare("SELECT a.credits_used, r.status FROM audio_files a JOIN credit_reservations r ON r.id = a.reservation_id WHERE a.id = ?1")
      .bind(meta.id)
      .first<{ credits_used: number; status: string }>();
    expect(row?.credits_used).toBe(meta.creditsReserved);
    expect(await balanceOf(user.userId)).toBe(10_000 - meta.creditsReserved);
  });

  it("makes one provider call for identical concurrent streams; the second hears the same audio for 0 credits", async () => {
    const [alice, bob] = [await newUser(), await newUser()];
    const text = longText(uniqueTag());
    const synth = vi.spyOn(env.LOCAL_ENGINE, "fetch");
    const [a, b] = await Promise.all([stream(alice.token, { text, voice: "Kore" }), stream(bob.token, { text, voice: "Kore" })]);
    const pieces = (s: { events: Sse[] }) => concat(s.events.filter((e) => e.event === "audio").map((e) => decode(e.data.data)));
    const doneA = a.events.at(-1)!.data as { creditsUsed: number };
    const doneB = b.events.at(-1)!.data as { creditsUsed: number };
    expect([a.events.at(-1)?.event, b.events.at(-1)?.event]).toEqual(["done", "done"]);
    expect([doneA.creditsUsed, doneB.creditsUsed].sort((x, y) => x - y)[0]).toBe(0);
    expect(doneA.creditsUsed + doneB.creditsUsed).toBeGreaterThan(0);
    expect(pieces(a)).toEqual(pieces(b));
    const calls = synth.mock.calls.filter(([input]) => String(input instanceof Request ? input.url : input).endsWith("/synthesize")).length;
    expect(calls).toBe(a.events.filter((e) => e.event === "audio").length);
    expect((await balanceOf(alice.userId)) + (await balanceOf(bob.userId))).toBe(20_000 - doneA.creditsUsed - doneB.creditsUsed);
  });

  it("streams a cache hit at once for 0 credits", async () => {
    const user = await newUser();
    const text = longText(uniqueTag());
    const first = await stream(user.token, { text, voice: "Kore" });
    const firstPcm = concat(first.events.filter((e) => e.event === "audio").map((e) => decode(e.data.data)));
    const before = await balanceOf(user.userId);
    const synth = vi.spyOn(env.LOCAL_ENGINE, "fetch");
    const again = await stream(user.token, { text, voice: "Kore" });
    expect(again.events[0]?.data).toMatchObject({ cached: true, creditsReserved: 0 });
    expect(again.events.at(-1)?.data).toMatchObject({ cached: true, creditsUsed: 0 });
    expect(concat(again.events.filter((e) => e.event === "audio").map((e) => decode(e.data.data)))).toEqual(firstPcm);
    expect(synth).not.toHaveBeenCalled();
    expect(await balanceOf(user.userId)).toBe(before);
  });
});
