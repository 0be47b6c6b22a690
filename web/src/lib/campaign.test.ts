import { describe, expect, it } from "vitest";
import { countdown, dismissalKey, isDismissed, rememberDismissal } from "./campaign";

describe("the campaign countdown", () => {
  const end = "2027-03-08T00:00:00Z";
  const at = (iso: string) => Date.parse(iso);

  it("splits what is left into days and a clock", () => {
    expect(countdown(end, at("2027-03-05T21:58:30Z"))).toEqual({ days: 2, clock: "02:01:30" });
    expect(countdown(end, at("2027-03-07T23:59:59Z"))).toEqual({ days: 0, clock: "00:00:01" });
    expect(countdown(end, at("2027-03-07T00:00:00Z"))).toEqual({ days: 1, clock: "00:00:00" });
  });

  it("is null at and after the end, and for a date it cannot read", () => {
    expect(countdown(end, at(end))).toBeNull();
    expect(countdown(end, at("2027-03-09T00:00:00Z"))).toBeNull();
    expect(countdown("not a date", 0)).toBeNull();
  });
});

describe("remembering a dismissal", () => {
  it("is kept per campaign id", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (key: string) => store.get(key) ?? null, setItem: (key: string, value: string) => void store.set(key, value) };
    expect(isDismissed(storage, "spring")).toBe(false);
    rememberDismissal(storage, "spring");
    expect(store.get(dismissalKey("spring"))).toBe("1");
    expect(isDismissed(storage, "spring")).toBe(true);
    expect(isDismissed(storage, "summer")).toBe(false);
  });

  it("never throws when storage is unavailable", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    expect(isDismissed(broken, "spring")).toBe(false);
    expect(() => rememberDismissal(broken, "spring")).not.toThrow();
    expect(isDismissed(undefined, "spring")).toBe(false);
  });
});
