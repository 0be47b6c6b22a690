/**
 * History: the user's generations and clones (marked as such), newest first, a page at a time ("Show more" follows the
 * cursor). Each can be played (waveform player opens in place), downloaded and deleted; delete
 * all asks for confirmation in a modal dialog.
 */
import { useState } from "react";
import { Link } from "../../router";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { HistoryItem, Page } from "../../../../worker/shared/contracts";
import { api } from "../../api/client";
import { describeError, type UserFacingError } from "../../api/error-messages";
import { queryKeys } from "../../api/queries";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { localizePath } from "../../i18n/routing";
import { displayVoiceName } from "../../lib/voices";
import { CheckIcon, CloneIcon, DownloadIcon, HistoryIcon, PauseIcon, PlayIcon, SparkIcon, TrashIcon } from "../../components/icons";
import { Badge, Button, ErrorNotice, PageHeader, buttonClass } from "../../components/ui";
import { QueryErrorNotice } from "../../components/query-error";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { FormatBadge } from "../../components/format-badge";
import { WaveformPlayer } from "../../components/waveform-player";

const PAGE_SIZE = 10;

function HistoryRow({ item, onDelete, deleting }: { item: HistoryItem; onDelete: () => void; deleting: boolean }) {
  const { t, tp, formatDate, formatDuration } = useI18n();
  const [open, setOpen] = useState(false);
  const isClone = item.kind === "clone";
  // Clones point at a pseudo-voice whose catalogue name is English: say it in the user's language.
  const voiceName = isClone ? t("clone.voiceName") : displayVoiceName(item.voice.name);
  const fileName = isClone ? `sexyvoice-clone-${item.id.slice(0, 8)}` : `sexyvoice-${item.voice.name.toLowerCase()}-${item.id.slice(0, 8)}`;
  return (
    <li className={`rounded-2xl border border-slate-200 bg-white p-4 shadow-sm transition-opacity sm:p-5 ${deleting ? "opacity-50" : ""}`} data-testid="history-item" data-id={item.id} data-kind={item.kind}>
      <div className="flex items-start gap-3 sm:gap-4">
        <button
          type="button"
          onClick={() => setOpen((value) => !value)}
          aria-expanded={open}
          aria-label={open ? t("history.closePlayer", { voice: voiceName }) : t("history.play", { voice: voiceName })}
          className={`inline-flex size-11 shrink-0 items-center justify-center rounded-full transition-colors ${open ? "bg-slate-900 text-white" : "bg-rose-50 text-rose-600 hover:bg-rose-100"}`}
        >
          {open ? <PauseIcon className="size-5" /> : <PlayIcon className="size-5 translate-x-0.5" />}
        </button>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
            <span className="font-semibold text-slate-900">{voiceName}</span>
            <span className="text-slate-400">·</span>
            <time dateTime={item.createdAt} className="text-slate-500">
              {formatDate(item.createdAt)}
            </time>
          </div>
          <p className="mt-1 line-clamp-2 text-sm break-words text-slate-700" title={item.text}>
            {item.textPreview}
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-1.5">
            {isClone && (
              <Badge tone="rose" data-testid="clone-badge">
                <CloneIcon className="size-3" />
                {t("history.cloneBadge")}
              </Badge>
            )}
            <Badge>{formatDuration(item.durationSeconds)}</Badge>
            <FormatBadge format={item.format} testId="history-format" />
            {item.cached ? (
              <Badge tone="emerald">
                <CheckIcon className="size-3" />
                {t("generate.fromCache")}
              </Badge>
            ) : (
              <Badge tone="amber">{tp("credits.amount", item.creditsUsed)}</Badge>
            )}
            {item.style !== null && item.style !== "" && (
              <Badge tone="violet" className="max-w-full">
                <span className="truncate">
                  {t("history.styleLabel")}: {item.style}
                </span>
              </Badge>
            )}
          </div>
        </div>
        <div className="flex shrink-0 flex-col gap-1 sm:flex-row">
          <a
            href={item.url}
            download={`${fileName}.${item.format}`}
            className="inline-flex size-10 items-center justify-center rounded-full text-slate-600 transition-colors hover:bg-slate-100 hover:text-slate-900"
            aria-label={t("history.download", { voice: voiceName })}
            title={t("player.download")}
          >
            <DownloadIcon className="size-5" />
          </a>
          <button
            type="button"
            onClick={onDelete}
            disabled={deleting}
            className="inline-flex size-10 items-center justify-center rounded-full text-slate-600 transition-colors hover:bg-red-50 hover:text-red-600"
            aria-label={t("history.delete", { voice: voiceName })}
            title={t("common.delete")}
          >
            <TrashIcon className="size-5" />
          </button>
        </div>
      </div>
      {open && (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <WaveformPlayer url={item.url} fileName={fileName} label={voiceName} testId="history-audio" height={48} />
        </div>
      )}
    </li>
  );
}

export default function History() {
  const i18n = useI18n();
  const { t, tp, locale } = i18n;
  useDocumentTitle(t("history.title"));
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<UserFacingError | null>(null);

  const history = useInfiniteQuery({
    queryKey: queryKeys.history,
    queryFn: ({ pageParam }) => api.history(pageParam, PAGE_SIZE),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<HistoryItem>) => last.nextCursor ?? undefined,
    // Signed URLs are short-lived: refresh the list rather than keep stale links around.
    staleTime: 60_000,
  });

  const deleteOne = useMutation({
    mutationFn: (id: string) => api.deleteHistoryItem(id),
    onMutate: () => setActionError(null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.history }),
    onError: (error) => setActionError(describeError(error, i18n)),
  });

  const deleteAll = useMutation({
    mutationFn: () => api.deleteAllHistory(),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.history });
      setConfirming(false);
    },
  });

  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
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
          <ul className="space-y-3" aria-label={t("history.title")}>
            {items.map((item) => (
              <HistoryRow key={item.id} item={item} onDelete={() => deleteOne.mutate(item.id)} deleting={deleteOne.isPending && deleteOne.variables === item.id} />
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
