/**
 * Back from Stripe Checkout: waits for the webhook to credit the account (polling our own record
 * of the checkout, never Stripe), then shows the new balance. A payment still processing after the
 * wait gets a clear message instead of a spinner forever.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { Link, useSearchParams } from "../../router";
import { api } from "../../api/client";
import { queryKeys, setBalance } from "../../api/queries";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { localizePath } from "../../i18n/routing";
import { Spinner } from "../../components/icons";
import { Card, PageHeader, buttonClass } from "../../components/ui";

/** How long the page waits for the webhook before saying the payment is still processing. */
const WAIT_MS = 60_000;
const POLL_MS = 1_500;

export default function CheckoutSuccess() {
  const { t, tp, locale } = useI18n();
  useDocumentTitle(t("checkout.successTitle"));
  const [params] = useSearchParams();
  const sessionId = params.get("session_id") ?? "";
  const [startedAt] = useState(() => Date.now());
  const [timedOut, setTimedOut] = useState(false);
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: ["billing", "checkout", sessionId],
    queryFn: () => api.checkoutStatus(sessionId),
    enabled: sessionId !== "",
    retry: false,
    refetchInterval: (query) => {
      const state = query.state.data?.status;
      return state === "paid" || state === "failed" || timedOut ? false : POLL_MS;
    },
  });
  const state = status.data?.status;

  useEffect(() => {
    const timer = setTimeout(() => setTimedOut(true), Math.max(0, WAIT_MS - (Date.now() - startedAt)));
    return () => clearTimeout(timer);
  }, [startedAt]);

  useEffect(() => {
    if (state !== "paid" || status.data === undefined) return;
    setBalance(queryClient, status.data.balance);
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    void queryClient.invalidateQueries({ queryKey: queryKeys.transactions });
    void queryClient.invalidateQueries({ queryKey: queryKeys.subscription });
  }, [state, status.data, queryClient]);

  let body: ReactNode;
  if (sessionId === "" || status.isError) body = <p>{t("checkout.unknown")}</p>;
  else if (state === "paid") body = <p data-testid="checkout-paid">{tp("checkout.paid", status.data?.balance ?? 0)}</p>;
  else if (state === "failed") body = <p data-testid="checkout-failed">{t("checkout.failed")}</p>;
  else if (timedOut) body = <p data-testid="checkout-pending">{t("checkout.pending")}</p>;
  else
    body = (
      <p className="flex items-center gap-3" aria-live="polite">
        <Spinner className="size-5" />
        {t("checkout.waiting")}
      </p>
    );

  return (
    <div>
      <PageHeader title={t("checkout.successTitle")} />
      <Card className="max-w-xl text-slate-700">
        {body}
        <Link to={localizePath(locale, "/dashboard/credits")} className={buttonClass("secondary", "sm", "mt-6")}>
          {t("checkout.backToCredits")}
        </Link>
      </Card>
    </div>
  );
}
