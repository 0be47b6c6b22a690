/**
 * Test helpers: a call configuration, settings, a recording logger, a fake Worker (a fetch that
 * records its requests) and a fake job context that records what the job did.
 */
import type { AgentSessionConfig } from "../src/contract";
import type { Log } from "../src/log";
import type { CallJobContext } from "../src/run-call";
import type { AgentSettings } from "../src/settings";

/** Appears in every configuration's instructions; no log line may ever contain it. */
export const SECRET = "SECRET-INSTRUCTIONS-7f3a";

export const LIVEKIT = { apiKey: "APIagenttest", apiSecret: "agent-test-secret-with-at-least-32-chars" };

export const settings = (overrides: Partial<AgentSettings> = {}): AgentSettings => ({
  livekitUrl: "wss://livekit.test",
  livekitApiKey: LIVEKIT.apiKey,
  livekitApiSecret: LIVEKIT.apiSecret,
  openaiApiKey: "sk-test-openai",
  googleApiKey: "test-google-key",
  apiUrl: "https://app.test",
  agentName: "sexycall",
  ...overrides,
});

export const sessionConfig = (overrides: Partial<AgentSessionConfig> = {}): AgentSessionConfig => ({
  sessionId: "sess-1",
  roomName: "call-sess-1",
  status: "pending",
  instructions: `${SECRET}: you are Luna, a warm late-night radio host.`,
  model: "gpt-realtime-2.1",
  voice: "coral",
  temperature: 0.6,
  maxOutputTokens: 1234,
  language: "de",
  caller: { displayName: "Ada", locale: "de" },
  maxDurationSeconds: 600,
  ...overrides,
});

export interface LogEntry {
  level: keyof Log;
  fields: object;
  message: string;
}

export function recordingLog(): Log & { entries: LogEntry[]; text(): string } {
  const entries: LogEntry[] = [];
  const at = (level: keyof Log) => (fields: object, message: string) => void entries.push({ level, fields, message });
  return { entries, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), text: () => JSON.stringify(entries) };
}

export interface RecordedRequest {
  url: string;
  authorization: string | null;
}

/** A fake Worker: answers each request with the next responder (the last one repeats). */
export function fakeWorker(...responders: Array<() => Response | Promise<Response>>) {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    requests.push({ url: String(input), authorization: new Headers(init?.headers).get("authorization") });
    const responder = responders[Math.min(requests.length - 1, responders.length - 1)];
    if (responder === undefined) throw new Error("no responder");
    return responder();
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

export const json =
  (body: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

export function fakeJobContext(options: { metadata?: string; roomName?: string; callerIdentity?: string | null } = {}) {
  const calls = { connect: 0, waitForParticipant: 0, shutdown: [] as string[] };
  const ctx: CallJobContext = {
    job: { id: "AJ_test", metadata: options.metadata ?? JSON.stringify({ sessionId: "sess-1" }), room: { name: options.roomName ?? "call-sess-1" } },
    connect: async () => {
      calls.connect += 1;
    },
    waitForParticipant: () => {
      calls.waitForParticipant += 1;
      // null: the caller never comes.
      return options.callerIdentity === null ? new Promise(() => undefined) : Promise.resolve({ identity: options.callerIdentity ?? "user-ada" });
    },
    shutdown: (reason = "") => {
      calls.shutdown.push(reason);
    },
  };
  return { ctx, calls };
}

/** The recorded sleeps instead of real waits. */
export function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}
