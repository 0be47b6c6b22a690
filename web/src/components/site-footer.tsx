/** Footer of the public pages (landing, legal pages): brand, copyright, API docs, the legal pages, language. */
import { Link } from "react-router";
import { useI18n } from "../i18n/i18n";
import { localizePath } from "../i18n/routing";
import type { MessageKey } from "../i18n/translate";
import { LanguageSwitcher } from "./language-switcher";
import { Brand } from "./site-header";

const LEGAL_LINKS: [path: string, label: MessageKey][] = [
  ["/terms", "landing.terms"],
  ["/privacy", "landing.privacy"],
  ["/imprint", "landing.imprint"],
];

const linkClass = "text-sm font-medium text-slate-600 hover:text-slate-900 hover:underline";

export function SiteFooter() {
  const { t, locale } = useI18n();
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col items-start justify-between gap-4 px-4 py-8 sm:flex-row sm:flex-wrap sm:items-center sm:px-6">
        <Brand to={localizePath(locale)} />
        <p className="text-sm text-slate-500">{t("landing.footer", { year: new Date().getFullYear().toString() })}</p>
        <nav aria-label={t("landing.legalNav")} className="flex flex-wrap gap-x-5 gap-y-2">
          <Link to={localizePath(locale, "/docs/api")} className={linkClass}>
            {t("landing.apiDocs")}
          </Link>
          {LEGAL_LINKS.map(([path, label]) => (
            <Link key={path} to={localizePath(locale, path)} className={linkClass}>
              {t(label)}
            </Link>
          ))}
        </nav>
        <LanguageSwitcher full />
      </div>
    </footer>
  );
}
