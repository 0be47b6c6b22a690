// Fetching the configuration from the Worker: the request and its token (checked by the Worker's
// own verifier), each refusal, the bounded retry against a closed port and a silent server.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { verifyAgentToken } from "../../worker/providers/livekit";
import { fetchSessionConfig, parseDispatchMetadata, refusalFor } from "../src/session-config";
import { fakeWorker, json, LIVEKIT, recordingLog, recordingSleep, SECRET, sessionConfig } from "./support";

const options = (extra: Partial<Parameters<typeof fetchSessionConfig>[1]> = {}) => ({
  apiUrl: "https://app.test",
  apiKey: LIVEKIT.apiKey,
  apiSecret: LIVEKIT.apiSecret,
  log: recordingLog(),
  ...extra,
});

describe("parseDispatchMetadata", () => {
  it("reads {sessionId} and nothing else", () => {
    expect(parseDispatchMetadata(JSON.stringify({ sessionId: "0b7c-42" }))).toEqual({ sessionId: "0b7c-42" });
    for (const bad of ["", "not json", "null", "[]", JSON.stringify({}), JSON.stringify({ sessionId: 7 }), JSON.stringify({ sessionId: "../admin" })]) {
      expect(parseDispatchMetadata(bad)).toBeNull();
    }
    expect(parseDispatchMetadata(undefined)).toBeNull();
  });
});

describe("fetchSessionConfig", () => {
  it("GETs /api/agent/sessions/:id with a bearer token the Worker's verifier accepts for that session", async () => {
    const worker = fakeWorker(json(sessionConfig()));
    const outcome = await fetchSessionConfig("sess-1", options({ fetch: worker.fetch }));
    expect(outcome).toEqual({ ok: true, config: sessionConfig() });
    expect(worker.requests).toHaveLength(1);
    const [request] = worker.requests;
    expect(request?.url).toBe("https://app.test/api/agent/sessions/sess-1");
    const token = /^Bearer (\S+)$/.exec(request?.authorization ?? "")?.[1] ?? "";
    expect(await verifyAgentToken({ url: "wss://livekit.test", ...LIVEKIT }, token)).toBe("sess-1");
  });

  it.each([
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "unknown_session"],
    [400, "rejected"],
  ] as const)("refuses at once on HTTP %i (%s), without retrying", async (status, reason) => {
    const worker = fakeWorker(json({ error: { code: "x" } }, status));
    const { waits, sleep } = recordingSleep();
    const outcome = await fetchSessionConfig("sess-1", options({ fetch: worker.fetch, sleep }));
    expect(outcome).toEqual({ ok: false, refusal: { reason, detail: `HTTP ${status}` } });
    expect(worker.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("retries 5xx and 429 with backoff and takes the answer when it comes", async () => {
    const worker = fakeWorker(json({}, 503), json({}, 429), json(sessionConfig()));
    const { waits, sleep } = recordingSleep();
    const outcome = await fetchSessionConfig("sess-1", options({ fetch: worker.fetch, sleep }));
    expect(outcome.ok).toBe(true);
    expect(worker.requests).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
  });

  it("refuses a malformed answer, or one for another session, naming fields but never values", async () => {
    const log = recordingLog();
    const broken = fakeWorker(json({ ...sessionConfig(), model: "gpt-4o-realtime", maxOutputTokens: "many" }));
    const outcome = await fetchSessionConfig("sess-1", options({ fetch: broken.fetch, log }));
    expect(outcome).toEqual({ ok: false, refusal: { reason: "invalid_config", detail: "unexpected fields: model, maxOutputTokens" } });
    const notJson = fakeWorker(() => new Response(`<html>${SECRET}</html>`, { status: 200 }));
    expect(await fetchSessionConfig("sess-1", options({ fetch: notJson.fetch, log }))).toEqual({ ok: false, refusal: { reason: "invalid_config", detail: "the answer is not JSON" } });
    const other = fakeWorker(json(sessionConfig({ sessionId: "sess-2" })));
    expect(await fetchSessionConfig("sess-1", options({ fetch: other.fetch, log }))).toMatchObject({ ok: false, refusal: { reason: "invalid_config" } });
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
    expect(log.text()).not.toContain(SECRET);
  });

  describe("when the Worker cannot be reached", () => {
    let server: Server | undefined;
    afterEach(async () => {
      server?.closeAllConnections();
      server?.close();
      server = undefined;
    });

    it("tries 3 times with backoff against a closed port, then refuses as unreachable", async () => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1");
      await once(probe, "listening");
      const { port } = probe.address() as AddressInfo;
      probe.close();
      await once(probe, "close");
      const log = recordingLog();
      const { waits, sleep } = recordingSleep();
      const outcome = await fetchSessionConfig("sess-1", options({ apiUrl: `http://127.0.0.1:${port}`, log, sleep }));
      expect(outcome).toMatchObject({ ok: false, refusal: { reason: "unreachable" } });
      expect(outcome.ok === false && outcome.refusal.detail).toMatch(/^3 attempts; last: TypeError: ECONNREFUSED/);
      expect(waits).toEqual([500, 1000]);
      expect(log.entries.filter((entry) => entry.message === "the Worker could not be reached")).toHaveLength(3);
    });

    it("gives up on a Worker that never answers, after each attempt's timeout", async () => {
      let received = 0;
      server = createServer(() => {
        received += 1; // never answers
      });
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
      const { port } = server.address() as AddressInfo;
      const { waits, sleep } = recordingSleep();
      const outcome = await fetchSessionConfig("sess-1", options({ apiUrl: `http://127.0.0.1:${port}`, timeoutMs: 100, sleep }));
      expect(outcome).toMatchObject({ ok: false, refusal: { reason: "unreachable", detail: "3 attempts; last: TimeoutError: The operation was aborted due to timeout" } });
      expect(received).toBe(3);
      expect(waits).toEqual([500, 1000]);
    });
  });
});

describe("refusalFor", () => {
  it("takes pending and active sessions in their own room; refuses ended, failed and another room's", () => {
    expect(refusalFor(sessionConfig({ status: "pending" }), "call-sess-1")).toBeNull();
    expect(refusalFor(sessionConfig({ status: "active" }), "call-sess-1")).toBeNull();
    expect(refusalFor(sessionConfig({ status: "ended" }), "call-sess-1")).toEqual({ reason: "session_finished", detail: "status ended" });
    expect(refusalFor(sessionConfig({ status: "failed" }), "call-sess-1")).toEqual({ reason: "session_finished", detail: "status failed" });
    expect(refusalFor(sessionConfig(), "call-other")).toMatchObject({ reason: "room_mismatch" });
  });
});
