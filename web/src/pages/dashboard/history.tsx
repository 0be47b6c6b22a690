/**
 * History: the user's generations and clones (marked as such), newest first, a page at a time
 * ("Show more" follows the cursor); each row (history-row.tsx) plays in place and downloads.
 * Deleting one hides it at once and offers Undo for UNDO_WINDOW_MS; the DELETE is sent only when
 * that window passes. Leaving the page inside the window completes the delete: another dashboard
 * page sends it on the way out, and closing or reloading the tab sends it from `pagehide` as a
 * keepalive request (a browser killed without `pagehide` keeps the item: nothing is lost). Delete
 * all asks for confirmation in a modal dialog.
 */
import { useEffect, useRef, useState } from "react";
import { Link } from "../../router";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { HistoryItem, Page } from "../../../../worker/shared/contracts";
import { ApiError, api } from "../../api/client";
import { describeError, type UserFacingError } from "../../api/error-messages";
import { queryKeys } from "../../api/queries";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { localizePath } from "../../i18n/routing";
import { DeferredAction } from "../../lib/deferred-action";
import { HistoryIcon, SparkIcon, TrashIcon } from "../../components/icons";
import { Button, ErrorNotice, PageHeader, buttonClass } from "../../components/ui";
import { QueryErrorNotice } from "../../components/query-error";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { HistoryRow, historyVoiceName } from "../../components/history-row";
import { UndoToast } from "../../components/undo-toast";

const PAGE_SIZE = 10;
export const UNDO_WINDOW_MS = 5_000;

export default function History() {
  const i18n = useI18n();
  const { t, tp, locale } = i18n;
  useDocumentTitle(t("history.title"));
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<UserFacingError | null>(null);
  // Rows deleted here: waiting out the undo window, or sent (until the list no longer has them).
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [waiting, setWaiting] = useState<HistoryItem | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const mounted = useRef(true);
  const leaving = useRef(false);
  const show = (id: string) =>
    setHidden((current) => {
      const next = new Set(current);
      next.delete(id);
      return next;
    });

  const commitDelete = useRef<(item: HistoryItem) => void>(() => undefined);
  commitDelete.current = (item) => {
    if (mounted.current) setWaiting((current) => (current?.id === item.id ? null : current));
    api
      .deleteHistoryItem(item.id, { keepalive: leaving.current })
      .then(() => queryClient.invalidateQueries({ queryKey: queryKeys.history }))
      .catch((error: unknown) => {
        // Already gone (Delete all overtook it): what the user asked for.
        if (error instanceof ApiError && error.code === "not_found") return;
        if (!mounted.current) return;
        setActionError(describeError(error, i18n));
        show(item.id);
      });
  };
  const [deferred] = useState(() => new DeferredAction<HistoryItem>((item) => commitDelete.current(item), UNDO_WINDOW_MS));

  // Leaving the page inside the undo window completes the delete (see the header).
  useEffect(() => {
    mounted.current = true;
    const onPageHide = () => {
      leaving.current = true;
      deferred.flush();
    };
    window.addEventListener("pagehide", onPageHide);
    return () => {
      window.removeEventListener("pagehide", onPageHide);
      mounted.current = false;
      deferred.flush();
    };
  }, [deferred]);

  useEffect(() => {
    if (restored === null) return;
    list.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(restored)}"] [data-testid=history-delete]`)?.focus();
    setRestored(null);
  }, [restored]);

  const deleteLater = (item: HistoryItem) => {
    setActionError(null);
    setHidden((current) => new Set(current).add(item.id));
    deferred.schedule(item);
    setWaiting(item);
  };

  const undoDelete = () => {
    const item = deferred.undo();
    setWaiting(null);
    if (item === null) return;
    show(item.id);
    setRestored(item.id);
  };

  const history = useInfiniteQuery({
    queryKey: queryKeys.history,
    queryFn: ({ pageParam }) => api.history(pageParam, PAGE_SIZE),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<HistoryItem>) => last.nextCursor ?? undefined,
    // Signed URLs are short-lived: refresh the list rather than keep stale links around.
    staleTime: 60_000,
  });

  const deleteAll = useMutation({
    mutationFn: () => api.deleteAllHistory(),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.history });
      setConfirming(false);
    },
  });

  const items = (history.data?.pages.flatMap((page) => page.items) ?? []).filter((item) => !hidden.has(item.id));
  const empty = history.isSuccess && items.length === 0;

  return (
    <div>
      <PageHeader
        title={t("history.title")}
        description={t("history.description")}
        actions={
          items.length > 0 ? (
            <Button
              variant="secondary"
              onClick={() => {
                deferred.flush();
                deleteAll.reset();
                setConfirming(true);
              }}
            >
              <TrashIcon className="size-4" />
              {t("history.deleteAll")}
            </Button>
          ) : undefined
        }
      />

      {actionError !== null && (
        <div className="mb-4">
          <ErrorNotice message={actionError.message} reference={actionError.reference} referenceLabel={t("common.reference")} />
        </div>
      )}

      {history.isPending && (
        <ul className="space-y-3" aria-busy="true" aria-label={t("common.loading")}>
          {Array.from({ length: 3 }, (_, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders of a fixed count; they never reorder
            <li key={index} className="h-28 animate-pulse rounded-2xl bg-slate-200/60" />
          ))}
        </ul>
      )}

      {history.isError && <QueryErrorNotice error={history.error} onRetry={() => history.refetch()} />}

      {empty && (
        <div className="flex flex-col items-center rounded-3xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center" data-testid="history-empty">
          <span className="inline-flex size-14 items-center justify-center rounded-2xl bg-rose-50 text-rose-500">
            <HistoryIcon className="size-7" />
          </span>
          <h2 className="mt-4 text-lg font-semibold text-slate-900">{t("history.emptyTitle")}</h2>
          <p className="mt-1 max-w-sm text-sm text-slate-600">{t("history.emptyBody")}</p>
          <Link to={localizePath(locale, "/dashboard/generate")} className={buttonClass("primary", "md", "mt-6")}>
            <SparkIcon className="size-5" />
            {t("history.emptyAction")}
          </Link>
        </div>
      )}

      {items.length > 0 && (
        <>
          <ul ref={list} tabIndex={-1} className="space-y-3" aria-label={t("history.title")}>
            {items.map((item) => (
              <HistoryRow key={item.id} item={item} onDelete={() => deleteLater(item)} />
            ))}
          </ul>
          <div className="mt-6 flex flex-col items-center gap-2">
            <p className="text-xs text-slate-500">{tp("history.shown", items.length)}</p>
            {history.hasNextPage && (
              <Button variant="secondary" onClick={() => void history.fetchNextPage()} busy={history.isFetchingNextPage}>
                {t("history.loadMore")}
              </Button>
            )}
          </div>
        </>
      )}

      <UndoToast
        message={waiting === null ? null : t("history.deletedToast", { voice: historyVoiceName(waiting, t) })}
        actionLabel={t("history.undo")}
        actionName={waiting === null ? t("history.undo") : t("history.undoLabel", { voice: historyVoiceName(waiting, t) })}
        onUndo={undoDelete}
        returnFocus={list}
      />

      <ConfirmDialog
        open={confirming}
        title={t("history.deleteAllTitle")}
        body={t("history.deleteAllBody")}
        confirmLabel={t("history.deleteAllConfirm")}
        busy={deleteAll.isPending}
        error={deleteAll.isError ? describeError(deleteAll.error, i18n) : null}
        onCancel={() => setConfirming(false)}
        onConfirm={() => deleteAll.mutate()}
      />
    </div>
  );
}
