/**
 * The public API (PRODUCT §13), for API keys (the `api-key` scheme, each mount with its scope,
 * declared in app.ts): a second front door to the same preparation and orchestrator as the
 * dashboard (routes/generation.ts `preparedSpeech`, services/paid-audio.ts), never a copy.
 *   POST /v1/audio/speech  OpenAI's speech request, answered with the audio (shared/openai-speech.ts)
 *   POST /api/v1/speech    our generate request; our JSON answer, or the audio with `Accept: audio/*`
 *   POST /api/v1/clone     the dashboard's clone upload
 *   GET  /api/v1/voices, /api/v1/history, /api/v1/me
 * POST routes honour `Idempotency-Key` (services/idempotency.ts). Errors take OpenAI's shape (app.ts).
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../context";
import { accountOf, jsonBody } from "../middleware";
import { audioAnswer, renderAnswer, type ApiAnswer } from "../services/api-answers";
import { idempotent } from "../services/idempotency";
import { openApiDocument } from "../services/openapi";
import type { PreparedOrder } from "../services/orders";
import { audioResponseBody, deliverAudio } from "../services/paid-audio";
import { generateVoiceRequestSchema, openAiSpeechRequestSchema, type ApiMeResponse, type GenerateVoiceRequest } from "../shared/contracts";
import { AppError } from "../shared/errors";
import { OPENAI_MODEL_TIERS, OPENAI_VOICE_MAP } from "../shared/openai-speech";
import { cloneFromUpload, cloneRateLimit } from "./clone";
import { preparedSpeech } from "./generation";
import { historyPage } from "./history";
import { recordingUploadLimit } from "./uploads";
import { voiceList } from "./voices";

/** `Accept: audio/*` (and not JSON) asks for the audio itself. */
const wantsAudio = (c: Context<AppEnv>) => {
  const accept = c.req.header("accept") ?? "";
  return /\baudio\//i.test(accept) && !/application\/json/i.test(accept);
};

const answered = async (c: Context<AppEnv>, run: () => Promise<ApiAnswer>) => {
  const { answer, replayed } = await idempotent(c, run);
  return renderAnswer(c, answer, replayed);
};

export const v1SpeechRoutes = new Hono<AppEnv>().post("/", (c) =>
  answered(c, async () => {
    const { ctx, order, account, cached, links } = await preparedSpeech(c, await jsonBody(c, generateVoiceRequestSchema, { anyContentType: true }));
    const delivery = await deliverAudio(ctx, order, account, { cached });
    if (wantsAudio(c)) return audioAnswer(delivery, "stored");
    return { kind: "json", status: 200, body: { ...(await audioResponseBody(delivery, links)) } };
  }),
);

export const v1CloneRoutes = new Hono<AppEnv>().post("/", cloneRateLimit, recordingUploadLimit, (c) => answered(c, async () => ({ kind: "json", status: 200, body: { ...(await cloneFromUpload(c)) } })));

export const v1VoiceRoutes = new Hono<AppEnv>().get("/", async (c) => c.json(await voiceList(c, c.get("identity").userId)));

export const v1HistoryRoutes = new Hono<AppEnv>().get("/", async (c) => c.json(await historyPage(c)));

export const v1MeRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const account = await accountOf(c);
  const body: ApiMeResponse = { id: c.get("identity").userId, credits: account.balance, isPaid: account.isPaid, creditsOwed: account.creditsOwed };
  return c.json(body);
});

/** Our request fields under OpenAI's names, for errors about them. */
const OPENAI_FIELD_NAMES: Readonly<Record<string, string>> = { text: "input", style: "instructions", format: "response_format", locale: "voice" };

function inOpenAiTerms(error: unknown): unknown {
  if (!(error instanceof AppError) || error.options.field === undefined) return error;
  const field = OPENAI_FIELD_NAMES[error.options.field];
  if (field === undefined) return error;
  const message = error.message.startsWith(`${error.options.field}:`) ? `${field}:${error.message.slice(error.options.field.length + 1)}` : error.message;
  return new AppError(error.code, message, { ...error.options, field });
}

/** What the order will be stored as, when that is known before production (a saved voice's engine decides). */
const storedAs = (order: PreparedOrder) => (order.kind === "tts" ? order.speech.format : order.clone.format);

export const openAiSpeechRoutes = new Hono<AppEnv>().post("/", (c) =>
  answered(c, async () => {
    const request = await jsonBody(c, openAiSpeechRequestSchema, { anyContentType: true });
    const responseFormat = request.response_format ?? "mp3";
    const modelTier = OPENAI_MODEL_TIERS[request.model] === "hd" ? "paid" : "free";
    const voice = typeof request.voice === "string" ? (OPENAI_VOICE_MAP[request.voice.toLowerCase()] ?? request.voice) : request.voice.id;
    const input: GenerateVoiceRequest = { text: request.input, voice, format: responseFormat === "mp3" ? "mp3" : "wav", ...(request.instructions?.trim() ? { style: request.instructions } : {}) };
    const { ctx, order, account, cached } = await preparedSpeech(c, input, { modelTier }).catch((error: unknown) => {
      throw inOpenAiTerms(error);
    });
    if (modelTier === "paid" && !account.isPaid) {
      throw new AppError("paid_feature", `model: ${request.model} uses our HD model, available once you have bought credits; use tts-1 meanwhile.`, { field: "model" });
    }
    if (responseFormat !== "mp3" && storedAs(order) === "mp3") {
      throw new AppError("validation_failed", `response_format: this voice's engine makes MP3 only; ask for mp3.`, { field: "response_format" });
    }
    return audioAnswer(await deliverAudio(ctx, order, account, { cached }), responseFormat);
  }),
);

export const openApiRoutes = new Hono<AppEnv>().get("/", (c) => {
  c.header("Cache-Control", "public, max-age=300");
  return c.json(openApiDocument(new URL(c.req.url).origin));
});
