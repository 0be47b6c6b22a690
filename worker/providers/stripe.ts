/**
 * Stripe, through the real SDK on its fetch HTTP client and SubtleCrypto (both work in workerd;
 * STACK.md). `apiBase` points it at another host (a fake in tests, stripe-mock). Owns the calls the
 * Worker makes — customers, Checkout Sessions with inline prices, portal sessions, an invoice's
 * payment intent — and webhook signature checks. SDK failures become ProviderErrors whose detail
 * stays in the logs.
 */
import Stripe from "stripe";
import type { CreditPackage } from "../shared/billing";
import { CAMPAIGN_METADATA } from "../shared/campaigns";
import { ProviderError } from "./types";

export interface CheckoutInput {
  customerId: string;
  userId: string;
  pkg: CreditPackage;
  /** A running campaign's promise: stamped into the session's (and its payment's) metadata. */
  bonus: { campaignId: string; credits: number } | null;
  productName: string;
  successUrl: string;
  cancelUrl: string;
  locale: string;
}

export interface BillingGateway {
  createCustomer(input: { userId: string; email: string }): Promise<string>;
  createCheckoutSession(input: CheckoutInput): Promise<{ id: string; url: string }>;
  createPortalSession(input: { customerId: string; returnUrl: string }): Promise<string>;
  /** The payment intent that paid an invoice (for refunds and disputes of subscription payments). */
  invoicePaymentIntent(invoiceId: string): Promise<string | null>;
}

/** Checkout locales Stripe accepts that match ours. */
const CHECKOUT_LOCALES = new Set(["en", "de", "es", "fr", "it", "da"]);

function clientOptions(apiBase: string | undefined): Stripe.StripeConfig {
  // Reads global fetch per call, so tests that intercept fetch after the client exists still see it.
  const options: Stripe.StripeConfig = { httpClient: Stripe.createFetchHttpClient((input, init) => fetch(input, init)), maxNetworkRetries: 1, timeout: 20_000 };
  if (apiBase !== undefined) {
    const url = new URL(apiBase);
    options.host = url.hostname;
    options.protocol = url.protocol === "http:" ? "http" : "https";
    options.port = Number(url.port || (url.protocol === "http:" ? 80 : 443));
  }
  return options;
}

async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const unavailable = error instanceof Stripe.errors.StripeConnectionError || (error instanceof Stripe.errors.StripeAPIError && (error.statusCode ?? 500) >= 500);
    throw new ProviderError(unavailable ? "unavailable" : "failed", `The payment provider could not ${what}. Please try again.`, { detail });
  }
}

export function createStripeGateway(secretKey: string, apiBase: string | undefined): BillingGateway {
  let client: Stripe | undefined;
  const stripe = () => {
    client ??= new Stripe(secretKey, clientOptions(apiBase));
    return client;
  };
  return {
    createCustomer: ({ userId, email }) =>
      // One customer per user even when two checkouts race: Stripe answers a repeated idempotency
      // key with the first request's customer (and the profile keeps the first id it stores).
      call("create your billing account", async () => (await stripe().customers.create({ email, metadata: { userId } }, { idempotencyKey: `customer-for-${userId}` })).id),
    createCheckoutSession: (input) =>
      call("start the checkout", async () => {
        const metadata: Record<string, string> = { userId: input.userId, packageId: input.pkg.id };
        if (input.bonus !== null) Object.assign(metadata, { [CAMPAIGN_METADATA.id]: input.bonus.campaignId, [CAMPAIGN_METADATA.bonus]: String(input.bonus.credits) });
        const subscription = input.pkg.kind === "subscription";
        const session = await stripe().checkout.sessions.create({
          mode: subscription ? "subscription" : "payment",
          customer: input.customerId,
          client_reference_id: input.userId,
          metadata,
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: input.pkg.currency,
                unit_amount: input.pkg.priceCents,
                product_data: { name: input.productName, metadata: { packageId: input.pkg.id } },
                ...(subscription ? { recurring: { interval: "month" as const } } : {}),
              },
            },
          ],
          ...(subscription ? { subscription_data: { metadata } } : { payment_intent_data: { metadata } }),
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
          locale: (CHECKOUT_LOCALES.has(input.locale) ? input.locale : "auto") as Stripe.Checkout.SessionCreateParams.Locale,
        });
        if (session.url === null) throw new Error(`checkout session ${session.id} has no url`);
        return { id: session.id, url: session.url };
      }),
    createPortalSession: ({ customerId, returnUrl }) => call("open the billing portal", async () => (await stripe().billingPortal.sessions.create({ customer: customerId, return_url: returnUrl })).url),
    invoicePaymentIntent: (invoiceId) =>
      call("read the invoice's payment", async () => {
        const payments = await stripe().invoicePayments.list({ invoice: invoiceId, limit: 10 });
        const paid = payments.data.find((p) => p.status === "paid") ?? payments.data[0];
        const intent = paid?.payment.payment_intent;
        return typeof intent === "string" ? intent : (intent?.id ?? null);
      }),
  };
}

const cryptoProvider = Stripe.createSubtleCryptoProvider();
/** Only for signature checks: needs no API key. */
const verifier = new Stripe("sk_unused_for_signature_checks", { httpClient: Stripe.createFetchHttpClient() });

/**
 * The verified event, or null when the signature header is missing, wrong, made with another
 * secret or older than Stripe's tolerance (5 minutes).
 */
export async function verifyStripeEvent(rawBody: Uint8Array, signature: string | null, webhookSecret: string): Promise<Stripe.Event | null> {
  if (signature === null || signature === "") return null;
  try {
    return await verifier.webhooks.constructEventAsync(new TextDecoder().decode(rawBody), signature, webhookSecret, undefined, cryptoProvider);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) return null;
    throw error;
  }
}

export type { Stripe };
