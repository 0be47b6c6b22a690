-- Billing with Stripe (PRODUCT §9). A payment grants credits once, keyed in the ledger by the
-- payment (payment intent or invoice); refunds and disputes take credits back from the payment
-- they belong to, never below zero: what could not be taken is the ledger row's `shortfall` and is
-- owed on the profile (`credits_owed` > 0 = billing hold) until a won dispute or an operator clears it.

ALTER TABLE credit_transactions ADD COLUMN shortfall INTEGER NOT NULL DEFAULT 0 CHECK (shortfall >= 0);
-- The Credits page shows a reservation and its settlement as one statement line.
CREATE INDEX credit_transactions_reservation ON credit_transactions (reservation_id) WHERE reservation_id IS NOT NULL;
ALTER TABLE profiles ADD COLUMN credits_owed INTEGER NOT NULL DEFAULT 0 CHECK (credits_owed >= 0);

-- One row per payment that granted credits: the basis for proportional refunds and disputes.
CREATE TABLE billing_payments (
  id TEXT PRIMARY KEY,                      -- the ledger key's payment: pi_… (top-up) or in_… (invoice)
  user_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('topup', 'subscription')),
  package_id TEXT NOT NULL,
  payment_intent_id TEXT UNIQUE,            -- how charges, refunds and disputes find the payment
  subscription_id TEXT,                     -- sub_… for invoice payments
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  currency TEXT NOT NULL,
  credits INTEGER NOT NULL CHECK (credits > 0),
  refunded_cents INTEGER NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
  refund_credits INTEGER NOT NULL DEFAULT 0 CHECK (refund_credits >= 0),   -- credits the refunds have claimed so far
  disputed_credits INTEGER NOT NULL DEFAULT 0 CHECK (disputed_credits >= 0), -- credits an open or lost dispute claimed
  transaction_id TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX billing_payments_user ON billing_payments (user_id, created_at DESC);
CREATE INDEX billing_payments_subscription ON billing_payments (subscription_id);

-- Subscriptions as the webhooks last described them; `event_created` orders out-of-order updates.
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,                      -- sub_…
  user_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  package_id TEXT NOT NULL,
  status TEXT NOT NULL,
  current_period_end TEXT,
  cancel_at_period_end INTEGER NOT NULL DEFAULT 0 CHECK (cancel_at_period_end IN (0, 1)),
  event_created INTEGER NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX subscriptions_user ON subscriptions (user_id, updated_at DESC);

-- Refund and dispute events that arrived before the payment they concern: applied once it exists.
CREATE TABLE billing_parked_events (
  event_id TEXT PRIMARY KEY,
  payment_intent_id TEXT NOT NULL,
  event TEXT NOT NULL,                      -- the verified event, as JSON
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX billing_parked_events_payment ON billing_parked_events (payment_intent_id);

-- Checkout Sessions this Worker created, so the success page can tell when the payment landed
-- without asking Stripe: open → processing (async payment) → paid | failed.
CREATE TABLE billing_checkouts (
  session_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  package_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'processing', 'paid', 'failed')),
  subscription_id TEXT,
  payment_id TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX billing_checkouts_subscription ON billing_checkouts (subscription_id);
