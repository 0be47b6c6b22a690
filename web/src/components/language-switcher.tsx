/**
 * The language switcher: the same page in another language (path, query and hash kept). A native
 * <select> (keyboard and screen-reader friendly) laid invisibly over a compact face that shows
 * the language code on phones and the language's own name from `sm` up.
 */
import { useId } from "react";
import { useLocation, useNavigate } from "../router";
import { useI18n } from "../i18n/i18n";
import { LOCALE_NAMES, LOCALES, isLocale, switchLocalePath } from "../i18n/routing";
import { ChevronDownIcon, GlobeIcon } from "./icons";

export function LanguageSwitcher({ tone = "light", className = "", full = false }: { tone?: "light" | "dark"; className?: string; full?: boolean }) {
  const { t, locale } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const id = useId();
  const colors = tone === "dark" ? "border-white/20 bg-white/10 text-white hover:bg-white/15" : "border-slate-300 bg-white text-slate-800 hover:border-slate-400";
  return (
    <div
      className={`relative inline-flex h-9 items-center gap-1.5 rounded-lg border px-2.5 text-sm font-medium has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-rose-500 ${colors} ${className}`}
    >
      {/* On a phone the header is narrow: the compact switcher shows the code only. */}
      <GlobeIcon className={`size-4 shrink-0 ${full ? "" : "hidden sm:block"} ${tone === "dark" ? "text-white/80" : "text-slate-500"}`} />
      <span aria-hidden="true" className={full ? "flex-1" : "hidden sm:inline"}>
        {LOCALE_NAMES[locale]}
      </span>
      {!full && (
        <span aria-hidden="true" className="uppercase sm:hidden">
          {locale}
        </span>
      )}
      <ChevronDownIcon className={`size-4 shrink-0 ${tone === "dark" ? "text-white/80" : "text-slate-500"}`} />
      <label htmlFor={id} className="sr-only">
        {t("common.language")}
      </label>
      <select
        id={id}
        value={locale}
        data-testid="language-switcher"
        onChange={(event) => {
          const next = event.target.value;
          if (isLocale(next)) void navigate(switchLocalePath(next, location.pathname, location.search, location.hash));
        }}
        className="absolute inset-0 h-full w-full cursor-pointer appearance-none opacity-0"
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
