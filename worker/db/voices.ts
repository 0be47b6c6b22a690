/** The voice catalogue (seeded by migrations; read-only at runtime). */
import type { Voice } from "../shared/contracts";

export type { Voice };

interface VoiceRow {
  id: string;
  name: string;
  provider: Voice["provider"];
  model_family: string;
  language: string;
  gender: Voice["gender"];
  description: string;
  feature: Voice["feature"];
  sort_order: number;
}

const COLUMNS = "id, name, provider, model_family, language, gender, description, feature, sort_order";

function toVoice(row: VoiceRow): Voice {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    modelFamily: row.model_family,
    language: row.language,
    gender: row.gender,
    description: row.description,
    feature: row.feature,
    sortOrder: row.sort_order,
  };
}

/**
 * The catalogue changes only with migrations (a deploy, so new isolates), so each isolate keeps
 * it for ten minutes: the generation hot path and the public list do not query D1 for it. (Not
 * keyed by the binding: each request sees its own instrumented copy of the same database.)
 */
const CATALOGUE_TTL_MS = 10 * 60_000;
let catalogue: { voices: Voice[]; loadedAt: number } | null = null;

async function activeVoices(db: D1Database): Promise<Voice[]> {
  if (catalogue !== null && Date.now() - catalogue.loadedAt < CATALOGUE_TTL_MS) return catalogue.voices;
  const rows = await db.prepare(`SELECT ${COLUMNS} FROM voices WHERE is_active = 1 ORDER BY sort_order`).all<VoiceRow>();
  catalogue = { voices: rows.results.map(toVoice), loadedAt: Date.now() };
  return catalogue.voices;
}

/** Active voices; a language filter matches that language's voices and the multilingual ones. */
export async function listVoices(db: D1Database, filter: { language?: string; feature?: Voice["feature"]; gender?: Voice["gender"] }): Promise<Voice[]> {
  return (await activeVoices(db)).filter(
    (voice) =>
      (filter.language === undefined || voice.language === filter.language || voice.language === "multi") &&
      (filter.feature === undefined || voice.feature === filter.feature) &&
      (filter.gender === undefined || voice.gender === filter.gender),
  );
}

/** Finds an active voice by id or (case-insensitive) name. */
export async function findVoice(db: D1Database, idOrName: string, feature: Voice["feature"]): Promise<Voice | null> {
  const wanted = idOrName.toLowerCase();
  return (await activeVoices(db)).find((voice) => voice.feature === feature && (voice.id === idOrName || voice.name.toLowerCase() === wanted)) ?? null;
}
