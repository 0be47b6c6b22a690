/**
 * Inline vocal tags for Gemini voices (`<sigh>`): the palette the Generate page offers, and how a
 * tag is put into the text at the caret. Tags are free (shared/text-metrics.ts does not count
 * them as words) and the local engine drops them, so they are only offered for Gemini voices.
 */
export { GEMINI_VOCAL_TAGS as VOCAL_TAGS } from "../../../worker/shared/expressive-tags";

/** The text with `<tag>` inserted between `start` and `end` (replacing a selection), spaced from its neighbours, and where the caret goes after it. */
export function insertVocalTag(text: string, start: number, end: number, tag: string): { text: string; caret: number } {
  const before = text.slice(0, start);
  const after = text.slice(end);
  const lead = before === "" || /\s$/.test(before) ? "" : " ";
  const inserted = `${lead}<${tag}> `;
  const rest = after.startsWith(" ") ? after.slice(1) : after;
  return { text: before + inserted + rest, caret: before.length + inserted.length };
}
