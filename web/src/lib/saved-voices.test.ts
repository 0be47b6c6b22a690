import { describe, expect, it } from "vitest";
import { saveVoiceFieldsSchema } from "../../../worker/shared/contracts";
import { MAX_SAVED_VOICES, SAVED_VOICE_NAME_MAX, saveVoiceProblem, suggestVoiceName, voiceNameProblem, type SaveVoiceInput } from "./saved-voices";

const ready = (overrides: Partial<SaveVoiceInput> = {}): SaveVoiceInput => ({ reference: { problem: null }, consent: true, name: "Studio me", used: 3, limit: MAX_SAVED_VOICES, ...overrides });

describe("saved voice names", () => {
  it("accepts what the server's schema accepts: 1 to 40 characters after trimming", () => {
    for (const name of ["a", "  Studio me  ", "x".repeat(40), `${"é".repeat(39)} `, "  ", "", "x".repeat(41), "🎙️".repeat(20), "🎙️".repeat(21), "😀".repeat(40)]) {
      const server = saveVoiceFieldsSchema.shape.name.safeParse(name).success;
      expect(voiceNameProblem(name) === null, JSON.stringify(name)).toBe(server);
    }
  });
  it("says which rule a name breaks", () => {
    expect(voiceNameProblem("   ")).toBe("no_name");
    expect(voiceNameProblem("x".repeat(SAVED_VOICE_NAME_MAX + 1))).toBe("name_too_long");
  });
});

describe("saving a recording as one of My voices", () => {
  it("is possible with a checked recording, consent and a name, below the limit", () => {
    expect(saveVoiceProblem(ready())).toBeNull();
    expect(saveVoiceProblem(ready({ used: null }))).toBeNull();
  });
  it("stops at the limit first: nothing else helps there", () => {
    expect(saveVoiceProblem(ready({ used: 20, limit: 20, reference: null, consent: false }))).toBe("limit_reached");
    expect(saveVoiceProblem(ready({ used: 19, limit: 20 }))).toBeNull();
  });
  it("needs a recording that has been checked and meets the rules", () => {
    expect(saveVoiceProblem(ready({ reference: null }))).toBe("no_file");
    expect(saveVoiceProblem(ready({ reference: "checking" }))).toBe("checking_file");
    expect(saveVoiceProblem(ready({ reference: { problem: "too_short" } }))).toBe("bad_file");
  });
  it("needs consent, then a valid name", () => {
    expect(saveVoiceProblem(ready({ consent: false }))).toBe("no_consent");
    expect(saveVoiceProblem(ready({ name: " " }))).toBe("no_name");
    expect(saveVoiceProblem(ready({ name: "x".repeat(41) }))).toBe("name_too_long");
  });
});

describe("name suggestions", () => {
  it("suggests the base name, then numbers it past the names taken, ignoring case", () => {
    expect(suggestVoiceName("My voice", [])).toBe("My voice");
    expect(suggestVoiceName("My voice", ["my VOICE", "Other"])).toBe("My voice 2");
    expect(suggestVoiceName("My voice", ["My voice", "My voice 2", "my voice 3"])).toBe("My voice 4");
  });
});
