import { describe, expect, it } from "vitest";
import { createApiKeyRequestSchema } from "../../../worker/shared/contracts";
import { API_KEY_SCOPES, activeKeyCount, createKeyProblem, createKeyRequest, expiryInstant, keyState, localDay } from "./api-keys";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const input = (overrides: Partial<Parameters<typeof createKeyProblem>[0]> = {}) => ({ name: "CI pipeline", scopes: [...API_KEY_SCOPES], expiresOn: "", ...overrides });

describe("key expiry", () => {
  it("expires at the end of the chosen day where the user is, sent as an ISO instant the server accepts", () => {
    const instant = expiryInstant("2027-01-31");
    expect(instant).not.toBeNull();
    const end = new Date(instant!);
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([2027, 0, 31, 23, 59]);
    expect(createApiKeyRequestSchema.safeParse({ name: "x", expiresAt: instant }).success).toBe(true);
  });
  it("refuses dates that do not exist or are not dates", () => {
    for (const day of ["2027-02-30", "2027-13-01", "31/01/2027", "tomorrow"]) expect(expiryInstant(day), day).toBeNull();
  });
  it("writes a local day the way a date input does", () => {
    expect(localDay(new Date(2027, 0, 5))).toBe("2027-01-05");
  });
  it("tells active keys from expired ones, and counts only active ones", () => {
    const keys = [{ expiresAt: null }, { expiresAt: "2026-11-30T00:00:00Z" }, { expiresAt: "2027-01-01T00:00:00Z" }];
    expect(keys.map((key) => keyState(key, NOW))).toEqual(["active", "expired", "active"]);
    expect(activeKeyCount(keys, NOW)).toBe(2);
  });
});

describe("creating a key", () => {
  it("needs a name of 1 to 60 characters, as the server does", () => {
    for (const name of ["k", "  k  ", "x".repeat(60), "x".repeat(61), "   ", "😀".repeat(60), "😀".repeat(61)]) {
      const server = createApiKeyRequestSchema.safeParse({ name }).success;
      expect(createKeyProblem(input({ name }), NOW) === null, JSON.stringify(name)).toBe(server);
    }
    expect(createKeyProblem(input({ name: " " }), NOW)).toBe("no_name");
    expect(createKeyProblem(input({ name: "x".repeat(61) }), NOW)).toBe("name_too_long");
  });
  it("needs at least one scope", () => {
    expect(createKeyProblem(input({ scopes: [] }), NOW)).toBe("no_scopes");
    expect(createKeyProblem(input({ scopes: ["speech"] }), NOW)).toBeNull();
  });
  it("refuses an expiry that has passed, and accepts today (it lasts until midnight)", () => {
    expect(createKeyProblem(input({ expiresOn: "2026-11-30" }), NOW)).toBe("expiry_past");
    expect(createKeyProblem(input({ expiresOn: localDay(new Date(NOW)) }), NOW)).toBeNull();
    expect(createKeyProblem(input({ expiresOn: "2026-02-30" }), NOW)).toBe("bad_expiry");
  });
  it("sends the trimmed name, the scopes in the server's order and the expiry only when chosen, in a body the server's schema accepts", () => {
    const body = createKeyRequest(input({ name: "  CI  ", scopes: ["history:read", "speech"] }));
    expect(body).toEqual({ name: "CI", scopes: ["speech", "history:read"] });
    expect(createApiKeyRequestSchema.safeParse(body).success).toBe(true);
    const expiring = createKeyRequest(input({ expiresOn: "2027-06-30" }));
    expect(expiring.expiresAt).toBe(expiryInstant("2027-06-30"));
    expect(createApiKeyRequestSchema.safeParse(expiring).success).toBe(true);
  });
});
