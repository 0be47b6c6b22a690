/**
 * The OpenAI-compatible speech API's vocabulary (`POST /v1/audio/speech`, PRODUCT §13): which of
 * our tiers each OpenAI model name means, which of our voices each OpenAI voice name speaks with,
 * and the response formats. One table each, read by the route (worker/routes/openai-speech.ts),
 * the OpenAPI document and the SPA's API docs page, so the documentation cannot drift from the code.
 * No dependencies, so the SPA can import it.
 */

/** Our two speech tiers: `standard` is the free plan's model, `hd` the paid plan's (a paid account). */
export type SpeechTierName = "standard" | "hd";

export const OPENAI_MODEL_TIERS: Readonly<Record<string, SpeechTierName>> = {
  "tts-1": "standard",
  "tts-1-hd": "hd",
  "gpt-4o-mini-tts": "hd",
  "gpt-4o-mini-tts-2025-12-15": "hd",
  "sexyvoice-standard": "standard",
  "sexyvoice-hd": "hd",
};

/** OpenAI's built-in voice names and the catalogue voice (by id) each one speaks with. */
export const OPENAI_VOICE_MAP: Readonly<Record<string, string>> = {
  alloy: "gemini-schedar",
  ash: "gemini-orus",
  ballad: "gemini-algieba",
  coral: "gemini-sulafat",
  echo: "gemini-charon",
  fable: "gemini-puck",
  nova: "gemini-aoede",
  onyx: "gemini-alnilam",
  sage: "gemini-vindemiatrix",
  shimmer: "gemini-achernar",
  verse: "gemini-fenrir",
  marin: "gemini-despina",
  cedar: "gemini-iapetus",
};

/** `response_format` values we answer; OpenAI's `opus`, `aac` and `flac` are a 400 naming the field. */
export const OPENAI_RESPONSE_FORMATS = ["mp3", "wav", "pcm"] as const;
export type OpenAiResponseFormat = (typeof OPENAI_RESPONSE_FORMATS)[number];

/** `pcm` is what OpenAI sends: raw 16-bit signed little-endian mono samples at this rate. */
export const PCM_RESPONSE_SAMPLE_RATE = 24_000;

export const RESPONSE_CONTENT_TYPES: Readonly<Record<OpenAiResponseFormat, string>> = {
  mp3: "audio/mpeg",
  wav: "audio/wav",
  pcm: "audio/pcm",
};
