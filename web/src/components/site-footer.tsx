/**
 * Footer of the public pages: the brand, the public pages' and legal pages' links, and the full
 * language switcher; a running promo campaign's banner comes with it, so every public page has it.
 */
import { useI18n } from "../i18n/i18n";
import { localizePath } from "../i18n/routing";
import { Link } from "../router";
import { CampaignBanner } from "./campaign-banner";
import { LanguageSwitcher } from "./language-switcher";
import { Brand } from "./site-header";

const LINK = "text-sm font-medium text-slate-600 hover:text-slate-900 hover:underline";

export function SiteFooter() {
  const { t, locale } = useI18n();
  const links = [
    { path: "/pricing", label: t("footer.pricing") },
    { path: "/blog", label: t("footer.blog") },
    { path: "/docs/api", label: t("landing.apiDocs") },
  ];
  const legal = [
    { path: "/terms", label: t("landing.terms") },
    { path: "/privacy", label: t("landing.privacy") },
    { path: "/imprint", label: t("landing.imprint") },
  ];
  return (
    <>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-col items-start justify-between gap-4 px-4 py-8 sm:flex-row sm:flex-wrap sm:items-center sm:px-6">
          <Brand to={localizePath(locale)} />
          {/* The year is the visitor's; a page pre-rendered last year still hydrates without a mismatch warning. */}
          <p className="text-sm text-slate-500" suppressHydrationWarning>
            {t("landing.footer", { year: new Date().getFullYear().toString() })}
          </p>
          {[
            { label: t("footer.nav"), items: links },
            { label: t("landing.legalNav"), items: legal },
          ].map((group) => (
            <nav key={group.label} aria-label={group.label}>
              <ul className="flex flex-wrap gap-x-5 gap-y-2">
                {group.items.map((link) => (
                  <li key={link.path}>
                    <Link to={localizePath(locale, link.path)} className={LINK}>
                      {link.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ))}
          <LanguageSwitcher full />
        </div>
      </footer>
      <CampaignBanner />
    </>
  );
}
