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
export const CLONE_AUDIO_FORMATS = ["wav", "mp3", "ogg", "m4a"] as const;
