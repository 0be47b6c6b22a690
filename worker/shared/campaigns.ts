/**
 * Promo campaigns (issue 16 item 3): a time window in which buying a package grants bonus credits
 * on top of it, and the banner text that announces it. A campaign is configuration, never data:
 * the committed list below (usually empty) or, replacing it, the `PROMO_CAMPAIGNS` var (JSON,
 * validated in worker/env.ts). What a purchase is promised is decided once, at checkout, and
 * travels in the Checkout Session's metadata; the webhook grants that and never reads this list.
 *
 * Zod-free and pure, so the SPA may import its types without pulling the validator in.
 */
import { CREDIT_PACKAGES, type CreditPackage, subscriptionCredits } from "./billing";
import type { Locale } from "./limits";

export interface Campaign {
  /** Stable id (lower-case letters, digits, dashes): the metadata, the ledger and the banner's dismissal use it. */
  id: string;
  /** ISO 8601 instants; the campaign runs from `startsAt` (inclusive) to `endsAt` (exclusive). */
  startsAt: string;
  endsAt: string;
  /**
   * Bonus credits per package id, added to the package's base credits. For a subscription the base
   * is the top-up's credits and the subscription's 15 % applies to base plus bonus.
   */
  bonusCredits: Partial<Record<string, number>>;
  /** Banner text per locale; English is required and is the fallback. */
  banner: { en: string } & Partial<Record<Locale, string>>;
}

/** Committed campaigns. Empty between promotions; PROMO_CAMPAIGNS replaces this list when set. */
export const COMMITTED_CAMPAIGNS: readonly Campaign[] = [];

/** The campaign running at `now`, or null. Windows are half-open: [startsAt, endsAt). */
export function activeCampaign(campaigns: readonly Campaign[], now: Date | number): Campaign | null {
  const at = typeof now === "number" ? now : now.getTime();
  return campaigns.find((c) => Date.parse(c.startsAt) <= at && at < Date.parse(c.endsAt)) ?? null;
}

/**
 * The extra credits `packageId` brings under `campaign` (0 without one). A top-up's bonus is the
 * configured number; a subscription's is what the 15 % of base plus bonus adds beyond its credits.
 */
export function bonusFor(campaign: Campaign | null, packageId: string): number {
  const pkg: CreditPackage | undefined = CREDIT_PACKAGES.find((p) => p.id === packageId);
  const configured = campaign?.bonusCredits[packageId] ?? 0;
  if (pkg === undefined || configured <= 0) return 0;
  return pkg.kind === "topup" ? configured : subscriptionCredits(pkg.baseCredits + configured) - pkg.credits;
}

/** `GET /api/campaign`: the running campaign as the SPA shows it (banner and pricing), or null. */
export interface CampaignResponse {
  campaign: {
    id: string;
    endsAt: string;
    /** Banner text in the asked locale, English when it has none. */
    banner: string;
    /** Extra credits per package id (after the subscription's 15 %), only packages with a bonus. */
    bonuses: Record<string, number>;
  } | null;
}

export function campaignView(campaign: Campaign | null, locale: Locale): CampaignResponse {
  if (campaign === null) return { campaign: null };
  const bonuses: Record<string, number> = {};
  for (const pkg of CREDIT_PACKAGES) {
    const bonus = bonusFor(campaign, pkg.id);
    if (bonus > 0) bonuses[pkg.id] = bonus;
  }
  return { campaign: { id: campaign.id, endsAt: campaign.endsAt, banner: campaign.banner[locale] ?? campaign.banner.en, bonuses } };
}

/** Session metadata keys that carry the promise from checkout to the webhook. */
export const CAMPAIGN_METADATA = { id: "campaignId", bonus: "bonusCredits" } as const;

/** The bonus a purchase was promised, read back from its metadata (absent or malformed: none). */
export function promisedBonus(metadata: Record<string, string> | null | undefined): { campaignId: string; credits: number } | null {
  const campaignId = metadata?.[CAMPAIGN_METADATA.id];
  const raw = metadata?.[CAMPAIGN_METADATA.bonus];
  if (campaignId === undefined || campaignId === "" || raw === undefined || !/^[1-9]\d{0,6}$/.test(raw)) return null;
  return { campaignId, credits: Number(raw) };
}
