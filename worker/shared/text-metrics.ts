/**
 * How text is measured, shared by the Worker and the SPA's counter so both apply one rule:
 * length in user-perceived characters (grapheme clusters), words as Intl.Segmenter word-like
 * segments (so Chinese or Japanese text is not one "word"). Text is NFC-normalised first.
 */
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const wordSegmenters = new Map<string, Intl.Segmenter>();

function wordSegmenter(locale: string | undefined): Intl.Segmenter {
  const key = locale ?? "";
  let segmenter = wordSegmenters.get(key);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(locale === undefined ? undefined : [locale], { granularity: "word" });
    wordSegmenters.set(key, segmenter);
  }
  return segmenter;
}

export function normaliseText(text: string): string {
  return text.normalize("NFC");
}

export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(normaliseText(text))) count += 1;
  return count;
}

export function countWords(text: string, locale?: string): number {
  let count = 0;
  let segmenter: Intl.Segmenter;
  try {
    segmenter = wordSegmenter(locale);
  } catch {
    segmenter = wordSegmenter(undefined);
  }
  for (const segment of segmenter.segment(normaliseText(text))) if (segment.isWordLike) count += 1;
  return count;
}
