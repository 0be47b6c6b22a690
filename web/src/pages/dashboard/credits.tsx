/** Credits: the balance, the plan, how credits are spent, and every ledger entry, newest first. */
import { useInfiniteQuery } from "@tanstack/react-query";
import type { CreditTransaction, Page } from "../../../../worker/shared/contracts";
import { GEMINI_CREDITS_PER_10_WORDS, REPLICATE_CREDITS_PER_WORD } from "../../../../worker/shared/pricing";
import { api } from "../../api/client";
import { describeError } from "../../api/error-messages";
import { queryKeys, useMe } from "../../api/queries";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/translate";
import { CoinsIcon } from "../../components/icons";
import { Badge, Button, Card, ErrorNotice, PageHeader } from "../../components/ui";

const TYPE_KEYS: Record<CreditTransaction["type"], MessageKey> = {
  freemium: "credits.type.freemium",
  purchase: "credits.type.purchase",
  topup: "credits.type.topup",
  usage: "credits.type.usage",
  refund: "credits.type.refund",
  adjustment: "credits.type.adjustment",
  chargeback: "credits.type.chargeback",
};

export default function Credits() {
  const i18n = useI18n();
  const { t, tp, formatNumber, formatDate } = i18n;
  useDocumentTitle(t("credits.title"));
  const me = useMe();
  const transactions = useInfiniteQuery({
    queryKey: queryKeys.transactions,
    queryFn: ({ pageParam }) => api.transactions(pageParam, 20),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<CreditTransaction>) => last.nextCursor ?? undefined,
  });
  const rows = transactions.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div>
      <PageHeader title={t("credits.title")} description={t("credits.description")} />
      <div className="grid gap-6 md:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <Card className="relative overflow-hidden bg-gradient-to-br from-slate-900 to-slate-800 text-white">
          <div className="pointer-events-none absolute -top-12 -right-12 size-48 rounded-full bg-rose-500/30 blur-3xl" />
          <p className="flex items-center gap-2 text-sm text-slate-300">
            <CoinsIcon className="size-4 text-amber-300" />
            {t("credits.balance")}
          </p>
          <p className="mt-2 text-4xl font-bold tracking-tight tabular-nums" data-testid="credits-balance">
            {me.data === undefined ? "—" : formatNumber(me.data.credits)}
          </p>
          <p className="mt-1 text-sm text-slate-300">{t("credits.unit")}</p>
          {me.data !== undefined && (
            <Badge tone={me.data.isPaid ? "violet" : "slate"} className="mt-4">
              {me.data.isPaid ? t("plan.paid") : t("plan.free")}
            </Badge>
          )}
        </Card>
        <Card>
          <h2 className="font-semibold text-slate-900">{t("credits.howTitle")}</h2>
          <ul className="mt-3 space-y-2 text-sm text-slate-600">
            {/* Display only: the price list holds the rate as an integer per 10 words (66 → "6.6"). */}
            <li>{t("credits.howGemini", { rate: formatNumber(GEMINI_CREDITS_PER_10_WORDS / 10) })}</li>
            <li>{t("credits.howOrpheus", { rate: formatNumber(REPLICATE_CREDITS_PER_WORD) })}</li>
            <li>{t("credits.howCache")}</li>
            <li>{t("credits.howRefund")}</li>
          </ul>
        </Card>
      </div>

      <h2 className="mt-10 mb-4 text-lg font-semibold text-slate-900">{t("credits.transactions")}</h2>
      {transactions.isPending && <div className="h-40 animate-pulse rounded-2xl bg-slate-200/60" aria-busy="true" />}
      {transactions.isError && <ErrorNotice message={describeError(transactions.error, i18n).message} />}
      {transactions.isSuccess && rows.length === 0 && <p className="text-sm text-slate-500">{t("credits.noTransactions")}</p>}
      {rows.length > 0 && (
        <div className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
          <ul className="divide-y divide-slate-100" aria-label={t("credits.transactions")}>
            {rows.map((row) => (
              <li key={row.id} className="flex items-center gap-4 px-4 py-3 sm:px-6" data-testid="transaction">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900">{t(TYPE_KEYS[row.type])}</p>
                  <p className="text-xs text-slate-500">
                    <time dateTime={row.createdAt}>{formatDate(row.createdAt)}</time>
                  </p>
                </div>
                <div className="text-right">
                  <p className={`font-semibold tabular-nums ${row.amount > 0 ? "text-emerald-600" : "text-slate-900"}`}>
                    {row.amount > 0 ? "+" : row.amount < 0 ? "−" : ""}
                    {formatNumber(Math.abs(row.amount))}
                  </p>
                  <p className="text-xs text-slate-500 tabular-nums">{tp("credits.balanceAfter", row.balanceAfter)}</p>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
      {transactions.hasNextPage && (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => void transactions.fetchNextPage()} busy={transactions.isFetchingNextPage}>
            {t("history.loadMore")}
          </Button>
        </div>
      )}
    </div>
  );
}
