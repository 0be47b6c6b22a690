/**
 * What the API docs page shows that is not prose: the code samples for this origin (curl, the
 * official `openai` SDKs for JavaScript and Python, our own endpoints) and the tables read from
 * the Worker's own vocabulary (worker/shared/openai-speech.ts: models, voice names, formats), so
 * the page cannot drift from what the routes accept. Pure functions, unit-tested.
 */
import type { Voice } from "../../../worker/shared/contracts";
import { OPENAI_MODEL_TIERS, OPENAI_RESPONSE_FORMATS, OPENAI_VOICE_MAP, PCM_RESPONSE_SAMPLE_RATE, RESPONSE_CONTENT_TYPES, type OpenAiResponseFormat, type SpeechTierName } from "../../../worker/shared/openai-speech";
import { displayVoiceName } from "./voices";

export { PCM_RESPONSE_SAMPLE_RATE };

/** The OpenAI voice and model the samples use, and the catalogue voice our own samples use. */
export const SAMPLE_OPENAI_VOICE = "alloy";
export const SAMPLE_OPENAI_MODEL = "tts-1";
export const SAMPLE_VOICE_ID = "gemini-kore";
const SAMPLE_TEXT = "Hello from SexyVoice!";

export interface SpeechSamples {
  curl: string;
  javascript: string;
  python: string;
}

/** `POST /v1/audio/speech` three ways; `origin` is where the page is served (window.location.origin). */
export function openAiSamples(origin: string): SpeechSamples {
  const body = JSON.stringify({ model: SAMPLE_OPENAI_MODEL, voice: SAMPLE_OPENAI_VOICE, input: SAMPLE_TEXT, response_format: "mp3" });
  return {
    curl: [`curl ${origin}/v1/audio/speech \\`, `  -H "Authorization: Bearer $SEXYVOICE_API_KEY" \\`, `  -H "Content-Type: application/json" \\`, `  -d '${body}' \\`, "  --output speech.mp3"].join("\n"),
    javascript: [
      "// npm install openai",
      'import fs from "node:fs";',
      'import OpenAI from "openai";',
      "",
      `const client = new OpenAI({ apiKey: process.env.SEXYVOICE_API_KEY, baseURL: "${origin}/v1" });`,
      "",
      "const response = await client.audio.speech.create({",
      `  model: "${SAMPLE_OPENAI_MODEL}",`,
      `  voice: "${SAMPLE_OPENAI_VOICE}",`,
      `  input: "${SAMPLE_TEXT}",`,
      '  response_format: "mp3",',
      "});",
      'fs.writeFileSync("speech.mp3", Buffer.from(await response.arrayBuffer()));',
    ].join("\n"),
    python: [
      "# pip install openai",
      "import os",
      "from openai import OpenAI",
      "",
      `client = OpenAI(api_key=os.environ["SEXYVOICE_API_KEY"], base_url="${origin}/v1")`,
      "",
      "with client.audio.speech.with_streaming_response.create(",
      `    model="${SAMPLE_OPENAI_MODEL}",`,
      `    voice="${SAMPLE_OPENAI_VOICE}",`,
      `    input="${SAMPLE_TEXT}",`,
      '    response_format="mp3",',
      ") as response:",
      '    response.stream_to_file("speech.mp3")',
    ].join("\n"),
  };
}

export interface OwnApiSamples {
  speech: string;
  speechAudio: string;
  speechResponse: string;
  clone: string;
  read: string;
}

/** Our own `/api/v1` endpoints: JSON speech (with an Idempotency-Key), the audio itself, a clone, the reads. */
export function ownApiSamples(origin: string): OwnApiSamples {
  const body = JSON.stringify({ text: SAMPLE_TEXT, voice: SAMPLE_VOICE_ID, format: "mp3" });
  return {
    speech: [`curl ${origin}/api/v1/speech \\`, `  -H "Authorization: Bearer $SEXYVOICE_API_KEY" \\`, `  -H "Content-Type: application/json" \\`, `  -H "Idempotency-Key: $(uuidgen)" \\`, `  -d '${body}'`].join("\n"),
    speechResponse: JSON.stringify(
      {
        id: "3f0c…",
        url: `${origin}/api/audio/3f0c…?k=…&exp=…&sig=…`,
        creditsUsed: 20,
        creditsRemaining: 9980,
        cached: false,
        provider: "gemini",
        model: "…",
        durationSeconds: 1.6,
        format: "mp3",
      },
      null,
      2,
    ),
    speechAudio: [`curl ${origin}/api/v1/speech \\`, `  -H "x-api-key: $SEXYVOICE_API_KEY" \\`, `  -H "Accept: audio/*" \\`, `  -H "Content-Type: application/json" \\`, `  -d '${body}' \\`, "  --output hello.mp3"].join(
      "\n",
    ),
    clone: [`curl ${origin}/api/v1/clone \\`, `  -H "Authorization: Bearer $SEXYVOICE_API_KEY" \\`, "  -F file=@my-voice.wav \\", '  -F text="Hello in my own voice." \\', "  -F locale=en \\", "  -F consent=true"].join(
      "\n",
    ),
    read: [
      `curl ${origin}/api/v1/voices -H "Authorization: Bearer $SEXYVOICE_API_KEY"`,
      `curl ${origin}/api/v1/history -H "Authorization: Bearer $SEXYVOICE_API_KEY"`,
      `curl ${origin}/api/v1/me -H "Authorization: Bearer $SEXYVOICE_API_KEY"`,
    ].join("\n"),
  };
}

/** The public API's error body (every `/v1` and `/api/v1` route): OpenAI's shape with our code and a request id. */
export const ERROR_SHAPE = JSON.stringify(
  { error: { message: "response_format: choose one of mp3, wav, pcm", type: "invalid_request_error", code: "validation_failed", param: "response_format" }, requestId: "…" },
  null,
  2,
);

export interface ModelRow {
  tier: SpeechTierName;
  models: string[];
}

/** The model names the OpenAI-compatible route accepts, grouped by the tier each means, standard first. */
export function modelRows(): ModelRow[] {
  return (["standard", "hd"] as const).map((tier) => ({ tier, models: Object.keys(OPENAI_MODEL_TIERS).filter((model) => OPENAI_MODEL_TIERS[model] === tier) }));
}

export interface VoiceMapRow {
  openai: string;
  voiceId: string;
  /** The catalogue voice's display name; null while the list loads or if it is not in the list. */
  name: string | null;
}

/** OpenAI's voice names and the catalogue voice each speaks with, named from the voice list. */
export function voiceMapRows(voices: readonly Pick<Voice, "id" | "name">[]): VoiceMapRow[] {
  const names = new Map(voices.map((voice) => [voice.id, displayVoiceName(voice.name)]));
  return Object.entries(OPENAI_VOICE_MAP).map(([openai, voiceId]) => ({ openai, voiceId, name: names.get(voiceId) ?? null }));
}

export interface FormatRow {
  format: OpenAiResponseFormat;
  contentType: string;
}

export function formatRows(): FormatRow[] {
  return OPENAI_RESPONSE_FORMATS.map((format) => ({ format, contentType: RESPONSE_CONTENT_TYPES[format] }));
}

/**
 * A translated sentence with code in it: `{name}` placeholders become the given nodes (e.g.
 * <code> elements), the rest stays text. Unknown placeholders are left as written.
 */
export function splitPlaceholders<T>(template: string, values: Readonly<Record<string, T>>): Array<string | T> {
  const parts: Array<string | T> = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const name = match[1] ?? "";
    if (!Object.hasOwn(values, name)) continue;
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push(values[name] as T);
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}
