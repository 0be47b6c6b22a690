/**
 * The API's request schemas and response shapes, shared by the Worker's routes and the SPA's
 * typed client (web/ imports this file and errors.ts; nothing here may depend on bindings).
 */
import { z } from "zod";
import type { ErrorCode } from "./errors";
import { type CLONE_AUDIO_FORMATS, SUPPORTED_LOCALES } from "./limits";

export { SUPPORTED_LOCALES, CLONE_FILE_MAX_BYTES, CLONE_MIN_SECONDS, CLONE_MAX_SECONDS, CLONE_TEXT_MAX_CHARACTERS, CLONE_AUDIO_FORMATS } from "./limits";
export type { Locale } from "./limits";

/** Speech locales a generation may request (BCP 47 language or language-region). */
export const speechLocaleSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, "use a locale such as en, es or pt-BR");

export const generateVoiceRequestSchema = z.object({
  text: z.string(),
  voice: z.string().trim().min(1, "choose a voice").max(100),
  style: z.string().optional(),
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  temperature: z.number().min(0).max(2).optional(),
  locale: speechLocaleSchema.optional(),
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

export interface CreditTransaction {
  id: string;
  amount: number;
  type: "freemium" | "purchase" | "topup" | "usage" | "refund" | "adjustment" | "chargeback";
  description: string;
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
