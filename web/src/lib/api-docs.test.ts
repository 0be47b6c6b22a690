import { describe, expect, it } from "vitest";
import seedVoicesSql from "../../../migrations/0002_seed_voices.sql?raw";
import { OPENAI_MODEL_TIERS, OPENAI_VOICE_MAP } from "../../../worker/shared/openai-speech";
import { ERROR_SHAPE, SAMPLE_OPENAI_MODEL, SAMPLE_OPENAI_VOICE, SAMPLE_VOICE_ID, formatRows, modelRows, openAiSamples, ownApiSamples, splitPlaceholders, voiceMapRows } from "./api-docs";

const ORIGIN = "https://voice.example.com";
/** Catalogue voice ids and names from the seed migration, as `GET /api/voices` lists them. */
const seeded = [...seedVoicesSql.matchAll(/\('([^']+)', '([^']+)', '[^']+', '[^']+', '[^']+', '[^']+', '[^']+', 'tts'/g)].map((match) => ({ id: match[1]!, name: match[2]! }));

describe("OpenAI-compatible samples", () => {
  const samples = openAiSamples(ORIGIN);
  it("point curl at this origin's /v1/audio/speech with a bearer key", () => {
    expect(samples.curl).toContain(`curl ${ORIGIN}/v1/audio/speech`);
    expect(samples.curl).toContain('-H "Authorization: Bearer $SEXYVOICE_API_KEY"');
    // The body is valid JSON with the fields OpenAI's API takes.
    const body = JSON.parse(/-d '([^']+)'/.exec(samples.curl)![1]!);
    expect(body).toEqual({ model: "tts-1", voice: "alloy", input: "Hello from SexyVoice!", response_format: "mp3" });
  });
  it("change only the base URL of the official SDKs: baseURL in JavaScript, base_url in Python", () => {
    expect(samples.javascript).toContain('import OpenAI from "openai";');
    expect(samples.javascript).toContain(`baseURL: "${ORIGIN}/v1"`);
    expect(samples.javascript).toContain("client.audio.speech.create(");
    expect(samples.python).toContain("from openai import OpenAI");
    expect(samples.python).toContain(`base_url="${ORIGIN}/v1"`);
    expect(samples.python).toContain("client.audio.speech.with_streaming_response.create(");
  });
  it("use a model and a voice the route accepts", () => {
    expect(OPENAI_MODEL_TIERS[SAMPLE_OPENAI_MODEL]).toBe("standard");
    expect(OPENAI_VOICE_MAP[SAMPLE_OPENAI_VOICE]).toBeDefined();
  });
});

describe("our own endpoints' samples", () => {
  const samples = ownApiSamples(ORIGIN);
  it("send JSON speech with an Idempotency-Key, and ask for the audio itself with Accept: audio/*", () => {
    expect(samples.speech).toContain(`${ORIGIN}/api/v1/speech`);
    expect(samples.speech).toContain("Idempotency-Key:");
    expect(samples.speechAudio).toContain('-H "Accept: audio/*"');
    expect(samples.speechAudio).toContain('-H "x-api-key: $SEXYVOICE_API_KEY"');
    expect(JSON.parse(/-d '([^']+)'/.exec(samples.speech)![1]!)).toEqual({ text: "Hello from SexyVoice!", voice: SAMPLE_VOICE_ID, format: "mp3" });
    expect(seeded.some((voice) => voice.id === SAMPLE_VOICE_ID)).toBe(true);
  });
  it("clone with the dashboard's four multipart fields", () => {
    for (const field of ["file=@", "text=", "locale=en", "consent=true"]) expect(samples.clone).toContain(`-F ${field}`);
  });
  it("read voices, history and the account", () => {
    for (const path of ["/api/v1/voices", "/api/v1/history", "/api/v1/me"]) expect(samples.read).toContain(`${ORIGIN}${path}`);
  });
  it("show the error body the public API sends (OpenAI's shape with our code and a request id)", () => {
    const body = JSON.parse(ERROR_SHAPE);
    expect(Object.keys(body).sort()).toEqual(["error", "requestId"]);
    expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
  });
});

describe("tables from the route's vocabulary", () => {
  it("lists every model name under the tier it means, standard first", () => {
    const rows = modelRows();
    expect(rows.map((row) => row.tier)).toEqual(["standard", "hd"]);
    expect(rows.flatMap((row) => row.models).sort()).toEqual(Object.keys(OPENAI_MODEL_TIERS).sort());
    for (const row of rows) for (const model of row.models) expect(OPENAI_MODEL_TIERS[model]).toBe(row.tier);
    expect(rows[0]!.models).toContain("tts-1");
    expect(rows[1]!.models).toContain("tts-1-hd");
  });
  it("names the voice each OpenAI voice speaks with from the voice list, and every mapped voice is in the catalogue", () => {
    const rows = voiceMapRows(seeded);
    expect(rows).toHaveLength(Object.keys(OPENAI_VOICE_MAP).length);
    expect(rows.find((row) => row.openai === "alloy")).toEqual({ openai: "alloy", voiceId: "gemini-schedar", name: "Schedar" });
    expect(rows.filter((row) => row.name === null)).toEqual([]);
    expect(voiceMapRows([]).every((row) => row.name === null)).toBe(true);
  });
  it("lists the response formats with their content types", () => {
    expect(formatRows()).toEqual([
      { format: "mp3", contentType: "audio/mpeg" },
      { format: "wav", contentType: "audio/wav" },
      { format: "pcm", contentType: "audio/pcm" },
    ]);
  });
});

describe("sentences with code in them", () => {
  it("replaces known placeholders with nodes and keeps the text around them", () => {
    expect(splitPlaceholders("Send {header} with {method} requests.", { header: 1, method: 2 })).toEqual(["Send ", 1, " with ", 2, " requests."]);
    expect(splitPlaceholders("{a}{b}", { a: "A", b: "B" })).toEqual(["A", "B"]);
    expect(splitPlaceholders("Keep {unknown} as it is", {})).toEqual(["Keep {unknown} as it is"]);
  });
});
