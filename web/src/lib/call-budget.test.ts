import { describe, expect, it } from "vitest";
import { CALL_BUCKET_SECONDS as CONTRACT_BUCKET_SECONDS, CALL_CREDITS_PER_MINUTE, CALL_END_REASONS } from "../../../worker/shared/calls";
import en from "../i18n/messages/en";
import {
  AGENT_STATE_KEYS,
  CALL_BUCKET_SECONDS,
  END_REASON_KEYS,
  callLengthLimit,
  coveredMinutes,
  coveredSeconds,
  creditsSpentSoFar,
  endReasonWantsCredits,
  parseAgentState,
  remainingSeconds,
  settingNames,
} from "./call-budget";

describe("what a balance pays for", () => {
  it("mirrors the contract's bucket length", () => {
    expect(CALL_BUCKET_SECONDS).toBe(CONTRACT_BUCKET_SECONDS);
  });

  it("counts whole 30-second buckets at 1,000 credits a minute", () => {
    expect(coveredSeconds(10_000, CALL_CREDITS_PER_MINUTE)).toBe(600);
    expect(coveredSeconds(1_499, CALL_CREDITS_PER_MINUTE)).toBe(60);
    expect(coveredSeconds(1_500, CALL_CREDITS_PER_MINUTE)).toBe(90);
    expect(coveredSeconds(499, CALL_CREDITS_PER_MINUTE)).toBe(0);
    expect(coveredMinutes(1_500, CALL_CREDITS_PER_MINUTE)).toBe(1);
    expect(coveredMinutes(9_999, CALL_CREDITS_PER_MINUTE)).toBe(9);
  });

  it("is zero for nothing, a negative balance or a missing price", () => {
    expect(coveredSeconds(0, 1_000)).toBe(0);
    expect(coveredSeconds(-500, 1_000)).toBe(0);
    expect(coveredSeconds(5_000, 0)).toBe(0);
    expect(coveredSeconds(Number.NaN, 1_000)).toBe(0);
  });
});

describe("the call in progress", () => {
  const limits = { maxDurationSeconds: 3_600, creditsAtStart: 2_600, creditsPerMinute: 1_000 };

  it("lasts as long as the balance pays for, or the server's limit if that is shorter", () => {
    expect(callLengthLimit(limits)).toBe(150);
    expect(callLengthLimit({ ...limits, maxDurationSeconds: 120 })).toBe(120);
    // A free user's allowance left comes as the server's limit.
    expect(callLengthLimit({ ...limits, creditsAtStart: 10_000, maxDurationSeconds: 300 })).toBe(300);
  });

  it("counts down with the billed time and stops at zero", () => {
    expect(remainingSeconds(limits, 0)).toBe(150);
    expect(remainingSeconds(limits, 61.7)).toBe(89);
    expect(remainingSeconds(limits, 400)).toBe(0);
    expect(remainingSeconds(limits, -5)).toBe(150);
  });

  it("charges a bucket at the start of every started 30 seconds", () => {
    expect(creditsSpentSoFar(0, 1_000)).toBe(500);
    expect(creditsSpentSoFar(29, 1_000)).toBe(500);
    expect(creditsSpentSoFar(30, 1_000)).toBe(1_000);
    expect(creditsSpentSoFar(95, 1_000)).toBe(2_000);
  });
});

describe("agent state and end reasons", () => {
  it("reads lk.agent.state and ignores anything else", () => {
    expect(parseAgentState("speaking")).toBe("speaking");
    expect(parseAgentState("listening")).toBe("listening");
    expect(parseAgentState("dancing")).toBeNull();
    expect(parseAgentState(undefined)).toBeNull();
    for (const key of Object.values(AGENT_STATE_KEYS)) expect(en[key]).toBeTruthy();
  });

  it("has a message for every end reason the server records", () => {
    expect(Object.keys(END_REASON_KEYS).sort()).toEqual([...CALL_END_REASONS].sort());
    for (const reason of CALL_END_REASONS) expect(en[END_REASON_KEYS[reason]]).toBeTruthy();
  });

  it("points to buying credits only when money or the allowance ended the call", () => {
    expect(endReasonWantsCredits("insufficient_credits")).toBe(true);
    expect(endReasonWantsCredits("allowance_exhausted")).toBe(true);
    expect(endReasonWantsCredits("caller_left")).toBe(false);
    expect(endReasonWantsCredits(null)).toBe(false);
  });

  it("finds the settings named in the server's reason", () => {
    expect(settingNames("LiveKit is off: set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET")).toEqual(["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"]);
    expect(settingNames("LIVEKIT_URL is missing; LIVEKIT_URL must be a ws(s) URL")).toEqual(["LIVEKIT_URL"]);
    expect(settingNames("Calls are OFF here")).toEqual([]);
    expect(settingNames(null)).toEqual([]);
  });
});
