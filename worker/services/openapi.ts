/**
 * The public API's OpenAPI 3.1 document (`GET /api/v1/openapi.json`). Request bodies and query
 * parameters are generated from the very zod schemas the routes validate with, by zod's own
 * JSON Schema generator (`z.toJSONSchema`, draft 2020-12 as OpenAPI 3.1 uses). Measured in
 * issue 13: @hono/zod-openapi would add ~75 KiB gzip to the Worker (it keeps all of zod), this
 * ~2 KiB. Response shapes are TypeScript interfaces (shared/contracts.ts), described here.
 * The route test checks every `/api/v1` and `/v1` route of the app is in `paths`.
 */
import * as z from "zod";
import { cloneVoiceFieldsSchema, generateVoiceRequestSchema, openAiSpeechRequestSchema, pageQuerySchema, voiceQuerySchema } from "../shared/contracts";
import { CLONE_FILE_MAX_BYTES } from "../shared/limits";
import { OPENAI_MODEL_TIERS, OPENAI_VOICE_MAP } from "../shared/openai-speech";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return json;
}

function queryParameters(schema: z.ZodObject): JsonSchema[] {
  const json = schemaOf(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({ name, in: "query", required: json.required?.includes(name) ?? false, schema: property }));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ "application/json": { schema } });

const ERRORS = Object.fromEntries(
  [
    ["400", "Invalid request: `error.param` names the field"],
    ["401", "Missing, unknown, revoked or expired API key"],
    ["402", "Not enough credits (`x-should-retry: false`)"],
    ["403", "The key lacks the scope, the plan lacks the feature, or the account is on hold"],
    ["404", "Unknown voice"],
    ["422", "Content refused, a clone reference with too little speech (`insufficient_speech`), or an Idempotency-Key reused with a different request"],
    ["429", "Rate limited (`Retry-After` says when to retry)"],
    ["5XX", "Provider or server failure; nothing is charged"],
  ].map(([status, description]) => [status, { description, content: json(ref("Error")) }]),
);

const IDEMPOTENCY_KEY = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: "Repeating a request with the same key and body within 24 hours returns the first answer without a second charge.",
  schema: { type: "string", minLength: 1, maxLength: 255 },
};

const AUDIO_BODY = { schema: { type: "string", contentMediaType: "application/octet-stream" } };

const GENERATE_RESPONSE: JsonSchema = {
  type: "object",
  required: ["id", "url", "creditsUsed", "creditsRemaining", "cached", "provider", "model", "durationSeconds", "format"],
  properties: {
    id: { type: "string" },
    url: { type: "string", format: "uri", description: "Signed link to the audio, valid for an hour" },
    creditsUsed: { type: "integer" },
    creditsRemaining: { type: "integer" },
    cached: { type: "boolean" },
    provider: { type: "string", enum: ["gemini", "replicate", "local"] },
    model: { type: "string" },
    durationSeconds: { type: "number" },
    format: { type: "string", enum: ["wav", "mp3"] },
  },
};

const VOICE: JsonSchema = {
  type: "object",
  required: ["id", "name", "provider", "language", "gender", "feature", "mine"],
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    provider: { type: "string" },
    modelFamily: { type: "string" },
    language: { type: "string", description: '"multi" for multilingual voices' },
    gender: { type: "string", enum: ["female", "male", "neutral"] },
    description: { type: "string" },
    feature: { type: "string", enum: ["tts", "call"] },
    sampleUrl: { type: ["string", "null"] },
    mine: { type: "boolean", description: "One of your saved cloned voices" },
  },
};

export function openApiDocument(origin: string): JsonSchema {
  const speechRequest = schemaOf(openAiSpeechRequestSchema);
  return {
    openapi: "3.1.0",
    info: {
      title: "SexyVoice API",
      version: "1.0.0",
      description: `Text to speech and voice cloning. Authenticate with an API key from the dashboard. Models: ${Object.entries(OPENAI_MODEL_TIERS)
        .map(([model, tier]) => `${model} → ${tier}`)
        .join(", ")}. OpenAI voices: ${Object.entries(OPENAI_VOICE_MAP)
        .map(([name, id]) => `${name} → ${id}`)
        .join(", ")}.`,
    },
    servers: [{ url: origin }],
    security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    paths: {
      "/v1/audio/speech": {
        post: {
          operationId: "createSpeech",
          summary: "OpenAI-compatible text to speech (scope: speech)",
          parameters: [IDEMPOTENCY_KEY],
          requestBody: { required: true, content: json(speechRequest) },
          responses: { "200": { description: "The audio", content: { "audio/mpeg": AUDIO_BODY, "audio/wav": AUDIO_BODY, "audio/pcm": AUDIO_BODY } }, ...ERRORS },
        },
      },
      "/api/v1/speech": {
        post: {
          operationId: "generateSpeech",
          summary: "Text to speech with our request (scope: speech); the audio itself with Accept: audio/*",
          parameters: [IDEMPOTENCY_KEY],
          requestBody: { required: true, content: json(schemaOf(generateVoiceRequestSchema)) },
          responses: { "200": { description: "The result", content: { ...json(GENERATE_RESPONSE), "audio/wav": AUDIO_BODY, "audio/mpeg": AUDIO_BODY } }, ...ERRORS },
        },
      },
      "/api/v1/clone": {
        post: {
          operationId: "cloneVoice",
          summary: "Speak text in the voice of a recording (scope: clone)",
          parameters: [IDEMPOTENCY_KEY],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  ...schemaOf(cloneVoiceFieldsSchema),
                  properties: { ...(schemaOf(cloneVoiceFieldsSchema).properties as JsonSchema), file: { type: "string", contentMediaType: "application/octet-stream", maxLength: CLONE_FILE_MAX_BYTES } },
                  required: ["file", "text", "locale", "consent"],
                },
              },
            },
          },
          responses: { "200": { description: "The result", content: json(GENERATE_RESPONSE) }, ...ERRORS },
        },
      },
      "/api/v1/voices": {
        get: {
          operationId: "listVoices",
          summary: "The voice catalogue and your saved voices (scope: voices:read)",
          parameters: queryParameters(voiceQuerySchema),
          responses: { "200": { description: "Voices", content: json({ type: "object", properties: { voices: { type: "array", items: VOICE }, geminiTemperature: { type: "boolean" } } }) }, ...ERRORS },
        },
      },
      "/api/v1/history": {
        get: {
          operationId: "listHistory",
          summary: "Your generations, newest first (scope: history:read)",
          parameters: queryParameters(pageQuerySchema),
          responses: { "200": { description: "A page", content: json({ type: "object", properties: { items: { type: "array", items: { type: "object" } }, nextCursor: { type: ["string", "null"] } } }) }, ...ERRORS },
        },
      },
      "/api/v1/me": {
        get: {
          operationId: "getAccount",
          summary: "Your balance and plan (any scope)",
          responses: {
            "200": { description: "The account", content: json({ type: "object", properties: { id: { type: "string" }, credits: { type: "integer" }, isPaid: { type: "boolean" }, creditsOwed: { type: "integer" } } }) },
            ...ERRORS,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "Authorization: Bearer sv_…" },
        apiKeyHeader: { type: "apiKey", in: "header", name: "x-api-key" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["message", "type", "code"],
              properties: { message: { type: "string" }, type: { type: "string" }, code: { type: "string" }, param: { type: ["string", "null"] } },
            },
            requestId: { type: "string" },
          },
        },
      },
    },
  };
}
