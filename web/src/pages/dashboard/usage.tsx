/**
 * Usage: where the credits went. Totals (this UTC month, all time, by type), credits per day for
 * the last 30 UTC days as a chart (uPlot, in this page's chunk only), and the events themselves,
 * newest first, filtered by type and UTC days, a page at a time, with the CSV export of the whole
 * filtered range.
 */
import { useId, useState } from "react";
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import type { Page, UsageEventItem, UsagePeriodTotals } from "../../../../worker/shared/contracts";
import { ApiError } from "../../api/client";
import { describeError } from "../../api/error-messages";
import { saveFile, usageApi, usageKeys } from "../../api/usage";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { DownloadIcon } from "../../components/icons";
import { UsageChart } from "../../components/usage-chart";
import { Badge, Button, Card, ErrorNotice, PageHeader } from "../../components/ui";
import { eventDetails, filterProblem, hasSpending, NO_FILTERS, USAGE_EXPORT_MAX_ROWS, USAGE_TYPE_COLORS, USAGE_TYPE_LABELS, USAGE_TYPES, type UsageFilters, type UsageType } from "../../lib/usage";

const inputClass = "mt-1.5 block h-11 w-full rounded-xl border border-slate-300 bg-white px-3 text-slate-900";

function Period({ title, totals, testId }: { title: string; totals: UsagePeriodTotals | undefined; testId: string }) {
  const { t, tp, formatNumber } = useI18n();
  return (
    <Card>
      <h2 className="text-sm font-medium text-slate-600">{title}</h2>
      <p className="mt-2 text-3xl font-bold tracking-tight text-slate-900 tabular-nums" data-testid={`${testId}-credits`}>
        {totals === undefined ? "—" : formatNumber(totals.credits)}
      </p>
      <p className="mt-1 text-sm text-slate-500">
        {t("credits.unit")} · <span data-testid={`${testId}-count`}>{totals === undefined ? "—" : tp("usage.events", totals.count)}</span>
      </p>
    </Card>
  );
}

function ByType({ month, allTime }: { month: UsagePeriodTotals; allTime: UsagePeriodTotals }) {
  const { t, tp, formatNumber } = useI18n();
  return (
    <Card>
      <h2 className="text-sm font-medium text-slate-600">{t("usage.byType")}</h2>
      <table className="mt-2 w-full text-sm" data-testid="usage-by-type">
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th scope="col" className="py-1 font-medium">
              {t("usage.column.type")}
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              {t("usage.thisMonth")}
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              {t("usage.allTime")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {USAGE_TYPES.map((type) => (
            <tr key={type} data-testid={`usage-type-${type}`}>
              <th scope="row" className="py-1.5 text-left font-medium text-slate-800">
                <span className="inline-flex items-center gap-1.5">
                  <span className="size-2.5 rounded-sm" style={{ backgroundColor: USAGE_TYPE_COLORS[type] }} aria-hidden="true" />
                  {t(USAGE_TYPE_LABELS[type])}
                </span>
              </th>
              {[month.byType[type], allTime.byType[type]].map((figures, index) => (
                <td key={index === 0 ? "month" : "all"} className="py-1.5 text-right tabular-nums">
                  <span className="font-semibold text-slate-900">{formatNumber(figures.credits)}</span>
                  <span className="block text-xs text-slate-500">{tp("usage.events", figures.count)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function EventRow({ item }: { item: UsageEventItem }) {
  const { t, tp, formatNumber, formatDate, formatDuration } = useI18n();
  const details = eventDetails(item, formatDuration).join(" · ");
  const quantity = item.unit === "characters" ? tp("usage.unit.characters", item.quantity) : item.unit === "seconds" ? tp("usage.unit.seconds", item.quantity) : `${formatNumber(item.quantity)} ${item.unit}`;
  return (
    <tr data-testid="usage-event" className="align-top">
      <td className="px-4 py-3 whitespace-nowrap text-slate-700 sm:px-6">
        <time dateTime={item.createdAt}>{formatDate(item.createdAt)}</time>
        <span className="mt-0.5 block max-w-[14rem] truncate text-xs text-slate-500 md:hidden">{details}</span>
      </td>
      <td className="px-2 py-3">
        <Badge tone={item.type === "tts" ? "rose" : item.type === "clone" ? "violet" : "amber"}>{t(USAGE_TYPE_LABELS[item.type])}</Badge>
      </td>
      <td className="hidden px-2 py-3 text-slate-600 md:table-cell">{details}</td>
      <td className="hidden px-2 py-3 text-right whitespace-nowrap text-slate-600 tabular-nums sm:table-cell">{quantity}</td>
      <td className="px-4 py-3 text-right font-semibold text-slate-900 tabular-nums sm:px-6" data-testid="usage-event-credits">
        {formatNumber(item.creditsUsed)}
      </td>
    </tr>
  );
}

function Events() {
  const i18n = useI18n();
  const { t } = i18n;
  const ids = { type: useId(), from: useId(), to: useId(), problem: useId() };
  const [filters, setFilters] = useState<UsageFilters>(NO_FILTERS);
  const problem = filterProblem(filters);
  const events = useInfiniteQuery({
    queryKey: usageKeys.events(filters),
    queryFn: ({ pageParam }) => usageApi.events(filters, pageParam, 20),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<UsageEventItem>) => last.nextCursor ?? undefined,
    enabled: problem === null,
    staleTime: 10_000,
  });
  const exporter = useMutation({ mutationFn: () => usageApi.exportCsv(filters), onSuccess: ({ name, blob }) => saveFile(name, blob) });
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  const exportError =
    exporter.error instanceof ApiError && exporter.error.code === "limit_reached"
      ? { message: t("usage.exportTooLarge", { limit: USAGE_EXPORT_MAX_ROWS }) }
      : exporter.isError
        ? describeError(exporter.error, i18n)
        : null;
  const set = (change: Partial<UsageFilters>) => {
    exporter.reset();
    setFilters((current) => ({ ...current, ...change }));
  };

  return (
    <Card className="mt-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h2 className="text-base font-semibold text-slate-900">{t("usage.eventsTitle")}</h2>
        <Button variant="secondary" size="sm" busy={exporter.isPending} disabled={problem !== null} onClick={() => exporter.mutate()} data-testid="usage-export">
          <DownloadIcon className="size-4" />
          {t("usage.export")}
        </Button>
      </div>
      <div className="mt-4 grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end">
        <div>
          <label htmlFor={ids.type} className="block text-sm font-medium text-slate-800">
            {t("usage.filter.type")}
          </label>
          <select id={ids.type} value={filters.type} onChange={(event) => set({ type: event.target.value as UsageType | "" })} className={inputClass}>
            <option value="">{t("usage.filter.allTypes")}</option>
            {USAGE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(USAGE_TYPE_LABELS[type])}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.from} className="block text-sm font-medium text-slate-800">
            {t("usage.filter.from")}
          </label>
          <input
            id={ids.from}
            type="date"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(event) => set({ from: event.target.value })}
            className={inputClass}
            aria-describedby={problem === null ? undefined : ids.problem}
          />
        </div>
        <div>
          <label htmlFor={ids.to} className="block text-sm font-medium text-slate-800">
            {t("usage.filter.to")}
          </label>
          <input
            id={ids.to}
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(event) => set({ to: event.target.value })}
            className={inputClass}
            aria-describedby={problem === null ? undefined : ids.problem}
          />
        </div>
        <Button variant="ghost" disabled={filters.type === "" && filters.from === "" && filters.to === ""} onClick={() => set(NO_FILTERS)}>
          {t("usage.filter.clear")}
        </Button>
      </div>
      <p className="mt-2 text-xs text-slate-500">{t("usage.utcNote")}</p>
      {problem !== null && (
        <p id={ids.problem} className="mt-2 text-sm text-amber-700" role="status">
          {t(problem === "range" ? "usage.filter.badRange" : "usage.filter.badDate")}
        </p>
      )}
      {exportError !== null && (
        <div className="mt-3">
          <ErrorNotice message={exportError.message} reference={"reference" in exportError ? exportError.reference : undefined} referenceLabel={t("common.reference")} />
        </div>
      )}
      {events.isError && (
        <div className="mt-3">
          <ErrorNotice message={describeError(events.error, i18n).message} />
        </div>
      )}
      {events.isPending && problem === null && <div className="mt-4 h-32 animate-pulse rounded-xl bg-slate-200/60" aria-busy="true" />}
      {events.isSuccess && rows.length === 0 && <p className="mt-4 text-sm text-slate-500">{t("usage.noEvents")}</p>}
      {rows.length > 0 && (
        <div className="-mx-4 mt-4 overflow-x-auto border-t border-slate-100 sm:-mx-6">
          <table className="w-full text-sm" aria-label={t("usage.eventsTitle")}>
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th scope="col" className="px-4 py-2 font-medium sm:px-6">
                  {t("usage.column.date")}
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  {t("usage.column.type")}
                </th>
                <th scope="col" className="hidden px-2 py-2 font-medium md:table-cell">
                  {t("usage.column.details")}
                </th>
                <th scope="col" className="hidden px-2 py-2 text-right font-medium sm:table-cell">
                  {t("usage.column.quantity")}
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium sm:px-6">
                  {t("usage.column.credits")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((item) => (
                <EventRow key={item.id} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {events.hasNextPage && (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => void events.fetchNextPage()} busy={events.isFetchingNextPage}>
            {t("history.loadMore")}
          </Button>
        </div>
      )}
    </Card>
  );
}

export default function Usage() {
  const i18n = useI18n();
  const { t } = i18n;
  useDocumentTitle(t("usage.title"));
  const summary = useQuery({ queryKey: usageKeys.summary, queryFn: usageApi.summary, staleTime: 10_000 });
  const monthName = summary.data === undefined ? "" : new Intl.DateTimeFormat(i18n.locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${summary.data.month.start}T00:00:00Z`));

  return (
    <div>
      <PageHeader title={t("usage.title")} description={t("usage.description")} />
      {summary.isError && <ErrorNotice message={describeError(summary.error, i18n).message} />}
      <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1.4fr)]">
        <Period title={summary.data === undefined ? t("usage.thisMonth") : `${t("usage.thisMonth")} · ${monthName}`} totals={summary.data?.month} testId="usage-month" />
        <Period title={t("usage.allTime")} totals={summary.data?.allTime} testId="usage-all-time" />
        {summary.data !== undefined && (
          <div className="md:col-span-2 xl:col-span-1">
            <ByType month={summary.data.month} allTime={summary.data.allTime} />
          </div>
        )}
      </div>
      <Card className="mt-6">
        <h2 className="mb-3 text-base font-semibold text-slate-900">{t("usage.chartTitle")}</h2>
        {summary.isPending && <div className="h-64 animate-pulse rounded-xl bg-slate-200/60" aria-busy="true" />}
        {summary.data !== undefined && !hasSpending(summary.data) && <p className="mb-3 text-sm text-slate-500">{t("usage.chartEmpty")}</p>}
        {summary.data !== undefined && <UsageChart days={summary.data.days} />}
      </Card>
      <Events />
    </div>
  );
}
