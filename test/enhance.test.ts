// Text enhancement (issue 9 §3): a Gemini text model adds expressive tags, checked at the HTTP
// level (model in the path, no sampling parameters, the voice's tags in the instruction); the
// answer is refused when it changes the words or uses other tags; a per-day cap and a per-minute
// rate limit; 503 feature_unavailable without a Gemini key. No credits are ever taken.
import { describe, expect, it } from "vitest";
import { callJson, jsonRequest, authorized, withVars } from "./support/app";
import { balanceOf, newUser } from "./support/factories";
import { interceptFetch } from "./support/http";

const GEMINI = withVars({ GEMINI_API_KEY: "test-gemini-key", ENHANCE_DAILY_LIMIT: "3" });
const TEXT = "Well, I did not expect that. Honestly, it is wonderful.";

/** Gemini answers each generateContent with `reply(userText)`. */
function textModel(reply: (text: string) => string) {
  return interceptFetch(async (request) => {
    const url = new URL(request.url);
    if (url.host !== "generativelanguage.googleapis.com") return undefined;
    const body = (await request.json()) as { contents: { parts: { text: string }[] }[] };
    const text = body.contents[0]?.parts[0]?.text ?? "";
    return Response.json({ candidates: [{ content: { role: "model", parts: [{ text: reply(text) }] }, finishReason: "STOP" }], usageMetadata: { totalTokenCount: 40 } });
  });
}

type Enhanced = { text: string; tagsAdded: number; remainingToday: number; dailyLimit: number; error?: { code: string } };
const enhance = (token: string, body: Record<string, unknown>, bindings = GEMINI) => callJson<Enhanced>("/api/enhance-text", jsonRequest("POST", body, token), bindings);

describe("POST /api/enhance-text", () => {
  it("adds the voice's tags through the configured text model, free of credits, and counts the use", async () => {
    const user = await newUser();
    const seen = textModel((text) => text.replace("Well,", "<sigh> Well,").replace("Honestly,", "<laughs> Honestly,"));
    const { status, body } = await enhance(user.token, { text: TEXT, voice: "Zephyr" });
    expect(status).toBe(200);
    expect(body).toEqual({ text: "<sigh> Well, I did not expect that. <laughs> Honestly, it is wonderful.", tagsAdded: 2, remainingToday: 2, dailyLimit: 3 });
    expect(seen).toHaveLength(1);
    expect(new URL(seen[0]!.url).pathname).toMatch(/\/models\/gemini-3\.8-flash:generateContent$/);
    const sent = seen[0]!.json<{ generationConfig?: Record<string, unknown>; systemInstruction: { parts: { text: string }[] } }>();
    expect(sent.generationConfig?.temperature).toBeUndefined();
    expect(sent.systemInstruction.parts[0]?.text).toContain("<whispers>");
    expect(await balanceOf(user.userId)).toBe(10_000);
    const status2 = await callJson<{ available: boolean; remainingToday: number }>("/api/enhance-text", authorized(user.token), GEMINI);
    expect(status2.body).toMatchObject({ available: true, remainingToday: 2 });
  });

  it("offers Orpheus voices their own tags, and the model id is configuration", async () => {
    const user = await newUser();
    const seen = textModel((text) => `<chuckle> ${text}`);
    const bindings = withVars({ GEMINI_API_KEY: "k", GEMINI_TEXT_MODEL: "gemini-4-argon" });
    const { body } = await enhance(user.token, { text: TEXT, voice: "tara" }, bindings);
    expect(body.text.startsWith("<chuckle> ")).toBe(true);
    expect(new URL(seen[0]!.url).pathname).toContain("/models/gemini-4-argon:");
    expect(seen[0]!.json<{ systemInstruction: { parts: { text: string }[] } }>().systemInstruction.parts[0]?.text).toContain("<chuckle>");
  });

  it("discards a suggestion that changes the words or uses another tag, and gives the use back", async () => {
    const user = await newUser();
    textModel((text) => text.replace("wonderful", "marvellous"));
    const changed = await enhance(user.token, { text: TEXT, voice: "Zephyr" });
    expect([changed.status, changed.body.error?.code]).toEqual([502, "provider_error"]);
    textModel((text) => `<screams> ${text}`);
    expect((await enhance(user.token, { text: TEXT, voice: "Zephyr" })).status).toBe(502);
    const status = await callJson<{ remainingToday: number }>("/api/enhance-text", authorized(user.token), GEMINI);
    expect(status.body.remainingToday).toBe(3);
  });

  it("stops at the daily cap with a 429 until midnight UTC", async () => {
    const user = await newUser();
    textModel((text) => `<sigh> ${text}`);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await enhance(user.token, { text: `${TEXT} ${i}`, voice: "Kore" }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((a) => a.body.remainingToday ?? null)).toEqual([2, 1, 0, null]);
    expect(answers[3]!.response.headers.get("retry-after")).toMatch(/^\d+$/);
    // Concurrent claims never pass the cap either.
    const other = await newUser();
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => enhance(other.token, { text: `${TEXT} ${i}`, voice: "Kore" })));
    expect(burst.filter((a) => a.status === 200)).toHaveLength(3);
  });

  it("is rate limited per minute", async () => {
    const user = await newUser();
    textModel((text) => text);
    const bindings = withVars({ GEMINI_API_KEY: "k", ENHANCE_DAILY_LIMIT: "100" });
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await enhance(user.token, { text: `${TEXT} ${i}`, voice: "Kore" }, bindings)).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("is a 503 feature_unavailable without a Gemini key, and says so", async () => {
    const user = await newUser();
    const { status, body } = await enhance(user.token, { text: TEXT, voice: "Zephyr" }, withVars({}));
    expect([status, body.error?.code]).toEqual([503, "feature_unavailable"]);
    const state = await callJson<{ available: boolean; reason: string }>("/api/enhance-text", authorized(user.token));
    expect(state.body.available).toBe(false);
    expect(state.body.reason).toContain("GEMINI_API_KEY");
  });

  it("validates the voice and the text before any model call", async () => {
    const user = await newUser();
    const seen = textModel((text) => text);
    expect((await enhance(user.token, { text: TEXT, voice: "nobody" })).status).toBe(404);
    expect((await enhance(user.token, { text: "   ", voice: "Zephyr" })).body.error?.code).toBe("validation_failed");
    expect((await enhance(user.token, { text: "a ".repeat(600), voice: "Zephyr" })).body.error?.code).toBe("validation_failed");
    expect(seen).toHaveLength(0);
  });
});
