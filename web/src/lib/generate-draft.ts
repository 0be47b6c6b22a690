/**
 * What the Generate page keeps in the browser between visits and reloads, per user: the draft
 * (text, voice, style, language of the text, seed, temperature) and the last finished result
 * (its metadata and signed audio link). Storage key: `sexyvoice.generate.<user id>` in
 * localStorage, one JSON value per user, so one account on a shared browser never reads
 * another's. Whatever is stored is checked field by field on the way back in: an older build or
 * a hand edit may have written something else, and a bad value falls back to the empty draft.
 *
 * The audio link is signed and expires (`exp`, seconds since the epoch): `needsFreshLink` says
 * when a restored result must get a new link from the history before it can play.
 */
import type { AudioFormat, GenerateVoiceResponse } from "../../../worker/shared/contracts";

const KEY_PREFIX = "sexyvoice.generate.";
/** Links this close to their expiry are renewed first: the player fetches the file after mounting. */
const LINK_MARGIN_MS = 2 * 60_000;

export interface GenerateDraft {
  text: string;
  voiceId: string | null;
  style: string;
  /** The language of the text for multilingual voices; null: the interface's language. */
  speechLocale: string | null;
  seed: string;
  temperature: number | null;
}

export type SavedAudio = Pick<GenerateVoiceResponse, "id" | "url" | "durationSeconds" | "cached" | "creditsUsed" | "creditsRemaining" | "provider" | "format">;

export interface SavedResult {
  result: SavedAudio;
  voiceName: string;
  text: string;
}

export interface StoredGenerate {
  draft: GenerateDraft;
  result: SavedResult | null;
}

export const EMPTY_DRAFT: GenerateDraft = { text: "", voiceId: null, style: "", speechLocale: null, seed: "", temperature: null };

export function draftStorageKey(userId: string): string {
  return `${KEY_PREFIX}${userId}`;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const stringOr = <T>(value: unknown, fallback: T): string | T => (typeof value === "string" ? value : fallback);
const finiteOr = <T>(value: unknown, fallback: T): number | T => (typeof value === "number" && Number.isFinite(value) ? value : fallback);

function parseDraft(value: unknown): GenerateDraft {
  if (!isObject(value)) return EMPTY_DRAFT;
  return {
    text: stringOr(value.text, ""),
    voiceId: stringOr(value.voiceId, null),
    style: stringOr(value.style, ""),
    speechLocale: stringOr(value.speechLocale, null),
    seed: stringOr(value.seed, ""),
    temperature: finiteOr(value.temperature, null),
  };
}

const PROVIDERS: readonly SavedAudio["provider"][] = ["gemini", "replicate", "local"];
const FORMATS: readonly AudioFormat[] = ["wav", "mp3"];

function parseResult(value: unknown): SavedResult | null {
  if (!isObject(value) || !isObject(value.result)) return null;
  const audio = value.result;
  const voiceName = stringOr(value.voiceName, null);
  const text = stringOr(value.text, null);
  const id = stringOr(audio.id, null);
  const url = stringOr(audio.url, null);
  const durationSeconds = finiteOr(audio.durationSeconds, null);
  const creditsUsed = finiteOr(audio.creditsUsed, null);
  const creditsRemaining = finiteOr(audio.creditsRemaining, null);
  const provider = PROVIDERS.find((candidate) => candidate === audio.provider);
  const format = FORMATS.find((candidate) => candidate === audio.format);
  if (voiceName === null || text === null || id === null || url === null || durationSeconds === null || creditsUsed === null || creditsRemaining === null) return null;
  if (provider === undefined || format === undefined || typeof audio.cached !== "boolean") return null;
  return { voiceName, text, result: { id, url, durationSeconds, cached: audio.cached, creditsUsed, creditsRemaining, provider, format } };
}

/** The stored value as read back; anything unreadable is the empty draft without a result. */
export function parseStored(raw: string | null): StoredGenerate {
  if (raw === null) return { draft: EMPTY_DRAFT, result: null };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { draft: EMPTY_DRAFT, result: null };
  }
  if (!isObject(value)) return { draft: EMPTY_DRAFT, result: null };
  return { draft: parseDraft(value.draft), result: parseResult(value.result) };
}

type KeyValueStore = Pick<Storage, "getItem" | "setItem">;

export function readStored(storage: KeyValueStore, userId: string): StoredGenerate {
  try {
    return parseStored(storage.getItem(draftStorageKey(userId)));
  } catch {
    return { draft: EMPTY_DRAFT, result: null };
  }
}

/** Keeps only the fields this module reads back (a response may carry more than the page shows). */
export function writeStored(storage: KeyValueStore, userId: string, value: StoredGenerate): void {
  const { result } = value;
  const saved: StoredGenerate = {
    draft: value.draft,
    result:
      result === null
        ? null
        : {
            voiceName: result.voiceName,
            text: result.text,
            result: {
              id: result.result.id,
              url: result.result.url,
              durationSeconds: result.result.durationSeconds,
              cached: result.result.cached,
              creditsUsed: result.result.creditsUsed,
              creditsRemaining: result.result.creditsRemaining,
              provider: result.result.provider,
              format: result.result.format,
            },
          },
  };
  try {
    storage.setItem(draftStorageKey(userId), JSON.stringify(saved));
  } catch {
    // Private mode or a full quota: the draft lasts for this page only.
  }
}

/** When a signed link stops working, in ms since the epoch; null when it carries no `exp`. */
export function linkExpiresAt(url: string): number | null {
  let exp: string | null;
  try {
    exp = new URL(url, "http://localhost").searchParams.get("exp");
  } catch {
    return null;
  }
  return exp !== null && /^\d{1,12}$/.test(exp) ? Number(exp) * 1000 : null;
}

/** A restored link that has expired or is about to: ask the history for a fresh one before playing. */
export function needsFreshLink(url: string, now: number): boolean {
  const expiresAt = linkExpiresAt(url);
  return expiresAt !== null && expiresAt - LINK_MARGIN_MS <= now;
}

/** The result with the history's fresh link for it, or null when the history no longer has it (deleted). */
export function withFreshLink(saved: SavedResult, items: readonly { id: string; url: string }[]): SavedResult | null {
  const item = items.find((candidate) => candidate.id === saved.result.id);
  return item === undefined ? null : { ...saved, result: { ...saved.result, url: item.url } };
}
