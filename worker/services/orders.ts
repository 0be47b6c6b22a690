/**
 * AudioOrder: one paid production as a front door hands it to the paid-audio orchestrator —
 * validated, priced and keyed. Plain data, because it crosses into the GenerationGate. Each kind
 * carries what its provider needs; everything else is common.
 */
import type { Voice } from "../db/voices";
import type { ProviderName, Tier } from "../providers/types";
import type { AudioFormat } from "../shared/contracts";
import type { CloneReference } from "./clone-references";

interface OrderBase {
  userId: string;
  /** Full SHA-256 of the canonical request (services/audio-cache.ts, services/clone.ts). */
  cacheKey: string;
  /** Credits reserved before the provider is called. */
  estimate: number;
  provider: ProviderName;
  model: string;
  /** User-perceived characters of the text, for the usage record. */
  characters: number;
  ledgerDescription: string;
  /** How the history row describes the request. */
  history: { voiceId: string; text: string; style?: string; locale: string };
}

export interface SpeechOrder extends OrderBase {
  kind: "tts";
  /** `format`: what the audio is stored as (services/mp3.ts); a clone is stored as its provider made it. */
  speech: { voice: Voice; tier: Tier; seed?: number; temperature?: number; format: AudioFormat };
}

/**
 * A one-off clone (`jobId`: its clone_jobs row, the consent record) or speech in a saved voice
 * (`savedVoiceId`, consent recorded with the voice). `referenceKey`: where the recording is in
 * R2. `format` "mp3" encodes a WAV result; absent, the audio is stored as the provider made it.
 */
export interface CloneOrder extends OrderBase {
  kind: "clone";
  clone: { jobId?: string; savedVoiceId?: string; reference: CloneReference; referenceKey: string; format?: AudioFormat };
}

export type AudioOrder = SpeechOrder | CloneOrder;

/** An order as a front door prepares it, before the user it is for is set (kept per kind). */
export type PreparedOrder = AudioOrder extends infer O ? (O extends AudioOrder ? Omit<O, "userId"> : never) : never;
