/**
 * What a verified Stripe event does to our records (PRODUCT §9), exactly once: each event's effect
 * and its `processed_webhook_events` row commit in one D1 batch, and every grant or claw-back is
 * keyed in the ledger by the payment (or refund level, or dispute) it concerns, so a replayed event,
 * ten concurrent deliveries or two event types about one payment change the balance once. Events may
 * come in any order: subscription updates carry their event time (older never overwrites newer),
 * and a refund or dispute for a payment we have not recorded yet is parked and applied after it.
 * Anything thrown means "not committed": the route answers 5xx and Stripe retries.
 *
 * A promo campaign's bonus is whatever the session's metadata promised at checkout (shared/campaigns.ts
 * promisedBonus), granted with the payment in the same row, so it is exactly as idempotent as the
 * payment and does not depend on the campaign still running when the event lands.
 *
 * Ledger keys: stripe:payment:<pi_… | in_…> (grant), stripe:refund:<pi>:<credits claimed so far>
 * (refund), stripe:dispute:<dp_…> (chargeback), stripe:dispute-won:<dp_…> (returned).
 */
import {
  checkoutPaidBySubscriptionStatement,
  checkoutStatusStatement,
  checkoutSubscriptionStatement,
  clawBackDispute,
  clawBackRefund,
  grantPayment,
  isEventProcessed,
  keepStripeCustomer,
  markEventProcessed,
  markEventStatement,
  parkEvent,
  parkedEventsReady,
  paymentByIntent,
  profileExists,
  returnDispute,
  subscriptionById,
  subscriptionUpsertStatement,
  unpark,
  unparkStatement,
  userOfCustomer,
} from "../db/billing";
import type { BillingGateway, Stripe } from "../providers/stripe";
import { findPackage } from "../shared/billing";
import { promisedBonus } from "../shared/campaigns";
import { log } from "./logging";

export type EventOutcome = "applied" | "duplicate" | "ignored" | "parked" | "pending";

export interface EventResult {
  outcome: EventOutcome;
  /** Why an event changed nothing (for the logs and the tests). */
  reason?: string;
}

const idOf = (value: string | { id: string } | null | undefined): string | null => (value === null || value === undefined ? null : typeof value === "string" ? value : value.id);

const ignored = (reason: string): EventResult => ({ outcome: "ignored", reason });

const bonusNote = (bonus: { campaignId: string; credits: number } | null) => (bonus === null ? "" : ` + ${bonus.credits} bonus (campaign ${bonus.campaignId})`);

export async function applyStripeEvent(db: D1Database, gateway: BillingGateway | null, event: Stripe.Event): Promise<EventResult> {
  if (await isEventProcessed(db, event.id)) return { outcome: "duplicate" };
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
      return checkoutSettled(db, event, event.data.object);
    case "checkout.session.async_payment_failed":
      await markEventProcessed(db, event.id, [checkoutStatusStatement(db, event.data.object.id, "failed")]);
      return ignored("the delayed payment failed: nothing to grant");
    case "invoice.paid":
    case "invoice.payment_succeeded":
      return invoicePaid(db, gateway, event, event.data.object);
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return subscriptionChanged(db, event, event.data.object);
    case "charge.refunded":
      return chargeRefunded(db, event, event.data.object);
    case "charge.dispute.created":
      return disputeOpened(db, event, event.data.object);
    case "charge.dispute.closed":
      return disputeClosed(db, event, event.data.object);
    default:
      return ignored(`event type ${event.type} is not handled`);
  }
}

/** The user a Stripe object belongs to: our metadata first, then the customer on a profile. */
async function userFor(db: D1Database, metadata: Stripe.Metadata | null | undefined, customer: string | null, reference?: string | null): Promise<string | null> {
  const candidate = metadata?.userId ?? reference ?? null;
  if (candidate !== null && (await profileExists(db, candidate))) return candidate;
  return customer === null ? null : userOfCustomer(db, customer);
}

async function checkoutSettled(db: D1Database, event: Stripe.Event, session: Stripe.Checkout.Session): Promise<EventResult> {
  const customer = idOf(session.customer);
  const userId = await userFor(db, session.metadata, customer, session.client_reference_id);
  if (userId === null) {
    await markEventProcessed(db, event.id);
    return ignored("no user of ours is named by the session");
  }
  if (customer !== null) await keepStripeCustomer(db, userId, customer);
  if (session.mode === "subscription") {
    // Credits come with each paid invoice (invoice.paid); here the checkout learns its subscription.
    const subscription = idOf(session.subscription);
    await markEventProcessed(db, event.id, subscription === null ? [] : [checkoutSubscriptionStatement(db, session.id, subscription)]);
    return ignored("subscription credits are granted per paid invoice");
  }
  if (session.payment_status !== "paid") {
    await markEventProcessed(db, event.id, [checkoutStatusStatement(db, session.id, "processing")]);
    return { outcome: "pending", reason: `payment_status is ${session.payment_status}` };
  }
  const pkg = findPackage(session.metadata?.packageId);
  if (pkg === undefined || pkg.kind !== "topup") {
    await markEventProcessed(db, event.id);
    return ignored(`unknown top-up package ${session.metadata?.packageId ?? "(none)"}`);
  }
  const paymentIntentId = idOf(session.payment_intent);
  const paymentId = paymentIntentId ?? session.id;
  const bonus = promisedBonus(session.metadata);
  await grantPayment(
    db,
    {
      paymentId,
      userId,
      kind: "topup",
      packageId: pkg.id,
      paymentIntentId,
      subscriptionId: null,
      amountCents: session.amount_total ?? pkg.priceCents,
      currency: session.currency ?? pkg.currency,
      credits: pkg.credits + (bonus?.credits ?? 0),
      bonus,
      description: `Top-up: ${pkg.credits} credits${bonusNote(bonus)}`,
    },
    [checkoutStatusStatement(db, session.id, "paid", paymentId), markEventStatement(db, event.id)],
  );
  if (paymentIntentId !== null) await applyParkedEvents(db, paymentIntentId);
  return { outcome: "applied" };
}

async function invoicePaid(db: D1Database, gateway: BillingGateway | null, event: Stripe.Event, invoice: Stripe.Invoice): Promise<EventResult> {
  const details = invoice.parent?.subscription_details ?? null;
  const subscriptionId = idOf(details?.subscription);
  if (subscriptionId === null) {
    await markEventProcessed(db, event.id);
    return ignored("not a subscription invoice");
  }
  if (invoice.status !== "paid" || invoice.amount_paid <= 0) {
    await markEventProcessed(db, event.id);
    return ignored("nothing was paid on this invoice");
  }
  const known = await subscriptionById(db, subscriptionId);
  const userId = (await userFor(db, details?.metadata, idOf(invoice.customer))) ?? known?.userId ?? null;
  const pkg = findPackage(details?.metadata?.packageId ?? known?.packageId);
  if (userId === null || pkg === undefined || pkg.kind !== "subscription") {
    await markEventProcessed(db, event.id);
    return ignored("the invoice names no user or subscription package of ours");
  }
  // The API version the SDK pins no longer puts the payment intent on the invoice; the invoice's
  // payments do (included in the payload, or read from Stripe: a failure here is a 5xx and a retry).
  const included = invoice.payments?.data.find((p) => p.status === "paid") ?? invoice.payments?.data[0];
  let paymentIntentId = idOf(included?.payment.payment_intent);
  if (paymentIntentId === null && gateway !== null) paymentIntentId = await gateway.invoicePaymentIntent(invoice.id);
  // A campaign's bonus was promised with the purchase, which is the subscription's first invoice;
  // renewals carry the same subscription metadata but were not bought during the campaign.
  const bonus = invoice.billing_reason === "subscription_create" ? promisedBonus(details?.metadata) : null;
  await grantPayment(
    db,
    {
      paymentId: invoice.id,
      userId,
      kind: "subscription",
      packageId: pkg.id,
      paymentIntentId,
      subscriptionId,
      amountCents: invoice.amount_paid,
      currency: invoice.currency,
      credits: pkg.credits + (bonus?.credits ?? 0),
      bonus,
      description: `Subscription: ${pkg.credits} credits${bonusNote(bonus)}`,
    },
    [checkoutPaidBySubscriptionStatement(db, subscriptionId, invoice.id), markEventStatement(db, event.id)],
  );
  if (paymentIntentId !== null) await applyParkedEvents(db, paymentIntentId);
  return { outcome: "applied" };
}

async function subscriptionChanged(db: D1Database, event: Stripe.Event, subscription: Stripe.Subscription): Promise<EventResult> {
  const customer = idOf(subscription.customer);
  const userId = await userFor(db, subscription.metadata, customer);
  const known = userId === null ? null : await subscriptionById(db, subscription.id);
  const pkg = findPackage(subscription.metadata?.packageId ?? known?.packageId);
  if (userId === null || customer === null || pkg === undefined) {
    await markEventProcessed(db, event.id);
    return ignored("the subscription names no user or package of ours");
  }
  const ends = subscription.items.data.map((item) => item.current_period_end).filter((end) => Number.isFinite(end));
  const periodEnd = ends.length === 0 ? null : Math.max(...ends);
  await markEventProcessed(db, event.id, [
    subscriptionUpsertStatement(db, {
      id: subscription.id,
      userId,
      customerId: customer,
      packageId: pkg.id,
      status: event.type === "customer.subscription.deleted" ? "canceled" : subscription.status,
      currentPeriodEnd: periodEnd === null ? null : new Date(periodEnd * 1000).toISOString(),
      cancelAtPeriodEnd: subscription.cancel_at_period_end,
      eventCreated: event.created,
    }),
  ]);
  return { outcome: "applied" };
}

async function chargeRefunded(db: D1Database, event: Stripe.Event, charge: Stripe.Charge): Promise<EventResult> {
  const paymentIntentId = idOf(charge.payment_intent);
  if (paymentIntentId === null) {
    await markEventProcessed(db, event.id);
    return ignored("the charge has no payment intent");
  }
  const payment = await paymentByIntent(db, paymentIntentId);
  if (payment === null) {
    await parkEvent(db, event.id, paymentIntentId, event);
    return { outcome: "parked", reason: "the refunded payment is not recorded yet" };
  }
  // Proportional to the cumulative amount refunded; rounded down, so only a full refund takes all.
  const charged = charge.amount > 0 ? charge.amount : payment.amountCents;
  const target = Math.min(payment.credits, Math.floor((payment.credits * Math.min(charge.amount_refunded, charged)) / charged));
  await clawBackRefund(
    db,
    {
      paymentId: payment.id,
      targetCredits: target,
      refundedCents: charge.amount_refunded,
      key: `stripe:refund:${paymentIntentId}:${target}`,
      description: `Refund of a payment (${charge.amount_refunded} of ${charged} ${charge.currency} refunded)`,
    },
    [markEventStatement(db, event.id), unparkStatement(db, event.id)],
  );
  return { outcome: "applied" };
}

async function disputeOpened(db: D1Database, event: Stripe.Event, dispute: Stripe.Dispute): Promise<EventResult> {
  const paymentIntentId = idOf(dispute.payment_intent);
  const payment = paymentIntentId === null ? null : await paymentByIntent(db, paymentIntentId);
  if (paymentIntentId === null) {
    await markEventProcessed(db, event.id);
    return ignored("the dispute has no payment intent");
  }
  if (payment === null) {
    await parkEvent(db, event.id, paymentIntentId, event);
    return { outcome: "parked", reason: "the disputed payment is not recorded yet" };
  }
  await clawBackDispute(db, { paymentId: payment.id, key: `stripe:dispute:${dispute.id}`, description: "Payment disputed" }, [markEventStatement(db, event.id), unparkStatement(db, event.id)]);
  return { outcome: "applied" };
}

async function disputeClosed(db: D1Database, event: Stripe.Event, dispute: Stripe.Dispute): Promise<EventResult> {
  const paymentIntentId = idOf(dispute.payment_intent);
  if (paymentIntentId === null || dispute.status !== "won") {
    await markEventProcessed(db, event.id);
    return ignored(`dispute closed as ${dispute.status}: the credits stay taken`);
  }
  const payment = await paymentByIntent(db, paymentIntentId);
  if (payment === null) {
    await parkEvent(db, event.id, paymentIntentId, event);
    return { outcome: "parked", reason: "the disputed payment is not recorded yet" };
  }
  await returnDispute(db, { paymentId: payment.id, disputeKey: `stripe:dispute:${dispute.id}`, key: `stripe:dispute-won:${dispute.id}`, description: "Dispute won: credits returned" }, [
    markEventStatement(db, event.id),
    unparkStatement(db, event.id),
  ]);
  return { outcome: "applied" };
}

/**
 * Applies parked refund and dispute events whose payment now exists (right after a grant, and from
 * the sweep for any a failure left behind). Returns how many were applied.
 */
export async function applyParkedEvents(db: D1Database, paymentIntentId?: string, limit = 50): Promise<number> {
  let applied = 0;
  for (const event of await parkedEventsReady(db, limit, paymentIntentId)) {
    try {
      const result = await applyStripeEvent(db, null, event as Stripe.Event);
      if (result.outcome === "duplicate") await unpark(db, (event as Stripe.Event).id);
      else applied += 1;
    } catch (error) {
      log.error("applying a parked Stripe event failed; the sweep retries it", error);
    }
  }
  return applied;
}
