/**
 * Buying credits (PRODUCT §9): the Checkout Session for a package (inline prices, so a fresh
 * Stripe account needs no set-up), the customer-portal session, and the one Stripe customer per
 * user, created once even when two checkouts race. What the webhooks then do is
 * services/stripe-events.ts.
 */
import { keepStripeCustomer, recordCheckout, stripeCustomerOf } from "../db/billing";
import { getProfile } from "../db/profiles";
import type { BillingGateway } from "../providers/stripe";
import { ProviderError } from "../providers/types";
import { type CreditPackage, findPackage } from "../shared/billing";
import { activeCampaign, bonusFor, type Campaign } from "../shared/campaigns";
import { AppError } from "../shared/errors";
import { SUPPORTED_LOCALES, type Locale } from "../shared/limits";
import { log } from "./logging";

export function requireGateway(gateway: BillingGateway | null): BillingGateway {
  if (gateway === null) throw new AppError("integration_off", "Payments are not set up on this server yet, so credits cannot be bought here.");
  return gateway;
}

/** Stripe failures reach the client as 502/503 with our message; the upstream detail is logged. */
async function viaStripe<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    log.error("stripe call failed:", error.detail ?? error.message);
    throw new AppError(error.kind === "unavailable" ? "provider_unavailable" : "provider_error", error.message);
  }
}

async function customerFor(db: D1Database, gateway: BillingGateway, userId: string): Promise<string> {
  const existing = await stripeCustomerOf(db, userId);
  if (existing !== null) return existing;
  const profile = await getProfile(db, userId);
  if (profile === null) throw new AppError("not_found", "Profile not found.");
  const created = await viaStripe(() => gateway.createCustomer({ userId, email: profile.email }));
  return keepStripeCustomer(db, userId, created);
}

export const localeOrDefault = (value: string | undefined): Locale => ((SUPPORTED_LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : "en");

const count = (credits: number) => credits.toLocaleString("en-US");

/** What Stripe's page names: the buyer sees the campaign's bonus there before paying. */
function productName(pkg: CreditPackage, bonus: number): string {
  const extra = bonus > 0 ? ` + ${count(bonus)} bonus credits` : "";
  if (pkg.kind === "topup") return `${count(pkg.credits)} SexyVoice credits${extra}`;
  return `SexyVoice monthly: ${count(pkg.credits)} credits every month${bonus > 0 ? ` (+ ${count(bonus)} bonus credits with the first month)` : ""}`;
}

/**
 * A Checkout Session for the package. A campaign running now (`campaigns`, from configuration) is
 * decided here, once: its bonus goes into the session's metadata, which is all the webhook reads.
 */
export async function startCheckout(
  db: D1Database,
  gateway: BillingGateway,
  input: { userId: string; packageId: string; locale: Locale; appOrigin: string; campaigns: readonly Campaign[]; now?: number },
): Promise<string> {
  const pkg = findPackage(input.packageId);
  if (pkg === undefined) throw new AppError("validation_failed", `packageId: there is no package "${input.packageId}".`, { field: "packageId" });
  const campaign = activeCampaign(input.campaigns, input.now ?? Date.now());
  const bonusCredits = bonusFor(campaign, pkg.id);
  const bonus = campaign !== null && bonusCredits > 0 ? { campaignId: campaign.id, credits: bonusCredits } : null;
  const customerId = await customerFor(db, gateway, input.userId);
  const credits = `${input.appOrigin}/${input.locale}/dashboard/credits`;
  const session = await viaStripe(() =>
    gateway.createCheckoutSession({
      customerId,
      userId: input.userId,
      pkg,
      bonus,
      productName: productName(pkg, bonusCredits),
      successUrl: `${credits}/success?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${credits}/cancel`,
      locale: input.locale,
    }),
  );
  await recordCheckout(db, { sessionId: session.id, userId: input.userId, packageId: pkg.id });
  return session.url;
}

export async function openPortal(db: D1Database, gateway: BillingGateway, input: { userId: string; locale: Locale; appOrigin: string }): Promise<string> {
  const customerId = await stripeCustomerOf(db, input.userId);
  if (customerId === null) throw new AppError("not_found", "You have not bought anything yet, so there is no billing account to manage.");
  return viaStripe(() => gateway.createPortalSession({ customerId, returnUrl: `${input.appOrigin}/${input.locale}/dashboard/credits` }));
}
