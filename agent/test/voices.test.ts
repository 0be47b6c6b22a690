// The voice table: every call voice, for both model families.
import { describe, expect, it } from "vitest";
import { CALL_VOICES, GEMINI_VOICE_FOR, modelVoice } from "../src/voices";

/** Gemini Live's prebuilt voices (Google's "configure language and voice" page; the plugin's Voice type). */
const GEMINI_LIVE_VOICES = new Set(
  "Achernar Achird Algenib Algieba Alnilam Aoede Autonoe Callirrhoe Charon Despina Enceladus Erinome Fenrir Gacrux Iapetus Kore Laomedeia Leda Orus Pulcherrima Puck Rasalgethi Sadachbia Sadaltager Schedar Sulafat Umbriel Vindemiatrix Zephyr Zubenelgenubi".split(
    " ",
  ),
);

describe("modelVoice", () => {
  it.each([...CALL_VOICES])("maps %s to the OpenAI voice of the same name and to a Gemini Live voice", (voice) => {
    expect(modelVoice("openai", voice)).toEqual({ voice, known: true });
    const gemini = modelVoice("google", voice);
    expect(gemini).toEqual({ voice: GEMINI_VOICE_FOR[voice], known: true });
    expect(GEMINI_LIVE_VOICES.has(gemini.voice)).toBe(true);
  });

  it("gives each call voice its own Gemini voice, matching gender", () => {
    expect(new Set(Object.values(GEMINI_VOICE_FOR)).size).toBe(CALL_VOICES.length);
    expect(GEMINI_VOICE_FOR).toEqual({ alloy: "Zephyr", ash: "Orus", ballad: "Puck", coral: "Aoede", echo: "Charon", sage: "Kore", shimmer: "Leda", verse: "Fenrir" });
  });

  it("falls back to alloy's row for an unknown voice and says so", () => {
    expect(modelVoice("openai", "marin")).toEqual({ voice: "alloy", known: false });
    expect(modelVoice("google", "Coral")).toEqual({ voice: "Zephyr", known: false });
  });
});
