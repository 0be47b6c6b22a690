/**
 * The public API against the running product, as a program would use it (issue 13 "Done means"):
 * a key made through the keys API, then the official `openai` SDK with only its base URL changed,
 * and the plain HTTP request the README's curl line sends. The MP3 that comes back is decoded by
 * Chromium's own audio decoder (decodeAudioData), so "plays" means a real decoder accepted it.
 */
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, openPage } from "./helpers.mts";

const browser = browserForFile();

async function apiKeyFor(email: string): Promise<string> {
  const session = await fetch(`${baseUrl()}/api/auth/local`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
  const { accessToken } = (await session.json()) as { accessToken: string };
  const created = await fetch(`${baseUrl()}/api/keys`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ name: "e2e" }) });
  expect(created.status).toBe(201);
  return ((await created.json()) as { key: string }).key;
}

/** Seconds of audio Chromium decodes from these bytes (throws if it cannot decode them). */
async function decodedSeconds(bytes: Uint8Array): Promise<number> {
  const { page, context } = await openPage(browser());
  try {
    await page.goto("/en/");
    return await page.evaluate(async (base64) => {
      const data = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const audio = await new OfflineAudioContext(1, 1, 24_000).decodeAudioData(data.buffer);
      return audio.duration;
    }, Buffer.from(bytes).toString("base64"));
  } finally {
    await context.close();
  }
}

describe("the public API from a program", () => {
  it("the openai SDK with its base URL set to the product gets MP3 that Chromium decodes", async () => {
    const client = new OpenAI({ apiKey: await apiKeyFor(`sdk-${Date.now()}@example.test`), baseURL: `${baseUrl()}/v1` });
    const response = await client.audio.speech.create({ model: "tts-1", voice: "alloy", input: "Hello from the OpenAI SDK, speaking through SexyVoice." });
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    const seconds = await decodedSeconds(new Uint8Array(await response.arrayBuffer()));
    expect(seconds).toBeGreaterThan(1);
    const wav = await client.audio.speech.create({ model: "tts-1", voice: "alloy", input: "Hello from the OpenAI SDK, speaking through SexyVoice.", response_format: "wav" });
    expect(Math.abs((await decodedSeconds(new Uint8Array(await wav.arrayBuffer()))) - seconds)).toBeLessThan(0.2);
  });

  it("the README's curl request (`curl -d`, so form-encoded by its content type) answers audio", async () => {
    const key = await apiKeyFor(`curl-${Date.now()}@example.test`);
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/x-www-form-urlencoded" };
    const response = await fetch(`${baseUrl()}/v1/audio/speech`, { method: "POST", headers, body: JSON.stringify({ model: "tts-1", input: "Hello", voice: "alloy" }) });
    expect(response.status).toBe(200);
    expect(await decodedSeconds(new Uint8Array(await response.arrayBuffer()))).toBeGreaterThan(0.2);
  });
});
