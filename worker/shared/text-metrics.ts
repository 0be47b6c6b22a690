/**
 * How text is measured, shared by the Worker and the SPA's counter so both apply one rule
 * (PRODUCT §5). Text is NFC-normalised first, then:
 *
 *   characters     user-perceived characters (grapheme clusters): what the length limits count
 *   codePoints     Unicode code points: the second length bound, so a text padded with combining
 *                  marks cannot be huge while counting as few characters
 *   words          Intl.Segmenter word-like segments (so Chinese or Japanese text is not one
 *                  "word"): what "at least one word" checks
 *   billableWords  what is priced: each word-like segment costs ceil(code points / 12), so one
 *                  500-letter "word" costs what its length costs (42), and "a" followed by 200
 *                  combining marks costs 17, not 1. Vocal tags written in angle brackets (`<sigh>`,
 *                  `<laughs softly>`: a "<", 1 to 40 letters, spaces or hyphens, and a ">") are
 *                  directions to the model, not words, and cost nothing. Anything that is not a
 *                  word-like segment (punctuation, white space, emoji) costs nothing either.
 *
 * Only integers are produced. measureText gives all four with one pass per segmenter.
 */

/** A word-like segment costs one billable word per started run of this many code points. */
export const BILLABLE_SEGMENT_CODE_POINTS = 12;

/** A vocal tag: "<", 1–40 letters, spaces or hyphens, ">". */
const VOCAL_TAG = /<[\p{L} -]{1,40}>/gu;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const wordSegmenters = new Map<string, Intl.Segmenter>();

function cachedWordSegmenter(locale: string | undefined): Intl.Segmenter {
  const key = locale ?? "";
  let segmenter = wordSegmenters.get(key);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(locale === undefined ? undefined : [locale], { granularity: "word" });
    wordSegmenters.set(key, segmenter);
  }
  return segmenter;
}

/** The word segmenter for a locale; an unusable locale tag falls back to the default rules. */
function wordSegmenter(locale: string | undefined): Intl.Segmenter {
  try {
    return cachedWordSegmenter(locale);
  } catch {
    return cachedWordSegmenter(undefined);
  }
}

export function normaliseText(text: string): string {
  return text.normalize("NFC");
}

/** Code points in an already-normalised string (a lone surrogate counts as one). */
function codePointsOf(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    // A high surrogate followed by a low one is a single code point.
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
    }
    count += 1;
  }
  return count;
}

/** ceil(codePoints / BILLABLE_SEGMENT_CODE_POINTS) in integer arithmetic. */
function billableUnits(codePoints: number): number {
  const remainder = codePoints % BILLABLE_SEGMENT_CODE_POINTS;
  return (codePoints - remainder) / BILLABLE_SEGMENT_CODE_POINTS + (remainder === 0 ? 0 : 1);
}

interface WordTally {
  codePoints: number;
  words: number;
  billableWords: number;
}

/**
 * One pass of the word segmenter over normalised text: word-like segments, billable words, and
 * (since the segments cover the whole text) the total code points. A word-like segment lying
 * wholly inside a vocal tag is free; one that is not wholly inside a tag is billed in full.
 */
function tallyWords(text: string, locale: string | undefined): WordTally {
  const tags: Array<[start: number, end: number]> = [];
  for (const match of text.matchAll(VOCAL_TAG)) tags.push([match.index, match.index + match[0].length]);
  let tag = 0;
  let codePoints = 0;
  let words = 0;
  let billableWords = 0;
  for (const { segment, index, isWordLike } of wordSegmenter(locale).segment(text)) {
    const length = codePointsOf(segment);
    codePoints += length;
    if (isWordLike !== true) continue;
    words += 1;
    const end = index + segment.length;
    while (tag < tags.length && tags[tag]![1] <= index) tag += 1;
    const inTag = tag < tags.length && tags[tag]![0] <= index && end <= tags[tag]![1];
    if (!inTag) billableWords += billableUnits(length);
  }
  return { codePoints, words, billableWords };
}

export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(normaliseText(text))) count += 1;
  return count;
}

export function countCodePoints(text: string): number {
  return codePointsOf(normaliseText(text));
}

/** Word-like segments, vocal tags included (used for "at least one word"). */
export function countWords(text: string, locale?: string): number {
  return tallyWords(normaliseText(text), locale).words;
}

/** What is priced: Σ ceil(code points / 12) over word-like segments outside vocal tags. */
export function countBillableWords(text: string, locale?: string): number {
  return tallyWords(normaliseText(text), locale).billableWords;
}

export interface TextMeasure {
  characters: number;
  codePoints: number;
  words: number;
  billableWords: number;
}

/** Every measure of the NFC-normalised text, with one pass per segmenter. */
export function measureText(text: string, locale?: string): TextMeasure {
  const normalised = normaliseText(text);
  let characters = 0;
  for (const _ of graphemes.segment(normalised)) characters += 1;
  return { characters, ...tallyWords(normalised, locale) };
}

/** The text with its vocal tags removed and the spaces around them closed (for engines that would read them aloud). */
export function stripVocalTags(text: string): string {
  return normaliseText(text)
    .replace(VOCAL_TAG, " ")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}
