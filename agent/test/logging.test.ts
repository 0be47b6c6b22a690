// The instructions are never logged: the framework's own logger at debug level, captured from
// stdout, through answered calls on both model families (the agent conversing in text mode) and
// through refusals whose Worker answers contain the instructions.
import { initializeLogger, log, voice } from "@livekit/agents";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCall } from "../src/run-call";
import { fakeJobContext, fakeWorker, json, SECRET, sessionConfig, settings } from "./support";

let output = "";
beforeAll(() => {
  initializeLogger({ pretty: false, level: "debug" });
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    output += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  });
});
afterAll(() => {
  vi.restoreAllMocks();
  initializeLogger({ pretty: false, level: "silent" });
});

describe("logs", () => {
  it("never contain the instructions, on answered calls and on refusals", async () => {
    for (const model of ["gpt-realtime-2.1", "gemini-3.8-live"] as const) {
      const { ctx } = fakeJobContext();
      const outcome = await runCall(ctx, {
        settings: settings(),
        log: log(),
        fetch: fakeWorker(json(sessionConfig({ model }))).fetch,
        startCall: async ({ agent }) => {
          const session = new voice.AgentSession({ llm: new voice.testing.FakeLLM([{ input: "hi", content: "Hello Ada" }]) });
          await session.start({ agent });
          (await session.run({ userInput: "hi" }).wait()).expect.containsMessage({ role: "assistant" });
          await session.close();
        },
      });
      expect(outcome.answered).toBe(true);
    }
    const refusals = [
      fakeWorker(json({ ...sessionConfig(), model: "unknown-model" })),
      fakeWorker(() => new Response(`not json: ${SECRET}`)),
      fakeWorker(json(sessionConfig({ status: "ended" }))),
      fakeWorker(json({ error: { message: SECRET } }, 500)),
    ];
    for (const worker of refusals) {
      const { ctx } = fakeJobContext();
      expect((await runCall(ctx, { settings: settings(), log: log(), fetch: worker.fetch, sleep: async () => undefined, startCall: async () => undefined })).answered).toBe(false);
    }

    // The capture works: the framework's debug lines and ours are there.
    expect(output).toContain('"msg":"answering the call"');
    expect(output).toContain('"msg":"refusing the call"');
    expect(output).toContain('"level":20');
    expect(output).not.toContain(SECRET);
  });
});
