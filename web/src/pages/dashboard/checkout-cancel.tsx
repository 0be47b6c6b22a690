/** Back from Stripe Checkout without paying: nothing was charged. */
import { Link } from "../../router";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { localizePath } from "../../i18n/routing";
import { Card, PageHeader, buttonClass } from "../../components/ui";

export default function CheckoutCancel() {
  const { t, locale } = useI18n();
  useDocumentTitle(t("checkout.cancelTitle"));
  return (
    <div>
      <PageHeader title={t("checkout.cancelTitle")} />
      <Card className="max-w-xl text-slate-700">
        <p>{t("checkout.cancelBody")}</p>
        <Link to={localizePath(locale, "/dashboard/credits")} className={buttonClass("primary", "sm", "mt-6")}>
          {t("checkout.backToCredits")}
        </Link>
      </Card>
    </div>
  );
}
