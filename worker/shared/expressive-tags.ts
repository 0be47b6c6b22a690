/**
 * The inline expressive tags each voice family understands (`<sigh>`), shared by the Generate
 * page's palette and the text enhancer (which may add only these). Tags are free
 * (text-metrics.ts does not count them) and the local engine leaves them out.
 */
export const GEMINI_VOCAL_TAGS = ["sigh", "laughs", "whispers", "gasps", "clears throat", "sniffs"] as const;
/** Orpheus (Replicate) takes its own small set. */
export const ORPHEUS_VOCAL_TAGS = ["laugh", "chuckle", "sigh", "cough", "sniffle", "groan", "yawn", "gasp"] as const;

export function vocalTagsFor(provider: "gemini" | "replicate" | "openai"): readonly string[] {
  return provider === "gemini" ? GEMINI_VOCAL_TAGS : provider === "replicate" ? ORPHEUS_VOCAL_TAGS : [];
}

export interface EnhanceTextResponse {
  text: string;
  tagsAdded: number;
  remainingToday: number;
  dailyLimit: number;
}

export interface EnhanceStatusResponse {
  available: boolean;
  /** Why the feature is off (no Gemini key), or null. */
  reason: string | null;
  remainingToday: number;
  dailyLimit: number;
}
