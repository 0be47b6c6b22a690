// "My voices" (issue 13 §1, PRODUCT §7): saving a cloned voice with its recording, using it like
// any voice at the clone price without a new upload, isolation between users, rename and delete
// (the recording leaves R2 with the voice), the 20-voice limit, and the voice list's catalogue
// samples and language filter.
import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { MAX_SAVED_VOICES } from "../worker/shared/limits";
import type { SavedVoice, Voice } from "../worker/shared/contracts";
import { voiceReferenceKey } from "../worker/services/saved-voices";
import { authorized, call, callJson, jsonRequest } from "./support/app";
import { balanceOf, newUser, tenWords, uniqueTag } from "./support/factories";
import { voiceWav } from "./support/audio";

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

let nudge = 0;
/** A 12-second recording, unique per call so no cache is shared between tests. */
function recording(): Uint8Array {
  nudge += 1;
  return voiceWav({ seconds: 12, pitchHz: 140 + nudge / 1000 });
}

function saveForm(fields: { name?: string; locale?: string; consent?: string; file?: Uint8Array | null }): FormData {
  const form = new FormData();
  if (fields.file !== null) form.set("file", new File([fields.file ?? recording()], "me.wav", { type: "audio/wav" }));
  if (fields.name !== undefined) form.set("name", fields.name);
  form.set("locale", fields.locale ?? "en");
  if (fields.consent !== undefined) form.set("consent", fields.consent);
  return form;
}

function save(token: string, fields: Parameters<typeof saveForm>[0]) {
  return callJson<SavedVoice & ErrorBody>("/api/my-voices", authorized(token, { method: "POST", body: saveForm({ consent: "true", ...fields }) }));
}

function generate(token: string, body: Record<string, unknown>) {
  return callJson<{ id: string; creditsUsed: number; provider: string; cached: boolean } & ErrorBody>("/api/generate-voice", jsonRequest("POST", body, token));
}

async function voicesOf(token?: string, query = "feature=tts") {
  return callJson<{ voices: Voice[] } & ErrorBody>(`/api/voices?${query}`, token === undefined ? {} : authorized(token));
}

describe("saving a cloned voice", () => {
  it("keeps the recording privately with the consent, lists the voice as the user's own, and speaks new text with it at the clone price without a new upload", async () => {
    const alice = await newUser({ prefix: "voices" });
    const saved = await save(alice.token, { name: "My narrator" });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: "My narrator", language: "en", referenceDurationSeconds: 12 });
    expect(Date.parse(saved.body.consentedAt)).not.toBeNaN();
    const row = await env.DB.prepare("SELECT owner_user_id, consented_at, reference_key, is_active FROM voices WHERE id = ?1").bind(saved.body.id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ owner_user_id: alice.userId, reference_key: voiceReferenceKey(alice.userId, saved.body.id), is_active: 1 });
    expect(await env.AUDIO_BUCKET.head(voiceReferenceKey(alice.userId, saved.body.id))).not.toBeNull();

    const list = await voicesOf(alice.token);
    const mine = list.body.voices.filter((voice) => voice.mine);
    expect(mine).toEqual([expect.objectContaining({ id: saved.body.id, name: "My narrator", sampleUrl: null, mine: true })]);
    expect(list.response.headers.get("cache-control")).toBe("private, no-store");

    // No clone-input upload exists for this user: the saved reference is what is spoken from.
    expect((await env.AUDIO_BUCKET.list({ prefix: `clone-input/${alice.userId}/` })).objects).toEqual([]);
    const before = await balanceOf(alice.userId);
    const text = tenWords(uniqueTag());
    const estimate = await callJson<{ credits: number; provider: string }>("/api/estimate-credits", jsonRequest("POST", { text, voice: saved.body.id }, alice.token));
    expect(estimate.body).toMatchObject({ credits: 660, provider: "clone" });
    const spoken = await generate(alice.token, { text, voice: "my narrator" }); // by name, any case
    expect(spoken.status).toBe(200);
    expect(spoken.body).toMatchObject({ creditsUsed: 660, provider: "local", cached: false });
    expect(await balanceOf(alice.userId)).toBe(before - 660);
    const history = await callJson<{ items: { id: string; kind: string; voice: { id: string; name: string } }[] }>("/api/history", authorized(alice.token));
    expect(history.body.items[0]).toMatchObject({ id: spoken.body.id, kind: "clone", voice: { id: saved.body.id, name: "My narrator" } });

    // The same text again is a free cache hit; MP3 is encoded on request.
    expect((await generate(alice.token, { text, voice: saved.body.id })).body).toMatchObject({ creditsUsed: 0, cached: true });
    const asMp3 = await generate(alice.token, { text, voice: saved.body.id, format: "mp3" });
    expect(asMp3.body).toMatchObject({ creditsUsed: 660, format: "mp3" });
  });

  it("is looked up once per request, though the request is prepared for both plans", async () => {
    const user = await newUser({ prefix: "voices" });
    const saved = await save(user.token, { name: `Once ${uniqueTag()}` });
    const prepare = vi.spyOn(env.DB, "prepare");
    expect((await generate(user.token, { text: tenWords(uniqueTag()), voice: saved.body.name })).status).toBe(200);
    const lookups = prepare.mock.calls.filter(([sql]) => /FROM voices WHERE owner_user_id = \?1 AND is_active = 1 AND \(id = \?2 OR name = \?2\)/.test(sql));
    expect(lookups).toHaveLength(1);
  });

  it("takes no style, seed or temperature, and speaks only the language it was cloned in", async () => {
    const user = await newUser({ prefix: "voices", paid: true });
    const saved = await save(user.token, { name: `Deutsch ${uniqueTag()}`, locale: "de" });
    for (const extra of [{ style: "whisper" }, { seed: 3 }, { temperature: 1 }]) {
      const refused = await generate(user.token, { text: "Guten Morgen allerseits", voice: saved.body.id, ...extra });
      expect(refused.status).toBe(400);
      expect(refused.body.error.field).toBe(Object.keys(extra)[0]);
    }
    const wrongLanguage = await generate(user.token, { text: "Good morning", voice: saved.body.id, locale: "en" });
    expect(wrongLanguage.body.error.field).toBe("locale");
    expect((await generate(user.token, { text: "Guten Morgen allerseits", voice: saved.body.id })).status).toBe(200);
  });

  it("another user never sees or uses it, by id or by name, and cannot rename or delete it", async () => {
    const alice = await newUser({ prefix: "voices" });
    const bob = await newUser({ prefix: "voices" });
    const name = `Alice private ${uniqueTag()}`;
    const saved = await save(alice.token, { name });
    expect((await voicesOf(bob.token)).body.voices.some((voice) => voice.mine || voice.id === saved.body.id)).toBe(false);
    expect((await voicesOf()).body.voices.some((voice) => voice.id === saved.body.id)).toBe(false);
    for (const voice of [saved.body.id, name]) {
      const used = await generate(bob.token, { text: "Hello there", voice });
      expect(used.status).toBe(404);
      expect(used.body.error.code).toBe("voice_not_found");
      expect((await callJson<ErrorBody>("/api/estimate-credits", jsonRequest("POST", { text: "Hello there", voice }, bob.token))).status).toBe(404);
    }
    expect((await callJson<ErrorBody>(`/api/my-voices/${saved.body.id}`, jsonRequest("PATCH", { name: "Mine now" }, bob.token))).status).toBe(404);
    expect((await call(`/api/my-voices/${saved.body.id}`, authorized(bob.token, { method: "DELETE" }))).status).toBe(404);
    expect((await callJson<{ voices: SavedVoice[] }>("/api/my-voices", authorized(bob.token))).body.voices).toEqual([]);
    // Bob may use the same name for his own voice.
    expect((await save(bob.token, { name })).status).toBe(201);
    expect(await env.AUDIO_BUCKET.head(voiceReferenceKey(alice.userId, saved.body.id))).not.toBeNull();
  });

  it("rename keeps it usable under the new name; delete removes the recording from R2 and the voice can no longer be used", async () => {
    const user = await newUser({ prefix: "voices" });
    const saved = await save(user.token, { name: `Old ${uniqueTag()}` });
    const renamed = await callJson<SavedVoice>(`/api/my-voices/${saved.body.id}`, jsonRequest("PATCH", { name: "Fresh name" }, user.token));
    expect(renamed.body).toMatchObject({ id: saved.body.id, name: "Fresh name" });
    expect((await generate(user.token, { text: "Hello again", voice: "Fresh name" })).status).toBe(200);

    const deleted = await call(`/api/my-voices/${saved.body.id}`, authorized(user.token, { method: "DELETE" }));
    expect(deleted.status).toBe(204);
    expect(await env.AUDIO_BUCKET.head(voiceReferenceKey(user.userId, saved.body.id))).toBeNull();
    const afterwards = await generate(user.token, { text: "Hello once more", voice: saved.body.id });
    expect(afterwards.status).toBe(404);
    expect((await voicesOf(user.token)).body.voices.some((voice) => voice.id === saved.body.id)).toBe(false);
    // History made with it still reads (the row stays, inactive), and the name is free again.
    const history = await callJson<{ items: { voice: { name: string } }[] }>("/api/history", authorized(user.token));
    expect(history.body.items[0]?.voice.name).toBe("Fresh name");
    expect((await save(user.token, { name: "Fresh name" })).status).toBe(201);
    expect((await call(`/api/my-voices/${saved.body.id}`, authorized(user.token, { method: "DELETE" }))).status).toBe(404);
  });

  it("refuses a name already in use (one of yours, a catalogue voice, an OpenAI voice name) with 409 naming name", async () => {
    const user = await newUser({ prefix: "voices" });
    expect((await save(user.token, { name: "Twin" })).status).toBe(201);
    for (const name of ["twin", "Kore", "alloy"]) {
      const taken = await save(user.token, { name });
      expect(taken.status).toBe(409);
      expect(taken.body.error).toMatchObject({ code: "conflict", field: "name" });
    }
    // Nothing was left behind for the refused saves: one reference only.
    expect((await env.AUDIO_BUCKET.list({ prefix: `voice-reference/${user.userId}/` })).objects).toHaveLength(1);
  });

  it("needs consent, a name and a real recording of 10 s to 5 min, before storing anything", async () => {
    const user = await newUser({ prefix: "voices" });
    const noConsent = await callJson<ErrorBody>("/api/my-voices", authorized(user.token, { method: "POST", body: saveForm({ name: "X" }) }));
    expect(noConsent.body.error.field).toBe("consent");
    expect((await save(user.token, {})).body.error.field).toBe("name");
    const short = await save(user.token, { name: "Short", file: voiceWav({ seconds: 5, pitchHz: 150 }) });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe("file");
    expect((await save(user.token, { name: "Nothing", file: null })).body.error.field).toBe("file");
    expect((await env.AUDIO_BUCKET.list({ prefix: `voice-reference/${user.userId}/` })).objects).toEqual([]);
    expect((await call("/api/my-voices", { method: "POST", body: saveForm({ name: "X", consent: "true" }) })).status).toBe(401);
  });

  it(`keeps at most ${MAX_SAVED_VOICES} voices per user: the next is a 409 limit_reached until one is deleted`, async () => {
    const user = await newUser({ prefix: "voices" });
    const file = recording();
    const ids: string[] = [];
    for (let i = 0; i < MAX_SAVED_VOICES; i++) {
      const saved = await save(user.token, { name: `Voice ${i}`, file });
      expect(saved.status).toBe(201);
      ids.push(saved.body.id);
    }
    const over = await save(user.token, { name: "One too many", file });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe("limit_reached");
    const list = await callJson<{ voices: SavedVoice[]; limit: number }>("/api/my-voices", authorized(user.token));
    expect(list.body).toMatchObject({ limit: MAX_SAVED_VOICES });
    expect(list.body.voices).toHaveLength(MAX_SAVED_VOICES);
    await call(`/api/my-voices/${ids[0]}`, authorized(user.token, { method: "DELETE" }));
    expect((await save(user.token, { name: "One too many", file })).status).toBe(201);
  });
});

describe("the voice list", () => {
  it("gives each catalogue voice the URL of its sample, which plays", async () => {
    const { body } = await voicesOf();
    expect(body.voices.length).toBeGreaterThan(30);
    for (const voice of body.voices) expect(voice).toMatchObject({ mine: false, sampleUrl: `/api/voices/${voice.id}/sample` });
    const sample = await call(body.voices[0]?.sampleUrl ?? "");
    expect(sample.status).toBe(200);
    expect(sample.headers.get("content-type")).toBe("audio/wav");
  });

  it("a language filter must be a language code our voices speak (else 400); multilingual voices match only real codes", async () => {
    for (const language of ["xx", "multi", "zz-ZZ", "english"]) {
      const refused = await voicesOf(undefined, `language=${language}`);
      expect(refused.status, language).toBe(400);
      expect(refused.body.error.field).toBe("language");
    }
    const german = await voicesOf(undefined, "feature=tts&language=de");
    expect(german.status).toBe(200);
    expect(german.body.voices.length).toBeGreaterThan(0);
    expect(german.body.voices.every((voice) => voice.language === "multi" || voice.language === "de")).toBe(true);
    expect(german.body.voices.some((voice) => voice.language === "en")).toBe(false);
  });

  it("a saved voice appears under its own language only", async () => {
    const user = await newUser({ prefix: "voices" });
    const saved = await save(user.token, { name: `Dansk ${uniqueTag()}`, locale: "da" });
    expect((await voicesOf(user.token, "language=da")).body.voices.map((voice) => voice.id)).toContain(saved.body.id);
    expect((await voicesOf(user.token, "language=en")).body.voices.map((voice) => voice.id)).not.toContain(saved.body.id);
  });

  it("a bad token on the public list is a 401, not a silent anonymous answer", async () => {
    expect((await voicesOf("not-a-token")).status).toBe(401);
  });
});
