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

export interface CloneOrder extends OrderBase {
  kind: "clone";
  clone: { jobId: string; reference: CloneReference };
}

export type AudioOrder = SpeechOrder | CloneOrder;
