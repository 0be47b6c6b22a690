-- Real-time calls (PRODUCT §8). A session keeps the resolved configuration server-side (the
-- browser's token carries only the session id); the CallMeter writes its running totals here on
-- every bucket, so the free allowance is counted from server-written rows only.

ALTER TABLE call_sessions ADD COLUMN config TEXT NOT NULL DEFAULT '{}';
ALTER TABLE call_sessions ADD COLUMN max_duration_seconds INTEGER NOT NULL DEFAULT 0 CHECK (max_duration_seconds >= 0);
ALTER TABLE call_sessions ADD COLUMN billed_seconds INTEGER NOT NULL DEFAULT 0 CHECK (billed_seconds >= 0);
ALTER TABLE call_sessions ADD COLUMN free_tier INTEGER NOT NULL DEFAULT 0 CHECK (free_tier IN (0, 1));
-- When the meter last acted; the sweep asks quiet active meters to reconcile.
ALTER TABLE call_sessions ADD COLUMN meter_seen_at TEXT;
CREATE INDEX call_sessions_user_status ON call_sessions (user_id, status);

-- Ledger rows that belong to one operation made of several debits (a call's 30-second buckets):
-- the statement shows them as one line.
ALTER TABLE credit_transactions ADD COLUMN operation TEXT;
CREATE INDEX credit_transactions_operation ON credit_transactions (user_id, operation) WHERE operation IS NOT NULL;
