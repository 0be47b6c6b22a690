-- My voices and the public API (issue 13, PRODUCT §7 and §13).
--
-- Saved cloned voices are rows of `voices` owned by a user. The catalogue's global UNIQUE on
-- `name` has to become two partial indexes (catalogue names unique; a user's active voices
-- unique per user), and SQLite cannot drop a constraint, so the table is rebuilt. Foreign keys
-- from audio_files and call_sessions point at it by name; they are checked at commit, when the
-- new table already carries every id again.
PRAGMA defer_foreign_keys = on;

CREATE TABLE voices_new (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  provider TEXT NOT NULL CHECK (provider IN ('gemini', 'replicate', 'openai')),
  model_family TEXT NOT NULL,
  language TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender IN ('female', 'male', 'neutral')),
  description TEXT NOT NULL DEFAULT '',
  feature TEXT NOT NULL CHECK (feature IN ('tts', 'call')),
  sort_order INTEGER NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  -- A saved voice: its owner, its private reference recording in R2 (kept while the voice
  -- exists), what was measured in it, and the consent given when it was saved. NULL for the catalogue.
  owner_user_id TEXT REFERENCES profiles (id) ON DELETE CASCADE,
  reference_key TEXT,
  reference_sha256 TEXT CHECK (reference_sha256 IS NULL OR length(reference_sha256) = 64),
  reference_format TEXT CHECK (reference_format IS NULL OR reference_format IN ('wav', 'mp3', 'ogg', 'm4a')),
  reference_content_type TEXT,
  reference_bytes INTEGER,
  reference_duration_seconds REAL,
  reference_pitch_hz REAL,
  consented_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  deleted_at TEXT,
  CHECK ((owner_user_id IS NULL) = (reference_key IS NULL)),
  CHECK (owner_user_id IS NULL OR (consented_at IS NOT NULL AND reference_sha256 IS NOT NULL))
);
INSERT INTO voices_new (id, name, provider, model_family, language, gender, description, feature, sort_order, is_active)
  SELECT id, name, provider, model_family, language, gender, description, feature, sort_order, is_active FROM voices;
DROP TABLE voices;
ALTER TABLE voices_new RENAME TO voices;
CREATE INDEX voices_feature_language ON voices (feature, language, sort_order);
CREATE UNIQUE INDEX voices_catalogue_name ON voices (name) WHERE owner_user_id IS NULL;
-- Deleted saved voices stay as inactive rows (their history rows point at them) and free their name.
CREATE UNIQUE INDEX voices_owner_name ON voices (owner_user_id, name) WHERE owner_user_id IS NOT NULL AND is_active = 1;
CREATE INDEX voices_owner ON voices (owner_user_id, created_at) WHERE owner_user_id IS NOT NULL;

-- API keys: only the SHA-256 of the key is kept (a key is 256 random bits, so a fast hash is
-- enough); `prefix` is its first characters, to tell keys apart. Scopes are space-separated.
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
  scopes TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  last_used_at TEXT,
  expires_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_keys_user ON api_keys (user_id, created_at DESC);

-- Idempotency-Key on the public API's POST routes: the first request's fingerprint, then its
-- result (how to answer it again), kept for 24 hours. state running → done; a 5xx removes the row.
CREATE TABLE api_idempotency_keys (
  user_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  idempotency_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
  state TEXT NOT NULL CHECK (state IN ('running', 'done')),
  result TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  expires_at TEXT NOT NULL,
  PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX api_idempotency_keys_expiry ON api_idempotency_keys (expires_at);
