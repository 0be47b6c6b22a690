/**
 * Credits: the balance and plan, buying (packages to Stripe Checkout, with a running campaign's
 * notice and bonuses, the subscription and its portal), a billing hold when one is set, how credits are spent, and the statement — one line per
 * operation, newest first.
 */
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import type { CreditTransaction, Page, StatementKind } from "../../../../worker/shared/contracts";
import { GEMINI_CREDITS_PER_10_WORDS, REPLICATE_CREDITS_PER_WORD } from "../../../../worker/shared/pricing";
import { api } from "../../api/client";
import { describeError } from "../../api/error-messages";
import { useCampaign } from "../../api/campaign";
import { queryKeys, useMe, usePackages } from "../../api/queries";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/translate";
import { CoinsIcon } from "../../components/icons";
import { PackageGrid } from "../../components/pricing";
import { Badge, Button, Card, ErrorNotice, PageHeader } from "../../components/ui";

const KIND_KEYS: Record<StatementKind, MessageKey> = {
  welcome: "credits.kind.welcome",
  speech: "credits.kind.speech",
  clone: "credits.kind.clone",
  call: "credits.kind.call",
  topup: "credits.kind.topup",
  subscription: "credits.kind.subscription",
  refund: "credits.kind.refund",
  chargeback: "credits.kind.chargeback",
  adjustment: "credits.kind.adjustment",
  usage: "credits.kind.usage",
};

const LIVE_STATUSES = new Set(["active", "trialing", "past_due"]);

function BuyCredits() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const packages = usePackages();
  const checkout = useMutation({
    mutationFn: (packageId: string) => api.checkout(packageId, locale),
    onSuccess: ({ url }) => window.location.assign(url),
  });
  if (packages.isPending) return <div className="h-56 animate-pulse rounded-2xl bg-slate-200/60" aria-busy="true" />;
  if (packages.isError) return <ErrorNotice message={describeError(packages.error, i18n).message} />;
  const { checkoutAvailable } = packages.data;
  return (
    <div className="space-y-4">
      <CampaignNotice />
      {!checkoutAvailable && (
        <p className="rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="checkout-unavailable">
          {t("pricing.unavailable")}
        </p>
      )}
      {checkout.isError && <ErrorNotice message={describeError(checkout.error, i18n).message} />}
      <PackageGrid
        packages={packages.data.packages}
        action={(pkg) => (
          <Button
            className="w-full"
            variant={pkg.kind === "subscription" ? "secondary" : "primary"}
            disabled={!checkoutAvailable || (checkout.isPending && checkout.variables !== pkg.id)}
            busy={checkout.isPending && checkout.variables === pkg.id}
            onClick={() => checkout.mutate(pkg.id)}
          >
            {pkg.kind === "subscription" ? t("pricing.subscribe") : t("pricing.buy")}
          </Button>
        )}
      />
    </div>
  );
}

/** A running campaign above the packages: its text and when it ends (the cards show each bonus). */
function CampaignNotice() {
  const { t, formatDate } = useI18n();
  const campaign = useCampaign().data?.campaign ?? null;
  if (campaign === null) return null;
  return (
    <div className="rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="campaign-notice">
      <p className="font-semibold">{campaign.banner}</p>
      <p className="mt-0.5 text-emerald-800">{t("credits.campaignEnds", { date: formatDate(campaign.endsAt) })}</p>
    </div>
  );
}

function Subscription() {
  const i18n = useI18n();
  const { t, formatDate, locale } = i18n;
  const subscription = useQuery({ queryKey: queryKeys.subscription, queryFn: api.subscription });
  const packages = usePackages();
  const portal = useMutation({ mutationFn: () => api.billingPortal(locale), onSuccess: ({ url }) => window.location.assign(url) });
  const current = subscription.data?.subscription ?? null;
  const pkg = packages.data?.packages.find((p) => p.id === current?.packageId);
  return (
    <Card>
      <h2 className="font-semibold text-slate-900">{t("credits.subscriptionTitle")}</h2>
      {current === null || !LIVE_STATUSES.has(current.status) ? (
        <p className="mt-2 text-sm text-slate-600">{t("credits.subscriptionNone")}</p>
      ) : (
        <div className="mt-2 space-y-1 text-sm text-slate-700" data-testid="subscription">
          <p className="font-medium">{pkg === undefined ? current.packageId : t("pricing.credits", { credits: i18n.formatNumber(pkg.credits) })}</p>
          {current.currentPeriodEnd !== null && <p>{t(current.cancelAtPeriodEnd ? "credits.subscriptionEnds" : "credits.subscriptionRenews", { date: formatDate(current.currentPeriodEnd) })}</p>}
          {current.status === "past_due" && <p className="text-amber-700">{t("credits.subscriptionPastDue")}</p>}
        </div>
      )}
      {portal.isError && (
        <div className="mt-3">
          <ErrorNotice message={describeError(portal.error, i18n).message} />
        </div>
      )}
      {current !== null && (
        <Button className="mt-4" variant="secondary" size="sm" busy={portal.isPending} onClick={() => portal.mutate()}>
          {t("credits.manage")}
        </Button>
      )}
    </Card>
  );
}

function StatementLine({ row }: { row: CreditTransaction }) {
  const { t, tp, formatNumber, formatDate } = useI18n();
  const label = [t(KIND_KEYS[row.kind]), row.voice].filter((part) => part !== null).join(" · ");
  return (
    <li className="flex items-center gap-4 px-4 py-3 sm:px-6" data-testid="transaction">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900">
          {label}
          {row.state === "pending" && (
            <Badge tone="amber" className="ml-2">
              {t("credits.state.pending")}
            </Badge>
          )}
          {row.state === "refunded" && (
            <Badge tone="slate" className="ml-2">
              {t("credits.state.refunded")}
            </Badge>
          )}
        </p>
        <p className="text-xs text-slate-500">
          <time dateTime={row.createdAt}>{formatDate(row.createdAt)}</time>
          {row.shortfall > 0 && <span className="ml-2 text-amber-700">{tp("credits.shortfall", row.shortfall)}</span>}
          {row.bonus > 0 && <span className="ml-2 font-medium text-emerald-700">{t("credits.bonusIncluded", { credits: formatNumber(row.bonus) })}</span>}
        </p>
      </div>
      <div className="text-right">
        <p className={`font-semibold tabular-nums ${row.amount > 0 ? "text-emerald-700" : "text-slate-900"}`}>
          {row.amount > 0 ? "+" : row.amount < 0 ? "−" : ""}
          {formatNumber(Math.abs(row.amount))}
        </p>
        <p className="text-xs text-slate-500 tabular-nums">{tp("credits.balanceAfter", row.balanceAfter)}</p>
      </div>
    </li>
  );
}

export default function Credits() {
  const i18n = useI18n();
  const { t, tp, formatNumber } = i18n;
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
      {me.data !== undefined && me.data.creditsOwed > 0 && (
        <div role="alert" className="mb-6 rounded-2xl border border-amber-300 bg-amber-50 px-5 py-4 text-sm text-amber-900" data-testid="billing-hold">
          <p className="font-semibold">{t("credits.holdTitle")}</p>
          <p className="mt-1">{tp("credits.holdBody", me.data.creditsOwed)}</p>
        </div>
      )}
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
        <Subscription />
      </div>

      <h2 id="buy" className="mt-10 mb-4 scroll-mt-24 text-lg font-semibold text-slate-900">
        {t("credits.buyTitle")}
      </h2>
      <BuyCredits />

      <Card className="mt-10">
        <h2 className="font-semibold text-slate-900">{t("credits.howTitle")}</h2>
        <ul className="mt-3 space-y-2 text-sm text-slate-600">
          {/* Display only: the price list holds the rate as an integer per 10 words (66 → "6.6"). */}
          <li>{t("credits.howGemini", { rate: formatNumber(GEMINI_CREDITS_PER_10_WORDS / 10) })}</li>
          <li>{t("credits.howOrpheus", { rate: formatNumber(REPLICATE_CREDITS_PER_WORD) })}</li>
          <li>{t("credits.howCache")}</li>
          <li>{t("credits.howRefund")}</li>
        </ul>
      </Card>

      <h2 className="mt-10 mb-4 text-lg font-semibold text-slate-900">{t("credits.transactions")}</h2>
      {transactions.isPending && <div className="h-40 animate-pulse rounded-2xl bg-slate-200/60" aria-busy="true" />}
      {transactions.isError && <ErrorNotice message={describeError(transactions.error, i18n).message} />}
      {transactions.isSuccess && rows.length === 0 && <p className="text-sm text-slate-500">{t("credits.noTransactions")}</p>}
      {rows.length > 0 && (
        <div className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
          <ul className="divide-y divide-slate-100" aria-label={t("credits.transactions")}>
            {rows.map((row) => (
              <StatementLine key={row.id} row={row} />
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
