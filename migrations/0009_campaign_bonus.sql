-- Promo campaigns (issue 16): a purchase made while a campaign ran is granted its package plus the
-- bonus promised at checkout, as one ledger row whose amount includes the bonus. The row says which
-- campaign and how much of the amount was bonus, so the statement can show it and an operator can
-- count what a campaign gave away.
ALTER TABLE credit_transactions ADD COLUMN campaign_id TEXT;
ALTER TABLE credit_transactions ADD COLUMN bonus_credits INTEGER NOT NULL DEFAULT 0 CHECK (bonus_credits = 0 OR (bonus_credits > 0 AND bonus_credits < amount));
