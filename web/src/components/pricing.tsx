/**
 * The credit packages as price cards, from the server's one package list (worker/shared/billing.ts):
 * top-ups and monthly subscriptions, each with its price, credits and credits per dollar, and a
 * running promo campaign's bonus (`GET /api/campaign`, shown after the page has rendered;
 * checkout decides what is granted). The public pages (landing, pricing) show them with a sign-in
 * link, from the bundled list so they are in the pre-rendered HTML; the Credits page with Buy
 * buttons (disabled, with the reason, when payments are not set up).
 */
import type { ReactNode } from "react";
import { CREDIT_PACKAGES, type CreditPackage, SUBSCRIPTION_BONUS_PERCENT } from "../../../worker/shared/billing";
import { useCampaign } from "../api/campaign";
import { useAuth } from "../auth/auth";
import { useI18n } from "../i18n/i18n";
import { localizePath } from "../i18n/routing";
import { Link } from "../router";
import { Badge, buttonClass } from "./ui";

export function formatPrice(pkg: Pick<CreditPackage, "priceCents" | "currency">, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: pkg.currency.toUpperCase(), minimumFractionDigits: pkg.priceCents % 100 === 0 ? 0 : 2 }).format(pkg.priceCents / 100);
}

function PackageCard({ pkg, bonus, action }: { pkg: CreditPackage; bonus: number; action: ReactNode }) {
  const { t, formatNumber, locale } = useI18n();
  const perDollar = Math.floor((pkg.credits * 100) / pkg.priceCents);
  return (
    <li className="flex min-w-0 flex-col rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" data-testid={`package-${pkg.id}`}>
      <div className="flex items-start justify-between gap-2">
        <p className="text-2xl font-bold tracking-tight text-slate-900 tabular-nums">
          {formatPrice(pkg, locale)}
          <span className="ml-1 text-sm font-medium text-slate-500">{pkg.kind === "subscription" ? t("pricing.perMonth") : t("pricing.once")}</span>
        </p>
        {pkg.kind === "subscription" && <Badge tone="violet">{t("pricing.bonus", { percent: SUBSCRIPTION_BONUS_PERCENT })}</Badge>}
      </div>
      <p className="mt-2 font-semibold text-slate-900 tabular-nums">{t("pricing.credits", { credits: formatNumber(pkg.credits) })}</p>
      {bonus > 0 && (
        <p className="text-sm font-semibold text-emerald-700 tabular-nums" data-testid="package-bonus">
          {t(pkg.kind === "subscription" ? "pricing.campaignBonusFirstMonth" : "pricing.campaignBonus", { credits: formatNumber(bonus) })}
        </p>
      )}
      <p className="text-sm text-slate-500 tabular-nums">{t("pricing.perDollar", { count: formatNumber(perDollar) })}</p>
      <div className="mt-4 flex flex-1 items-end">{action}</div>
    </li>
  );
}

export function PackageGrid({ packages, action }: { packages: readonly CreditPackage[]; action: (pkg: CreditPackage) => ReactNode }) {
  const { t } = useI18n();
  const bonuses = useCampaign().data?.campaign?.bonuses ?? {};
  const groups = [
    { title: t("pricing.topups"), items: packages.filter((p) => p.kind === "topup") },
    { title: t("pricing.monthly"), items: packages.filter((p) => p.kind === "subscription") },
  ];
  return (
    <div className="space-y-6">
      {groups.map((group) => (
        <section key={group.title} aria-label={group.title}>
          <h3 className="mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase">{group.title}</h3>
          <ul className="grid gap-3 sm:grid-cols-3">
            {group.items.map((pkg) => (
              <PackageCard key={pkg.id} pkg={pkg} bonus={bonuses[pkg.id] ?? 0} action={action(pkg)} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** The packages on a public page: each links to sign-in, or to the Credits page once signed in. */
export function PublicPackages() {
  const { t, locale } = useI18n();
  const { status } = useAuth();
  const signedIn = status === "signed-in";
  const buyPath = signedIn ? `${localizePath(locale, "/dashboard/credits")}#buy` : localizePath(locale, "/sign-in");
  return (
    <PackageGrid
      packages={CREDIT_PACKAGES}
      action={(pkg) => (
        <Link to={buyPath} className={buttonClass(pkg.kind === "subscription" ? "secondary" : "primary", "md", "w-full")}>
          {signedIn ? (pkg.kind === "subscription" ? t("pricing.subscribe") : t("pricing.buy")) : t("pricing.signInToBuy")}
        </Link>
      )}
    />
  );
}
