/**
 * The credit packages, in one place (PRODUCT §9): what the Worker sells through Stripe Checkout,
 * what the webhooks grant, and what the Credits page, the landing and `GET /api/billing/packages`
 * show. Prices are integer cents; a subscription gives 15 % more credits than the top-up at the
 * same price, on every paid invoice.
 */
export type PackageKind = "topup" | "subscription";

export interface CreditPackage {
  id: string;
  kind: PackageKind;
  /** Price in the smallest unit of `currency` (cents). */
  priceCents: number;
  currency: "usd";
  credits: number;
  /** The top-up credits at this price: a subscription's credits are these plus 15 %. */
  baseCredits: number;
  /** For subscriptions: billed monthly. */
  interval: "month" | null;
}

const TOP_UPS = [
  { tier: "starter", priceCents: 500, credits: 10_000 },
  { tier: "standard", priceCents: 1_000, credits: 25_000 },
  { tier: "pro", priceCents: 7_500, credits: 300_000 },
] as const;

/** Subscription credits are the top-up's plus 15 % (integer arithmetic: ×115/100, rounded up). */
export const SUBSCRIPTION_BONUS_PERCENT = 15;
export const subscriptionCredits = (topUpCredits: number) => Math.ceil((topUpCredits * (100 + SUBSCRIPTION_BONUS_PERCENT)) / 100);

export const CREDIT_PACKAGES: readonly CreditPackage[] = [
  ...TOP_UPS.map((p) => ({ id: `topup-${p.tier}`, kind: "topup" as const, priceCents: p.priceCents, currency: "usd" as const, credits: p.credits, baseCredits: p.credits, interval: null })),
  ...TOP_UPS.map((p) => ({
    id: `monthly-${p.tier}`,
    kind: "subscription" as const,
    priceCents: p.priceCents,
    currency: "usd" as const,
    credits: subscriptionCredits(p.credits),
    baseCredits: p.credits,
    interval: "month" as const,
  })),
];

export function findPackage(id: string | null | undefined): CreditPackage | undefined {
  return CREDIT_PACKAGES.find((p) => p.id === id);
}

export interface BillingPackagesResponse {
  packages: CreditPackage[];
  /** False when Stripe is not configured: prices show, buying is off (with the reason). */
  checkoutAvailable: boolean;
  unavailableReason: string | null;
}

export interface CheckoutResponse {
  url: string;
}

export interface SubscriptionResponse {
  subscription: {
    id: string;
    packageId: string;
    status: string;
    currentPeriodEnd: string | null;
    cancelAtPeriodEnd: boolean;
  } | null;
}

export interface CheckoutStatusResponse {
  status: "open" | "processing" | "paid" | "failed";
  packageId: string;
  /** The balance now (the new one once `paid`). */
  balance: number;
}
