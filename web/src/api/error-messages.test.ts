import { afterEach, describe, expect, it, vi } from "vitest";
import { ERROR_STATUS, type ErrorCode } from "../../../worker/errors";
import en from "../i18n/messages/en";
import es from "../i18n/messages/es";
import { createTranslator } from "../i18n/translate";
import { ApiError, api, configureAuth } from "./client";
import { ERROR_MESSAGE_KEYS, describeError } from "./error-messages";

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
    expect(describeError(error, spanish)).toEqual({ message: es["error.insufficient_credits"], reference: "req-1" });
  });

  it("explains the field a validation error names", () => {
    const error = new ApiError("validation_failed", "text: must contain a word", 400, { field: "text" });
    expect(describeError(error, english).message).toBe(en["error.field.text"]);
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
      vi.fn(async () =>
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
    const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify({ error: { code: "unauthenticated", message: "no" }, requestId: "r" }), { status: 401 }),
    );
    vi.stubGlobal("fetch", fetchMock);
    await expect(api.me()).rejects.toMatchObject({ code: "unauthenticated" });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(new Headers(init?.headers).get("authorization")).toBe("Bearer token-123");
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it("reports a non-JSON answer (e.g. an HTML page) as unexpected, never as success", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response("<!doctype html>", { status: 200, headers: { "content-type": "text/html" } })));
    await expect(api.me()).rejects.toMatchObject({ code: "unexpected_response" });
  });

  it("reports a refused connection as a network error", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(api.voices()).rejects.toMatchObject({ code: "network", status: 0 });
  });
});
