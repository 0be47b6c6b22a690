// Real-time calls (PRODUCT §8): the call token (claims decoded and checked), every refusal, the
// agent endpoint and its token, the LiveKit webhook, and the CallMeter driven directly with its
// alarms run by the test: bucket debits, running out of credits, the free allowance across two
// calls, no agent, a missed participant_left found by the room-service poll, a restart, and many
// replayed end events. The room service is a fake behind the fetch spy; the ledger is real.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { decodeJwt } from "jose";
import { describe, expect, it, vi } from "vitest";
import { CallMeter, type MeterState } from "../worker/objects/call-meter";
import { mintAgentToken } from "../worker/providers/livekit";
import { authorized, call, callJson, jsonRequest, withVars } from "./support/app";
import { balanceOf, ledgerSum, newUser, type TestUser } from "./support/factories";
import { KIND, LIVEKIT, RoomServiceFake, webhookAuthorization, webhookEvent } from "./support/livekit";

type TokenBody = { token: string; url: string; roomName: string; sessionId: string; maxDurationSeconds: number; creditsRemaining: number };
type ErrorBody = { error: { code: string; field?: string } };

const requestToken = (user: TestUser, body: Record<string, unknown> = { voice: "coral" }, bindings?: Env) => callJson<TokenBody & ErrorBody>("/api/call-token", jsonRequest("POST", body, user.token), bindings);

const meterOf = (sessionId: string) => env.CALL_METER.get(env.CALL_METER.idFromName(sessionId));

const sessionRow = (id: string) =>
  env.DB.prepare("SELECT status, end_reason, duration_seconds, billed_seconds, credits_used FROM call_sessions WHERE id = ?1")
    .bind(id)
    .first<{ status: string; end_reason: string | null; duration_seconds: number; billed_seconds: number; credits_used: number }>();

const callDebits = async (userId: string, sessionId: string) =>
  (
    await env.DB.prepare("SELECT amount, idempotency_key, balance_after FROM credit_transactions WHERE user_id = ?1 AND operation = ?2 ORDER BY rowid")
      .bind(userId, `call:${sessionId}`)
      .all<{ amount: number; idempotency_key: string; balance_after: number }>()
  ).results;

/** A started call: token issued, the room exists in the fake with caller and agent, both joined `agoSeconds` ago. */
async function liveCall(user: TestUser, rooms: RoomServiceFake, agoSeconds: number) {
  const { body } = await requestToken(user);
  const at = Date.now() - agoSeconds * 1000;
  rooms.rooms.set(body.roomName, [
    { identity: user.userId, kind: KIND.standard },
    { identity: "agent-AJ_1", kind: KIND.agent },
  ]);
  const meter = meterOf(body.sessionId);
  await meter.event(body.sessionId, { type: "joined", role: "caller", at });
  await meter.event(body.sessionId, { type: "joined", role: "agent", at });
  return { ...body, meter };
}

describe("POST /api/call-token", () => {
  it("mints a token for the caller only: identity, room, microphone-only publishing, the agent dispatch with just the session id, minutes of validity", async () => {
    const user = await newUser({ paid: true });
    const { status, body } = await requestToken(user, { voice: "coral", presetId: "language-tutor", language: "de" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ url: LIVEKIT.url, roomName: `call-${body.sessionId}`, maxDurationSeconds: 3600, creditsRemaining: 10_001 });
    const claims = decodeJwt(body.token) as Record<string, unknown> & {
      video: Record<string, unknown>;
      roomConfig: { agents: { agentName: string; metadata: string }[] };
      nbf: number;
      exp: number;
    };
    expect(claims.sub).toBe(user.userId);
    expect(claims.iss).toBe(LIVEKIT.apiKey);
    expect(claims.video).toEqual({ roomJoin: true, room: body.roomName, canPublish: true, canPublishSources: ["microphone"], canSubscribe: true, canPublishData: true });
    for (const forbidden of ["canUpdateOwnMetadata", "roomAdmin", "roomCreate", "roomList", "roomRecord", "hidden", "agent"]) expect(claims.video).not.toHaveProperty(forbidden);
    expect(claims.roomConfig.agents).toHaveLength(1);
    expect(claims.roomConfig.agents[0]).toMatchObject({ agentName: "sexycall", metadata: JSON.stringify({ sessionId: body.sessionId }) });
    expect(JSON.stringify(claims)).not.toContain("tutor");
    expect(claims.exp - claims.nbf).toBe(300);
    const row = await env.DB.prepare("SELECT status, config FROM call_sessions WHERE id = ?1").bind(body.sessionId).first<{ status: string; config: string }>();
    expect(row?.status).toBe("pending");
    expect(JSON.parse(row?.config ?? "{}")).toMatchObject({ voice: "coral", language: "de", presetId: "language-tutor", model: "gpt-realtime-2.1", temperature: 0.8, maxOutputTokens: 4096 });
  });

  it("refuses below 1,000 credits (402), paid settings for free users (403), unknown voices (404) and bad settings (400)", async () => {
    const poor = await newUser({ balance: 999 });
    expect((await requestToken(poor)).body.error.code).toBe("insufficient_credits");
    const free = await newUser();
    const paidOnly = await requestToken(free, { voice: "coral", instructions: "Be a pirate." });
    expect([paidOnly.status, paidOnly.body.error.code, paidOnly.body.error.field]).toEqual([403, "paid_feature", "instructions"]);
    expect((await requestToken(free, { voice: "coral", temperature: 0.5 })).body.error.code).toBe("paid_feature");
    const noVoice = await requestToken(free, { voice: "Zephyr" });
    expect([noVoice.status, noVoice.body.error.code]).toEqual([404, "voice_not_found"]);
    const paid = await newUser({ paid: true });
    for (const [body, field] of [
      [{ voice: "coral", temperature: 1.5 }, "temperature"],
      [{ voice: "coral", maxOutputTokens: 5000 }, "maxOutputTokens"],
      [{ voice: "coral", language: "xx" }, "language"],
      [{ voice: "coral", model: "gpt-4o-realtime" }, "model"],
      [{ voice: "coral", presetId: "nope" }, "presetId"],
    ] as const) {
      const answer = await requestToken(paid, body);
      expect([answer.status, answer.body.error.code, answer.body.error.field]).toEqual([400, "validation_failed", field]);
    }
    const custom = await requestToken(paid, { voice: "ash", instructions: "Be a pirate.", model: "gemini-3.8-live", temperature: 0.2, maxOutputTokens: 800 });
    expect(custom.status).toBe(200);
  });

  it("refuses a free user whose 300 seconds are used (403), and limits the next call to what is left", async () => {
    const user = await newUser();
    const first = await requestToken(user);
    await env.DB.prepare("UPDATE call_sessions SET status = 'ended', billed_seconds = 240 WHERE id = ?1").bind(first.body.sessionId).run();
    const second = await requestToken(user);
    expect(second.body.maxDurationSeconds).toBe(60);
    await env.DB.prepare("UPDATE call_sessions SET status = 'ended', billed_seconds = 60 WHERE id = ?1").bind(second.body.sessionId).run();
    const third = await requestToken(user);
    expect([third.status, third.body.error.code]).toEqual([403, "call_allowance_exhausted"]);
  });

  it("one live call at a time: an active call is a 409, an unjoined pending one is superseded", async () => {
    const user = await newUser({ paid: true });
    const first = await requestToken(user);
    const second = await requestToken(user);
    expect(second.status).toBe(200);
    expect(await sessionRow(first.body.sessionId)).toMatchObject({ status: "ended", end_reason: "superseded" });
    await env.DB.prepare("UPDATE call_sessions SET status = 'active' WHERE id = ?1").bind(second.body.sessionId).run();
    expect((await requestToken(user)).status).toBe(409);
  });

  it("is a 503 without LiveKit, and call options say why", async () => {
    const user = await newUser({ paid: true });
    const off = withVars({ LIVEKIT_URL: undefined, LIVEKIT_API_KEY: undefined, LIVEKIT_API_SECRET: undefined });
    expect((await requestToken(user, { voice: "coral" }, off)).status).toBe(503);
    const options = await callJson<{ available: boolean; unavailableReason: string; presets: Record<string, unknown>[]; creditsPerMinute: number }>("/api/call-options", {}, off);
    expect(options.body).toMatchObject({ available: false, creditsPerMinute: 1000 });
    expect(options.body.unavailableReason).toContain("LIVEKIT_URL");
    expect(options.body.presets.length).toBeGreaterThan(1);
    for (const preset of options.body.presets) expect(preset).not.toHaveProperty("instructions");
  });

  it("takes presets from SETTINGS_KV when valid, and the built-ins when not", async () => {
    await env.SETTINGS_KV.put("calls:presets", JSON.stringify([{ id: "butler", name: "Butler", description: "Very proper", instructions: "You are a butler.", voice: "echo" }]));
    expect((await callJson<{ presets: { id: string }[] }>("/api/call-options")).body.presets.map((p) => p.id)).toEqual(["butler"]);
    await env.SETTINGS_KV.put("calls:presets", JSON.stringify([{ id: "" }]));
    expect((await callJson<{ presets: { id: string }[] }>("/api/call-options")).body.presets.map((p) => p.id)).toContain("friendly-companion");
    await env.SETTINGS_KV.delete("calls:presets");
  });
});

describe("GET /api/agent/sessions/:id", () => {
  it("answers the agent's token with the session's configuration; refuses user tokens, call tokens, other sessions' and long-lived tokens", async () => {
    const user = await newUser({ paid: true });
    const { body } = await requestToken(user, { voice: "sage", instructions: "Speak like a poet.", language: "fr" });
    const path = `/api/agent/sessions/${body.sessionId}`;
    const agent = await callJson<Record<string, unknown>>(path, { headers: { authorization: `Bearer ${await mintAgentToken(LIVEKIT, body.sessionId)}` } });
    expect(agent.status).toBe(200);
    expect(agent.body).toMatchObject({ sessionId: body.sessionId, instructions: "Speak like a poet.", voice: "sage", language: "fr", model: "gpt-realtime-2.1", status: "pending", caller: { locale: "en" } });
    expect((await call(path, authorized(user.token))).status).toBe(401);
    expect((await call(path, { headers: { authorization: `Bearer ${body.token}` } })).status).toBe(401);
    expect((await call(path, { headers: { authorization: `Bearer ${await mintAgentToken(LIVEKIT, crypto.randomUUID())}` } })).status).toBe(403);
    expect((await call(path, { headers: { authorization: `Bearer ${await mintAgentToken(LIVEKIT, body.sessionId, 3600)}` } })).status).toBe(401);
    const forged = await mintAgentToken({ ...LIVEKIT, apiSecret: "someone-else-s-secret-of-enough-length" }, body.sessionId);
    expect((await call(path, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    const unknown = crypto.randomUUID();
    expect((await call(`/api/agent/sessions/${unknown}`, { headers: { authorization: `Bearer ${await mintAgentToken(LIVEKIT, unknown)}` } })).status).toBe(404);
  });
});

describe("POST /api/webhooks/livekit", () => {
  const post = async (body: string, authorization: string | null) =>
    callJson<{ outcome?: string; error?: { code: string } }>("/api/webhooks/livekit", { method: "POST", headers: authorization === null ? {} : { authorization, "content-type": "application/webhook+json" }, body });

  it("routes a signed participant event to the call's meter; refuses a tampered body, another key and a missing header; a replay is a duplicate", async () => {
    const user = await newUser({ paid: true });
    const { body: call } = await requestToken(user);
    const event = webhookEvent({ event: "participant_joined", room: call.roomName, identity: user.userId, kind: KIND.standard });
    const accepted = await post(event, await webhookAuthorization(event));
    expect([accepted.status, accepted.body.outcome]).toEqual([200, "applied"]);
    expect(await meterOf(call.sessionId).snapshot()).toMatchObject({ callerPresent: true, agentPresent: false, status: "waiting" });
    expect((await post(event, await webhookAuthorization(event))).body.outcome).toBe("duplicate");
    const tampered = event.replace("participant_joined", "participant_left");
    expect((await post(tampered, await webhookAuthorization(event))).status).toBe(401);
    expect((await post(event, await webhookAuthorization(event, "another-secret-that-is-long-enough-xx"))).status).toBe(401);
    expect((await post(event, null)).status).toBe(401);
    expect(await meterOf(call.sessionId).snapshot()).toMatchObject({ callerPresent: true, status: "waiting" });
  });

  it("tells the agent from the caller by participant kind, and acknowledges rooms that are not calls", async () => {
    const user = await newUser({ paid: true });
    const rooms = new RoomServiceFake();
    const { body: call } = await requestToken(user);
    rooms.rooms.set(call.roomName, [
      { identity: user.userId, kind: KIND.standard },
      { identity: "agent-xyz", kind: KIND.agent },
    ]);
    for (const [identity, kind] of [
      [user.userId, KIND.standard],
      ["agent-xyz", KIND.agent],
    ] as const) {
      const event = webhookEvent({ event: "participant_joined", room: call.roomName, identity, kind });
      await post(event, await webhookAuthorization(event));
    }
    expect(await meterOf(call.sessionId).snapshot()).toMatchObject({ callerPresent: true, agentPresent: true, status: "active", bucketsBilled: 1 });
    const other = webhookEvent({ event: "participant_joined", room: "lobby", identity: "x" });
    expect((await post(other, await webhookAuthorization(other))).body.outcome).toBe("ignored");
  });
});

describe("CallMeter", () => {
  it("bills a 95-second call as 4 × 500 at the start of each bucket, then ends it when the caller leaves; the ledger sums to the balance", async () => {
    const user = await newUser({ paid: true });
    const rooms = new RoomServiceFake();
    const live = await liveCall(user, rooms, 95);
    expect(await runDurableObjectAlarm(live.meter)).toBe(true);
    await live.meter.event(live.sessionId, { type: "left", role: "caller", at: Date.now() });
    const debits = await callDebits(user.userId, live.sessionId);
    expect(debits.map((d) => [d.amount, d.idempotency_key])).toEqual([0, 1, 2, 3].map((n) => [-500, `call:${live.sessionId}:bucket:${n}`]));
    expect(debits.map((d) => d.balance_after)).toEqual([9_501, 9_001, 8_501, 8_001]);
    expect(await sessionRow(live.sessionId)).toEqual({ status: "ended", end_reason: "caller_left", duration_seconds: 95, billed_seconds: 120, credits_used: 2000 });
    expect(await balanceOf(user.userId)).toBe(10_001 - 2000);
    expect(await ledgerSum(user.userId)).toBe(await balanceOf(user.userId));
    expect(rooms.calls("DeleteRoom")).toHaveLength(1);
    const usage = await env.DB.prepare("SELECT credits_used, quantity, unit FROM usage_events WHERE type = 'call' AND source_id = ?1").bind(live.sessionId).all();
    expect(usage.results).toEqual([{ credits_used: 2000, quantity: 95, unit: "seconds" }]);
    // The statement shows the call as one line, naming the voice.
    const statement = await callJson<{ items: { kind: string; amount: number; voice: string | null; balanceAfter: number }[] }>("/api/credits/transactions", authorized(user.token));
    expect(statement.body.items[0]).toMatchObject({ kind: "call", amount: -2000, voice: "coral", balanceAfter: 8_001 });
  });

  it("an alarm whose work fails is reported (one JSON line naming the CallMeter) and thrown, so the platform retries it", async () => {
    const user = await newUser({ paid: true });
    const live = await liveCall(user, new RoomServiceFake(), 65);
    await runInDurableObject(live.meter, (instance: object) => {
      vi.spyOn((instance as { env: Env }).env.DB, "prepare").mockImplementation(() => {
        throw new Error("ledger unavailable");
      });
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(runDurableObjectAlarm(live.meter)).rejects.toThrow("ledger unavailable");
    const lines = logged.mock.calls.map((args) => String(args[0])).filter((line) => line.startsWith("{"));
    expect(lines.map((line) => JSON.parse(line))).toContainEqual(expect.objectContaining({ level: "error", message: "ledger unavailable", handler: "CallMeter" }));
  });

  it("ends the room through DeleteRoom when the next bucket cannot be paid", async () => {
    const user = await newUser({ paid: true, balance: 1_200 });
    const rooms = new RoomServiceFake();
    const live = await liveCall(user, rooms, 65);
    await runDurableObjectAlarm(live.meter);
    expect((await callDebits(user.userId, live.sessionId)).map((d) => d.amount)).toEqual([-500, -500]);
    expect(await sessionRow(live.sessionId)).toMatchObject({ status: "ended", end_reason: "insufficient_credits", credits_used: 1000, billed_seconds: 60 });
    expect(await balanceOf(user.userId)).toBe(200);
    expect(rooms.calls("DeleteRoom").map((r) => r.json<{ room: string }>().room)).toEqual([live.roomName]);
    expect(rooms.rooms.has(live.roomName)).toBe(false);
  });

  it("cuts a free user's calls at 300 seconds in total, across two calls", async () => {
    const user = await newUser();
    const rooms = new RoomServiceFake();
    const first = await liveCall(user, rooms, 95);
    await runDurableObjectAlarm(first.meter);
    await first.meter.event(first.sessionId, { type: "left", role: "caller", at: Date.now() });
    expect((await sessionRow(first.sessionId))?.billed_seconds).toBe(120);
    const second = await liveCall(user, rooms, 250);
    await runDurableObjectAlarm(second.meter);
    expect(await sessionRow(second.sessionId)).toMatchObject({ status: "ended", end_reason: "allowance_exhausted", billed_seconds: 180, credits_used: 3000 });
    expect((await requestToken(user)).body.error.code).toBe("call_allowance_exhausted");
    expect(await ledgerSum(user.userId)).toBe(await balanceOf(user.userId));
  });

  it("ends a call whose agent never came within 30 s, charging nothing", async () => {
    const user = await newUser({ paid: true });
    const rooms = new RoomServiceFake();
    const { body } = await requestToken(user);
    rooms.rooms.set(body.roomName, [{ identity: user.userId, kind: KIND.standard }]);
    const meter = meterOf(body.sessionId);
    await meter.event(body.sessionId, { type: "joined", role: "caller", at: Date.now() - 31_000 });
    await runDurableObjectAlarm(meter);
    expect(await sessionRow(body.sessionId)).toMatchObject({ status: "ended", end_reason: "no_agent", credits_used: 0 });
    expect(await callDebits(user.userId, body.sessionId)).toEqual([]);
    expect(rooms.calls("DeleteRoom")).toHaveLength(1);
  });

  it("finds a caller whose participant_left was lost when it asks the room service, and bills nothing for the gap", async () => {
    const user = await newUser({ paid: true });
    const rooms = new RoomServiceFake();
    const live = await liveCall(user, rooms, 10);
    expect((await callDebits(user.userId, live.sessionId)).length).toBe(1);
    // The caller is gone; no webhook says so. Three buckets later the meter wakes up.
    rooms.rooms.set(live.roomName, [{ identity: "agent-AJ_1", kind: KIND.agent }]);
    await runInDurableObject(live.meter, async (_instance, state) => {
      const meter = (await state.storage.get<MeterState>("meter")) as MeterState;
      await state.storage.put("meter", { ...meter, startedAt: Date.now() - 100_000 });
    });
    await runDurableObjectAlarm(live.meter);
    expect(await sessionRow(live.sessionId)).toMatchObject({ status: "ended", end_reason: "caller_left", credits_used: 500 });
    expect(rooms.calls("ListParticipants").length).toBeGreaterThanOrEqual(1);
  });

  it("survives a restart mid-call: a fresh instance continues from storage without billing a bucket twice", async () => {
    const user = await newUser({ paid: true });
    const rooms = new RoomServiceFake();
    const live = await liveCall(user, rooms, 40);
    expect((await callDebits(user.userId, live.sessionId)).length).toBe(2);
    await runInDurableObject(live.meter, async (_instance, state) => {
      const fresh = new CallMeter(state, env);
      await fresh.alarm();
      await fresh.alarm();
      expect((await fresh.snapshot())?.bucketsBilled).toBe(2);
      await fresh.event(live.sessionId, { type: "left", role: "agent", at: Date.now() });
    });
    expect(await sessionRow(live.sessionId)).toMatchObject({ status: "ended", end_reason: "agent_left", credits_used: 1000 });
    expect(await callDebits(user.userId, live.sessionId)).toHaveLength(2);
  });

  it("20 replayed and concurrent end events write one usage event and one ending", async () => {
    const user = await newUser({ paid: true });
    const rooms = new RoomServiceFake();
    const live = await liveCall(user, rooms, 5);
    await Promise.all(Array.from({ length: 20 }, (_, i) => live.meter.event(live.sessionId, i % 2 === 0 ? { type: "left", role: "caller", at: Date.now() } : { type: "room_finished", at: Date.now() })));
    const usage = await env.DB.prepare("SELECT COUNT(*) AS n FROM usage_events WHERE type = 'call' AND source_id = ?1").bind(live.sessionId).first<{ n: number }>();
    expect(usage?.n).toBe(1);
    expect(await sessionRow(live.sessionId)).toMatchObject({ status: "ended", end_reason: "caller_left", credits_used: 500 });
    expect(await ledgerSum(user.userId)).toBe(await balanceOf(user.userId));
    const own = await callJson<{ status: string; endReason: string; creditsUsed: number }>(`/api/calls/${live.sessionId}`, authorized(user.token));
    expect(own.body).toMatchObject({ status: "ended", endReason: "caller_left", creditsUsed: 500 });
    const stranger = await newUser();
    expect((await call(`/api/calls/${live.sessionId}`, authorized(stranger.token))).status).toBe(404);
  });

  it("stops at the maximum call length", async () => {
    const user = await newUser({ paid: true });
    const rooms = new RoomServiceFake();
    const { body } = await requestToken(user);
    await env.DB.prepare("UPDATE call_sessions SET max_duration_seconds = 60 WHERE id = ?1").bind(body.sessionId).run();
    rooms.rooms.set(body.roomName, [
      { identity: user.userId, kind: KIND.standard },
      { identity: "agent", kind: KIND.agent },
    ]);
    const meter = meterOf(body.sessionId);
    const at = Date.now() - 70_000;
    await meter.event(body.sessionId, { type: "joined", role: "caller", at });
    await meter.event(body.sessionId, { type: "joined", role: "agent", at });
    expect(await sessionRow(body.sessionId)).toMatchObject({ status: "ended", end_reason: "max_duration", credits_used: 1000 });
  });
});

describe("the sweep", () => {
  it("ends pending calls nobody joined and has quiet meters reconcile", async () => {
    const { sweepCalls } = await import("../worker/cron/sweep");
    const user = await newUser({ paid: true });
    const rooms = new RoomServiceFake();
    const stale = await requestToken(user);
    await env.DB.prepare("UPDATE call_sessions SET created_at = ?1 WHERE id = ?2")
      .bind(new Date(Date.now() - 20 * 60_000).toISOString(), stale.body.sessionId)
      .run();
    const other = await newUser({ paid: true });
    const live = await liveCall(other, rooms, 5);
    rooms.rooms.delete(live.roomName); // the room is gone and no webhook said so
    await env.DB.prepare("UPDATE call_sessions SET meter_seen_at = ?1 WHERE id = ?2")
      .bind(new Date(Date.now() - 5 * 60_000).toISOString(), live.sessionId)
      .run();
    await runInDurableObject(live.meter, async (_instance, state) => {
      const meter = (await state.storage.get<MeterState>("meter")) as MeterState;
      await state.storage.put("meter", { ...meter, lastPollAt: Date.now() - 120_000 });
    });
    const result = await sweepCalls(env, new Date());
    expect(result.expiredCalls).toBeGreaterThanOrEqual(1);
    expect(result.reconciledCalls).toBeGreaterThanOrEqual(1);
    expect(await sessionRow(stale.body.sessionId)).toMatchObject({ status: "ended", end_reason: "not_joined", credits_used: 0 });
    expect(await sessionRow(live.sessionId)).toMatchObject({ status: "ended", end_reason: "room_finished", credits_used: 500 });
  });
});
