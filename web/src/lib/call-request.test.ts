import { describe, expect, it } from "vitest";
import { CALL_INSTRUCTIONS_MAX_CHARACTERS, DEFAULT_CALL_MAX_OUTPUT_TOKENS, callTokenRequestSchema } from "../../../worker/shared/calls";
import { ApiError } from "../api/client";
import de from "../i18n/messages/de";
import en from "../i18n/messages/en";
import { createTranslator } from "../i18n/translate";
import { CALL_FIELD_KEYS, CALL_INSTRUCTIONS_LIMIT, CALL_MAX_OUTPUT_TOKENS, buildCallRequest, callFormProblem, describeCallError, type CallForm } from "./call-request";

const english = createTranslator("en", en);
const german = createTranslator("de", de);

const form: CallForm = { presetId: "flirty", voice: "call-coral", language: "de", instructions: "", model: "gpt-realtime-2.1", temperature: 0.8, maxOutputTokens: "4096" };

describe("the call-token request", () => {
  it("mirrors the contract's limits", () => {
    expect(CALL_INSTRUCTIONS_LIMIT).toBe(CALL_INSTRUCTIONS_MAX_CHARACTERS);
    expect(CALL_MAX_OUTPUT_TOKENS).toBe(DEFAULT_CALL_MAX_OUTPUT_TOKENS);
  });

  it("sends a free user's voice, preset and language only, whatever the paid fields hold", () => {
    const request = buildCallRequest({ ...form, instructions: "Be a pirate", temperature: 0.2, maxOutputTokens: "100" }, "free");
    expect(request).toEqual({ voice: "call-coral", presetId: "flirty", language: "de" });
    expect(callTokenRequestSchema.safeParse(request).success).toBe(true);
  });

  it("sends a paid user's settings, trimmed, in the shape the server validates", () => {
    const request = buildCallRequest({ ...form, instructions: "  Be a pirate.  ", temperature: 0.35000001, maxOutputTokens: " 512 " }, "paid");
    expect(request).toEqual({ voice: "call-coral", presetId: "flirty", language: "de", instructions: "Be a pirate.", model: "gpt-realtime-2.1", temperature: 0.35, maxOutputTokens: 512 });
    expect(callTokenRequestSchema.safeParse(request).success).toBe(true);
  });

  it("leaves out empty instructions and a missing preset", () => {
    const request = buildCallRequest({ ...form, presetId: null, instructions: "   " }, "paid");
    expect(request).not.toHaveProperty("instructions");
    expect(request).not.toHaveProperty("presetId");
  });

  it("names the first problem before anything is sent", () => {
    expect(callFormProblem({ ...form, voice: null }, "free")).toBe("no_voice");
    expect(callFormProblem({ ...form, instructions: "x".repeat(CALL_INSTRUCTIONS_LIMIT + 1) }, "paid")).toBe("instructions_too_long");
    expect(callFormProblem({ ...form, instructions: ` ${"x".repeat(CALL_INSTRUCTIONS_LIMIT)} ` }, "paid")).toBeNull();
    expect(callFormProblem({ ...form, temperature: 1.2 }, "paid")).toBe("bad_temperature");
    for (const tokens of ["0", "4097", "1.5", "", "abc"]) expect(callFormProblem({ ...form, maxOutputTokens: tokens }, "paid")).toBe("bad_max_tokens");
    // Free users never send these, so they are never in the way.
    expect(callFormProblem({ ...form, maxOutputTokens: "abc", temperature: 5 }, "free")).toBeNull();
  });
});

describe("call errors in the user's language", () => {
  it("explains each call setting a 400 names", () => {
    for (const [field, key] of Object.entries(CALL_FIELD_KEYS)) {
      expect(describeCallError(new ApiError("validation_failed", `${field}: bad`, 400, { field, requestId: "r1" }), german)).toEqual({ message: de[key] });
    }
  });

  it("says a 409 means a call in progress, and points a 402 and a used-up allowance to buying credits", () => {
    expect(describeCallError(new ApiError("conflict", "busy", 409), english).message).toBe(en["call.error.conflict"]);
    expect(describeCallError(new ApiError("insufficient_credits", "need 1000", 402, { requestId: "r2" }), english)).toEqual({ message: en["call.error.insufficient_credits"], buyCredits: true });
    expect(describeCallError(new ApiError("call_allowance_exhausted", "used", 403), english)).toEqual({ message: en["error.call_allowance_exhausted"], buyCredits: true });
    expect(describeCallError(new ApiError("paid_feature", "paid", 403), english).message).toBe(en["call.error.paid_feature"]);
    expect(describeCallError(new ApiError("integration_off", "off", 503), english).message).toBe(en["call.error.integration_off"]);
  });

  it("falls back to the general wording for other errors", () => {
    expect(describeCallError(new ApiError("rate_limited", "slow", 429, { retryAfterSeconds: 12 }), english).message).toBe(english.t("error.rate_limited_retry", { seconds: 12 }));
    expect(describeCallError(new Error("boom"), english).message).toBe(en["error.unexpected_response"]);
  });
});
