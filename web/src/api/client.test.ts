import { afterEach, describe, expect, it, vi } from "vitest";
import en from "../i18n/messages/en";
import da from "../i18n/messages/da";
import { createTranslator } from "../i18n/translate";
import { accountApi } from "./account";
import { ApiError, api, configureAuth } from "./client";
import { describeError } from "./error-messages";

const english = createTranslator("en", en);
const danish = createTranslator("da", da);

type FetchCall = [input: RequestInfo | URL, init?: RequestInit];

function stubFetch(status: number, body: unknown): ReturnType<typeof vi.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>> {
  const mock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response(body === null ? null : JSON.stringify(body), { status }));
  vi.stubGlobal("fetch", mock);
  return mock;
}

const sentHeaders = (call: FetchCall | undefined) => new Headers(call?.[1]?.headers);

afterEach(() => {
  vi.unstubAllGlobals();
  configureAuth({ getAccessToken: async () => null, onUnauthorized: () => undefined });
});

describe("the voice list", () => {
  it("sends the signed-in user's token (so their own voices come too) and bypasses the HTTP cache", async () => {
    configureAuth({ getAccessToken: async () => "token-1", onUnauthorized: () => undefined });
    const fetchMock = stubFetch(200, { voices: [], geminiTemperature: false });
    await api.voices({ feature: "tts" });
    const call = fetchMock.mock.calls[0];
    expect(String(call?.[0])).toBe("/api/voices?feature=tts");
    expect(sentHeaders(call).get("authorization")).toBe("Bearer token-1");
    expect(call?.[1]?.cache).toBe("no-store");
  });
  it("works signed out: no token, and the public answer may be cached", async () => {
    const fetchMock = stubFetch(200, { voices: [], geminiTemperature: false });
    await expect(api.voices({ feature: "tts" })).resolves.toEqual({ voices: [], geminiTemperature: false });
    const call = fetchMock.mock.calls[0];
    expect(sentHeaders(call).has("authorization")).toBe(false);
    expect(call?.[1]?.cache).toBeUndefined();
  });
  it("leaves the token out when asked to (the public catalogue's cache entry)", async () => {
    configureAuth({ getAccessToken: async () => "token-1", onUnauthorized: () => undefined });
    const fetchMock = stubFetch(200, { voices: [], geminiTemperature: false });
    await api.voices({ feature: "tts" }, { withToken: false });
    expect(sentHeaders(fetchMock.mock.calls[0]).has("authorization")).toBe(false);
  });
});

describe("My voices and API keys", () => {
  it("renames with PATCH and a JSON name", async () => {
    const fetchMock = stubFetch(200, { id: "v_1", name: "New" });
    await accountApi.renameVoice("v/1", "New");
    const [url, init] = fetchMock.mock.calls[0]!;
    expect([String(url), init?.method, init?.body]).toEqual(["/api/my-voices/v%2F1", "PATCH", JSON.stringify({ name: "New" })]);
  });
  it("treats 204 No Content as success for deleting a voice and revoking a key", async () => {
    const fetchMock = stubFetch(204, null);
    await expect(accountApi.deleteVoice("v_1")).resolves.toBeUndefined();
    await expect(accountApi.revokeApiKey("k_1")).resolves.toBeUndefined();
    expect(fetchMock.mock.calls.map(([url, init]) => `${init?.method} ${String(url)}`)).toEqual(["DELETE /api/my-voices/v_1", "DELETE /api/keys/k_1"]);
  });
  it("still reports an empty 200 as unexpected (only 204 may be empty)", async () => {
    stubFetch(200, null);
    await expect(accountApi.deleteVoice("v_1")).rejects.toMatchObject({ code: "unexpected_response" });
  });
  it("creates a key with the JSON body and returns the key shown once", async () => {
    const fetchMock = stubFetch(201, { id: "k_1", key: "sv_secret", prefix: "sv_abcdefgh" });
    await expect(accountApi.createApiKey({ name: "CI", scopes: ["speech"] })).resolves.toMatchObject({ key: "sv_secret" });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect([String(url), init?.method, init?.body]).toEqual(["/api/keys", "POST", JSON.stringify({ name: "CI", scopes: ["speech"] })]);
  });
});

describe("saving a voice (multipart, like cloning)", () => {
  it("posts the file, name, locale and consent=true with the bearer token", async () => {
    const sent: { url?: string; headers: Record<string, string>; body?: FormData } = { headers: {} };
    class Xhr {
      status = 201;
      responseText = JSON.stringify({ id: "v_9", name: "Studio me" });
      upload = {};
      onload: (() => void) | null = null;
      onloadend: (() => void) | null = null;
      open(_method: string, url: string) {
        sent.url = url;
      }
      setRequestHeader(name: string, value: string) {
        sent.headers[name] = value;
      }
      getResponseHeader() {
        return null;
      }
      send(body: FormData) {
        sent.body = body;
        queueMicrotask(() => this.onload?.());
      }
    }
    vi.stubGlobal("XMLHttpRequest", Xhr);
    configureAuth({ getAccessToken: async () => "token-2", onUnauthorized: () => undefined });
    const file = new Blob([new Uint8Array(8)], { type: "audio/wav" });
    await expect(accountApi.saveVoice({ file, fileName: "me.wav", name: "Studio me", locale: "da" })).resolves.toMatchObject({ id: "v_9" });
    expect(sent.url).toBe("/api/my-voices");
    expect(sent.headers.authorization).toBe("Bearer token-2");
    const form = sent.body!;
    expect([form.get("name"), form.get("locale"), form.get("consent"), (form.get("file") as File).name]).toEqual(["Studio me", "da", "true", "me.wav"]);
  });
});

describe("the new error codes, in the user's words", () => {
  it("explains a name already taken (409 conflict naming the name)", () => {
    expect(describeError(new ApiError("conflict", "taken", 409, { field: "name" }), english).message).toBe(en["error.name_taken"]);
    expect(describeError(new ApiError("conflict", "changed", 409), english).message).toBe(en["error.conflict"]);
  });
  it("lets a page say which limit was reached (a routine refusal: no request id)", () => {
    const error = new ApiError("limit_reached", "20 voices", 409, { requestId: "r-9" });
    expect(describeError(error, danish).message).toBe(da["error.limit_reached"]);
    expect(describeError(error, danish, { limit_reached: "myVoices.limitReached" })).toEqual({ message: danish.t("myVoices.limitReached") });
  });
  it("translates scope, session and idempotency errors", () => {
    for (const code of ["insufficient_scope", "session_required", "idempotency_key_in_use", "idempotency_key_reused"] as const) {
      expect(describeError(new ApiError(code, "x", 400), danish).message).toBe(da[`error.${code}`]);
    }
  });
  it("explains the API key form's fields", () => {
    for (const field of ["name", "scopes", "expiresAt"] as const) {
      expect(describeError(new ApiError("validation_failed", "x", 400, { field }), english).message).toBe(en[`error.field.${field}`]);
    }
  });
});
