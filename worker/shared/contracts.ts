/**
 * The API's request schemas and response shapes, shared by the Worker's routes and the SPA's
 * typed client (web/ imports this file and errors.ts; nothing here may depend on bindings).
 */
import * as z from "zod";
import type { ErrorCode } from "./errors";
import { AUDIO_OUTPUT_FORMATS, type AudioFormat, type CLONE_AUDIO_FORMATS, SUPPORTED_LOCALES } from "./limits";

export { SUPPORTED_LOCALES, CLONE_FILE_MAX_BYTES, CLONE_MIN_SECONDS, CLONE_MAX_SECONDS, CLONE_TEXT_MAX_CHARACTERS, CLONE_AUDIO_FORMATS, AUDIO_OUTPUT_FORMATS } from "./limits";
export type { AudioFormat, Locale } from "./limits";

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
  provider: "gemini" | "replicate";
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
}

export interface VoiceListResponse {
  voices: Voice[];
  /** Whether a paid user's temperature reaches the Gemini model in use (the 3.8 models reject it). */
  geminiTemperature: boolean;
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
