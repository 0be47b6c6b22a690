/**
 * The cloning front door's preparation (PRODUCT §7): validates the text and the measured
 * reference (services/clone-references.ts) and turns them into a priced, keyed CloneOrder for the
 * paid-audio orchestrator — the same reservation, refund, settlement, cache tiers, R2 layout,
 * history table and single-flight gate as generation. Output audio lives at
 * `audio/<cache key>.<ext>` like generated speech.
 */
import type { Integrations } from "../integrations";
import type { AudioFormat, CloneVoiceFields } from "../shared/contracts";
import { CLONE_TEXT_MAX_CHARACTERS, CLONE_TEXT_MAX_CODE_POINTS } from "../shared/limits";
import { AppError } from "../shared/errors";
import { estimateCloneCredits } from "../shared/pricing";
import { measureText, normaliseText } from "../shared/text-metrics";
import { cloneInputKey, sha256Hex, type CloneReference } from "./clone-references";
import type { CloneOrder } from "./orders";

/** The seeded, inactive pseudo-voice that clone history rows point at (migrations/0003). */
export const CLONE_VOICE_ID = "cloned-voice";

/**
 * Full SHA-256 (hex) of the canonical (provider, model, locale, NFC text, reference hash), and the
 * format when it is MP3 (so keys of audio stored as the provider made it stay what they were).
 */
export async function cloneCacheKey(input: { provider: string; model: string; locale: string; text: string; referenceSha256: string; format?: AudioFormat }): Promise<string> {
  const parts = ["clone-v1", input.provider, input.model, input.locale.toLowerCase(), normaliseText(input.text), input.referenceSha256, ...(input.format === "mp3" ? ["mp3"] : [])];
  return sha256Hex(JSON.stringify(parts));
}

export async function prepareClone(fields: CloneVoiceFields, reference: CloneReference, jobId: string, userId: string, integrations: Integrations): Promise<CloneOrder> {
  const text = normaliseText(fields.text).trim();
  const { locale } = fields;
  const measure = measureText(text, locale);
  if (measure.words === 0) throw new AppError("validation_failed", "text: write at least one word.", { field: "text" });
  if (measure.characters > CLONE_TEXT_MAX_CHARACTERS || measure.codePoints > CLONE_TEXT_MAX_CODE_POINTS) {
    throw new AppError("validation_failed", `text: at most ${CLONE_TEXT_MAX_CHARACTERS} characters (this text has ${measure.characters}).`, { field: "text" });
  }
  const provider = integrations.cloning();
  const model = provider.model(locale);
  return {
    userId,
    kind: "clone",
    cacheKey: await cloneCacheKey({ provider: provider.name, model, locale, text, referenceSha256: reference.sha256 }),
    estimate: estimateCloneCredits(measure.billableWords),
    provider: provider.name,
    model,
    characters: measure.characters,
    ledgerDescription: "Voice clone",
    history: { voiceId: CLONE_VOICE_ID, text, locale },
    clone: { jobId, reference, referenceKey: cloneInputKey(userId, reference.sha256) },
  };
}
