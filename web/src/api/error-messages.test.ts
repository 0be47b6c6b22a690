import { afterEach, describe, expect, it, vi } from "vitest";
import { ERROR_STATUS, type ErrorCode } from "../../../worker/shared/errors";
import en from "../i18n/messages/en";
import es from "../i18n/messages/es";
import { createTranslator } from "../i18n/translate";
import { ApiError, api, configureAuth } from "./client";
import { ERROR_MESSAGE_KEYS, FIELD_MESSAGE_KEYS, describeError } from "./error-messages";

const english = createTranslator("en", en);
const spanish = createTranslator("es", es);

describe("error-code translation", () => {
  it("has a message for every code the server can send", () => {
    const codes = Object.keys(ERROR_STATUS) as ErrorCode[];
    const missing = codes.filter((code) => !(code in ERROR_MESSAGE_KEYS) || !english.has(ERROR_MESSAGE_KEYS[code]));
    expect(missing).toEqual([]);
  });

  it("shows the message in the user's language, not the server's English", () => {
    const error = new ApiError("insufficient_credits", "Not enough credits: need 66, have 10.", 402, { requestId: "req-1" });
    expect(describeError(error, spanish)).toEqual({ message: es["error.insufficient_credits"], buyCredits: true });
  });

  it("gives the request id only for unexpected server failures, not for routine refusals", () => {
    const routine = [
      new ApiError("validation_failed", "text: bad", 400, { field: "text", requestId: "req-a" }),
      new ApiError("insufficient_credits", "need more", 402, { requestId: "req-b" }),
      new ApiError("rate_limited", "slow down", 429, { retryAfterSeconds: 5, requestId: "req-c" }),
      new ApiError("voice_not_found", "gone", 404, { requestId: "req-d" }),
    ];
    for (const error of routine) expect(describeError(error, english).reference, error.code).toBeUndefined();
    expect(describeError(new ApiError("internal_error", "boom", 500, { requestId: "req-e" }), english).reference).toBe("req-e");
    expect(describeError(new ApiError("provider_timeout", "slow", 504, { requestId: "req-f" }), english).reference).toBe("req-f");
  });

  it("explains the field a validation error names", () => {
    const error = new ApiError("validation_failed", "text: must contain a word", 400, { field: "text" });
    expect(describeError(error, english).message).toBe(en["error.field.text"]);
  });

  it("explains the clone upload's fields: file, consent and locale, in the user's language", () => {
    for (const field of ["file", "consent", "locale"]) {
      const error = new ApiError("validation_failed", `${field}: bad`, 400, { field });
      expect(describeError(error, spanish).message).toBe(es[FIELD_MESSAGE_KEYS[field]!]);
    }
    expect(describeError(new ApiError("validation_failed", "file: too short", 400, { field: "file" }), english).message).toMatch(/10 seconds to 5 minutes/);
  });

  it("says what is wrong with the recording for 413 and 415 naming the file", () => {
    expect(describeError(new ApiError("payload_too_large", "too big", 413, { field: "file" }), english).message).toBe(en["error.file_too_large"]);
    expect(describeError(new ApiError("unsupported_media_type", "not audio", 415, { field: "file" }), english).message).toBe(en["error.file_unsupported"]);
    // Without a field (e.g. not multipart at all) the general message stays.
    expect(describeError(new ApiError("unsupported_media_type", "send multipart", 415), english).message).toBe(en["error.unsupported_media_type"]);
  });

  it("ignores field names that are not own keys (no prototype look-ups)", () => {
    const error = new ApiError("validation_failed", "x", 400, { field: "constructor" });
    expect(describeError(error, english).message).toBe(en["error.validation_failed"]);
  });

  it("falls back to the generic validation message for an unknown field", () => {
    const error = new ApiError("validation_failed", "x: bad", 400, { field: "somethingElse" });
    expect(describeError(error, english).message).toBe(en["error.validation_failed"]);
  });

  it("says when to retry after a rate limit", () => {
    const error = new ApiError("rate_limited", "slow down", 429, { retryAfterSeconds: 30 });
    expect(describeError(error, english).message).toBe("You are going a little fast. Please try again in 30 seconds.");
  });

  it("translates network failures, cancellations and unknown errors", () => {
    expect(describeError(new ApiError("network", "Failed to fetch", 0), english).message).toBe(en["error.network"]);
    expect(describeError(new DOMException("aborted", "AbortError"), english).message).toBe(en["error.cancelled"]);
    expect(describeError(new Error("boom"), english).message).toBe(en["error.unexpected_response"]);
  });
});

describe("API client errors", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    configureAuth({ getAccessToken: async () => null, onUnauthorized: () => undefined });
  });

  it("turns the JSON error body into an ApiError with code, field, request id and Retry-After", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: { code: "rate_limited", message: "Too many", field: "text" }, requestId: "abc" }), {
            status: 429,
            headers: { "content-type": "application/json", "retry-after": "12" },
          }),
      ),
    );
    const error = await api.me().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "rate_limited", status: 429, details: { field: "text", requestId: "abc", retryAfterSeconds: 12 } });
  });

  it("sends the bearer token and signs out on 401", async () => {
    const onUnauthorized = vi.fn();
    configureAuth({ getAccessToken: async () => "token-123", onUnauthorized });
    const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response(JSON.stringify({ error: { code: "unauthenticated", message: "no" }, requestId: "r" }), { status: 401 }));
    vi.stubGlobal("fetch", fetchMock);
    await expect(api.me()).rejects.toMatchObject({ code: "unauthenticated" });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(new Headers(init?.headers).get("authorization")).toBe("Bearer token-123");
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it("reports a non-JSON answer (e.g. an HTML page) as unexpected, never as success", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("<!doctype html>", { status: 200, headers: { "content-type": "text/html" } })),
    );
    await expect(api.me()).rejects.toMatchObject({ code: "unexpected_response" });
  });

  it("reports a refused connection as a network error", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    await expect(api.voices()).rejects.toMatchObject({ code: "network", status: 0 });
  });
});

/** Just enough of XMLHttpRequest to drive api.cloneVoice: records what was sent, answers on demand. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = "";
  responseHeaders: Record<string, string> = {};
  aborted = false;
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null; onload: (() => void) | null } = { onprogress: null, onload: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  onloadend: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
    this.onloadend?.();
  }
  respond(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = typeof body === "string" ? body : JSON.stringify(body);
    this.responseHeaders = headers;
    this.onload?.();
    this.onloadend?.();
  }
}

describe("clone upload (XMLHttpRequest, for upload progress)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeXhr.last = null;
    configureAuth({ getAccessToken: async () => null, onUnauthorized: () => undefined });
  });

  const input = () => ({ file: new Blob([new Uint8Array(10)], { type: "audio/wav" }), fileName: "me.wav", text: "Hello there", locale: "de" as const });
  const sent = async () => {
    await vi.waitFor(() => expect(FakeXhr.last?.body).not.toBeNull());
    return FakeXhr.last!;
  };

  it("posts the four multipart fields with the bearer token, reports progress, then the server's work", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    configureAuth({ getAccessToken: async () => "token-9", onUnauthorized: () => undefined });
    const progress: unknown[] = [];
    const pending = api.cloneVoice(input(), { onProgress: (value) => progress.push(value) });
    const xhr = await sent();
    expect([xhr.method, xhr.url, xhr.headers.authorization]).toEqual(["POST", "/api/clone-voice", "Bearer token-9"]);
    expect(xhr.body!.get("text")).toBe("Hello there");
    expect(xhr.body!.get("locale")).toBe("de");
    expect(xhr.body!.get("consent")).toBe("true");
    expect((xhr.body!.get("file") as File).name).toBe("me.wav");
    xhr.upload.onprogress?.({ loaded: 5, total: 10, lengthComputable: true });
    xhr.upload.onload?.();
    xhr.respond(200, { id: "a1", creditsRemaining: 9_000 });
    await expect(pending).resolves.toMatchObject({ id: "a1", creditsRemaining: 9_000 });
    expect(progress).toEqual([{ phase: "uploading", loaded: 5, total: 10 }, { phase: "processing" }]);
  });

  it("turns an error answer into the same ApiError as fetch requests do", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const pending = api.cloneVoice(input()).catch((reason: unknown) => reason);
    (await sent()).respond(413, { error: { code: "payload_too_large", message: "big", field: "file" }, requestId: "r-1" });
    const error = await pending;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "payload_too_large", status: 413, details: { field: "file", requestId: "r-1" } });
    expect(describeError(error, english).message).toBe(en["error.file_too_large"]);
  });

  it("signs out on 401 and reports an HTML answer as unexpected", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const onUnauthorized = vi.fn();
    configureAuth({ getAccessToken: async () => "expired", onUnauthorized });
    const first = api.cloneVoice(input()).catch((reason: unknown) => reason);
    (await sent()).respond(401, { error: { code: "unauthenticated", message: "no" }, requestId: "r" });
    expect(await first).toMatchObject({ code: "unauthenticated" });
    expect(onUnauthorized).toHaveBeenCalledOnce();
    FakeXhr.last = null;
    const second = api.cloneVoice(input()).catch((reason: unknown) => reason);
    (await sent()).respond(502, "<html>Bad gateway</html>");
    expect(await second).toMatchObject({ code: "unexpected_response", status: 502 });
  });

  it("aborts the request when the signal fires and rejects with an AbortError", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const controller = new AbortController();
    const pending = api.cloneVoice(input(), { signal: controller.signal }).catch((reason: unknown) => reason);
    const xhr = await sent();
    controller.abort();
    const error = await pending;
    expect(xhr.aborted).toBe(true);
    expect(error).toBeInstanceOf(DOMException);
    expect(describeError(error, english).message).toBe(en["error.cancelled"]);
  });

  it("reports a failed connection as a network error", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const pending = api.cloneVoice(input()).catch((reason: unknown) => reason);
    (await sent()).onerror?.();
    expect(await pending).toMatchObject({ code: "network", status: 0 });
  });
});
