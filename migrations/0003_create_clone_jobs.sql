-- Voice cloning (PRODUCT §7).
-- History rows of clones (audio_files.kind = 'clone') need a voice_id; rather than rebuild
-- audio_files to make it nullable, they point at one seeded, inactive pseudo-voice. Inactive
-- voices are invisible to the voice list, to generation and to samples; history joins it by id.
INSERT INTO voices (id, name, provider, model_family, language, gender, description, feature, sort_order, is_active) VALUES
  ('cloned-voice', 'Cloned voice', 'replicate', 'chatterbox', 'multi', 'neutral', 'A voice cloned from your own recording', 'tts', 1000, 0);

-- One row per accepted clone request: the consent the user gave (required, so the column can
-- only hold 1), what was uploaded (content hash, never the audio), the outcome, and the history
-- row it produced. The clean-up of reference uploads reads it to know whether a newer job still
-- needs the same recording. status: running → succeeded | shared (an identical concurrent
-- request produced the audio) | failed; cached = answered from the cache, reference never stored.
CREATE TABLE clone_jobs (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  consent INTEGER NOT NULL CHECK (consent = 1),
  consented_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  locale TEXT NOT NULL,
  reference_sha256 TEXT NOT NULL CHECK (length(reference_sha256) = 64),
  reference_format TEXT NOT NULL CHECK (reference_format IN ('wav', 'mp3', 'ogg', 'm4a')),
  reference_bytes INTEGER NOT NULL CHECK (reference_bytes > 0),
  reference_duration_seconds REAL NOT NULL,
  reference_pitch_hz REAL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'shared', 'cached', 'failed')),
  error_code TEXT,
  audio_file_id TEXT REFERENCES audio_files (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  finished_at TEXT
);
CREATE INDEX clone_jobs_reference ON clone_jobs (user_id, reference_sha256, created_at);
CREATE INDEX clone_jobs_user_created ON clone_jobs (user_id, created_at DESC);
