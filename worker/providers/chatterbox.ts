/**
 * Voice cloning on Replicate with Resemble AI's Chatterbox: English through
 * `resemble-ai/chatterbox`, every other locale through `resemble-ai/chatterbox-multilingual`.
 *
 * How the reference reaches Replicate without making our bucket public: it is uploaded with the
 * SDK's files API (`POST /v1/files`) and the prediction gets the file's API URL, which only our
 * token can read; the file is deleted (`DELETE /v1/files/<id>`) as soon as the prediction has
 * finished, successfully or not. A data URL was the alternative, but a 4.5 MiB upload becomes a
 * 6 MiB JSON body that is logged with the prediction's input.
 *
 * The output (a URL to WAV, sometimes MP3) is downloaded and probed for its format and duration.
 */
import * as z from "zod";
import { probeAudio, type AudioProbe } from "../services/audio-probe";
import { createReplicateClient, downloadOutput, mapReplicateError, runPrediction } from "./replicate";
import { ProviderError, type CloneProvider, type SpeechResult } from "./types";
import { log } from "../services/logging";

export const CHATTERBOX_MODEL = "resemble-ai/chatterbox";
export const CHATTERBOX_VERSION = "1b8422bc49635c20d0a84e387ed20879c0dd09254ecdb4e75dc4bec10ff94e97";
export const CHATTERBOX_MULTILINGUAL_MODEL = "resemble-ai/chatterbox-multilingual";
export const CHATTERBOX_MULTILINGUAL_VERSION = "9cfba4c265e685f840612be835424f8c33bdee685d7466ece7684b0d9d4c0b1c";

const uploadedFileSchema = z.object({ id: z.string().min(1), urls: z.object({ get: z.url() }) });

export function createChatterboxProvider(token: string, baseUrl?: string): CloneProvider {
  const english = (locale: string) => locale === "en";

  return {
    name: "replicate",
    model: (locale) => (english(locale) ? CHATTERBOX_MODEL : CHATTERBOX_MULTILINGUAL_MODEL),
    async clone(request): Promise<SpeechResult> {
      const client = createReplicateClient(token, baseUrl); // in the gate only: the request path just names the model
      const model = english(request.locale) ? CHATTERBOX_MODEL : CHATTERBOX_MULTILINGUAL_MODEL;
      let uploaded: z.infer<typeof uploadedFileSchema> | null = null;
      let output: unknown;
      try {
        const reference = new File([request.reference.audio], `reference.${request.reference.format}`, { type: request.reference.contentType });
        const created = uploadedFileSchema.safeParse(
          await client.files.create(reference, { purpose: "voice-clone-reference" }).catch((error: unknown) => {
            throw mapReplicateError(error);
          }),
        );
        if (!created.success) throw new ProviderError("failed", "The voice provider did not accept the reference recording.", { detail: "Replicate files API: unexpected answer" });
        uploaded = created.data;
        output = await runPrediction(
          client,
          english(request.locale) ? CHATTERBOX_VERSION : CHATTERBOX_MULTILINGUAL_VERSION,
          english(request.locale) ? { prompt: request.text, audio_prompt: uploaded.urls.get } : { text: request.text, language: request.locale, reference_audio: uploaded.urls.get },
          request.signal,
        );
      } finally {
        if (uploaded !== null) {
          const id = uploaded.id;
          await client.files.delete(id).catch((error: unknown) => log.error(`deleting Replicate file ${id} failed`, error));
        }
      }
      const audio = await downloadOutput(output, request.signal);
      const probe = await probeOutput(audio);
      if (probe.format !== "wav" && probe.format !== "mp3") throw new ProviderError("failed", "The voice provider returned audio in an unexpected format.", { detail: `Replicate returned ${probe.format}` });
      return {
        audio,
        contentType: probe.format === "wav" ? "audio/wav" : "audio/mpeg",
        extension: probe.format,
        provider: "replicate",
        model,
        durationSeconds: Math.round(probe.durationSeconds * 1000) / 1000,
      };
    },
  };
}

async function probeOutput(audio: Uint8Array): Promise<AudioProbe> {
  try {
    return await probeAudio(audio);
  } catch {
    throw new ProviderError("failed", "The voice provider returned audio that cannot be read.", { detail: "Replicate output failed the probe" });
  }
}
