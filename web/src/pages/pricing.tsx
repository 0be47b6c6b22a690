/** The public pricing page: every package with its credits and price, and how credits are counted. */
import { PublicPackages } from "../components/pricing";
import { SiteFooter } from "../components/site-footer";
import { SiteHeader } from "../components/site-header";
import { useDocumentTitle, useI18n } from "../i18n/i18n";

export default function Pricing() {
  const { t } = useI18n();
  useDocumentTitle(t("pricing.title"));
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50">
      <SiteHeader />
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 pt-8 pb-16 sm:px-6">
        <h1 className="text-3xl font-extrabold tracking-tight text-slate-900 sm:text-4xl">{t("pricing.title")}</h1>
        <p className="mt-3 max-w-2xl text-slate-600">{t("pricing.subtitle")}</p>
        <div className="mt-8">
          <PublicPackages />
        </div>
        <p className="mt-8 max-w-2xl text-sm text-slate-600">{t("landing.feature.credits.body")}</p>
      </main>
      <SiteFooter />
    </div>
  );
}
