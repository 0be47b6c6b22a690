/**
 * A code sample: a caption, a Copy button and the code in <pre><code>, scrolling sideways inside
 * its own box (never the page) on a narrow screen. Code is shown as written, never translated.
 */
import { useI18n } from "../i18n/i18n";
import { CopyButton } from "./copy-button";

export function CodeBlock({ title, code, testId }: { title?: string; code: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <figure className="min-w-0 overflow-hidden rounded-xl border border-slate-800 bg-slate-950" data-testid={testId}>
      <figcaption className="flex items-center justify-between gap-2 border-b border-white/10 py-1.5 pr-1.5 pl-4 text-xs font-medium text-slate-300">
        <span className="min-w-0 break-words">{title ?? ""}</span>
        <CopyButton text={code} label={title === undefined ? t("common.copy") : t("apiDocs.copyCode", { title })} />
      </figcaption>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a sideways-scrolling region must be reachable by keyboard to scroll it (WCAG 2.1.1) */}
      <pre tabIndex={0} className="overflow-x-auto p-4 text-[13px] leading-relaxed text-slate-100">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
