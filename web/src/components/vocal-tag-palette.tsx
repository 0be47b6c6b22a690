/**
 * The vocal-tag palette under the Generate page's text box (Gemini voices only): one button per
 * tag of lib/vocal-tags.ts, inserting it at the caret and keeping the focus in the text.
 */
import type { RefObject } from "react";
import { useI18n } from "../i18n/i18n";
import { insertVocalTag, VOCAL_TAGS } from "../lib/vocal-tags";

interface VocalTagPaletteProps {
  text: string;
  onChange(text: string): void;
  textarea: RefObject<HTMLTextAreaElement | null>;
}

export function VocalTagPalette({ text, onChange, textarea }: VocalTagPaletteProps) {
  const { t } = useI18n();
  const insert = (tag: string) => {
    const box = textarea.current;
    const start = box?.selectionStart ?? text.length;
    const end = box?.selectionEnd ?? text.length;
    const next = insertVocalTag(text, start, end, tag);
    onChange(next.text);
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(next.caret, next.caret);
    });
  };
  return (
    <fieldset className="mt-2 flex flex-wrap items-center gap-1.5" aria-label={t("generate.vocalTags")} data-testid="vocal-tags">
      <span className="text-xs text-slate-500">{t("generate.vocalTags")}:</span>
      {VOCAL_TAGS.map((tag) => (
        <button key={tag} type="button" onClick={() => insert(tag)} className="rounded-full border border-slate-300 bg-white px-2 py-0.5 font-mono text-xs text-slate-700 hover:border-rose-300 hover:bg-rose-50">
          {`<${tag}>`}
        </button>
      ))}
      <span className="text-xs text-slate-500">{t("generate.vocalTagsFree")}</span>
    </fieldset>
  );
}
