/**
 * Product limits and the supported UI locales, shared as values by the Worker and the SPA. This
 * module has no dependencies (no zod), so the SPA can import it without growing its bundle.
 */
export const SUPPORTED_LOCALES = ["en", "es", "de", "da", "it", "fr"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/**
 * Voice cloning uploads: MP3, OGG, M4A or WAV by content, at most CLONE_FILE_MAX_BYTES and
 * CLONE_MIN_SECONDS to CLONE_MAX_SECONDS long as measured from the audio itself.
 */
export const CLONE_FILE_MAX_BYTES = 4_718_592;
export const CLONE_MIN_SECONDS = 10;
export const CLONE_MAX_SECONDS = 300;
export const CLONE_TEXT_MAX_CHARACTERS = 500;
/**
 * The clone text's second bound, in code points: 10 × the character limit, as for speech text
 * (see worker/shared/pricing.ts), so ordinary text of 500 characters always fits and text padded
 * with combining marks stays small.
 */
export const CLONE_TEXT_MAX_CODE_POINTS = 5_000;
/** The containers generated audio is stored and served in (issue 9 §4); generation's `format`. */
export const AUDIO_OUTPUT_FORMATS = ["wav", "mp3"] as const;
export type AudioFormat = (typeof AUDIO_OUTPUT_FORMATS)[number];

export const CLONE_AUDIO_FORMATS = ["wav", "mp3", "ogg", "m4a"] as const;

/**
 * Languages a generation may be spoken in (the primary subtag of `locale`): the ones every
 * engine we route to speaks — Gemini TTS and the local eSpeak NG engine (a test checks each one
 * against the engine's own catalogue). Anything else is a 400 naming `locale` before any charge.
 */
export const SPEECH_LANGUAGES = [
  "af",
  "ar",
  "bg",
  "bn",
  "ca",
  "cs",
  "cy",
  "da",
  "de",
  "el",
  "en",
  "es",
  "et",
  "eu",
  "fa",
  "fi",
  "fr",
  "ga",
  "gu",
  "he",
  "hi",
  "hr",
  "hu",
  "hy",
  "id",
  "is",
  "it",
  "ja",
  "ka",
  "kn",
  "ko",
  "lt",
  "lv",
  "mk",
  "ml",
  "mr",
  "ms",
  "nb",
  "nl",
  "pa",
  "pl",
  "pt",
  "ro",
  "ru",
  "sk",
  "sl",
  "sq",
  "sr",
  "sv",
  "sw",
  "ta",
  "te",
  "th",
  "tr",
  "uk",
  "ur",
  "vi",
  "zh",
] as const;

export function isSpeechLanguage(locale: string): boolean {
  const language = locale.toLowerCase().split("-")[0] ?? "";
  return (SPEECH_LANGUAGES as readonly string[]).includes(language);
}

/** "My voices": saved cloned voices a user may keep at once (PRODUCT §7). */
export const MAX_SAVED_VOICES = 20;
/** Active (unrevoked, unexpired) API keys a user may hold at once (PRODUCT §13). */
export const MAX_ACTIVE_API_KEYS = 10;

/** What an API key may do; each `/api/v1` route needs one of these (PRODUCT §13). */
export const API_KEY_SCOPES = ["speech", "clone", "voices:read", "history:read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** `DELETE /api/me` is confirmed with the account's email; an account without one types this word. */
export const DELETE_ACCOUNT_CONFIRMATION_WITHOUT_EMAIL = "DELETE";
