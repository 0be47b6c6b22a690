// Billing with Stripe (PRODUCT §9): packages, checkout and portal through the real SDK (its HTTP
// answered by test/support/stripe-fake.ts behind the fetch spy), and the webhook: signatures on
// the raw body, each event type, exactly-once grants under replays, concurrency and two event types
// about one payment, proportional refunds, disputes, the billing hold, events out of order, and a
// D1 failure that must answer 5xx so Stripe retries.
import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { reserve } from "../worker/db/ledger";
import { applyParkedEvents } from "../worker/services/stripe-events";
import { type CREDIT_PACKAGES, findPackage } from "../worker/shared/billing";
import { authorized, call, callJson, jsonRequest, withVars } from "./support/app";
import { balanceOf, ledgerSum, newUser, tenWords, uniqueTag, type TestUser } from "./support/factories";
import { interceptFetch } from "./support/http";
import { chargeObject, checkoutSessionObject, disputeObject, fakeStripeId, invoiceObject, signStripePayload, StripeFake, stripeEvent, subscriptionObject, TEST_WEBHOOK_SECRET } from "./support/stripe-fake";
import type Stripe from "stripe";

const STRIPE = withVars({ STRIPE_SECRET_KEY: "sk_test_sexyvoice", STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET });

function withFake(): StripeFake {
  const fake = new StripeFake({ origin: "https://checkout.stripe.test" });
  interceptFetch((request) => fake.handle(request));
  return fake;
}

async function deliver(event: Stripe.Event | string, options: { secret?: string; signature?: string | null; timestamp?: number; bindings?: Env } = {}) {
  const payload = typeof event === "string" ? event : JSON.stringify(event);
  const signature = options.signature === undefined ? await signStripePayload(payload, options.secret ?? TEST_WEBHOOK_SECRET, options.timestamp) : options.signature;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  return callJson<{ received?: boolean; outcome?: string; error?: { code: string } }>("/api/webhooks/stripe", { method: "POST", headers, body: payload }, options.bindings ?? STRIPE);
}

const TOPUP = findPackage("topup-starter")!;
const MONTHLY = findPackage("monthly-standard")!;

/** A paid top-up's completed checkout session for `user`. */
function paidTopUp(user: { userId: string }, pkg = TOPUP, overrides: Partial<{ paymentIntent: string; paymentStatus: "paid" | "unpaid"; sessionId: string }> = {}) {
  return checkoutSessionObject({
    id: overrides.sessionId ?? fakeStripeId("cs"),
    mode: "payment",
    customer: fakeStripeId("cus"),
    client_reference_id: user.userId,
    metadata: { userId: user.userId, packageId: pkg.id },
    amount_total: pkg.priceCents,
    currency: "usd",
    payment_status: overrides.paymentStatus ?? "paid",
    payment_intent: overrides.paymentIntent ?? fakeStripeId("pi"),
    subscription: null,
  });
}

async function ledgerRows(userId: string) {
  const rows = await env.DB.prepare("SELECT amount, type, idempotency_key, shortfall FROM credit_transactions WHERE user_id = ?1 ORDER BY created_at, rowid")
    .bind(userId)
    .all<{ amount: number; type: string; idempotency_key: string; shortfall: number }>();
  return rows.results;
}

const owedOf = async (userId: string) => (await env.DB.prepare("SELECT credits_owed FROM profiles WHERE id = ?1").bind(userId).first<{ credits_owed: number }>())?.credits_owed;

describe("packages", () => {
  it("lists top-ups and subscriptions with prices and credits, publicly, and says buying is off without Stripe", async () => {
    const { status, body } = await callJson<{ packages: typeof CREDIT_PACKAGES; checkoutAvailable: boolean; unavailableReason: string | null }>("/api/billing/packages");
    expect(status).toBe(200);
    expect(body.packages.map((p) => [p.id, p.kind, p.priceCents, p.credits])).toEqual([
      ["topup-starter", "topup", 500, 10_000],
      ["topup-standard", "topup", 1_000, 25_000],
      ["topup-pro", "topup", 7_500, 300_000],
      ["monthly-starter", "subscription", 500, 11_500],
      ["monthly-standard", "subscription", 1_000, 28_750],
      ["monthly-pro", "subscription", 7_500, 345_000],
    ]);
    expect(body.checkoutAvailable).toBe(false);
    expect(body.unavailableReason).toMatch(/not set up/);
    const configured = await callJson<{ checkoutAvailable: boolean }>("/api/billing/packages", {}, STRIPE);
    expect(configured.body.checkoutAvailable).toBe(true);
  });
});

describe("checkout and portal", () => {
  it("without Stripe keys checkout is a 503 integration_off, and Stripe is never called", async () => {
    const user = await newUser();
    const { status, body } = await callJson<{ error: { code: string } }>("/api/billing/checkout", jsonRequest("POST", { packageId: TOPUP.id }, user.token));
    expect(status).toBe(503);
    expect(body.error.code).toBe("integration_off");
  });

  it("an unknown package is a 400 naming packageId before any Stripe call", async () => {
    const user = await newUser();
    const fake = withFake();
    const { status, body } = await callJson<{ error: { code: string; field: string } }>("/api/billing/checkout", jsonRequest("POST", { packageId: "topup-free-money" }, user.token), STRIPE);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "validation_failed", field: "packageId" });
    expect(fake.requests).toEqual([]);
  });

  it("a top-up checkout carries the user's id, the package, an inline price and return URLs in the user's locale", async () => {
    const user = await newUser();
    const fake = withFake();
    const { status, body } = await callJson<{ url: string }>("/api/billing/checkout", jsonRequest("POST", { packageId: TOPUP.id, locale: "de" }, user.token), STRIPE);
    expect(status).toBe(200);
    const session = [...fake.sessions.values()][0]!;
    expect(body.url).toBe(session.url);
    const created = fake.requests.find((r) => r.path === "/v1/checkout/sessions")!;
    expect(created.authorization).toBe("Bearer sk_test_sexyvoice");
    expect(created.form).toMatchObject({
      mode: "payment",
      client_reference_id: user.userId,
      metadata: { userId: user.userId, packageId: TOPUP.id },
      payment_intent_data: { metadata: { userId: user.userId, packageId: TOPUP.id } },
      line_items: [{ quantity: "1", price_data: { currency: "usd", unit_amount: "500", product_data: { name: "10,000 SexyVoice credits" } } }],
      success_url: "https://sexyvoice.test/de/dashboard/credits/success?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "https://sexyvoice.test/de/dashboard/credits/cancel",
      locale: "de",
    });
    const status2 = await callJson<{ status: string; packageId: string }>(`/api/billing/checkout/${session.id}`, authorized(user.token), STRIPE);
    expect(status2.body).toMatchObject({ status: "open", packageId: TOPUP.id });
    const stranger = await newUser();
    expect((await call(`/api/billing/checkout/${session.id}`, authorized(stranger.token), STRIPE)).status).toBe(404);
  });

  it("a subscription checkout is a monthly recurring inline price with the metadata on the subscription", async () => {
    const user = await newUser();
    const fake = withFake();
    expect((await call("/api/billing/checkout", jsonRequest("POST", { packageId: MONTHLY.id }, user.token), STRIPE)).status).toBe(200);
    const created = fake.requests.find((r) => r.path === "/v1/checkout/sessions")!;
    expect(created.form).toMatchObject({
      mode: "subscription",
      subscription_data: { metadata: { userId: user.userId, packageId: MONTHLY.id } },
      line_items: [{ price_data: { unit_amount: "1000", recurring: { interval: "month" } } }],
    });
    expect(created.form).not.toHaveProperty("payment_intent_data");
  });

  it("two concurrent checkouts create one Stripe customer, kept on the profile and reused afterwards", async () => {
    const user = await newUser();
    const fake = withFake();
    const answers = await Promise.all([1, 2].map(() => call("/api/billing/checkout", jsonRequest("POST", { packageId: TOPUP.id }, user.token), STRIPE)));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(fake.customers.size).toBe(1);
    const stored = await env.DB.prepare("SELECT stripe_customer_id FROM profiles WHERE id = ?1").bind(user.userId).first<{ stripe_customer_id: string }>();
    expect(stored?.stripe_customer_id).toBe([...fake.customers.keys()][0]);
    expect(new Set([...fake.sessions.values()].map((s) => s.customer))).toEqual(new Set([stored?.stripe_customer_id]));
    const before = fake.requests.filter((r) => r.path === "/v1/customers").length;
    await call("/api/billing/checkout", jsonRequest("POST", { packageId: TOPUP.id }, user.token), STRIPE);
    expect(fake.requests.filter((r) => r.path === "/v1/customers").length).toBe(before);
  });

  it("STRIPE_API_BASE points the SDK at another host", async () => {
    const user = await newUser();
    const seen = interceptFetch((request) => new StripeFake({ origin: "http://127.0.0.1:12111" }).handle(request));
    const bindings = withVars({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_BASE: "http://127.0.0.1:12111" });
    expect((await call("/api/billing/checkout", jsonRequest("POST", { packageId: TOPUP.id }, user.token), bindings)).status).toBe(200);
    expect(seen.map((r) => new URL(r.url).origin)).toEqual(["http://127.0.0.1:12111", "http://127.0.0.1:12111"]);
  });

  it("a Stripe outage is a 503 with our message; nothing of Stripe's reaches the client", async () => {
    const user = await newUser();
    interceptFetch(() => new Response(JSON.stringify({ error: { type: "api_error", message: "internal db shard 7 down" } }), { status: 500, headers: { "content-type": "application/json" } }));
    const { status, body } = await callJson<{ error: { code: string; message: string } }>("/api/billing/checkout", jsonRequest("POST", { packageId: TOPUP.id }, user.token), STRIPE);
    expect(status).toBe(503);
    expect(body.error.code).toBe("provider_unavailable");
    expect(body.error.message).not.toMatch(/shard/);
  });

  it("the portal needs a billing account; with one it returns the portal URL back to the Credits page", async () => {
    const user = await newUser();
    const fake = withFake();
    const none = await callJson<{ error: { code: string } }>("/api/billing/portal", jsonRequest("POST", {}, user.token), STRIPE);
    expect(none.status).toBe(404);
    await call("/api/billing/checkout", jsonRequest("POST", { packageId: TOPUP.id }, user.token), STRIPE);
    const { status, body } = await callJson<{ url: string }>("/api/billing/portal", jsonRequest("POST", { locale: "fr" }, user.token), STRIPE);
    expect(status).toBe(200);
    expect(body.url).toMatch(/^https:\/\/checkout\.stripe\.test\/portal\/cus_/);
    expect(fake.requests.find((r) => r.path === "/v1/billing_portal/sessions")?.form).toMatchObject({ return_url: "https://sexyvoice.test/fr/dashboard/credits" });
  });
});

describe("webhook signature", () => {
  const event = () => stripeEvent("customer.created", { id: fakeStripeId("cus"), object: "customer" });

  it("accepts a valid signature and refuses a tampered body, another secret, a missing header and an old timestamp", async () => {
    expect((await deliver(event())).status).toBe(200);
    const payload = JSON.stringify(event());
    const signature = await signStripePayload(payload, TEST_WEBHOOK_SECRET);
    const tampered = await deliver(payload.replace("customer.created", "customer.deleted"), { signature });
    expect([tampered.status, tampered.body.error?.code]).toEqual([400, "validation_failed"]);
    expect((await deliver(event(), { secret: "whsec_someone_else" })).status).toBe(400);
    expect((await deliver(event(), { signature: null })).status).toBe(400);
    expect((await deliver(event(), { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(400);
  });

  it("without a webhook secret configured every delivery is refused", async () => {
    expect((await deliver(event(), { bindings: env })).status).toBe(400);
  });

  it("answers 200 for event types it ignores, changing nothing", async () => {
    const { status, body } = await deliver(event());
    expect(status).toBe(200);
    expect(body.outcome).toBe("ignored");
  });
});

describe("top-ups", () => {
  it("a paid checkout grants the package's credits once as a top-up and makes the user a paid user", async () => {
    const user = await newUser();
    const session = paidTopUp(user);
    await env.DB.prepare("INSERT INTO billing_checkouts (session_id, user_id, package_id) VALUES (?1, ?2, ?3)").bind(session.id, user.userId, TOPUP.id).run();
    const { status, body } = await deliver(stripeEvent("checkout.session.completed", session));
    expect([status, body.outcome]).toEqual([200, "applied"]);
    expect(await balanceOf(user.userId)).toBe(20_000);
    expect((await ledgerRows(user.userId)).at(-1)).toMatchObject({ amount: 10_000, type: "topup", idempotency_key: `stripe:payment:${session.payment_intent}` });
    const me = await callJson<{ isPaid: boolean; credits: number }>("/api/me", authorized(user.token));
    expect(me.body).toMatchObject({ isPaid: true, credits: 20_000 });
    const checkout = await callJson<{ status: string; balance: number }>(`/api/billing/checkout/${session.id}`, authorized(user.token));
    expect(checkout.body).toMatchObject({ status: "paid", balance: 20_000 });
  });

  it("an async payment grants nothing until it succeeds, and nothing when it fails", async () => {
    const user = await newUser();
    const pending = paidTopUp(user, TOPUP, { paymentStatus: "unpaid" });
    expect((await deliver(stripeEvent("checkout.session.completed", pending))).body.outcome).toBe("pending");
    expect(await balanceOf(user.userId)).toBe(10_000);
    expect((await deliver(stripeEvent("checkout.session.async_payment_succeeded", { ...pending, payment_status: "paid" }))).body.outcome).toBe("applied");
    expect(await balanceOf(user.userId)).toBe(20_000);

    const failing = paidTopUp(user, TOPUP, { paymentStatus: "unpaid" });
    await deliver(stripeEvent("checkout.session.completed", failing));
    expect((await deliver(stripeEvent("checkout.session.async_payment_failed", failing))).status).toBe(200);
    expect(await balanceOf(user.userId)).toBe(20_000);
  });

  it("the same event delivered 10 times concurrently grants once", async () => {
    const user = await newUser();
    const event = stripeEvent("checkout.session.completed", paidTopUp(user));
    const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(event)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(await balanceOf(user.userId)).toBe(20_000);
    expect((await ledgerRows(user.userId)).filter((r) => r.type === "topup")).toHaveLength(1);
    expect(await ledgerSum(user.userId)).toBe(20_000);
  });

  it("one payment reported by two event types grants once", async () => {
    const user = await newUser();
    const session = paidTopUp(user);
    await deliver(stripeEvent("checkout.session.completed", session));
    const second = await deliver(stripeEvent("checkout.session.async_payment_succeeded", session));
    expect(second.status).toBe(200);
    expect(await balanceOf(user.userId)).toBe(20_000);
  });

  it("a D1 failure while applying answers 5xx, and Stripe's retry then grants exactly once", async () => {
    const user = await newUser();
    const event = stripeEvent("checkout.session.completed", paidTopUp(user));
    const batch = vi.spyOn(env.DB, "batch").mockRejectedValueOnce(new Error("D1_ERROR: storage reset"));
    const failed = await deliver(event);
    expect(failed.status).toBe(500);
    expect(await balanceOf(user.userId)).toBe(10_000);
    batch.mockRestore();
    expect((await deliver(event)).body.outcome).toBe("applied");
    expect((await deliver(event)).body.outcome).toBe("duplicate");
    expect(await balanceOf(user.userId)).toBe(20_000);
  });

  it("a session naming no user of ours changes nothing and is still acknowledged", async () => {
    const ghost = { userId: crypto.randomUUID() };
    const { status, body } = await deliver(stripeEvent("checkout.session.completed", paidTopUp(ghost)));
    expect([status, body.outcome]).toEqual([200, "ignored"]);
  });
});

describe("subscriptions", () => {
  const subscriber = async () => {
    const user = await newUser();
    return { user, customer: fakeStripeId("cus"), subscription: fakeStripeId("sub"), metadata: { userId: user.userId, packageId: MONTHLY.id } };
  };

  it("every paid invoice grants the subscription's credits (15 % more), keyed by invoice", async () => {
    const { user, customer, subscription, metadata } = await subscriber();
    for (const invoice of [fakeStripeId("in"), fakeStripeId("in")]) {
      const event = stripeEvent("invoice.paid", invoiceObject({ id: invoice, customer, subscription, metadata, amountPaid: 1_000, paymentIntent: fakeStripeId("pi") }));
      expect((await deliver(event)).body.outcome).toBe("applied");
      // invoice.payment_succeeded about the same invoice is the same payment.
      await deliver(stripeEvent("invoice.payment_succeeded", event.data.object));
    }
    expect(await balanceOf(user.userId)).toBe(10_000 + 2 * 28_750);
    expect((await ledgerRows(user.userId)).filter((r) => r.type === "purchase").map((r) => r.amount)).toEqual([28_750, 28_750]);
  });

  it("reads the invoice's payment intent from Stripe when the payload does not include it, so its refund finds the payment", async () => {
    const { user, customer, subscription, metadata } = await subscriber();
    const fake = withFake();
    const invoice = fakeStripeId("in");
    const intent = fakeStripeId("pi");
    fake.invoicePayments.set(invoice, intent);
    await deliver(stripeEvent("invoice.paid", invoiceObject({ id: invoice, customer, subscription, metadata, amountPaid: 1_000 })));
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${String(r.form.invoice)}`)).toEqual([`GET /v1/invoice_payments ${invoice}`]);
    await deliver(stripeEvent("charge.refunded", chargeObject({ paymentIntent: intent, amount: 1_000, amountRefunded: 1_000 })));
    expect(await balanceOf(user.userId)).toBe(10_000);
  });

  it("an unpaid or zero invoice grants nothing", async () => {
    const { user, customer, subscription, metadata } = await subscriber();
    await deliver(stripeEvent("invoice.paid", invoiceObject({ id: fakeStripeId("in"), customer, subscription, metadata, amountPaid: 0, paymentIntent: fakeStripeId("pi") })));
    expect(await balanceOf(user.userId)).toBe(10_000);
  });

  it("keeps our own subscription record from created/updated/deleted, never letting an older event overwrite a newer one", async () => {
    const { user, customer, subscription, metadata } = await subscriber();
    const now = Math.floor(Date.now() / 1000);
    const read = async () => (await callJson<{ subscription: Record<string, unknown> | null }>("/api/billing/subscription", authorized(user.token))).body.subscription;
    expect(await read()).toBeNull();
    await deliver(stripeEvent("customer.subscription.created", subscriptionObject({ id: subscription, customer, metadata, periodEnd: now + 86_400 }), { created: now }));
    expect(await read()).toMatchObject({ id: subscription, packageId: MONTHLY.id, status: "active", cancelAtPeriodEnd: false, currentPeriodEnd: new Date((now + 86_400) * 1000).toISOString() });
    const cancelling = stripeEvent("customer.subscription.updated", subscriptionObject({ id: subscription, customer, metadata, cancelAtPeriodEnd: true }), { created: now + 20 });
    const stale = stripeEvent("customer.subscription.updated", subscriptionObject({ id: subscription, customer, metadata, status: "past_due" }), { created: now + 10 });
    await deliver(cancelling);
    await deliver(stale);
    expect(await read()).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    await deliver(stripeEvent("customer.subscription.deleted", subscriptionObject({ id: subscription, customer, metadata, status: "canceled" }), { created: now + 30 }));
    expect(await read()).toMatchObject({ status: "canceled" });
  });

  it("a subscription checkout is paid once its first invoice is, whichever event comes first", async () => {
    const { user, customer, subscription, metadata } = await subscriber();
    const sessionId = fakeStripeId("cs");
    await env.DB.prepare("INSERT INTO billing_checkouts (session_id, user_id, package_id) VALUES (?1, ?2, ?3)").bind(sessionId, user.userId, MONTHLY.id).run();
    await deliver(stripeEvent("invoice.paid", invoiceObject({ id: fakeStripeId("in"), customer, subscription, metadata, amountPaid: 1_000, paymentIntent: fakeStripeId("pi") })));
    const session = checkoutSessionObject({
      id: sessionId,
      mode: "subscription",
      customer,
      client_reference_id: user.userId,
      metadata,
      amount_total: 1_000,
      currency: "usd",
      payment_status: "paid",
      payment_intent: null,
      subscription,
    });
    await deliver(stripeEvent("checkout.session.completed", session));
    const { body } = await callJson<{ status: string }>(`/api/billing/checkout/${sessionId}`, authorized(user.token));
    expect(body.status).toBe("paid");
    expect(await balanceOf(user.userId)).toBe(10_000 + 28_750);
  });
});

describe("refunds and disputes", () => {
  async function boughtTopUp(pkg = TOPUP): Promise<{ user: TestUser; intent: string }> {
    const user = await newUser();
    const intent = fakeStripeId("pi");
    await deliver(stripeEvent("checkout.session.completed", paidTopUp(user, pkg, { paymentIntent: intent })));
    return { user, intent };
  }

  it("a partial then a full refund take credits in proportion to the cumulative amount; replays take nothing", async () => {
    const { user, intent } = await boughtTopUp();
    const partial = stripeEvent("charge.refunded", chargeObject({ paymentIntent: intent, amount: 500, amountRefunded: 150 }));
    await deliver(partial);
    expect(await balanceOf(user.userId)).toBe(20_000 - 3_000);
    await deliver(stripeEvent("charge.refunded", chargeObject({ paymentIntent: intent, amount: 500, amountRefunded: 150 })));
    expect(await balanceOf(user.userId)).toBe(17_000);
    await deliver(stripeEvent("charge.refunded", chargeObject({ paymentIntent: intent, amount: 500, amountRefunded: 500 })));
    expect(await balanceOf(user.userId)).toBe(10_000);
    await deliver(partial);
    expect(await balanceOf(user.userId)).toBe(10_000);
    expect((await ledgerRows(user.userId)).filter((r) => r.type === "refund").map((r) => r.amount)).toEqual([-3_000, -7_000]);
    expect(await ledgerSum(user.userId)).toBe(10_000);
  });

  it("concurrent refund events of one payment never take more than the payment's credits", async () => {
    const { user, intent } = await boughtTopUp();
    await Promise.all([150, 300, 500, 500].map((refunded) => deliver(stripeEvent("charge.refunded", chargeObject({ paymentIntent: intent, amount: 500, amountRefunded: refunded })))));
    expect(await balanceOf(user.userId)).toBe(10_000);
    expect(await ledgerSum(user.userId)).toBe(10_000);
  });

  it("a refund after the credits were spent takes what is there, records the shortfall and holds paid work", async () => {
    const { user, intent } = await boughtTopUp();
    await reserve(env.DB, { userId: user.userId, amount: 19_000, key: `spend:${user.userId}`, purpose: "test", description: "spent" });
    await deliver(stripeEvent("charge.refunded", chargeObject({ paymentIntent: intent, amount: 500, amountRefunded: 500 })));
    expect(await balanceOf(user.userId)).toBe(0);
    expect((await ledgerRows(user.userId)).at(-1)).toMatchObject({ type: "refund", amount: -1_000, shortfall: 9_000 });
    expect(await owedOf(user.userId)).toBe(9_000);
    const me = await callJson<{ creditsOwed: number }>("/api/me", authorized(user.token));
    expect(me.body.creditsOwed).toBe(9_000);
    // Even with credits again, paid generation is refused with its own code until the hold is resolved.
    await env.DB.prepare("UPDATE credits SET balance = 500 WHERE user_id = ?1").bind(user.userId).run();
    const refused = await callJson<{ error: { code: string } }>("/api/generate-voice", jsonRequest("POST", { text: tenWords(uniqueTag()), voice: "Zephyr" }, user.token));
    expect([refused.status, refused.body.error.code]).toEqual([403, "billing_hold"]);
    expect(await balanceOf(user.userId)).toBe(500);
  });

  it("a lost dispute takes the payment's credits once; a won one gives them back and forgives the shortfall", async () => {
    const lost = await boughtTopUp();
    const dispute = fakeStripeId("dp");
    await deliver(stripeEvent("charge.dispute.created", disputeObject({ id: dispute, paymentIntent: lost.intent, amount: 500, status: "needs_response" })));
    await deliver(stripeEvent("charge.dispute.created", disputeObject({ id: dispute, paymentIntent: lost.intent, amount: 500, status: "needs_response" })));
    expect(await balanceOf(lost.user.userId)).toBe(10_000);
    await deliver(stripeEvent("charge.dispute.closed", disputeObject({ id: dispute, paymentIntent: lost.intent, amount: 500, status: "lost" })));
    expect(await balanceOf(lost.user.userId)).toBe(10_000);
    expect((await ledgerRows(lost.user.userId)).filter((r) => r.type === "chargeback").map((r) => r.amount)).toEqual([-10_000]);

    const won = await boughtTopUp();
    await reserve(env.DB, { userId: won.user.userId, amount: 16_000, key: `spend:${won.user.userId}`, purpose: "test", description: "spent" });
    const wonDispute = fakeStripeId("dp");
    await deliver(stripeEvent("charge.dispute.created", disputeObject({ id: wonDispute, paymentIntent: won.intent, amount: 500, status: "needs_response" })));
    expect(await balanceOf(won.user.userId)).toBe(0);
    expect(await owedOf(won.user.userId)).toBe(6_000);
    const closed = stripeEvent("charge.dispute.closed", disputeObject({ id: wonDispute, paymentIntent: won.intent, amount: 500, status: "won" }));
    await deliver(closed);
    await deliver(stripeEvent("charge.dispute.closed", closed.data.object));
    expect(await balanceOf(won.user.userId)).toBe(4_000);
    expect(await owedOf(won.user.userId)).toBe(0);
    expect(await ledgerSum(won.user.userId)).toBe(4_000);
  });

  it("a refund that arrives before the payment it refunds is parked and applied once the payment is granted", async () => {
    const user = await newUser();
    const intent = fakeStripeId("pi");
    const early = await deliver(stripeEvent("charge.refunded", chargeObject({ paymentIntent: intent, amount: 500, amountRefunded: 250 })));
    expect([early.status, early.body.outcome]).toEqual([200, "parked"]);
    expect(await balanceOf(user.userId)).toBe(10_000);
    await deliver(stripeEvent("checkout.session.completed", paidTopUp(user, TOPUP, { paymentIntent: intent })));
    expect(await balanceOf(user.userId)).toBe(20_000 - 5_000);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM billing_parked_events WHERE payment_intent_id = ?1").bind(intent).first<{ n: number }>()).toEqual({ n: 0 });
  });

  it("a parked event left behind by a failure is applied by the sweep's pass, once", async () => {
    const user = await newUser();
    const intent = fakeStripeId("pi");
    await deliver(stripeEvent("charge.dispute.created", disputeObject({ id: fakeStripeId("dp"), paymentIntent: intent, amount: 500, status: "needs_response" })));
    // The grant commits, but applying the parked dispute right after it fails.
    const original = env.DB.batch.bind(env.DB);
    let calls = 0;
    vi.spyOn(env.DB, "batch").mockImplementation(async (statements) => {
      calls += 1;
      if (calls === 2) throw new Error("D1_ERROR: overloaded");
      return original(statements);
    });
    await deliver(stripeEvent("checkout.session.completed", paidTopUp(user, TOPUP, { paymentIntent: intent })));
    vi.mocked(env.DB.batch).mockRestore();
    expect(await balanceOf(user.userId)).toBe(20_000);
    expect(await applyParkedEvents(env.DB)).toBeGreaterThanOrEqual(1);
    expect(await applyParkedEvents(env.DB)).toBe(0);
    expect(await balanceOf(user.userId)).toBe(10_000);
  });
});
