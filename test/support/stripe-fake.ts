// A small Stripe-compatible fake for tests, written against Web APIs only so it runs both inside
// workerd (behind the fetch spy) and in Node (test/browser's HTTP server): customers (honouring
// Idempotency-Key as Stripe does), Checkout Sessions, portal sessions and invoice payments, plus a
// hosted-checkout page whose "Pay" sends correctly signed webhooks to the Worker. Also builders for
// the Stripe-shaped objects and events the webhook tests send. Never imported by the product.
import Stripe from "stripe";

export const TEST_WEBHOOK_SECRET = "whsec_test_sexyvoice";

type Json = Record<string, unknown>;

/** Decodes Stripe's form encoding (`a[b][0][c]=x`) into nested objects and arrays. */
export function decodeStripeForm(body: string): Json {
  const root: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Json = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) {
        node[segment] = value;
        return;
      }
      node[segment] ??= /^\d+$/.test(path[index + 1] ?? "") ? [] : {};
      node = node[segment] as Json;
    });
  }
  return root;
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}_test_${Date.now().toString(36)}${(sequence++).toString(36)}`;

export interface FakeSession {
  id: string;
  object: "checkout.session";
  mode: "payment" | "subscription";
  customer: string;
  client_reference_id: string;
  metadata: Record<string, string>;
  subscription_metadata: Record<string, string>;
  amount_total: number;
  currency: string;
  success_url: string;
  cancel_url: string;
  locale: string;
  url: string;
  payment_status: "unpaid" | "paid";
  status: "open" | "complete";
  payment_intent: string | null;
  subscription: string | null;
}

export interface StripeFakeOptions {
  /** Origin of the fake's own pages (hosted checkout and portal URLs point here). */
  origin: string;
  /** Where "Pay" delivers webhooks (the Worker's `/api/webhooks/stripe`). */
  webhookUrl?: string;
  webhookSecret?: string;
}

export class StripeFake {
  readonly customers = new Map<string, { id: string; email: string; metadata: Record<string, string> }>();
  readonly sessions = new Map<string, FakeSession>();
  readonly invoicePayments = new Map<string, string>();
  readonly requests: { method: string; path: string; form: Json; idempotencyKey: string | null; authorization: string | null }[] = [];
  private readonly idempotent = new Map<string, unknown>();
  webhookUrl: string | undefined;

  constructor(readonly options: StripeFakeOptions) {
    this.webhookUrl = options.webhookUrl;
  }

  /** Answers a request to the Stripe API or to the fake's pages; undefined for anything else. */
  async handle(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
    const form = request.method === "POST" ? decodeStripeForm(await request.clone().text()) : Object.fromEntries(url.searchParams);
    if (url.pathname.startsWith("/v1/")) {
      this.requests.push({ method: request.method, path: url.pathname, form, idempotencyKey: request.headers.get("idempotency-key"), authorization: request.headers.get("authorization") });
      if (!request.headers.get("authorization")?.startsWith("Bearer sk_")) return Response.json({ error: { type: "invalid_request_error", message: "No API key" } }, { status: 401 });
    }
    const key = request.headers.get("idempotency-key");
    const remembered = key === null ? undefined : this.idempotent.get(`${url.pathname}:${key}`);
    if (remembered !== undefined) return Response.json(remembered);
    const answer = (body: unknown) => {
      if (key !== null) this.idempotent.set(`${url.pathname}:${key}`, body);
      return Response.json(body);
    };
    if (request.method === "POST" && url.pathname === "/v1/customers") {
      const customer = { id: nextId("cus"), object: "customer", email: String(form.email ?? ""), metadata: (form.metadata ?? {}) as Record<string, string> };
      this.customers.set(customer.id, customer);
      return answer(customer);
    }
    if (request.method === "POST" && url.pathname === "/v1/checkout/sessions") return answer(this.createSession(form));
    if (request.method === "POST" && url.pathname === "/v1/billing_portal/sessions") {
      return answer({ id: nextId("bps"), object: "billing_portal.session", customer: form.customer, return_url: form.return_url, url: `${this.options.origin}/portal/${String(form.customer)}` });
    }
    if (request.method === "GET" && url.pathname === "/v1/invoice_payments") {
      const intent = this.invoicePayments.get(String(form.invoice));
      const data = intent === undefined ? [] : [{ id: nextId("inpay"), object: "invoice_payment", invoice: form.invoice, status: "paid", payment: { type: "payment_intent", payment_intent: intent } }];
      return answer({ object: "list", data, has_more: false, url: "/v1/invoice_payments" });
    }
    if (url.pathname === "/favicon.ico") return new Response(null, { status: 204 });
    if (url.pathname.startsWith("/pay/")) return this.hostedCheckout(request, url.pathname.slice("/pay/".length));
    if (url.pathname.startsWith("/portal/")) return new Response("<!doctype html><title>Billing portal</title><h1>Billing portal (test)</h1>", { headers: { "content-type": "text/html" } });
    return undefined;
  }

  private createSession(form: Json): FakeSession {
    const item = ((form.line_items as Json[] | undefined) ?? [])[0] as { price_data?: { currency?: string; unit_amount?: string } } | undefined;
    const mode = form.mode === "subscription" ? "subscription" : "payment";
    const id = nextId("cs");
    const session: FakeSession = {
      id,
      object: "checkout.session",
      mode,
      customer: String(form.customer),
      client_reference_id: String(form.client_reference_id),
      metadata: (form.metadata ?? {}) as Record<string, string>,
      subscription_metadata: ((form.subscription_data as Json | undefined)?.metadata ?? {}) as Record<string, string>,
      amount_total: Number(item?.price_data?.unit_amount ?? 0),
      currency: item?.price_data?.currency ?? "usd",
      success_url: String(form.success_url),
      cancel_url: String(form.cancel_url),
      locale: String(form.locale ?? "auto"),
      url: `${this.options.origin}/pay/${id}`,
      payment_status: "unpaid",
      status: "open",
      payment_intent: null,
      subscription: null,
    };
    this.sessions.set(id, session);
    return session;
  }

  /** The hosted checkout page: GET shows it, POST pays, sends the webhooks and returns to the app. */
  private async hostedCheckout(request: Request, id: string): Promise<Response> {
    const session = this.sessions.get(id);
    if (session === undefined) return new Response("no such session", { status: 404 });
    if (request.method === "GET") {
      const html = `<!doctype html><html><head><title>Checkout (test)</title></head><body>
<h1>Pay ${(session.amount_total / 100).toFixed(2)} ${session.currency.toUpperCase()}</h1>
<form method="post"><button type="submit">Pay</button></form>
<a href="${session.cancel_url}">Back</a></body></html>`;
      return new Response(html, { headers: { "content-type": "text/html" } });
    }
    for (const event of this.pay(session)) await this.deliver(event);
    return new Response(null, { status: 303, headers: { location: session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id) } });
  }

  /** Marks the session paid and returns the events Stripe would send, in Stripe's usual order. */
  pay(session: FakeSession): Stripe.Event[] {
    session.payment_status = "paid";
    session.status = "complete";
    if (session.mode === "payment") {
      session.payment_intent = nextId("pi");
      return [stripeEvent("checkout.session.completed", checkoutSessionObject(session))];
    }
    const subscriptionId = nextId("sub");
    session.subscription = subscriptionId;
    const invoiceId = nextId("in");
    this.invoicePayments.set(invoiceId, nextId("pi"));
    return [
      stripeEvent("customer.subscription.created", subscriptionObject({ id: subscriptionId, customer: session.customer, metadata: session.subscription_metadata })),
      stripeEvent(
        "invoice.paid",
        invoiceObject({ id: invoiceId, customer: session.customer, subscription: subscriptionId, metadata: session.subscription_metadata, amountPaid: session.amount_total, billingReason: "subscription_create" }),
      ),
      stripeEvent("checkout.session.completed", checkoutSessionObject(session)),
    ];
  }

  async deliver(event: Stripe.Event): Promise<Response> {
    if (this.webhookUrl === undefined) throw new Error("the Stripe fake has no webhook URL");
    const payload = JSON.stringify(event);
    const signature = await signStripePayload(payload, this.options.webhookSecret ?? TEST_WEBHOOK_SECRET);
    return fetch(this.webhookUrl, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload });
  }
}

const cryptoProvider = Stripe.createSubtleCryptoProvider();

/** A `Stripe-Signature` header made by the SDK itself (the async helper: workerd has no sync HMAC). */
export function signStripePayload(payload: string, secret: string, timestamp?: number): Promise<string> {
  return Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret, cryptoProvider, ...(timestamp !== undefined ? { timestamp } : {}) });
}

export function stripeEvent(type: string, object: unknown, options: { id?: string; created?: number } = {}): Stripe.Event {
  return {
    id: options.id ?? nextId("evt"),
    object: "event",
    api_version: "2026-10-28.endive",
    created: options.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  } as unknown as Stripe.Event;
}

export function checkoutSessionObject(
  session: Pick<FakeSession, "id" | "mode" | "customer" | "client_reference_id" | "metadata" | "amount_total" | "currency" | "payment_status" | "payment_intent" | "subscription">,
): Json {
  return {
    id: session.id,
    object: "checkout.session",
    mode: session.mode,
    customer: session.customer,
    client_reference_id: session.client_reference_id,
    metadata: session.metadata,
    amount_total: session.amount_total,
    currency: session.currency,
    payment_status: session.payment_status,
    status: session.payment_status === "paid" ? "complete" : "open",
    payment_intent: session.payment_intent,
    subscription: session.subscription,
  };
}

export function invoiceObject(input: {
  id: string;
  customer: string;
  subscription: string;
  metadata: Record<string, string>;
  amountPaid: number;
  status?: string;
  paymentIntent?: string;
  /** "subscription_create" for a subscription's first invoice, "subscription_cycle" (default) for a renewal. */
  billingReason?: string;
}): Json {
  return {
    id: input.id,
    object: "invoice",
    customer: input.customer,
    status: input.status ?? "paid",
    amount_paid: input.amountPaid,
    currency: "usd",
    billing_reason: input.billingReason ?? "subscription_cycle",
    parent: { type: "subscription_details", subscription_details: { subscription: input.subscription, metadata: input.metadata } },
    ...(input.paymentIntent !== undefined
      ? { payments: { object: "list", data: [{ object: "invoice_payment", status: "paid", payment: { type: "payment_intent", payment_intent: input.paymentIntent } }], has_more: false } }
      : {}),
  };
}

export function subscriptionObject(input: { id: string; customer: string; metadata: Record<string, string>; status?: string; cancelAtPeriodEnd?: boolean; periodEnd?: number }): Json {
  return {
    id: input.id,
    object: "subscription",
    customer: input.customer,
    status: input.status ?? "active",
    cancel_at_period_end: input.cancelAtPeriodEnd ?? false,
    metadata: input.metadata,
    items: { object: "list", data: [{ id: nextId("si"), object: "subscription_item", current_period_end: input.periodEnd ?? Math.floor(Date.now() / 1000) + 30 * 86_400 }] },
  };
}

export function chargeObject(input: { paymentIntent: string; amount: number; amountRefunded: number }): Json {
  return { id: nextId("ch"), object: "charge", payment_intent: input.paymentIntent, amount: input.amount, amount_refunded: input.amountRefunded, currency: "usd", refunded: input.amountRefunded >= input.amount };
}

export function disputeObject(input: { id: string; paymentIntent: string; amount: number; status: string }): Json {
  return { id: input.id, object: "dispute", payment_intent: input.paymentIntent, charge: nextId("ch"), amount: input.amount, currency: "usd", status: input.status };
}

export { nextId as fakeStripeId };
