/**
 * "My voices" rules for the Clone page, matching `POST /api/my-voices` and `PATCH
 * /api/my-voices/:id` (saveVoiceFieldsSchema in worker/shared/contracts.ts): a name of 1 to 40
 * characters after trimming (zod counts code points, so this does too), a usable recording,
 * consent, and room under the limit (MAX_SAVED_VOICES; the server's list says the one in force).
 */
import { MAX_SAVED_VOICES } from "../../../worker/shared/limits";
import type { ReferenceProblem } from "./clone-input";

export { MAX_SAVED_VOICES };

export const SAVED_VOICE_NAME_MAX = 40;

/** A string's length as zod's `.max()` measures it: in code points, not UTF-16 units. */
export function codePoints(text: string): number {
  return [...text].length;
}

export type VoiceNameProblem = "no_name" | "name_too_long";

/** What is wrong with a voice name, or null; the name is sent trimmed. */
export function voiceNameProblem(name: string): VoiceNameProblem | null {
  const trimmed = name.trim();
  if (trimmed === "") return "no_name";
  if (codePoints(trimmed) > SAVED_VOICE_NAME_MAX) return "name_too_long";
  return null;
}

export type SaveVoiceProblem = "limit_reached" | "no_file" | "checking_file" | "bad_file" | "no_consent" | VoiceNameProblem;

export interface SaveVoiceInput {
  /** null: no recording yet; "checking": still being measured. */
  reference: null | "checking" | { problem: ReferenceProblem | null };
  consent: boolean;
  name: string;
  /** Saved voices now, and the most one may keep; unknown (null) while the list loads. */
  used: number | null;
  limit: number;
}

/** The first reason the recording cannot be saved yet, or null. */
export function saveVoiceProblem(input: SaveVoiceInput): SaveVoiceProblem | null {
  if (input.used !== null && input.used >= input.limit) return "limit_reached";
  if (input.reference === null) return "no_file";
  if (input.reference === "checking") return "checking_file";
  if (input.reference.problem !== null) return "bad_file";
  if (!input.consent) return "no_consent";
  return voiceNameProblem(input.name);
}

/**
 * A name to suggest for a new voice: "My voice", then "My voice 2", … skipping names already
 * taken (case-insensitively, as the server compares them).
 */
export function suggestVoiceName(base: string, taken: readonly string[]): string {
  const names = new Set(taken.map((name) => name.trim().toLowerCase()));
  if (!names.has(base.toLowerCase())) return base;
  for (let index = 2; ; index += 1) {
    const candidate = `${base} ${index}`;
    if (!names.has(candidate.toLowerCase())) return candidate;
  }
}
