/**
 * Billing's SQL: the Stripe customer on the profile, payments that granted credits, claw-backs
 * (refunds, disputes) taken from them, subscriptions, checkouts and parked events. Every change of
 * balance is one ledger row written in the same D1 batch (one transaction) as the balance and the
 * webhook event's `processed_webhook_events` row, so an event either applies whole or not at all.
 * Amounts a claw-back could not take (the credits were spent) are the row's `shortfall` and add to
 * `profiles.credits_owed`, which is the billing hold.
 */
import type { PackageKind } from "../shared/billing";
import { grantStatements } from "./ledger";
import { isWebhookProcessed, markWebhookStatement } from "./webhook-events";

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

// ---- webhook events -------------------------------------------------------------------------

export const isEventProcessed = (db: D1Database, eventId: string) => isWebhookProcessed(db, "stripe", eventId);

/** Marks the event applied; part of the batch that applies it. */
export const markEventStatement = (db: D1Database, eventId: string) => markWebhookStatement(db, "stripe", eventId);

export async function markEventProcessed(db: D1Database, eventId: string, more: D1PreparedStatement[] = []): Promise<void> {
  await db.batch([...more, markEventStatement(db, eventId)]);
}

// ---- customers and checkouts ----------------------------------------------------------------

export async function stripeCustomerOf(db: D1Database, userId: string): Promise<string | null> {
  const row = await db.prepare("SELECT stripe_customer_id FROM profiles WHERE id = ?1").bind(userId).first<{ stripe_customer_id: string | null }>();
  return row?.stripe_customer_id ?? null;
}

/** Stores the customer unless the profile already has one; returns the one the profile keeps. */
export async function keepStripeCustomer(db: D1Database, userId: string, customerId: string): Promise<string> {
  await db.prepare(`UPDATE profiles SET stripe_customer_id = ?1, updated_at = ${NOW} WHERE id = ?2 AND stripe_customer_id IS NULL`).bind(customerId, userId).run();
  return (await stripeCustomerOf(db, userId)) ?? customerId;
}

export async function userOfCustomer(db: D1Database, customerId: string): Promise<string | null> {
  const row = await db.prepare("SELECT id FROM profiles WHERE stripe_customer_id = ?1").bind(customerId).first<{ id: string }>();
  return row?.id ?? null;
}

export async function profileExists(db: D1Database, userId: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS x FROM profiles WHERE id = ?1").bind(userId).first()) !== null;
}

export async function recordCheckout(db: D1Database, input: { sessionId: string; userId: string; packageId: string }): Promise<void> {
  await db.prepare("INSERT INTO billing_checkouts (session_id, user_id, package_id) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING").bind(input.sessionId, input.userId, input.packageId).run();
}

export type CheckoutStatus = "open" | "processing" | "paid" | "failed";

export async function checkoutOf(db: D1Database, userId: string, sessionId: string): Promise<{ packageId: string; status: CheckoutStatus } | null> {
  const row = await db.prepare("SELECT package_id, status FROM billing_checkouts WHERE session_id = ?1 AND user_id = ?2").bind(sessionId, userId).first<{ package_id: string; status: CheckoutStatus }>();
  return row === null ? null : { packageId: row.package_id, status: row.status };
}

/** Moves a checkout forward (never back from paid). */
export function checkoutStatusStatement(db: D1Database, sessionId: string, status: Exclude<CheckoutStatus, "open">, paymentId: string | null = null): D1PreparedStatement {
  return db.prepare("UPDATE billing_checkouts SET status = ?1, payment_id = COALESCE(?2, payment_id) WHERE session_id = ?3 AND status <> 'paid'").bind(status, paymentId, sessionId);
}

/** A subscription checkout learns its subscription; it is paid if that subscription's first invoice already was. */
export function checkoutSubscriptionStatement(db: D1Database, sessionId: string, subscriptionId: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE billing_checkouts SET subscription_id = ?1,
         status = CASE WHEN EXISTS (SELECT 1 FROM billing_payments WHERE subscription_id = ?1) THEN 'paid' ELSE status END
       WHERE session_id = ?2`,
    )
    .bind(subscriptionId, sessionId);
}

// ---- payments that grant credits -------------------------------------------------------------

export const paymentLedgerKey = (paymentId: string) => `stripe:payment:${paymentId}`;

export interface PaymentGrant {
  /** pi_… for a top-up, in_… for a subscription invoice: the ledger key's payment. */
  paymentId: string;
  userId: string;
  kind: PackageKind;
  packageId: string;
  paymentIntentId: string | null;
  subscriptionId: string | null;
  amountCents: number;
  currency: string;
  /** Everything granted, a campaign's bonus included. */
  credits: number;
  /** The bonus promised at checkout (part of `credits`), recorded on the ledger row. */
  bonus: { campaignId: string; credits: number } | null;
  description: string;
}

/**
 * Grants a payment's credits once (ledger key per payment) and records the payment, plus the
 * caller's extra statements (event marker, checkout status), all in one transaction. Returns
 * whether this call granted.
 */
export async function grantPayment(db: D1Database, grant: PaymentGrant, more: D1PreparedStatement[]): Promise<boolean> {
  const transactionId = crypto.randomUUID();
  await db.batch([
    ...grantStatements(
      db,
      { userId: grant.userId, amount: grant.credits, type: grant.kind === "topup" ? "topup" : "purchase", key: paymentLedgerKey(grant.paymentId), description: grant.description, bonus: grant.bonus },
      transactionId,
    ),
    db
      .prepare(
        `INSERT INTO billing_payments (id, user_id, kind, package_id, payment_intent_id, subscription_id, amount_cents, currency, credits, transaction_id)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE EXISTS (SELECT 1 FROM credit_transactions WHERE id = ?10)
         ON CONFLICT DO NOTHING`,
      )
      .bind(grant.paymentId, grant.userId, grant.kind, grant.packageId, grant.paymentIntentId, grant.subscriptionId, grant.amountCents, grant.currency, grant.credits, transactionId),
    ...more,
  ]);
  return (await db.prepare("SELECT 1 AS x FROM credit_transactions WHERE id = ?1").bind(transactionId).first()) !== null;
}

export interface PaymentRecord {
  id: string;
  userId: string;
  credits: number;
  amountCents: number;
  refundCredits: number;
  disputedCredits: number;
}

export async function paymentByIntent(db: D1Database, paymentIntentId: string): Promise<PaymentRecord | null> {
  const row = await db
    .prepare("SELECT id, user_id, credits, amount_cents, refund_credits, disputed_credits FROM billing_payments WHERE payment_intent_id = ?1")
    .bind(paymentIntentId)
    .first<{ id: string; user_id: string; credits: number; amount_cents: number; refund_credits: number; disputed_credits: number }>();
  return row === null ? null : { id: row.id, userId: row.user_id, credits: row.credits, amountCents: row.amount_cents, refundCredits: row.refund_credits, disputedCredits: row.disputed_credits };
}

// ---- claw-backs ------------------------------------------------------------------------------

/**
 * The ledger row of a claw-back of `claim` credits from payment ?5: takes what the balance holds
 * and records the rest as shortfall (owed on the profile). The claim is SQL over the payment row as
 * it is inside the transaction, so concurrent refunds of one payment cannot take the same credits.
 * `claim` may use ?6 (`value`); `paymentUpdate` may use ?3 (`value`) and ?4 (`extra`).
 */
function clawbackStatements(
  db: D1Database,
  input: { transactionId: string; paymentId: string; key: string; type: "refund" | "chargeback"; description: string; value: number; extra: number },
  claim: string,
  paymentUpdate: string,
): D1PreparedStatement[] {
  const taken = `MIN((${claim}), c.balance)`;
  const usesValue = claim.includes("?6");
  return [
    db
      .prepare(
        `INSERT INTO credit_transactions (id, user_id, amount, type, description, idempotency_key, balance_after, shortfall)
         SELECT ?1, p.user_id, -${taken}, ?2, ?3, ?4, c.balance - ${taken}, (${claim}) - ${taken}
         FROM billing_payments p JOIN credits c ON c.user_id = p.user_id
         WHERE p.id = ?5 AND (${claim}) > 0
           AND NOT EXISTS (SELECT 1 FROM credit_transactions WHERE user_id = p.user_id AND idempotency_key = ?4)`,
      )
      .bind(input.transactionId, input.type, input.description, input.key, input.paymentId, ...(usesValue ? [input.value] : [])),
    db
      .prepare(
        `UPDATE credits SET balance = balance + (SELECT amount FROM credit_transactions WHERE id = ?1), updated_at = ${NOW}
         WHERE user_id = (SELECT user_id FROM credit_transactions WHERE id = ?1)`,
      )
      .bind(input.transactionId),
    db
      .prepare(
        `UPDATE profiles SET credits_owed = credits_owed + (SELECT shortfall FROM credit_transactions WHERE id = ?1), updated_at = ${NOW}
         WHERE id = (SELECT user_id FROM credit_transactions WHERE id = ?1)`,
      )
      .bind(input.transactionId),
    db
      .prepare(`UPDATE billing_payments SET ${paymentUpdate} WHERE id = ?2 AND EXISTS (SELECT 1 FROM credit_transactions WHERE id = ?1)`)
      .bind(input.transactionId, input.paymentId, ...(paymentUpdate.includes("?3") ? [input.value, input.extra] : [])),
  ];
}

export interface ClawbackOutcome {
  applied: boolean;
  taken: number;
  shortfall: number;
}

async function clawbackOutcome(db: D1Database, transactionId: string): Promise<ClawbackOutcome> {
  const row = await db.prepare("SELECT amount, shortfall FROM credit_transactions WHERE id = ?1").bind(transactionId).first<{ amount: number; shortfall: number }>();
  return row === null ? { applied: false, taken: 0, shortfall: 0 } : { applied: true, taken: -row.amount, shortfall: row.shortfall };
}

/**
 * A refund: the payment's credits in proportion to the cumulative amount refunded (`targetCredits`,
 * computed by the caller from the charge), minus what earlier refunds already took, never more
 * than a dispute left. A replayed or older (smaller) cumulative refund claims nothing.
 */
export async function clawBackRefund(db: D1Database, input: { paymentId: string; targetCredits: number; refundedCents: number; key: string; description: string }, more: D1PreparedStatement[]): Promise<ClawbackOutcome> {
  const transactionId = crypto.randomUUID();
  await db.batch([
    ...clawbackStatements(
      db,
      { transactionId, paymentId: input.paymentId, key: input.key, type: "refund", description: input.description, value: input.targetCredits, extra: input.refundedCents },
      "MIN(?6, p.credits - p.disputed_credits) - p.refund_credits",
      "refund_credits = MIN(?3, credits - disputed_credits), refunded_cents = MAX(refunded_cents, ?4)",
    ),
    ...more,
  ]);
  return clawbackOutcome(db, transactionId);
}

/** A dispute opened: the payment's credits that refunds have not already taken. */
export async function clawBackDispute(db: D1Database, input: { paymentId: string; key: string; description: string }, more: D1PreparedStatement[]): Promise<ClawbackOutcome> {
  const transactionId = crypto.randomUUID();
  await db.batch([
    ...clawbackStatements(
      db,
      { transactionId, paymentId: input.paymentId, key: input.key, type: "chargeback", description: input.description, value: 0, extra: 0 },
      "p.credits - p.refund_credits - p.disputed_credits",
      "disputed_credits = credits - refund_credits",
    ),
    ...more,
  ]);
  return clawbackOutcome(db, transactionId);
}

/**
 * A dispute won: gives back what its chargeback row (key `disputeKey`) took and forgives what it
 * could not take. Without that row (the dispute never took anything) there is nothing to return.
 */
export async function returnDispute(db: D1Database, input: { paymentId: string; disputeKey: string; key: string; description: string }, more: D1PreparedStatement[]): Promise<{ applied: boolean; returned: number }> {
  const transactionId = crypto.randomUUID();
  await db.batch([
    db
      .prepare(
        `INSERT INTO credit_transactions (id, user_id, amount, type, description, idempotency_key, balance_after)
         SELECT ?1, p.user_id, -cb.amount, 'adjustment', ?2, ?3, c.balance - cb.amount
         FROM billing_payments p
         JOIN credits c ON c.user_id = p.user_id
         JOIN credit_transactions cb ON cb.user_id = p.user_id AND cb.idempotency_key = ?4
         WHERE p.id = ?5 AND NOT EXISTS (SELECT 1 FROM credit_transactions WHERE user_id = p.user_id AND idempotency_key = ?3)`,
      )
      .bind(transactionId, input.description, input.key, input.disputeKey, input.paymentId),
    db
      .prepare(`UPDATE credits SET balance = balance + (SELECT amount FROM credit_transactions WHERE id = ?1), updated_at = ${NOW} WHERE user_id = (SELECT user_id FROM credit_transactions WHERE id = ?1)`)
      .bind(transactionId),
    db
      .prepare(
        `UPDATE profiles SET credits_owed = MAX(0, credits_owed - (SELECT shortfall FROM credit_transactions WHERE user_id = profiles.id AND idempotency_key = ?2)), updated_at = ${NOW}
         WHERE id = (SELECT user_id FROM credit_transactions WHERE id = ?1)`,
      )
      .bind(transactionId, input.disputeKey),
    db
      .prepare(
        `UPDATE billing_payments SET disputed_credits = MAX(0, disputed_credits - (SELECT shortfall - amount FROM credit_transactions WHERE user_id = billing_payments.user_id AND idempotency_key = ?2))
         WHERE id = ?3 AND EXISTS (SELECT 1 FROM credit_transactions WHERE id = ?1)`,
      )
      .bind(transactionId, input.disputeKey, input.paymentId),
    ...more,
  ]);
  const row = await db.prepare("SELECT amount FROM credit_transactions WHERE id = ?1").bind(transactionId).first<{ amount: number }>();
  return { applied: row !== null, returned: row?.amount ?? 0 };
}

// ---- parked events ---------------------------------------------------------------------------

export async function parkEvent(db: D1Database, eventId: string, paymentIntentId: string, event: unknown): Promise<void> {
  await db.prepare("INSERT INTO billing_parked_events (event_id, payment_intent_id, event) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING").bind(eventId, paymentIntentId, JSON.stringify(event)).run();
}

export function unparkStatement(db: D1Database, eventId: string): D1PreparedStatement {
  return db.prepare("DELETE FROM billing_parked_events WHERE event_id = ?1").bind(eventId);
}

export async function unpark(db: D1Database, eventId: string): Promise<void> {
  await unparkStatement(db, eventId).run();
}

/** Parked events whose payment now exists (or, without an intent id, all), oldest first. */
export async function parkedEventsReady(db: D1Database, limit: number, paymentIntentId?: string): Promise<unknown[]> {
  const rows = await db
    .prepare(
      `SELECT e.event FROM billing_parked_events e JOIN billing_payments p ON p.payment_intent_id = e.payment_intent_id
       WHERE (?1 IS NULL OR e.payment_intent_id = ?1) ORDER BY e.created_at LIMIT ?2`,
    )
    .bind(paymentIntentId ?? null, limit)
    .all<{ event: string }>();
  return rows.results.map((row) => JSON.parse(row.event) as unknown);
}

// ---- subscriptions ---------------------------------------------------------------------------

export interface SubscriptionRecord {
  id: string;
  userId: string;
  customerId: string;
  packageId: string;
  status: string;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  eventCreated: number;
}

/** Upserts the subscription unless a newer event already described it (events arrive in any order). */
export function subscriptionUpsertStatement(db: D1Database, s: SubscriptionRecord): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO subscriptions (id, user_id, customer_id, package_id, status, current_period_end, cancel_at_period_end, event_created)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, package_id = excluded.package_id, current_period_end = excluded.current_period_end,
         cancel_at_period_end = excluded.cancel_at_period_end, event_created = excluded.event_created, updated_at = ${NOW}
       WHERE excluded.event_created >= subscriptions.event_created`,
    )
    .bind(s.id, s.userId, s.customerId, s.packageId, s.status, s.currentPeriodEnd, s.cancelAtPeriodEnd ? 1 : 0, s.eventCreated);
}

export async function subscriptionById(db: D1Database, id: string): Promise<{ userId: string; packageId: string } | null> {
  const row = await db.prepare("SELECT user_id, package_id FROM subscriptions WHERE id = ?1").bind(id).first<{ user_id: string; package_id: string }>();
  return row === null ? null : { userId: row.user_id, packageId: row.package_id };
}

/** The user's current subscription: a live one first, else the most recently updated. */
export async function currentSubscription(db: D1Database, userId: string): Promise<Omit<SubscriptionRecord, "userId" | "customerId" | "eventCreated"> | null> {
  const row = await db
    .prepare(
      `SELECT id, package_id, status, current_period_end, cancel_at_period_end FROM subscriptions WHERE user_id = ?1
       ORDER BY status IN ('active', 'trialing', 'past_due') DESC, updated_at DESC LIMIT 1`,
    )
    .bind(userId)
    .first<{ id: string; package_id: string; status: string; current_period_end: string | null; cancel_at_period_end: number }>();
  return row === null ? null : { id: row.id, packageId: row.package_id, status: row.status, currentPeriodEnd: row.current_period_end, cancelAtPeriodEnd: row.cancel_at_period_end === 1 };
}

/** After a subscription invoice is granted: its checkout (if any) is paid. */
export function checkoutPaidBySubscriptionStatement(db: D1Database, subscriptionId: string, paymentId: string): D1PreparedStatement {
  return db.prepare("UPDATE billing_checkouts SET status = 'paid', payment_id = ?1 WHERE subscription_id = ?2 AND status <> 'paid'").bind(paymentId, subscriptionId);
}
