/**
 * The API's request schemas and response shapes, shared by the Worker's routes and the SPA's
 * typed client (web/ imports this file and errors.ts; nothing here may depend on bindings).
 */
import * as z from "zod";
import type { ErrorCode } from "./errors";
import { OPENAI_MODEL_TIERS, OPENAI_RESPONSE_FORMATS } from "./openai-speech";
import { isCalendarDay, USAGE_TYPES, type UsageType } from "./usage";
import { API_KEY_SCOPES, type ApiKeyScope, AUDIO_OUTPUT_FORMATS, type AudioFormat, type CLONE_AUDIO_FORMATS, isSpeechLanguage, SUPPORTED_LOCALES } from "./limits";

export { SUPPORTED_LOCALES, CLONE_FILE_MAX_BYTES, CLONE_MIN_SECONDS, CLONE_MAX_SECONDS, CLONE_TEXT_MAX_CHARACTERS, CLONE_AUDIO_FORMATS, AUDIO_OUTPUT_FORMATS } from "./limits";
export type { ApiKeyScope, AudioFormat, Locale } from "./limits";
export { API_KEY_SCOPES } from "./limits";

/** Speech locales a generation may request (BCP 47 language or language-region). */
export const speechLocaleSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, "use a locale such as en, es or pt-BR");

/** The format of stored audio, from its content type (`audio/mpeg` is MP3; everything we store else is WAV). */
export function audioFormatOf(contentType: string): AudioFormat {
  return /mpeg|mp3/i.test(contentType) ? "mp3" : "wav";
}

export const generateVoiceRequestSchema = z.object({
  text: z.string(),
  voice: z.string().trim().min(1, "choose a voice").max(100),
  style: z.string().optional(),
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  temperature: z.number().min(0).max(2).optional(),
  locale: speechLocaleSchema.optional(),
  /**
   * The stored file's format; default "wav". Voices whose engine speaks MP3 only (Orpheus on
   * Replicate) are stored as MP3 whichever is asked for; the response's `format` says which.
   */
  format: z.enum(AUDIO_OUTPUT_FORMATS, { error: `choose one of ${AUDIO_OUTPUT_FORMATS.join(", ")}` }).optional(),
});
export type GenerateVoiceRequest = z.infer<typeof generateVoiceRequestSchema>;

export interface GenerateVoiceResponse {
  id: string;
  url: string;
  creditsUsed: number;
  creditsRemaining: number;
  cached: boolean;
  provider: "gemini" | "replicate" | "local";
  model: string;
  durationSeconds: number;
  /** The stored file's format (what `url` serves: audio/wav or audio/mpeg). */
  format: AudioFormat;
}

/** Voice cloning, `POST /api/clone-voice` (multipart/form-data): these text fields plus `file` (see limits.ts). */
export const cloneVoiceFieldsSchema = z.object({
  text: z.string({ error: "write the text the cloned voice should say" }),
  locale: z.enum(SUPPORTED_LOCALES, { error: `choose one of ${SUPPORTED_LOCALES.join(", ")}` }),
  consent: z.literal("true", { error: "confirm that this is your voice or that you have permission to clone it (send consent=true)" }),
});
export type CloneVoiceFields = z.infer<typeof cloneVoiceFieldsSchema>;

export interface CloneVoiceResponse extends GenerateVoiceResponse {
  /** The clone job (its consent record). */
  jobId: string;
  /** What the server measured in the uploaded recording. */
  reference: {
    format: (typeof CLONE_AUDIO_FORMATS)[number];
    durationSeconds: number;
    /**
     * The recording's median fundamental frequency, which the local engine matches. Null when it
     * could not be measured: compressed uploads (MP3, OGG, M4A) are not decoded, so with the local
     * engine they are spoken at the language's default pitch.
     */
    pitchHz: number | null;
  };
}

export interface EstimateCreditsResponse {
  credits: number;
  words: number;
  characters: number;
  characterLimit: number;
  /** What sets the price: the voice's provider, or "clone" for a saved cloned voice. */
  provider: "gemini" | "replicate" | "clone";
}

export interface Voice {
  id: string;
  name: string;
  provider: "gemini" | "replicate" | "openai";
  modelFamily: string;
  language: string;
  gender: "female" | "male" | "neutral";
  description: string;
  feature: "tts" | "call";
  sortOrder: number;
  /** The public sample (`/api/voices/:id/sample`); null for a saved voice (its recording is private). */
  sampleUrl: string | null;
  /** True for the signed-in user's own saved (cloned) voices; only they ever see them. */
  mine: boolean;
}

/** `GET /api/voices` and `GET /api/v1/voices` filters. */
export const voiceQuerySchema = z.object({
  // A real language code (its primary subtag one our voices speak); multilingual voices match any of them.
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "use a language code such as en or pt-BR")
    .refine((code) => isSpeechLanguage(code), "not a language our voices speak")
    .optional(),
  feature: z.enum(["tts", "call"]).optional(),
  gender: z.enum(["female", "male", "neutral"]).optional(),
});

export interface VoiceListResponse {
  voices: Voice[];
  /** Whether a paid user's temperature reaches the Gemini model in use (the 3.8 models reject it). */
  geminiTemperature: boolean;
}

/** Saving a cloned voice, `POST /api/my-voices` (multipart/form-data): these text fields plus `file`, the recording. */
export const saveVoiceFieldsSchema = z.object({
  name: z.string().trim().min(1, "give the voice a name").max(40, "at most 40 characters"),
  locale: z.enum(SUPPORTED_LOCALES, { error: `choose one of ${SUPPORTED_LOCALES.join(", ")}` }),
  consent: z.literal("true", { error: "confirm that this is your voice or that you have permission to clone it (send consent=true)" }),
});
export type SaveVoiceFields = z.infer<typeof saveVoiceFieldsSchema>;

/** Renaming a saved voice, `PATCH /api/my-voices/:id`. */
export const renameVoiceRequestSchema = saveVoiceFieldsSchema.pick({ name: true });

/** One of the user's saved voices ("My voices", at most MAX_SAVED_VOICES). */
export interface SavedVoice {
  id: string;
  name: string;
  /** The language it was cloned in; it speaks that language. */
  language: string;
  referenceDurationSeconds: number;
  consentedAt: string;
  createdAt: string;
}

export interface SavedVoiceListResponse {
  voices: SavedVoice[];
  limit: number;
}

/** Creating an API key, `POST /api/keys` (dashboard session only). Scopes default to all of them. */
export const createApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1, "give the key a name").max(60, "at most 60 characters"),
  scopes: z
    .array(z.enum(API_KEY_SCOPES, { error: `each scope is one of ${API_KEY_SCOPES.join(", ")}` }))
    .min(1, "choose at least one scope")
    .optional(),
  expiresAt: z.iso.datetime({ offset: true, error: "an ISO 8601 date and time, such as 2027-01-31T00:00:00Z" }).optional(),
});
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

export interface ApiKey {
  id: string;
  name: string;
  /** The key's first characters (`sv_` and 8 more), to tell keys apart; never enough to use it. */
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** The answer to creating a key: the only time the whole key is shown. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface ApiKeyListResponse {
  keys: ApiKey[];
  limit: number;
}

export interface MeResponse {
  id: string;
  email: string;
  displayName: string | null;
  locale: string;
  authProvider: "supabase" | "local";
  createdAt: string;
  credits: number;
  isPaid: boolean;
  /** Credits owed after a refund or dispute of spent credits: paid work is refused while > 0. */
  creditsOwed: number;
}

export interface AuthConfigResponse {
  mode: "supabase" | "local" | "none";
  supabaseUrl: string | null;
  supabaseAnonKey: string | null;
}

export interface LocalSignInResponse {
  accessToken: string;
  tokenType: "bearer";
  expiresAt: number;
  user: { id: string; email: string };
}

/** Cursor paging of lists (history, statement). */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What a statement line is about, for its label. */
export type StatementKind = "welcome" | "speech" | "clone" | "call" | "topup" | "subscription" | "refund" | "chargeback" | "adjustment" | "usage";

/**
 * One line of the credit statement: one operation. A reservation and the row that closed it are
 * one line whose amount is what was finally charged (0 when the work failed and was refunded).
 */
export interface CreditTransaction {
  id: string;
  /** Net change of balance of the whole operation. */
  amount: number;
  /** The ledger type of the operation's first row. */
  type: "freemium" | "purchase" | "topup" | "usage" | "refund" | "adjustment" | "chargeback";
  kind: StatementKind;
  /** Reservations only: still open, charged, or refunded because the work failed. */
  state: "pending" | "charged" | "refunded" | null;
  /** The voice of a speech or clone line, when its audio was made. */
  voice: string | null;
  description: string;
  /** Credits a refund or dispute could not take because they were spent (owed). */
  shortfall: number;
  /** Of `amount`, the credits a promo campaign added to a purchase. */
  bonus: number;
  balanceAfter: number;
  createdAt: string;
}

export interface HistoryItem {
  id: string;
  /** "clone" for voice-cloning results (their voice is the "Cloned voice" pseudo-voice). */
  kind: "tts" | "clone";
  voice: { id: string; name: string };
  textPreview: string;
  text: string;
  style: string | null;
  creditsUsed: number;
  durationSeconds: number;
  cached: boolean;
  provider: string;
  model: string;
  contentType: string;
  /** The stored file's format, from `contentType`. */
  format: AudioFormat;
  createdAt: string;
  /** Signed, short-lived URL for playback and download. */
  url: string;
}

export interface DeleteHistoryResponse {
  deleted: number;
}

export interface ErrorResponse {
  error: { code: ErrorCode; message: string; field?: string };
  requestId: string;
}

/**
 * `POST /v1/audio/speech`, OpenAI's request (PRODUCT §13; the tables are shared/openai-speech.ts).
 * `input` follows our text rules (§6, the plan's limit), `instructions` is the style (Gemini
 * voices), `voice` is one of our voices (id or name, saved voices included), an OpenAI voice name
 * or `{ id }`; `speed` other than 1 and `stream_format` "sse" are not offered.
 */
export const openAiSpeechRequestSchema = z.object({
  model: z.enum(Object.keys(OPENAI_MODEL_TIERS) as [string, ...string[]], { error: `choose one of ${Object.keys(OPENAI_MODEL_TIERS).join(", ")}` }),
  input: z.string({ error: "the text to speak" }),
  voice: z.union([z.string().trim().min(1).max(100), z.object({ id: z.string().trim().min(1).max(100) })], { error: "a voice id or name, or { id }" }),
  instructions: z.string().optional(),
  response_format: z.enum(OPENAI_RESPONSE_FORMATS, { error: `choose one of ${OPENAI_RESPONSE_FORMATS.join(", ")}` }).optional(),
  speed: z.literal(1, { error: "only 1.0 is offered" }).optional(),
  stream_format: z.literal("audio", { error: 'only "audio" is offered' }).optional(),
});
export type OpenAiSpeechRequest = z.infer<typeof openAiSpeechRequestSchema>;

/** `GET /api/v1/me`: the key owner's balance and plan. */
export interface ApiMeResponse {
  id: string;
  credits: number;
  isPaid: boolean;
  creditsOwed: number;
}

// ── Usage (issue 14): GET /api/usage-events and GET /api/usage/summary ──────────────────────────

export { USAGE_EXPORT_MAX_ROWS, USAGE_SERIES_DAYS, USAGE_TYPES } from "./usage";
export type { UsageType } from "./usage";

const usageDaySchema = z.string().refine(isCalendarDay, "use a UTC date written YYYY-MM-DD");

/** `GET /api/usage-events`: own events, newest first; `from`/`to` are UTC days, both inclusive. */
export const usageEventsQuerySchema = pageQuerySchema
  .extend({
    type: z.enum(USAGE_TYPES, { error: `choose one of ${USAGE_TYPES.join(", ")}` }).optional(),
    from: usageDaySchema.optional(),
    to: usageDaySchema.optional(),
    /** `csv`: the whole filtered range as one text/csv file (at most USAGE_EXPORT_MAX_ROWS events). */
    format: z.enum(["json", "csv"], { error: "choose json or csv" }).default("json"),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, { message: "must not be before from", path: ["to"] });
export type UsageEventsQuery = z.infer<typeof usageEventsQuerySchema>;

export interface UsageEventItem {
  id: string;
  type: UsageType;
  createdAt: string;
  creditsUsed: number;
  provider: string;
  model: string;
  quantity: number;
  /** `characters` (speech, clones) or `seconds` (calls). */
  unit: string;
  /** The voice spoken with, when the event names one (`name` null once the voice is gone). */
  voice: { id: string; name: string | null } | null;
  locale: string | null;
  durationSeconds: number | null;
}

export interface UsageTypeTotals {
  credits: number;
  count: number;
}

export interface UsagePeriodTotals extends UsageTypeTotals {
  byType: Record<UsageType, UsageTypeTotals>;
}

export interface UsageDay {
  /** A UTC day, `YYYY-MM-DD`. */
  day: string;
  credits: Record<UsageType, number>;
}

/** `GET /api/usage/summary`: integer credits and counts; every day of the series present, oldest first. */
export interface UsageSummaryResponse {
  /** Today (UTC), the last day of `days`. */
  today: string;
  /** This UTC calendar month, from its first day (`start`) to now. */
  month: UsagePeriodTotals & { start: string };
  allTime: UsagePeriodTotals;
  days: UsageDay[];
}

// ── Account export and deletion (issue 14): GET /api/me/export and DELETE /api/me (shared/account.ts) ──
export { ACCOUNT_EXPORT_VERSION, DELETE_ACCOUNT_CONFIRMATION_WITHOUT_EMAIL, deleteAccountRequestSchema } from "./account";
export type { AccountExport, DeleteAccountRequest, DeleteAccountResponse } from "./account";
// ── end of account export and deletion ──
