-- Account deletion (issue 14, PRODUCT §10): `DELETE /api/me` keeps the profile row as an
-- anonymised tombstone, because the ledger (credit_transactions, ON DELETE CASCADE from profiles)
-- is kept for accounting and the welcome grant is idempotent per user id. `deletion_started_at`:
-- the user asked (API keys revoked at once; a deletion that stopped half-way is finished by
-- asking again). `deleted_at`: everything personal is gone; from then on every token of the
-- account is refused and the same identity cannot sign in again (worker/db/profiles.ts).
ALTER TABLE profiles ADD COLUMN deletion_started_at TEXT;
ALTER TABLE profiles ADD COLUMN deleted_at TEXT;

-- Once an account is deleted, nothing personal may appear under it again, whoever writes: a
-- queued history row of a cache hit delivered late, or a request another isolate still accepted
-- in the minute its memo of the account lives. Such inserts are skipped (RAISE(IGNORE): the
-- writer sees "nothing inserted", as for a duplicate), so late writers need no code of their own.
CREATE TRIGGER audio_files_not_for_deleted_accounts BEFORE INSERT ON audio_files
WHEN EXISTS (SELECT 1 FROM profiles WHERE id = NEW.user_id AND deleted_at IS NOT NULL)
BEGIN
  SELECT RAISE(IGNORE);
END;

CREATE TRIGGER voices_not_for_deleted_accounts BEFORE INSERT ON voices
WHEN NEW.owner_user_id IS NOT NULL AND EXISTS (SELECT 1 FROM profiles WHERE id = NEW.owner_user_id AND deleted_at IS NOT NULL)
BEGIN
  SELECT RAISE(IGNORE);
END;

CREATE TRIGGER clone_jobs_not_for_deleted_accounts BEFORE INSERT ON clone_jobs
WHEN EXISTS (SELECT 1 FROM profiles WHERE id = NEW.user_id AND deleted_at IS NOT NULL)
BEGIN
  SELECT RAISE(IGNORE);
END;

CREATE TRIGGER api_keys_not_for_deleted_accounts BEFORE INSERT ON api_keys
WHEN EXISTS (SELECT 1 FROM profiles WHERE id = NEW.user_id AND deleted_at IS NOT NULL)
BEGIN
  SELECT RAISE(IGNORE);
END;

-- The account's audio rows (live and soft-deleted), which deletion walks through in batches.
CREATE INDEX audio_files_user_created ON audio_files (user_id, created_at, id);
