/**
 * The text enhancer's suggestion as pieces to show: plain text, and tags marked as added when the
 * user's text did not already have them (the server guarantees the words are the same, so tags
 * are the only difference).
 */
export type SuggestionPiece = { kind: "text"; value: string } | { kind: "tag"; value: string; added: boolean };

const TAG = /<[\p{L} -]{1,40}>/gu;

export function suggestionPieces(original: string, suggestion: string): SuggestionPiece[] {
  const existing = new Map<string, number>();
  for (const match of original.matchAll(TAG)) existing.set(match[0], (existing.get(match[0]) ?? 0) + 1);
  const pieces: SuggestionPiece[] = [];
  let last = 0;
  for (const match of suggestion.matchAll(TAG)) {
    if (match.index > last) pieces.push({ kind: "text", value: suggestion.slice(last, match.index) });
    const left = existing.get(match[0]) ?? 0;
    if (left > 0) existing.set(match[0], left - 1);
    pieces.push({ kind: "tag", value: match[0], added: left === 0 });
    last = match.index + match[0].length;
  }
  if (last < suggestion.length) pieces.push({ kind: "text", value: suggestion.slice(last) });
  return pieces;
}
