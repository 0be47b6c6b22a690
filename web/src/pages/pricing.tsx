/** The public pricing page: every package with its credits and price, and how credits are counted. */
import { PublicPackages } from "../components/pricing";
import { PublicShell } from "../components/public-shell";
import { useI18n } from "../i18n/i18n";

export default function Pricing() {
  const { t } = useI18n();
  return (
    <PublicShell title={t("pricing.title")} intro={t("pricing.subtitle")} width="6xl">
      <div className="mt-8">
        <PublicPackages />
      </div>
      <p className="mt-8 max-w-2xl text-sm text-slate-600">{t("landing.feature.credits.body")}</p>
    </PublicShell>
  );
}
