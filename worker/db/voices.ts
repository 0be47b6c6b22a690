/** The voice catalogue (seeded by migrations; read-only at runtime). */
export interface Voice {
  id: string;
  name: string;
  provider: "gemini" | "replicate" | "openai";
  modelFamily: string;
  language: string;
  gender: "female" | "male" | "neutral";
  description: string;
  feature: "tts" | "call";
  sortOrder: number;
}

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

/** Active voices; a language filter matches that language's voices and the multilingual ones. */
export async function listVoices(db: D1Database, filter: { language?: string; feature?: Voice["feature"]; gender?: Voice["gender"] }): Promise<Voice[]> {
  const rows = await db
    .prepare(
      `SELECT ${COLUMNS} FROM voices WHERE is_active = 1
       AND (?1 IS NULL OR language = ?1 OR language = 'multi')
       AND (?2 IS NULL OR feature = ?2) AND (?3 IS NULL OR gender = ?3)
       ORDER BY sort_order`,
    )
    .bind(filter.language ?? null, filter.feature ?? null, filter.gender ?? null)
    .all<VoiceRow>();
  return rows.results.map(toVoice);
}

/** Finds an active voice by id or (case-insensitive) name. */
export async function findVoice(db: D1Database, idOrName: string, feature: Voice["feature"]): Promise<Voice | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM voices WHERE is_active = 1 AND feature = ?2 AND (id = ?1 OR name = ?1 COLLATE NOCASE)`)
    .bind(idOrName, feature)
    .first<VoiceRow>();
  return row === null ? null : toVoice(row);
}
