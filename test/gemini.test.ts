// Gemini 3.8 TTS at the HTTP level: configured models, the 3.8 request shape (style in speech
// metadata, no temperature), WAV or PCM answers stored as valid WAV, cut-off answers refunded and
// never cached, and inline vocal tags (free of charge, never read aloud by the local engine).
import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { call, callJson, jsonRequest, withVars } from "./support/app";
import { balanceOf, newUser, tenWords, uniqueTag } from "./support/factories";
import { interceptFetch } from "./support/http";
import { gemini, geminiAudio, geminiError, geminiModelOf } from "./support/providers";

interface Generated {
  id: string;
  url: string;
  model: string;
  cached: boolean;
  creditsUsed: number;
  durationSeconds: number;
  error: { code: string; message: string; field?: string };
}
interface SentRequest {
  contents: { parts: { text: string; speechMetadata?: { style?: string } }[] }[];
  generationConfig: { speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: string } } }; temperature?: number; seed?: number };
}

const GEMINI = withVars({ GEMINI_API_KEY: "test-gemini-key" });
const generate = (token: string, body: Record<string, unknown>, bindings: Env = GEMINI) => callJson<Generated>("/api/generate-voice", jsonRequest("POST", body, token), bindings);
const fetchAudio = async (url: string) => new Uint8Array(await (await call(new URL(url).pathname + new URL(url).search, {}, GEMINI)).arrayBuffer());

describe("Gemini models", () => {
  it("free users speak through Flash-Lite TTS by default, and health shows the models in use", async () => {
    const user = await newUser();
    const seen = interceptFetch(gemini(() => geminiAudio(30)));
    const { body } = await generate(user.token, { text: tenWords(uniqueTag()), voice: "Kore" });
    expect(body.model).toBe("gemini-3.8-flash-lite-tts");
    expect(seen.map(geminiModelOf)).toEqual(["gemini-3.8-flash-lite-tts"]);
    const health = await callJson<{ models: { gemini: { free: string; paid: string } } }>("/api/health", {}, GEMINI);
    expect(health.body.models.gemini).toEqual({ free: "gemini-3.8-flash-lite-tts", paid: "gemini-3.8-flash-tts" });
  });

  it("model ids come from configuration, so a retirement is a config change", async () => {
    const user = await newUser();
    const bindings = withVars({ GEMINI_API_KEY: "test-gemini-key", GEMINI_TTS_MODEL_FREE: "gemini-9-tts", GEMINI_TTS_MODEL_PAID: "gemini-9-pro-tts" });
    const seen = interceptFetch(gemini(() => geminiAudio(30)));
    const { body } = await generate(user.token, { text: tenWords(uniqueTag()), voice: "Kore" }, bindings);
    expect(body.model).toBe("gemini-9-tts");
    expect(seen.map(geminiModelOf)).toEqual(["gemini-9-tts"]);
    expect((await callJson<{ models: { gemini: unknown } }>("/api/health", {}, bindings)).body.models.gemini).toEqual({ free: "gemini-9-tts", paid: "gemini-9-pro-tts" });
  });

  it("a free user's model falls back to the other once on a 503, and the fallback is what is charged and named", async () => {
    const user = await newUser();
    const seen = interceptFetch(gemini((model) => (model === "gemini-3.8-flash-lite-tts" ? geminiError(503, "overloaded") : geminiAudio(40))));
    const { status, body } = await generate(user.token, { text: tenWords(uniqueTag()), voice: "Kore" });
    expect(status).toBe(200);
    expect(seen.map(geminiModelOf)).toEqual(["gemini-3.8-flash-lite-tts", "gemini-3.8-flash-tts"]);
    expect(body).toMatchObject({ model: "gemini-3.8-flash-tts", creditsUsed: 44 });
  });

  it("temperature is sent only to a model configured as accepting it", async () => {
    const user = await newUser({ paid: true });
    const bindings = withVars({ GEMINI_API_KEY: "test-gemini-key", GEMINI_TTS_MODEL_PAID: "gemini-legacy-tts", GEMINI_TTS_TEMPERATURE_MODELS: "gemini-legacy-tts, other" });
    const seen = interceptFetch(gemini(() => geminiAudio(30)));
    await generate(user.token, { text: tenWords(uniqueTag()), voice: "Kore", temperature: 0.7 }, bindings);
    expect(seen[0]!.json<SentRequest>().generationConfig.temperature).toBe(0.7);
  });
});

describe("the 3.8 request shape", () => {
  it("reads the text verbatim with the style in the part's speech metadata, and names the prebuilt voice", async () => {
    const user = await newUser();
    const seen = interceptFetch(gemini(() => geminiAudio(30)));
    const text = `<sigh> ${tenWords(uniqueTag())}`;
    await generate(user.token, { text, voice: "Charon", style: "tired, slow and warm" });
    const sent = seen[0]!.json<SentRequest>();
    expect(sent.contents[0]!.parts).toEqual([{ text, speechMetadata: { style: "tired, slow and warm" } }]);
    expect(sent.generationConfig.speechConfig.voiceConfig.prebuiltVoiceConfig.voiceName).toBe("Charon");
  });
});

describe("answers", () => {
  it("a complete WAV answer is stored as sent, a raw PCM answer is wrapped: both valid 24 kHz WAV", async () => {
    for (const wav of [true, false]) {
      const user = await newUser();
      interceptFetch(gemini(() => geminiAudio(30, 36_000, { wav })));
      const { body } = await generate(user.token, { text: tenWords(uniqueTag()), voice: "Leda" });
      expect(body.durationSeconds, wav ? "wav" : "pcm").toBe(1.5);
      const audio = await fetchAudio(body.url);
      const view = new DataView(audio.buffer);
      expect(String.fromCharCode(...audio.slice(0, 4)) + String.fromCharCode(...audio.slice(8, 12))).toBe("RIFFWAVE");
      expect(view.getUint32(24, true)).toBe(24_000);
      expect(view.getUint32(40, true)).toBe(72_000);
      expect(audio.byteLength).toBe(44 + 72_000);
    }
  });

  it("an answer that did not finish normally is a 502 provider_truncated: refunded, not stored, not cached", async () => {
    const user = await newUser();
    const text = tenWords(uniqueTag());
    interceptFetch(gemini(() => geminiAudio(30, 48_000, { finishReason: "MAX_TOKENS" })));
    const cut = await generate(user.token, { text, voice: "Puck" });
    expect(cut.status).toBe(502);
    expect(cut.body.error.code).toBe("provider_truncated");
    expect(await balanceOf(user.userId)).toBe(10_000);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM audio_files WHERE user_id = ?1").bind(user.userId).first<{ n: number }>();
    expect(rows?.n).toBe(0);
    const seen = interceptFetch(gemini(() => geminiAudio(30)));
    expect((await generate(user.token, { text, voice: "Puck" })).body.cached).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it("audio far shorter than the text needs is cut off too, and is not retried on the other model", async () => {
    const user = await newUser();
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
    const seen = interceptFetch(gemini(() => geminiAudio(30, 24_000)));
    const { status, body } = await generate(user.token, { text: `${long} ${uniqueTag()}`, voice: "Puck" });
    expect(status).toBe(502);
    expect(body.error.code).toBe("provider_truncated");
    expect(seen).toHaveLength(1);
    expect(await balanceOf(user.userId)).toBe(10_000);
  });
});

describe("inline vocal tags", () => {
  it("cost nothing: they are not words", async () => {
    const user = await newUser();
    const estimate = (text: string) => callJson<{ words: number; credits: number }>("/api/estimate-credits", jsonRequest("POST", { text, voice: "Kore" }, user.token));
    const plain = await estimate("Hello there, my friend.");
    const tagged = await estimate("<sigh> Hello there, <laughs softly> my friend. <whispers>");
    expect({ words: tagged.body.words, credits: tagged.body.credits }).toEqual({ words: plain.body.words, credits: plain.body.credits });
    expect(plain.body.words).toBe(4);
  });

  it("the local engine never reads them aloud", async () => {
    const user = await newUser();
    const engine = vi.spyOn(env.LOCAL_ENGINE, "fetch");
    const { status } = await generate(user.token, { text: `<sigh> Hello <laughs> there ${uniqueTag()}`, voice: "Kore" }, env);
    expect(status).toBe(200);
    const sent = JSON.parse(String(engine.mock.calls[0]?.[1]?.body)) as { text: string };
    expect(sent.text).not.toMatch(/[<>]|sigh|laughs/);
    expect(sent.text).toMatch(/^Hello there /);
  });
});
