import { describe, expect, it } from "vitest";
import { draftStorageKey, EMPTY_DRAFT, linkExpiresAt, needsFreshLink, parseStored, readStored, type SavedResult, type StoredGenerate, withFreshLink, writeStored } from "./generate-draft";

function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    key: (index) => [...data.keys()][index] ?? null,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
const link = (expSeconds: number) => `https://sv.example/api/audio/a1?k=audio%2Fa1.wav&exp=${expSeconds}&sig=abc`;

const saved: SavedResult = {
  voiceName: "Kore",
  text: "Hello there.",
  result: { id: "a1", url: link(NOW / 1000 + 3600), durationSeconds: 1.5, cached: false, creditsUsed: 14, creditsRemaining: 9986, provider: "local", format: "wav" },
};

const stored: StoredGenerate = { draft: { text: "Hello there.", voiceId: "gemini-kore", style: "warm", speechLocale: "de", seed: "42", temperature: 1.2 }, result: saved };

describe("the Generate page's stored draft", () => {
  it("reads back what it wrote, under the user's own key", () => {
    const storage = memoryStorage();
    writeStored(storage, "user-a", stored);
    expect([...storage.data.keys()]).toEqual([draftStorageKey("user-a")]);
    expect(readStored(storage, "user-a")).toEqual(stored);
  });

  it("never shows one user another user's draft", () => {
    const storage = memoryStorage();
    writeStored(storage, "user-a", stored);
    expect(readStored(storage, "user-b")).toEqual({ draft: EMPTY_DRAFT, result: null });
  });

  it("keeps only the result fields it shows (not the whole response)", () => {
    const storage = memoryStorage();
    const withExtra = { ...saved, result: { ...saved.result, model: "local-tts", secret: "x" } };
    writeStored(storage, "user-a", { draft: EMPTY_DRAFT, result: withExtra });
    expect(storage.data.get(draftStorageKey("user-a"))).not.toContain("secret");
    expect(readStored(storage, "user-a").result).toEqual(saved);
  });

  it("falls back to the empty draft for unreadable values", () => {
    for (const raw of [null, "", "not json", "[]", "42", "null", JSON.stringify({ draft: "x" })]) {
      expect(parseStored(raw)).toEqual({ draft: EMPTY_DRAFT, result: null });
    }
  });

  it("keeps the good fields of a draft and replaces the wrong-typed ones", () => {
    const raw = JSON.stringify({ draft: { text: "Hi", voiceId: 7, style: null, speechLocale: "fr", seed: 3, temperature: "hot" } });
    expect(parseStored(raw).draft).toEqual({ ...EMPTY_DRAFT, text: "Hi", speechLocale: "fr" });
  });

  it("drops a result with a missing or unknown field but keeps the draft", () => {
    const broken = [
      { ...saved.result, url: undefined },
      { ...saved.result, provider: "acme" },
      { ...saved.result, format: "ogg" },
      { ...saved.result, cached: "no" },
    ];
    for (const result of broken) {
      const parsed = parseStored(JSON.stringify({ draft: stored.draft, result: { ...saved, result } }));
      expect(parsed.result).toBeNull();
      expect(parsed.draft).toEqual(stored.draft);
    }
  });

  it("survives storage that throws (private mode, full quota)", () => {
    const failing = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
    };
    expect(readStored(failing, "user-a")).toEqual({ draft: EMPTY_DRAFT, result: null });
    expect(() => writeStored(failing, "user-a", stored)).not.toThrow();
  });
});

describe("a restored result's signed link", () => {
  it("reads the expiry from the link's exp", () => {
    expect(linkExpiresAt(link(1_700_000_000))).toBe(1_700_000_000_000);
    expect(linkExpiresAt("/api/audio/a1?k=x")).toBeNull();
    expect(linkExpiresAt("/api/audio/a1?exp=soon")).toBeNull();
  });

  it("is renewed once expired or about to expire, and kept while it has time left", () => {
    expect(needsFreshLink(link(NOW / 1000 - 10), NOW)).toBe(true);
    expect(needsFreshLink(link(NOW / 1000 + 60), NOW)).toBe(true);
    expect(needsFreshLink(link(NOW / 1000 + 3600), NOW)).toBe(false);
    // A link without exp (not signed) is played as it is.
    expect(needsFreshLink("/api/audio/a1", NOW)).toBe(false);
  });

  it("takes the history's fresh link for the same audio, or none when the history no longer has it", () => {
    const fresh = link(NOW / 1000 + 7200);
    expect(
      withFreshLink(saved, [
        { id: "other", url: "x" },
        { id: "a1", url: fresh },
      ])?.result.url,
    ).toBe(fresh);
    expect(withFreshLink(saved, [{ id: "other", url: "x" }])).toBeNull();
  });
});
