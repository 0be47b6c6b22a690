// Account lifecycle (issue 14 §4, PRODUCT §10): the export holds every section of the user's own
// data and nothing of anyone else's; deletion needs its confirmation, removes what it promises
// (audio rows and objects, their cache entries in KV and Upstash, clone uploads, saved voices and
// their recordings, API keys, the session), keeps the ledger anonymised and another user's shared
// audio playable, is safe to repeat and to interrupt, and the same identity cannot come back.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readConfig } from "../worker/env";
import { createCallSession } from "../worker/db/calls";
import { recordAudioFile } from "../worker/db/audio-files";
import { grant, refund, reserve } from "../worker/db/ledger";
import { BOOTSTRAP_MEMO_TTL_MS } from "../worker/db/profiles";
import { kvAudioCache } from "../worker/services/audio-cache";
import { deleteAccount } from "../worker/services/account";
import { voiceReferenceKey } from "../worker/services/saved-voices";
import type { AccountExport, DeleteAccountResponse } from "../worker/shared/contracts";
import { authorized, call, callJson, jsonRequest, withVars } from "./support/app";
import { voiceWav } from "./support/audio";
import { balanceOf, newUser, tenWords, uniqueTag } from "./support/factories";
import { interceptFetch } from "./support/http";

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
interface Generated {
  id: string;
  url: string;
  cached: boolean;
  creditsUsed: number;
}

afterEach(() => {
  vi.useRealTimers();
});

let nudge = 0;
/** A 12-second recording, unique per call so no cache is shared between tests. */
function recording(): Uint8Array {
  nudge += 1;
  return voiceWav({ seconds: 12, pitchHz: 150 + nudge / 1000 });
}

function generate(token: string, text: string, bindings: Env = env) {
  return callJson<Generated & ErrorBody>("/api/generate-voice", jsonRequest("POST", { text, voice: "Kore" }, token), bindings);
}

async function cloneVoice(token: string, bytes = recording()) {
  const form = new FormData();
  form.set("file", new File([bytes], "me.wav", { type: "audio/wav" }));
  form.set("text", tenWords(uniqueTag()));
  form.set("locale", "en");
  form.set("consent", "true");
  return callJson<Generated & ErrorBody>("/api/clone-voice", authorized(token, { method: "POST", body: form }));
}

async function saveVoice(token: string, name: string) {
  const form = new FormData();
  form.set("file", new File([recording()], "me.wav", { type: "audio/wav" }));
  form.set("name", name);
  form.set("locale", "en");
  form.set("consent", "true");
  return callJson<{ id: string } & ErrorBody>("/api/my-voices", authorized(token, { method: "POST", body: form }));
}

async function createKey(token: string, name = "Script") {
  return callJson<{ id: string; key: string }>("/api/keys", jsonRequest("POST", { name }, token));
}

const play = (url: string) => call(new URL(url).pathname + new URL(url).search);

function deleteMe(token: string, body: unknown = undefined, bindings: Env = env) {
  const init: RequestInit = body === undefined ? authorized(token, { method: "DELETE" }) : jsonRequest("DELETE", body, token);
  return callJson<DeleteAccountResponse & ErrorBody>("/api/me", init, bindings);
}

/** What the Profile page does: asks again while the answer is 202 `in_progress`; returns the last answer and what all of them removed. */
async function deleteUntilDone(token: string, confirm: string, bindings: Env = env) {
  const removed = { audioFiles: 0, audioObjects: 0, keptSharedObjects: 0, cacheEntries: 0, references: 0 };
  const answers: number[] = [];
  for (let attempt = 0; attempt < 80; attempt++) {
    const answer = await deleteMe(token, { confirm }, bindings);
    answers.push(answer.status);
    if (answer.status !== 202) {
      if (answer.status === 200) for (const name of Object.keys(removed) as (keyof typeof removed)[]) removed[name] += answer.body.removed[name];
      return { ...answer, removed, answers };
    }
    for (const name of Object.keys(removed) as (keyof typeof removed)[]) removed[name] += answer.body.removed[name];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`deletion still in progress after ${answers.length} requests`);
}

/** Until the queue has settled every reservation of the user (productions are settled just after their response). */
async function settled(userId: string) {
  await vi.waitFor(async () => expect(await count("SELECT COUNT(*) AS n FROM credit_reservations WHERE user_id = ?1 AND status = 'reserved'", userId)).toBe(0), { timeout: 8_000, interval: 100 });
}

const count = async (sql: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...params)
      .first<{ n: number }>()
  )?.n ?? 0;

/** A user with some of everything: speech, a clone, a saved voice, two keys (one revoked), a call, a payment and a usage event. */
async function richUser(prefix: string) {
  const user = await newUser({ prefix });
  const spoken = await generate(user.token, tenWords(uniqueTag()));
  expect(spoken.status).toBe(200);
  const deletedOne = await generate(user.token, tenWords(uniqueTag()));
  await call(`/api/history/${deletedOne.body.id}`, authorized(user.token, { method: "DELETE" }));
  const cloned = await cloneVoice(user.token);
  expect(cloned.status).toBe(200);
  const voice = await saveVoice(user.token, `Narrator ${uniqueTag()}`);
  expect(voice.status).toBe(201);
  const key = await createKey(user.token, "CI");
  const revoked = await createKey(user.token, "Old");
  await call(`/api/keys/${revoked.body.id}`, authorized(user.token, { method: "DELETE" }));
  const customCall = crypto.randomUUID();
  const presetCall = crypto.randomUUID();
  const config = { model: "gpt-realtime-2.1" as const, voice: "alloy", temperature: 0.8, maxOutputTokens: 800, language: "en" };
  await createCallSession(env.DB, {
    id: customCall,
    userId: user.userId,
    voiceId: "call-alloy",
    config: { ...config, instructions: `Talk like a pirate ${prefix}`, presetId: null },
    maxDurationSeconds: 300,
    freeTier: true,
  });
  await env.DB.prepare("UPDATE call_sessions SET status = 'ended' WHERE id = ?1").bind(customCall).run();
  await createCallSession(env.DB, {
    id: presetCall,
    userId: user.userId,
    voiceId: "call-alloy",
    config: { ...config, instructions: "SECRET PRESET INSTRUCTIONS", presetId: "friendly-chat" },
    maxDurationSeconds: 300,
    freeTier: true,
  });
  const paymentId = `pi_${uniqueTag()}`;
  const payment = await grant(env.DB, { userId: user.userId, amount: 5_000, type: "topup", key: `stripe:payment:${paymentId}`, description: "Top-up" });
  await env.DB.prepare("INSERT INTO billing_payments (id, user_id, kind, package_id, payment_intent_id, amount_cents, currency, credits, transaction_id) VALUES (?1, ?2, 'topup', 'topup-5000', ?1, 500, 'usd', 5000, ?3)")
    .bind(paymentId, user.userId, payment.transactionId)
    .run();
  const subscriptionId = `sub_${uniqueTag()}`;
  await env.DB.prepare("INSERT INTO subscriptions (id, user_id, customer_id, package_id, status, event_created) VALUES (?1, ?2, 'cus_x', 'monthly-10000', 'canceled', 1)").bind(subscriptionId, user.userId).run();
  await env.DB.prepare("INSERT INTO usage_events (id, user_id, type, source_id, provider, model, credits_used, quantity, unit) VALUES (?1, ?2, 'tts', ?3, 'local', 'espeak', 66, 60, 'characters')")
    .bind(crypto.randomUUID(), user.userId, `src-${uniqueTag()}`)
    .run();
  return { ...user, spoken: spoken.body, deletedId: deletedOne.body.id, cloned: cloned.body, voiceId: voice.body.id, key: key.body, revokedKeyId: revoked.body.id, customCall, presetCall, paymentId, subscriptionId };
}

describe("GET /api/me/export", () => {
  it("is one JSON attachment with every section of the user's own data, signed links that play, and no secrets", async () => {
    const alice = await richUser("export");
    const bob = await richUser("export-other");
    const response = await call("/api/me/export", authorized(alice.token));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="sexyvoice-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const data = (await response.json()) as AccountExport;
    const text = JSON.stringify(data);

    expect(data.exportVersion).toBe(1);
    expect(data.profile).toMatchObject({ id: alice.userId, email: alice.email, authProvider: "local", credits: await balanceOf(alice.userId), isPaid: true });
    expect(data.ledger.map((row) => row.type)).toEqual(expect.arrayContaining(["freemium", "usage", "topup"]));
    expect(data.ledger).toHaveLength(await count("SELECT COUNT(*) AS n FROM credit_transactions WHERE user_id = ?1", alice.userId));

    // History: every row, the soft-deleted one too (without a link); live links play.
    expect(data.history.map((row) => row.id).sort()).toEqual([alice.spoken.id, alice.deletedId, alice.cloned.id].sort());
    const spoken = data.history.find((row) => row.id === alice.spoken.id);
    expect(spoken).toMatchObject({ kind: "tts", voice: { id: "gemini-kore", name: "Kore" }, deletedAt: null, format: "wav" });
    expect((await play(spoken?.url ?? "")).status).toBe(200);
    expect(data.history.find((row) => row.id === alice.deletedId)).toMatchObject({ url: null, deletedAt: expect.any(String) });
    expect(data.history.find((row) => row.id === alice.cloned.id)?.kind).toBe("clone");
    expect(Date.parse(data.linksExpireAt) - Date.parse(data.exportedAt)).toBeGreaterThan(59 * 60_000);

    expect(data.usageEvents.length).toBe(await count("SELECT COUNT(*) AS n FROM usage_events WHERE user_id = ?1", alice.userId));
    expect(data.usageEvents.length).toBeGreaterThanOrEqual(1);
    expect(data.savedVoices).toEqual([expect.objectContaining({ id: alice.voiceId, active: true, language: "en", reference: expect.objectContaining({ format: "wav", durationSeconds: 12 }) })]);
    expect(text).not.toContain("voice-reference/");
    expect(text).not.toContain("clone-input/");

    expect(data.apiKeys.map((key) => key.id).sort()).toEqual([alice.key.id, alice.revokedKeyId].sort());
    expect(data.apiKeys.find((key) => key.id === alice.revokedKeyId)?.revokedAt).not.toBeNull();
    const hashes = await env.DB.prepare("SELECT key_hash FROM api_keys WHERE user_id = ?1").bind(alice.userId).all<{ key_hash: string }>();
    for (const { key_hash } of hashes.results) expect(text).not.toContain(key_hash);
    expect(text).not.toContain(alice.key.key.slice(11));

    expect(data.cloneJobs).toEqual([expect.objectContaining({ consent: true, locale: "en", audioFileId: alice.cloned.id, reference: expect.objectContaining({ format: "wav" }) })]);
    expect(data.callSessions.find((s) => s.id === alice.customCall)).toMatchObject({ presetId: null, instructions: "Talk like a pirate export", model: "gpt-realtime-2.1" });
    expect(data.callSessions.find((s) => s.id === alice.presetCall)).toMatchObject({ presetId: "friendly-chat", instructions: null });
    expect(text).not.toContain("SECRET PRESET INSTRUCTIONS");
    expect(data.billing.payments).toEqual([expect.objectContaining({ id: alice.paymentId, amountCents: 500, credits: 5000 })]);
    expect(data.billing.subscriptions).toEqual([expect.objectContaining({ id: alice.subscriptionId, status: "canceled", cancelAtPeriodEnd: false })]);

    // Isolation: nothing of Bob's.
    for (const foreign of [bob.userId, bob.email, bob.spoken.id, bob.cloned.id, bob.voiceId, bob.key.id, bob.customCall, bob.paymentId, bob.subscriptionId, "Talk like a pirate export-other"]) {
      expect(text).not.toContain(foreign);
    }
  });

  it("needs a signed-in user and is refused to an API key", async () => {
    expect((await call("/api/me/export")).status).toBe(401);
    const user = await newUser({ prefix: "export" });
    const key = await createKey(user.token);
    expect((await callJson<ErrorBody>("/api/me/export", authorized(key.body.key))).body.error.code).toBe("session_required");
  });
});

/** A fake Upstash Redis REST endpoint (GET/SET/DEL) that remembers what it holds. */
function fakeUpstash() {
  const store = new Map<string, string>();
  interceptFetch(async (request) => {
    if (new URL(request.url).host !== "redis.test") return undefined;
    const [command, key, value] = (await request.json()) as [string, string, unknown];
    switch (command.toLowerCase()) {
      case "get":
        return Response.json({ result: store.get(key) ?? null });
      case "set":
        store.set(key, typeof value === "string" ? value : JSON.stringify(value));
        return Response.json({ result: "OK" });
      case "del":
        return Response.json({ result: store.delete(key) ? 1 : 0 });
      default:
        return Response.json({ error: `unexpected command ${command}` }, { status: 400 });
    }
  });
  return { store, bindings: withVars({ UPSTASH_REDIS_REST_URL: "https://redis.test", UPSTASH_REDIS_REST_TOKEN: "token" }) };
}

async function cacheKeyOf(audioId: string): Promise<{ cache_key: string; storage_key: string }> {
  const row = await env.DB.prepare("SELECT cache_key, storage_key FROM audio_files WHERE id = ?1").bind(audioId).first<{ cache_key: string; storage_key: string }>();
  if (row === null) throw new Error(`no audio row ${audioId}`);
  return row;
}

describe("DELETE /api/me", () => {
  it("removes the user's audio, cached entries, uploads, saved voices, keys and session; keeps the ledger anonymised and another user's shared audio playable", async () => {
    const upstash = fakeUpstash();
    const alice = await newUser({ prefix: "delete" });
    const bob = await newUser({ prefix: "delete-other" });
    // Alice's own audio, cached in KV and Upstash.
    const own = await generate(alice.token, tenWords(uniqueTag()), upstash.bindings);
    const ownKeys = await cacheKeyOf(own.body.id);
    expect(await env.CACHE_KV.get(`audio:${ownKeys.cache_key}`)).not.toBeNull();
    expect(upstash.store.has(`sexyvoice:audio:${ownKeys.cache_key}`)).toBe(true);
    // Audio Alice produced and Bob then got from the cache: one object, two rows.
    const sharedText = tenWords(uniqueTag());
    const produced = await generate(alice.token, sharedText, upstash.bindings);
    const bobsHit = await generate(bob.token, sharedText, upstash.bindings);
    expect(bobsHit.body.cached).toBe(true);
    const sharedKeys = await cacheKeyOf(produced.body.id);
    const cloned = await cloneVoice(alice.token);
    const cloneRefs = await env.AUDIO_BUCKET.list({ prefix: `clone-input/${alice.userId}/` });
    expect(cloneRefs.objects.length).toBe(1);
    const voice = await saveVoice(alice.token, "My narrator");
    expect(await env.AUDIO_BUCKET.head(voiceReferenceKey(alice.userId, voice.body.id))).not.toBeNull();
    const key = await createKey(alice.token);
    expect((await call("/api/v1/me", authorized(key.body.key))).status).toBe(200);
    await settled(alice.userId);
    const ledgerRows = await count("SELECT COUNT(*) AS n FROM credit_transactions WHERE user_id = ?1", alice.userId);
    const balanceBefore = await balanceOf(alice.userId);
    expect(balanceBefore).toBeGreaterThan(0);

    // The page asks again while the answer is 202 (a generation still settling, a large account).
    const deleted = await deleteUntilDone(alice.token, `  ${alice.email.toUpperCase()} `, upstash.bindings);
    expect(deleted.status).toBe(200);
    expect(deleted.body.status).toBe("deleted");
    expect(deleted.removed).toMatchObject({ audioFiles: 3, audioObjects: 2, keptSharedObjects: 1, references: 2 });
    expect(deleted.removed.cacheEntries).toBeGreaterThanOrEqual(2);

    // Audio rows and objects gone, with their cache entries in both tiers; the clone's too.
    expect(await count("SELECT COUNT(*) AS n FROM audio_files WHERE user_id = ?1", alice.userId)).toBe(0);
    expect(await env.AUDIO_BUCKET.head(ownKeys.storage_key)).toBeNull();
    expect(await env.CACHE_KV.get(`audio:${ownKeys.cache_key}`)).toBeNull();
    expect(upstash.store.has(`sexyvoice:audio:${ownKeys.cache_key}`)).toBe(false);
    expect((await play(own.body.url)).status).toBe(404);
    expect((await play(cloned.body.url)).status).toBe(404);
    // Uploads and saved voices: objects and rows gone, the voice unusable.
    expect((await env.AUDIO_BUCKET.list({ prefix: `clone-input/${alice.userId}/` })).objects).toEqual([]);
    expect((await env.AUDIO_BUCKET.list({ prefix: `voice-reference/${alice.userId}/` })).objects).toEqual([]);
    expect(await count("SELECT COUNT(*) AS n FROM voices WHERE owner_user_id = ?1", alice.userId)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM clone_jobs WHERE user_id = ?1", alice.userId)).toBe(0);
    expect((await callJson<ErrorBody>("/api/generate-voice", jsonRequest("POST", { text: "Hello there", voice: voice.body.id }, bob.token))).status).toBe(404);
    // Keys and the session refused.
    expect((await call("/api/v1/me", authorized(key.body.key))).status).toBe(401);
    expect(await count("SELECT COUNT(*) AS n FROM api_keys WHERE user_id = ?1", alice.userId)).toBe(0);
    const me = await callJson<ErrorBody>("/api/me", authorized(alice.token));
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe("account_deleted");
    expect((await call("/api/history", authorized(alice.token))).status).toBe(401);

    // The profile is an anonymised tombstone; the ledger stays, with one row forfeiting the balance.
    const profile = await env.DB.prepare("SELECT email, display_name, deleted_at FROM profiles WHERE id = ?1").bind(alice.userId).first<Record<string, unknown>>();
    expect(profile).toMatchObject({ email: "", display_name: null, deleted_at: expect.any(String) });
    expect(await count("SELECT COUNT(*) AS n FROM credit_transactions WHERE user_id = ?1", alice.userId)).toBe(ledgerRows + 1);
    const forfeit = await env.DB.prepare("SELECT amount, type, balance_after FROM credit_transactions WHERE user_id = ?1 AND idempotency_key = ?2")
      .bind(alice.userId, `account-deletion:${alice.userId}`)
      .first<Record<string, unknown>>();
    expect(forfeit).toEqual({ amount: -balanceBefore, type: "adjustment", balance_after: 0 });
    expect(await balanceOf(alice.userId)).toBe(0);
    const ledgerSum = await count("SELECT COALESCE(SUM(amount), 0) AS n FROM credit_transactions WHERE user_id = ?1", alice.userId);
    expect(ledgerSum).toBe(0);

    // Bob's copy of the shared audio: object and cache entries stay, his link plays, and a new request is still a cache hit.
    expect(await env.AUDIO_BUCKET.head(sharedKeys.storage_key)).not.toBeNull();
    expect(await env.CACHE_KV.get(`audio:${sharedKeys.cache_key}`)).not.toBeNull();
    expect(upstash.store.has(`sexyvoice:audio:${sharedKeys.cache_key}`)).toBe(true);
    expect((await play(bobsHit.body.url)).status).toBe(200);
    const carol = await newUser({ prefix: "delete-other" });
    const again = await generate(carol.token, sharedText, upstash.bindings);
    expect(again.body).toMatchObject({ cached: true, creditsUsed: 0 });
    expect((await play(again.body.url)).status).toBe(200);
  });

  it("requires the account's email as confirmation: a missing or wrong one is a 400 naming `confirm` and deletes nothing", async () => {
    const user = await newUser({ prefix: "confirm" });
    const spoken = await generate(user.token, tenWords(uniqueTag()));
    const key = await createKey(user.token);
    const missing = await deleteMe(user.token, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: "validation_failed", field: "confirm" });
    const wrong = await deleteMe(user.token, { confirm: "someone-else@example.test" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: "validation_failed", field: "confirm" });
    expect((await deleteMe(user.token, { confirm: "DELETE" })).status).toBe(400);
    expect((await deleteMe(user.token)).status).toBe(415);
    // Nothing happened.
    expect((await callJson("/api/me", authorized(user.token))).status).toBe(200);
    expect((await call("/api/v1/me", authorized(key.body.key))).status).toBe(200);
    expect((await play(spoken.body.url)).status).toBe(200);
    expect(await count("SELECT COUNT(*) AS n FROM profiles WHERE id = ?1 AND deletion_started_at IS NULL", user.userId)).toBe(1);
  });

  it("is refused while a subscription is still charging, until it is cancelled", async () => {
    const user = await newUser({ prefix: "subscribed" });
    await env.DB.prepare("INSERT INTO subscriptions (id, user_id, customer_id, package_id, status, event_created) VALUES (?1, ?2, 'cus_x', 'monthly-10000', 'active', 1)").bind(`sub_${uniqueTag()}`, user.userId).run();
    const refused = await deleteMe(user.token, { confirm: user.email });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "conflict", field: "subscription" });
    expect((await callJson("/api/me", authorized(user.token))).status).toBe(200);
    await env.DB.prepare("UPDATE subscriptions SET cancel_at_period_end = 1 WHERE user_id = ?1").bind(user.userId).run();
    expect((await deleteUntilDone(user.token, user.email)).status).toBe(200);
  });

  it("waits (202 in_progress) for a generation still in flight, then finishes when asked again", async () => {
    const user = await newUser({ prefix: "in-flight" });
    const open = await reserve(env.DB, { userId: user.userId, amount: 66, key: `reserve:${uniqueTag()}`, purpose: "tts", description: "in flight" });
    if (!open.ok) throw new Error("reservation failed");
    const waiting = await deleteMe(user.token, { confirm: user.email });
    expect(waiting.status).toBe(202);
    expect(waiting.body.status).toBe("in_progress");
    // Still signed in, so the repeat can be made; API keys already stopped (none here), nothing new can be deleted twice.
    expect((await callJson("/api/me", authorized(user.token))).status).toBe(200);
    await refund(env.DB, { reservationId: open.reservationId, key: `refund:${open.reservationId}` });
    const done = await deleteMe(user.token, { confirm: user.email });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe("deleted");
    expect(await balanceOf(user.userId)).toBe(0);
  });

  it("finishes after being interrupted half-way (a failing R2 call, then a tiny budget), and a repeat after it is done changes nothing", async () => {
    const user = await newUser({ prefix: "resume" });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await generate(user.token, tenWords(uniqueTag()))).body.id);
    const objects = await Promise.all(ids.map(async (id) => (await cacheKeyOf(id)).storage_key));
    await settled(user.userId);

    // A crash: R2 refuses to delete the audio objects, so the request fails after it began.
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    let failures = 0;
    const failingBucket = new Proxy(env.AUDIO_BUCKET, {
      get(target, property) {
        const value = Reflect.get(target, property) as unknown;
        if (property === "delete") {
          return async (keys: string | string[]) => {
            if ((Array.isArray(keys) ? keys : [keys]).some((k) => k.startsWith("audio/"))) {
              failures += 1;
              throw new Error("R2 is down");
            }
            return target.delete(keys);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const crashed = await call("/api/me", jsonRequest("DELETE", { confirm: user.email }, user.token), { ...env, AUDIO_BUCKET: failingBucket } as Env);
    expect(crashed.status).toBe(500);
    expect(failures).toBeGreaterThan(0);
    expect(await count("SELECT COUNT(*) AS n FROM audio_files WHERE user_id = ?1", user.userId)).toBe(4);
    expect(await count("SELECT COUNT(*) AS n FROM profiles WHERE id = ?1 AND deletion_started_at IS NOT NULL AND deleted_at IS NULL", user.userId)).toBe(1);

    // Resumed with a budget of one row per request: several in_progress answers, then deleted.
    const config = readConfig(env);
    const cache = kvAudioCache(env.CACHE_KV);
    const answers: string[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const answer = await deleteAccount(env, config, cache, user.userId, user.email, { batchSize: 1, timeBudgetMs: 10_000, maxOperations: 8 + 3 + 4 + 6 + 3 });
      answers.push(answer.status);
      if (answer.status === "deleted") break;
      expect((await callJson("/api/me", authorized(user.token))).status).toBe(200);
    }
    expect(answers.at(-1)).toBe("deleted");
    expect(answers.filter((status) => status === "in_progress").length).toBeGreaterThanOrEqual(3);
    for (const key of objects) expect(await env.AUDIO_BUCKET.head(key)).toBeNull();
    expect(await count("SELECT COUNT(*) AS n FROM audio_files WHERE user_id = ?1", user.userId)).toBe(0);

    // Done: the old token is refused (so a repeated DELETE is a 401 that changes nothing), and the service itself answers "deleted" again.
    const ledger = await count("SELECT COUNT(*) AS n FROM credit_transactions WHERE user_id = ?1", user.userId);
    const repeat = await deleteMe(user.token, { confirm: user.email });
    expect(repeat.status).toBe(401);
    expect(repeat.body.error.code).toBe("account_deleted");
    expect((await deleteAccount(env, config, cache, user.userId, "anything")).status).toBe("deleted");
    expect(await count("SELECT COUNT(*) AS n FROM credit_transactions WHERE user_id = ?1", user.userId)).toBe(ledger);
  });

  it("a deletion the user stopped asking about is finished by the 5-minute sweep after 15 minutes", async () => {
    const user = await newUser({ prefix: "abandoned" });
    const id = (await generate(user.token, tenWords(uniqueTag()))).body.id;
    const object = (await cacheKeyOf(id)).storage_key;
    await settled(user.userId);
    // Begun (confirmed), then left after one small step: the tab was closed.
    const config = readConfig(env);
    const first = await deleteAccount(env, config, kvAudioCache(env.CACHE_KV), user.userId, user.email, { batchSize: 1, timeBudgetMs: 0, maxOperations: 8 + 3 + 4 + 6 + 3 });
    expect(first.status).toBe("in_progress");
    const sweep = async (minutesLater: number) => {
      const { finishAbandonedDeletions } = await import("../worker/cron/sweep");
      return finishAbandonedDeletions(env, new Date(Date.now() + minutesLater * 60_000));
    };
    expect(await sweep(5)).toEqual({ continuedDeletions: 0, finishedDeletions: 0 });
    expect(await sweep(16)).toEqual({ continuedDeletions: 1, finishedDeletions: 1 });
    expect(await env.AUDIO_BUCKET.head(object)).toBeNull();
    expect(await count("SELECT COUNT(*) AS n FROM profiles WHERE id = ?1 AND deleted_at IS NOT NULL AND email = ''", user.userId)).toBe(1);
    expect((await callJson("/api/me", authorized(user.token))).status).toBe(401);
    expect(await sweep(16)).toEqual({ continuedDeletions: 0, finishedDeletions: 0 });
  });

  it("the same identity cannot sign in again, gets no second welcome grant, and nothing can be written under the account any more", async () => {
    const user = await newUser({ prefix: "again" });
    expect((await deleteUntilDone(user.token, user.email)).status).toBe(200);
    const again = await callJson<ErrorBody>("/api/auth/local", jsonRequest("POST", { email: user.email }));
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe("account_deleted");
    expect(await count("SELECT COUNT(*) AS n FROM credit_transactions WHERE user_id = ?1 AND type = 'freemium'", user.userId)).toBe(1);
    expect(await balanceOf(user.userId)).toBe(0);
    // A late writer (a queued history row of a cache hit) finds nothing to write to.
    await recordAudioFile(env.DB, {
      id: crypto.randomUUID(),
      userId: user.userId,
      voiceId: "gemini-kore",
      kind: "tts",
      text: "late",
      locale: "en",
      entry: { storageKey: "audio/late.wav", contentType: "audio/wav", byteSize: 4, durationSeconds: 1, provider: "local", model: "espeak" },
      cacheKey: "late",
      creditsUsed: 0,
    });
    expect(await count("SELECT COUNT(*) AS n FROM audio_files WHERE user_id = ?1", user.userId)).toBe(0);
  });

  it("another isolate that still remembers the account refuses it once its one-minute memo expires", async () => {
    const user = await newUser({ prefix: "memo" });
    // As if another isolate deleted it: the profile is marked, this isolate's memo is not told.
    await env.DB.prepare("UPDATE profiles SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1").bind(user.userId).run();
    expect((await call("/api/me", authorized(user.token))).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + BOOTSTRAP_MEMO_TTL_MS + 1_000 });
    const me = await callJson<ErrorBody>("/api/me", authorized(user.token));
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe("account_deleted");
  });

  it("is refused without a session, and to an API key", async () => {
    expect((await call("/api/me", { method: "DELETE" })).status).toBe(401);
    const user = await newUser({ prefix: "delete-key" });
    const key = await createKey(user.token);
    const byKey = await callJson<ErrorBody>("/api/me", jsonRequest("DELETE", { confirm: user.email }, key.body.key));
    expect(byKey.status).toBe(403);
    expect(byKey.body.error.code).toBe("session_required");
    expect((await callJson("/api/me", authorized(user.token))).status).toBe(200);
  });
});
