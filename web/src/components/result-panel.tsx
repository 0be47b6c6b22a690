/**
 * The result step of Generate and Clone ("3 Your audio"): the card, its numbered heading (which
 * takes focus when a result arrives), and a polite live region of a fixed minimum height that shows
 * one state at a time, so the page does not move as the state changes:
 *
 *   ResultEmpty      nothing made yet
 *   ResultWorking    work in progress: elapsed time with an indeterminate bar, or an upload's share
 *   ResultError      the error (with its reference when unexpected); takes focus when it appears,
 *                    so the reader is not left on the disabled button or on <body>
 *   ResultCancelled  what cancelling did
 *   ResultDone       voice, duration, file format (where chosen), cache-or-credits badge,
 *                    local-engine badge, waveform player, optional details and the new balance
 *
 * Pages decide which state to show and word it; this module owns the markup (roles, aria-live and
 * aria-busy, the test ids the browser suite reads) and the elapsed-time clock. A page may put its
 * submit row at the top of the card (`actions`) and make the card sticky (`className`).
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { GenerateVoiceResponse } from "../../../worker/shared/contracts";
import { Link } from "../router";
import type { UserFacingError } from "../api/error-messages";
import { useI18n } from "../i18n/i18n";
import { localizePath } from "../i18n/routing";
import { FormatBadge } from "./format-badge";
import { CheckIcon, ClockIcon, WaveIcon } from "./icons";
import { Badge, buttonClass, Card, ErrorNotice, StepHeading } from "./ui";
import { WaveformPlayer } from "./waveform-player";

/**
 * The height of the result area in px; each page keeps the one its layout was made for, the same
 * while empty, busy and with a result, so nothing moves when audio arrives (not even Generate's
 * card docked to the bottom of the window, which would otherwise grow upwards over the form).
 */
export type ResultHeight = 160 | 184;

// Written out in full so Tailwind finds the classes.
const SIZES: Record<ResultHeight, { min: string; fixed: string }> = {
  160: { min: "min-h-[160px]", fixed: "h-[160px]" },
  184: { min: "min-h-[184px]", fixed: "h-[184px]" },
};

interface PanelContext {
  size: { min: string; fixed: string };
  focusHeading: () => void;
}

const ResultContext = createContext<PanelContext>({ size: SIZES[160], focusHeading: () => undefined });

interface ResultPanelProps {
  step: number;
  height: ResultHeight;
  busy: boolean;
  children: ReactNode;
  /** Shown above the step's heading (Generate's estimate and submit button). */
  actions?: ReactNode;
  className?: string;
}

export function ResultPanel({ step, height, busy, children, actions, className = "" }: ResultPanelProps) {
  const { t } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useCallback(() => headingRef.current?.focus({ preventScroll: false }), []);
  const size = SIZES[height];
  return (
    <Card className={className}>
      {actions}
      <StepHeading step={step} headingRef={headingRef}>
        {t("generate.result")}
      </StepHeading>
      <div className={size.min} aria-live="polite" aria-busy={busy} data-testid="result-area">
        <ResultContext value={{ size, focusHeading }}>{children}</ResultContext>
      </div>
    </Card>
  );
}

export function ResultEmpty({ children }: { children: string }) {
  const { size } = useContext(ResultContext);
  return (
    <div className={`flex ${size.fixed} flex-col items-center justify-center gap-2 rounded-xl border border-dashed border-slate-300 text-center text-sm text-slate-500`}>
      <WaveIcon className="size-6 text-slate-400" />
      {children}
    </div>
  );
}

/** Minutes and seconds since `startedAt`, ticking while shown. */
function ElapsedTime({ startedAt }: { startedAt: number }) {
  const { formatDuration } = useI18n();
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - startedAt) / 1000)), 250);
    return () => clearInterval(timer);
  }, [startedAt]);
  return (
    <span className="flex items-center gap-1 tabular-nums text-slate-500">
      <ClockIcon className="size-4" />
      {formatDuration(seconds)}
    </span>
  );
}

type WorkingProps = { label: string; hint: string } & (
  | { startedAt: number; upload?: never }
  /** `ratio` from 0 to 1; `label` names the progress bar. */
  | { upload: { ratio: number; label: string }; startedAt?: never }
);

/** Work in progress: with `startedAt`, the time so far and an indeterminate bar; with `upload`, the share sent. */
export function ResultWorking({ label, hint, startedAt, upload }: WorkingProps) {
  const { locale } = useI18n();
  const { size } = useContext(ResultContext);
  return (
    <div className={`flex ${size.fixed} flex-col justify-center gap-3 rounded-xl bg-slate-50 px-4`} role="status">
      <p className="flex items-center justify-between gap-2 text-sm text-slate-700">
        <span>{label}</span>
        {upload === undefined ? (
          <ElapsedTime startedAt={startedAt} />
        ) : (
          <span className="tabular-nums font-semibold text-slate-900" data-testid="upload-percent">
            {new Intl.NumberFormat(locale, { style: "percent" }).format(upload.ratio)}
          </span>
        )}
      </p>
      {upload === undefined ? (
        <div className="h-2 overflow-hidden rounded-full bg-slate-200">
          <div className="progress-indeterminate h-full w-1/3 rounded-full bg-gradient-to-r from-rose-500 to-violet-600" />
        </div>
      ) : (
        <div className="h-2 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-label={upload.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(upload.ratio * 100)}>
          <div className="h-full rounded-full bg-gradient-to-r from-rose-500 to-violet-600 transition-[width]" style={{ width: `${upload.ratio * 100}%` }} />
        </div>
      )}
      <p className={`text-xs ${upload === undefined ? "" : "tabular-nums "}text-slate-500`}>{hint}</p>
    </div>
  );
}

export function ResultError({ error }: { error: UserFacingError }) {
  const { t } = useI18n();
  const { size } = useContext(ResultContext);
  const ref = useRef<HTMLDivElement>(null);
  // The submit button was disabled while working, which drops its focus: the error takes it.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className={`flex ${size.min} flex-col justify-center`} data-testid="result-error">
      <ErrorNotice message={error.message} reference={error.reference} referenceLabel={t("common.reference")} action={error.buyCredits ? <BuyCreditsLink /> : undefined} />
    </div>
  );
}

/** Where an insufficient-credits error points: the Credits page's packages (a button, or `inline` a link in a sentence). */
export function BuyCreditsLink({ inline = false }: { inline?: boolean }) {
  const { t, locale } = useI18n();
  return (
    <Link
      to={`${localizePath(locale, "/dashboard/credits")}#buy`}
      className={inline ? "font-semibold whitespace-nowrap text-rose-700 underline underline-offset-2 hover:text-rose-800" : buttonClass("primary", "sm")}
      data-testid="buy-credits-link"
    >
      {t("error.buyCredits")}
    </Link>
  );
}

export function ResultCancelled({ children }: { children: string }) {
  const { size } = useContext(ResultContext);
  return (
    <div className={`flex ${size.fixed} items-center justify-center rounded-xl border border-dashed border-slate-300 px-4 text-center text-sm text-slate-600`} role="status">
      {children}
    </div>
  );
}

type Result = Pick<GenerateVoiceResponse, "id" | "url" | "durationSeconds" | "cached" | "creditsUsed" | "creditsRemaining" | "provider" | "format">;

interface DoneProps {
  result: Result;
  /** Who speaks: shown first and used as the player's label. */
  name: string;
  /** The download's file name, without extension. */
  fileName: string;
  /** Explains the local-engine badge (shown only for results of the local engine). */
  localEngineHint: string;
  /** Shows the file format's badge (Generate, where the user chose it; a clone's row has no room). */
  showFormat?: boolean;
  /** Shown before the new balance in the line under the player. */
  details?: ReactNode;
  detailsTestId?: string;
  /** False for a result restored from an earlier visit: opening the page must not move the focus. */
  takeFocus?: boolean;
}

/** The finished result; moves focus to the step's heading when it appears. */
export function ResultDone({ result, name, fileName, localEngineHint, showFormat = false, details, detailsTestId, takeFocus = true }: DoneProps) {
  const { t, tp, formatDuration } = useI18n();
  const { size, focusHeading } = useContext(ResultContext);
  // biome-ignore lint/correctness/useExhaustiveDependencies: result.id is the trigger, so each new result takes the focus
  useEffect(() => {
    if (takeFocus) focusHeading();
  }, [focusHeading, result.id]);
  return (
    <div className={`flex ${size.min} flex-col justify-center gap-3`} data-testid="result">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold text-slate-900">{name}</span>
        <span className="text-slate-400">·</span>
        <span className="tabular-nums text-slate-600">{formatDuration(result.durationSeconds)}</span>
        {showFormat && <FormatBadge format={result.format} testId="result-format" />}
        <span data-testid="result-status" data-cached={result.cached ? "true" : "false"}>
          {result.cached ? (
            <Badge tone="emerald">
              <CheckIcon className="size-3" />
              {t("generate.fromCache")}
            </Badge>
          ) : (
            <Badge tone="amber">{tp("generate.creditsUsed", result.creditsUsed)}</Badge>
          )}
        </span>
        {result.provider === "local" && (
          <Badge tone="slate" className="cursor-help">
            <span title={localEngineHint}>{t("generate.localEngine")}</span>
          </Badge>
        )}
      </div>
      <WaveformPlayer key={result.id} url={result.url} fileName={fileName} label={name} testId="result-audio" />
      <p className="text-xs text-slate-500" data-testid={detailsTestId}>
        {details}
        {details !== undefined && " · "}
        {tp("generate.newBalance", result.creditsRemaining)}
      </p>
    </div>
  );
}
