/**
 * The call voices (OpenAI realtime voice names, which the Call page offers) and, in one table,
 * the Gemini Live prebuilt voice each one becomes when the call runs on Gemini. Chosen by gender
 * and character (OpenAI's descriptions against Google's one-word ones):
 *
 *   alloy   neutral, balanced        → Zephyr  (bright, female)
 *   ash     clear, confident male    → Orus    (firm, male)
 *   ballad  warm, expressive male    → Puck    (upbeat, male)
 *   coral   warm, friendly female    → Aoede   (breezy, female)
 *   echo    calm, resonant male      → Charon  (informative, male)
 *   sage    calm, composed female    → Kore    (firm, female)
 *   shimmer bright, energetic female → Leda    (youthful, female)
 *   verse   dynamic, versatile male  → Fenrir  (excitable, male)
 *
 * An unknown voice (a preset edited by hand, a newer Worker) falls back to alloy's row.
 */
import type { realtime as googleRealtime } from "@livekit/agents-plugin-google";

export const CALL_VOICES = ["alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse"] as const;
export type CallVoice = (typeof CALL_VOICES)[number];
export const FALLBACK_CALL_VOICE: CallVoice = "alloy";

export const GEMINI_VOICE_FOR: Record<CallVoice, googleRealtime.Voice> = {
  alloy: "Zephyr",
  ash: "Orus",
  ballad: "Puck",
  coral: "Aoede",
  echo: "Charon",
  sage: "Kore",
  shimmer: "Leda",
  verse: "Fenrir",
};

export const isCallVoice = (value: string): value is CallVoice => (CALL_VOICES as readonly string[]).includes(value);

export type ModelFamily = "openai" | "google";

/** The model's voice for a call voice; `known` is false when the fallback was used. */
export function modelVoice(family: ModelFamily, callVoice: string): { voice: string; known: boolean } {
  const known = isCallVoice(callVoice);
  const voice: CallVoice = known ? callVoice : FALLBACK_CALL_VOICE;
  return { voice: family === "openai" ? voice : GEMINI_VOICE_FOR[voice], known };
}
