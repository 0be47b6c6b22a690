/**
 * One History item: who spoke it and when, its text (clamped to three lines with an accessible
 * "Show the full text" toggle when it does not fit), its badges, ONE player (a deferred waveform
 * player: nothing is fetched until play is pressed, and its play button pauses in place) and ONE
 * download link (the signed URL, so it works before the audio is loaded), and delete.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { HistoryItem } from "../../../worker/shared/contracts";
import { useI18n } from "../i18n/i18n";
import { displayVoiceName } from "../lib/voices";
import { FormatBadge } from "./format-badge";
import { CheckIcon, CloneIcon, DownloadIcon, TrashIcon } from "./icons";
import { Badge } from "./ui";
import { WaveformPlayer } from "./waveform-player";

/** The voice's name as History shows it: clones point at a pseudo-voice whose catalogue name is English. */
export function historyVoiceName(item: HistoryItem, t: ReturnType<typeof useI18n>["t"]): string {
  return item.kind === "clone" ? t("clone.voiceName") : displayVoiceName(item.voice.name);
}

function ExpandableText({ text }: { text: string }) {
  const { t } = useI18n();
  const id = useId();
  const box = useRef<HTMLParagraphElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [clamped, setClamped] = useState(false);

  // Whether three lines hide part of the text; measured again when the row's width changes.
  useEffect(() => {
    const node = box.current;
    if (node === null || expanded) return;
    const measure = () => setClamped(node.scrollHeight > node.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, [expanded]);

  return (
    <div className="mt-1">
      <p ref={box} id={id} className={`text-sm break-words whitespace-pre-line text-slate-700 ${expanded ? "" : "line-clamp-3"}`} data-testid="history-text">
        {text}
      </p>
      {(clamped || expanded) && (
        <button type="button" aria-expanded={expanded} aria-controls={id} onClick={() => setExpanded((value) => !value)} className="mt-0.5 text-xs font-semibold text-rose-700 hover:underline">
          {expanded ? t("history.showLess") : t("history.showFullText")}
        </button>
      )}
    </div>
  );
}

export function HistoryRow({ item, onDelete }: { item: HistoryItem; onDelete: () => void }) {
  const { t, tp, formatDate, formatDuration } = useI18n();
  const isClone = item.kind === "clone";
  const voiceName = historyVoiceName(item, t);
  const fileName = isClone ? `sexyvoice-clone-${item.id.slice(0, 8)}` : `sexyvoice-${item.voice.name.toLowerCase()}-${item.id.slice(0, 8)}`;
  return (
    <li className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="history-item" data-id={item.id} data-kind={item.kind}>
      <div className="flex items-start gap-3 sm:gap-4">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
            <span className="font-semibold text-slate-900">{voiceName}</span>
            <span className="text-slate-400">·</span>
            <time dateTime={item.createdAt} className="text-slate-500">
              {formatDate(item.createdAt)}
            </time>
          </div>
          <ExpandableText text={item.text} />
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
            className="inline-flex size-10 items-center justify-center rounded-full text-slate-600 transition-colors hover:bg-red-50 hover:text-red-600"
            aria-label={t("history.delete", { voice: voiceName })}
            title={t("common.delete")}
            data-testid="history-delete"
          >
            <TrashIcon className="size-5" />
          </button>
        </div>
      </div>
      <div className="mt-3">
        <WaveformPlayer
          url={item.url}
          fileName={fileName}
          label={voiceName}
          testId="history-audio"
          height={40}
          deferred
          knownDuration={item.durationSeconds}
          showDownload={false}
          playLabel={t("history.play", { voice: voiceName })}
          pauseLabel={t("history.pause", { voice: voiceName })}
        />
      </div>
    </li>
  );
}
