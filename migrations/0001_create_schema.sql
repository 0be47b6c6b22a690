-- Core schema: identity, voices, audio, the credit ledger, calls, usage, operations.
-- Money rules live in constraints, not only in code: a balance can never go negative and every
-- ledger row carries an idempotency key, unique per user, so a replayed operation cannot apply twice.

CREATE TABLE profiles (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  display_name TEXT,
  locale TEXT NOT NULL DEFAULT 'en',
  auth_provider TEXT NOT NULL CHECK (auth_provider IN ('supabase', 'local')),
  stripe_customer_id TEXT UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX profiles_created_at ON profiles (created_at);

CREATE TABLE voices (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  provider TEXT NOT NULL CHECK (provider IN ('gemini', 'replicate', 'openai')),
  model_family TEXT NOT NULL,
  language TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender IN ('female', 'male', 'neutral')),
  description TEXT NOT NULL DEFAULT '',
  feature TEXT NOT NULL CHECK (feature IN ('tts', 'call')),
  sort_order INTEGER NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
);
CREATE INDEX voices_feature_language ON voices (feature, language, sort_order);

CREATE TABLE credits (
  user_id TEXT PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
  balance INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- A reservation holds credits for one operation until it is settled (actual cost known) or
-- refunded (the operation failed). The sweep refunds reservations left open by a crash.
CREATE TABLE credit_reservations (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  amount INTEGER NOT NULL CHECK (amount > 0),
  final_amount INTEGER CHECK (final_amount IS NULL OR final_amount >= 0),
  status TEXT NOT NULL DEFAULT 'reserved' CHECK (status IN ('reserved', 'settled', 'refunded')),
  purpose TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  closed_at TEXT
);
CREATE INDEX credit_reservations_open ON credit_reservations (status, created_at);
CREATE INDEX credit_reservations_user ON credit_reservations (user_id, created_at);

CREATE TABLE credit_transactions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  amount INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('freemium', 'purchase', 'topup', 'usage', 'refund', 'adjustment', 'chargeback')),
  description TEXT NOT NULL DEFAULT '',
  idempotency_key TEXT NOT NULL,
  reservation_id TEXT REFERENCES credit_reservations (id),
  balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (user_id, idempotency_key)
);
CREATE INDEX credit_transactions_user_created ON credit_transactions (user_id, created_at DESC, id DESC);
CREATE INDEX credit_transactions_type_created ON credit_transactions (type, created_at);

CREATE TABLE audio_files (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  voice_id TEXT NOT NULL REFERENCES voices (id),
  kind TEXT NOT NULL DEFAULT 'tts' CHECK (kind IN ('tts', 'clone')),
  text_content TEXT NOT NULL,
  style TEXT,
  locale TEXT,
  storage_key TEXT NOT NULL,
  content_type TEXT NOT NULL,
  byte_size INTEGER NOT NULL DEFAULT 0,
  duration_seconds REAL NOT NULL DEFAULT 0,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  cache_key TEXT NOT NULL,
  credits_used INTEGER NOT NULL DEFAULT 0 CHECK (credits_used >= 0),
  cached INTEGER NOT NULL DEFAULT 0 CHECK (cached IN (0, 1)),
  reservation_id TEXT UNIQUE REFERENCES credit_reservations (id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  deleted_at TEXT
);
CREATE INDEX audio_files_user_history ON audio_files (user_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX audio_files_storage_key ON audio_files (storage_key);
CREATE INDEX audio_files_created_at ON audio_files (created_at);

CREATE TABLE call_sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  room_name TEXT NOT NULL UNIQUE,
  voice_id TEXT REFERENCES voices (id),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'ended', 'failed')),
  started_at TEXT,
  ended_at TEXT,
  duration_seconds INTEGER NOT NULL DEFAULT 0 CHECK (duration_seconds >= 0),
  credits_used INTEGER NOT NULL DEFAULT 0 CHECK (credits_used >= 0),
  end_reason TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX call_sessions_user_created ON call_sessions (user_id, created_at DESC);
CREATE INDEX call_sessions_status ON call_sessions (status, created_at);

-- Append-only record of billable work; source_id makes each event unique per source.
CREATE TABLE usage_events (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('tts', 'clone', 'call')),
  source_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  credits_used INTEGER NOT NULL CHECK (credits_used >= 0),
  quantity REAL NOT NULL DEFAULT 0,
  unit TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (type, source_id)
);
CREATE INDEX usage_events_user_created ON usage_events (user_id, created_at DESC, id DESC);
CREATE INDEX usage_events_type_created ON usage_events (type, created_at);

-- Webhook deliveries already applied (Stripe, LiveKit): replays are recognised here.
CREATE TABLE processed_webhook_events (
  provider TEXT NOT NULL,
  event_id TEXT NOT NULL,
  processed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (provider, event_id)
);

-- Secrets this instance generates for itself when none is configured (local development only):
-- created once with INSERT OR IGNORE so concurrent isolates agree on one value.
CREATE TABLE instance_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Queue messages that could not be processed (malformed, or retries exhausted).
CREATE TABLE dead_letters (
  id TEXT PRIMARY KEY,
  queue TEXT NOT NULL,
  reason TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- One row per scheduled job execution, for operators and for the tests.
CREATE TABLE job_runs (
  id TEXT PRIMARY KEY,
  job TEXT NOT NULL,
  cron TEXT NOT NULL,
  scheduled_at TEXT NOT NULL,
  finished_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  result TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX job_runs_job ON job_runs (job, finished_at DESC);
