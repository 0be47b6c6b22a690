/**
 * Form pieces Generate and Clone share, so both count, explain and price text the same way:
 *
 *   CharacterCounter  "123 / 500 characters", amber near the limit and red over it (the
 *                     code-point bound too, which it names when that is what is exceeded)
 *   SpeechTextField   the labelled text box with its counter, word count and limit, and
 *                     Ctrl/⌘+Enter to submit
 *   FormatChoice      WAV or MP3 for the stored file (a radio group with a one-line hint)
 *   CostAndSubmit     the estimate and what it leaves of the balance (or, when it is not enough,
 *                     a link to buy credits, with the button disabled), cancel while working,
 *                     the submit button, and under the row why the form cannot be sent yet
 *
 * Pages pass the counts, limits and wording; the rules themselves live in lib/speech-input and
 * lib/clone-input.
 */
import { useId, type ReactNode, type Ref } from "react";
// limits.ts, not contracts.ts: the Clone page loads this module, and contracts.ts brings zod.
import { AUDIO_OUTPUT_FORMATS, type AudioFormat } from "../../../worker/shared/limits";
import { useI18n } from "../i18n/i18n";
import type { FieldCount } from "../lib/speech-input";
import { CoinsIcon } from "./icons";
import { BuyCreditsLink } from "./result-panel";
import { Button } from "./ui";

/** Near or over a limit by either bound: characters, or code points (text padded with combining marks). */
export function CharacterCounter({ count, id, name }: { count: FieldCount; id: string; name: "text" | "style" }) {
  const { t, formatNumber } = useI18n();
  const ratio = Math.max(count.characters / count.limit, count.codePoints / count.codePointLimit);
  const tone = count.overLimit ? "text-red-600 font-semibold" : ratio > 0.9 ? "text-amber-700" : "text-slate-500";
  return (
    <p id={id} className={`text-xs tabular-nums ${tone}`} data-testid={`${name}-counter`}>
      {t("generate.counter", { count: formatNumber(count.characters), limit: formatNumber(count.limit) })}
      {count.overCodePointLimit && <> · {t("generate.counterTooManyCodePoints")}</>}
    </p>
  );
}

interface SpeechTextFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** Ctrl/⌘+Enter in the box. */
  onSubmit: () => void;
  count: FieldCount;
  rows: number;
  placeholder: string;
  /** The limit as this page words it ("Up to 500 characters"). */
  limitNote: string;
  className?: string;
  /** The text box itself, for a caller that edits at the caret (the vocal-tag palette). */
  inputRef?: Ref<HTMLTextAreaElement>;
  /** Shown under the box, before the word count (the vocal-tag palette). */
  toolbar?: ReactNode;
}

export function SpeechTextField({ value, onChange, onSubmit, count, rows, placeholder, limitNote, className, inputRef, toolbar }: SpeechTextFieldProps) {
  const { t, tp } = useI18n();
  const ids = { text: useId(), count: useId(), help: useId() };
  return (
    <div className={className}>
      <div className="flex items-end justify-between gap-2">
        <label htmlFor={ids.text} className="block text-sm font-medium text-slate-800">
          {t("generate.text")}
        </label>
        <CharacterCounter count={count} id={ids.count} name="text" />
      </div>
      <textarea
        ref={inputRef}
        id={ids.text}
        data-testid="speech-text"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
            event.preventDefault();
            onSubmit();
          }
        }}
        rows={rows}
        placeholder={placeholder}
        aria-describedby={`${ids.count} ${ids.help}`}
        aria-invalid={count.overLimit || undefined}
        className={`mt-1.5 block w-full resize-y rounded-xl border bg-white px-3 py-2.5 text-base leading-relaxed text-slate-900 placeholder:text-slate-400 ${count.overLimit ? "border-red-400" : "border-slate-300"}`}
      />
      {toolbar}
      <p id={ids.help} className="mt-1.5 text-xs text-slate-500">
        {tp("generate.words", count.billableWords)} · {limitNote}
        <span className="hidden sm:inline"> · {t("generate.shortcut")}</span>
      </p>
    </div>
  );
}

const FORMAT_LABELS = { wav: "generate.formatWav", mp3: "generate.formatMp3" } as const;

/** The stored file's format: two segmented radio buttons and what tells them apart. */
export function FormatChoice({ value, onChange }: { value: AudioFormat; onChange: (format: AudioFormat) => void }) {
  const { t } = useI18n();
  const ids = { name: useId(), help: useId() };
  return (
    <fieldset className="mt-5" aria-describedby={ids.help} data-testid="format-choice">
      <legend className="text-sm font-medium text-slate-800">{t("generate.format")}</legend>
      <div className="mt-1.5 inline-flex rounded-xl border border-slate-300 bg-white p-0.5">
        {AUDIO_OUTPUT_FORMATS.map((format) => (
          <label
            key={format}
            className={`cursor-pointer rounded-lg px-4 py-1.5 text-sm font-semibold transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-rose-500 ${value === format ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`}
          >
            <input type="radio" name={ids.name} value={format} checked={value === format} onChange={() => onChange(format)} className="sr-only" />
            {t(FORMAT_LABELS[format])}
          </label>
        ))}
      </div>
      <p id={ids.help} className="mt-1.5 text-xs text-slate-500">
        {t("generate.formatHelp")}
      </p>
    </fieldset>
  );
}

interface CostAndSubmitProps {
  /** Credits this request is expected to cost. */
  estimate: number;
  /** The user's balance, once known. */
  balance: number | undefined;
  /** Shown under the estimate while there is no balance to compare with or nothing to price yet; without it that line is left out (or shows the balance after a free request). */
  idleNote?: string;
  busy: boolean;
  submitLabel: string;
  /** Shown before the label unless busy (the button shows a spinner then). */
  submitIcon: ReactNode;
  onSubmit: () => void;
  onCancel: () => void;
  /** Why the form cannot be sent yet, already worded; null when it can. */
  problem: string | null;
  /** Disables the submit button for a reason that needs no explanation (e.g. recording in progress). */
  blocked?: boolean;
  /** Spacing against what comes before (default: a divider at the end of a card). */
  className?: string;
}

/**
 * The estimate beside the buttons when the row has the room, stacked when it has not: a container
 * query, so it follows the width of the card it sits in rather than the window's (the form column
 * is narrow in the two-column layout and the button's label is longer in some languages). A
 * balance below the estimate disables the button and says how to buy more.
 */
export function CostAndSubmit({ estimate, balance, idleNote, busy, submitLabel, submitIcon, onSubmit, onCancel, problem, blocked = false, className = "mt-6 border-t border-slate-100 pt-5" }: CostAndSubmitProps) {
  const { t, tp, formatNumber } = useI18n();
  const problemId = useId();
  const noteId = useId();
  const notEnough = balance !== undefined && estimate > balance;
  const balanceNote = balance !== undefined && (estimate > 0 || idleNote === undefined) ? t("generate.balanceAfter", { balance: formatNumber(Math.max(0, balance - estimate)) }) : idleNote;
  const describedBy = [notEnough ? noteId : null, problem !== null ? problemId : null].filter((id) => id !== null).join(" ");
  return (
    <div className={`@container ${className}`}>
      <div className="flex flex-col gap-3 @[22rem]:flex-row @[22rem]:items-center @[22rem]:justify-between @[22rem]:gap-4">
        <div className="min-w-0 text-sm" aria-live="polite">
          <p className="text-slate-700">
            <CoinsIcon className="mr-1.5 inline size-4 align-[-3px] text-amber-600" />
            {t("generate.estimate")}{" "}
            <strong className="whitespace-nowrap tabular-nums text-slate-900" data-testid="estimate">
              ≈ {tp("credits.amount", estimate)}
            </strong>
          </p>
          {notEnough ? (
            <p id={noteId} className="mt-0.5 text-xs text-amber-800" data-testid="not-enough">
              {t("generate.notEnough", { balance: formatNumber(balance) })} <BuyCreditsLink inline />
            </p>
          ) : (
            balanceNote !== undefined && <p className="mt-0.5 text-xs text-slate-500">{balanceNote}</p>
          )}
        </div>
        <div className="flex gap-2">
          {busy && (
            <Button variant="secondary" size="lg" onClick={onCancel}>
              {t("common.cancel")}
            </Button>
          )}
          <Button
            size="lg"
            className="flex-1 whitespace-nowrap @[22rem]:flex-none"
            data-testid="submit"
            onClick={onSubmit}
            busy={busy}
            disabled={problem !== null || blocked || notEnough}
            aria-describedby={describedBy === "" ? undefined : describedBy}
          >
            {!busy && submitIcon}
            {submitLabel}
          </Button>
        </div>
      </div>
      {problem !== null && (
        <p id={problemId} className="mt-2 text-xs text-slate-500 @[22rem]:text-right" data-testid="form-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
