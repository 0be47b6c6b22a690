// One job end to end against a fake Worker and a fake job context: the configuration fetched and
// mapped to each model family's plugin, and every way the job is refused (it never joins).
import * as google from "@livekit/agents-plugin-google";
import * as openai from "@livekit/agents-plugin-openai";
import { describe, expect, it } from "vitest";
import { MODEL_FAMILY, OPENAI_TRANSCRIPTION_MODEL } from "../src/models";
import { type CallDeps, runCall, type StartCallInput } from "../src/run-call";
import { fakeJobContext, fakeWorker, json, recordingLog, recordingSleep, SECRET, sessionConfig, settings } from "./support";

const optionsOf = (model: unknown) => (model as { _options: Record<string, unknown> })._options;

function deps(worker: ReturnType<typeof fakeWorker>, extra: Partial<CallDeps> = {}) {
  const started: StartCallInput[] = [];
  const log = recordingLog();
  const { waits, sleep } = recordingSleep();
  const all: CallDeps = { settings: settings(), log, fetch: worker.fetch, sleep, startCall: async (input) => void started.push(input), ...extra };
  return { deps: all, started, log, waits };
}

describe("runCall: configuration mapped per model family", () => {
  it.each(["gpt-realtime-2.1", "gpt-realtime-2.1-mini"] as const)("%s → the OpenAI realtime plugin with voice, max output tokens and language", async (model) => {
    const worker = fakeWorker(json(sessionConfig({ model, voice: "coral", maxOutputTokens: 1234, language: "de", temperature: 0.6 })));
    const { ctx, calls } = fakeJobContext();
    const run = deps(worker);
    expect(await runCall(ctx, run.deps)).toEqual({ answered: true, sessionId: "sess-1" });
    expect(calls).toEqual({ connect: 1, waitForParticipant: 1, shutdown: [] });
    const [started] = run.started;
    expect(started?.callerIdentity).toBe("user-ada");
    expect(started?.plan.family).toBe("openai");
    expect(started?.model).toBeInstanceOf(openai.realtime.RealtimeModel);
    expect(optionsOf(started?.model)).toMatchObject({
      model,
      voice: "coral",
      apiKey: "sk-test-openai",
      maxResponseOutputTokens: 1234,
      inputAudioTranscription: { model: OPENAI_TRANSCRIPTION_MODEL, language: "de" },
    });
    // The GA Realtime API has no temperature: it is not sent.
    expect(optionsOf(started?.model)).not.toHaveProperty("temperature");
    expect(started?.agent.instructions).toContain(SECRET);
    expect(started?.agent.instructions).toContain("Speak German (language code de)");
  });

  it("gemini-3.8-live → the Google realtime plugin with the mapped voice, temperature and max output tokens", async () => {
    const worker = fakeWorker(json(sessionConfig({ model: "gemini-3.8-live", voice: "coral", temperature: 0.6, maxOutputTokens: 1234, language: "fr" })));
    const { ctx } = fakeJobContext();
    const run = deps(worker);
    expect(await runCall(ctx, run.deps)).toMatchObject({ answered: true });
    const [started] = run.started;
    expect(started?.plan.family).toBe("google");
    expect(started?.model).toBeInstanceOf(google.realtime.RealtimeModel);
    expect(optionsOf(started?.model)).toMatchObject({ model: "gemini-3.8-live", voice: "Aoede", apiKey: "test-google-key", temperature: 0.6, maxOutputTokens: 1234 });
    // Gemini Live audio models choose the language from the instructions.
    expect(optionsOf(started?.model).language).toBeUndefined();
    expect(started?.agent.instructions).toContain("Speak French (language code fr)");
  });

  it("covers every call model", () => {
    expect(Object.keys(MODEL_FAMILY).sort()).toEqual(["gemini-3.8-live", "gpt-realtime-2.1", "gpt-realtime-2.1-mini"]);
  });

  it("takes an unknown voice with the fallback and a warning", async () => {
    const { ctx } = fakeJobContext();
    const run = deps(fakeWorker(json(sessionConfig({ voice: "marin" }))));
    await runCall(ctx, run.deps);
    expect(optionsOf(run.started[0]?.model).voice).toBe("alloy");
    expect(run.log.entries).toContainEqual({ level: "warn", fields: { sessionId: "sess-1", voice: "marin" }, message: "unknown call voice; using the fallback voice" });
  });
});

describe("runCall: refusals (the job leaves without joining)", () => {
  const refusedWith = async (reason: string, worker: ReturnType<typeof fakeWorker>, context = fakeJobContext(), extra: Partial<CallDeps> = {}) => {
    const run = deps(worker, extra);
    const outcome = await runCall(context.ctx, run.deps);
    expect(outcome).toMatchObject({ answered: false, refusal: { reason } });
    expect(context.calls.shutdown).toEqual([`refused: ${reason}`]);
    expect(run.started).toEqual([]);
    expect(run.log.entries.at(-1)).toMatchObject({ level: "warn", message: "refusing the call", fields: { reason } });
    return { ...run, calls: context.calls };
  };

  it("refuses metadata that is not {sessionId} without asking the Worker", async () => {
    const worker = fakeWorker(json(sessionConfig()));
    const { calls } = await refusedWith("bad_metadata", worker, fakeJobContext({ metadata: "call me" }));
    expect(worker.requests).toEqual([]);
    expect(calls.connect).toBe(0);
  });

  it("refuses an unknown session (404)", async () => {
    const { calls } = await refusedWith("unknown_session", fakeWorker(json({ error: { code: "not_found" } }, 404)));
    expect(calls.connect).toBe(0);
  });

  it.each(["ended", "failed"] as const)("refuses a session that has %s", async (status) => {
    const { calls } = await refusedWith("session_finished", fakeWorker(json(sessionConfig({ status }))));
    expect(calls.connect).toBe(0);
  });

  it("refuses after 3 attempts with backoff when the Worker cannot be reached", async () => {
    const worker = fakeWorker(() => Promise.reject(new TypeError("fetch failed", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) })));
    const { waits, calls } = await refusedWith("unreachable", worker);
    expect(worker.requests).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
    expect(calls.connect).toBe(0);
  });

  it("refuses a session of another room, and a model whose provider has no key", async () => {
    await refusedWith("room_mismatch", fakeWorker(json(sessionConfig())), fakeJobContext({ roomName: "call-other" }));
    await refusedWith("no_model_key", fakeWorker(json(sessionConfig({ model: "gemini-3.8-live" }))), fakeJobContext(), { settings: settings({ googleApiKey: undefined }) });
    await refusedWith("no_model_key", fakeWorker(json(sessionConfig())), fakeJobContext(), { settings: settings({ openaiApiKey: undefined }) });
  });

  it("leaves when the caller never joins", async () => {
    const { calls } = await refusedWith("caller_absent", fakeWorker(json(sessionConfig())), fakeJobContext({ callerIdentity: null }), { callerJoinTimeoutMs: 20 });
    expect(calls.connect).toBe(1);
  });
});
