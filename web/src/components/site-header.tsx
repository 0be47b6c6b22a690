/** Header of the public pages (landing, sign-in): brand, language switcher, sign-in or dashboard. */
import { Link } from "../router";
import { useAuth } from "../auth/auth";
import { useI18n } from "../i18n/i18n";
import { localizePath } from "../i18n/routing";
import { LogoMark } from "./icons";
import { LanguageSwitcher } from "./language-switcher";
import { buttonClass } from "./ui";

export function Brand({ tone = "light", to }: { tone?: "light" | "dark"; to: string }) {
  return (
    <Link to={to} className={`flex items-center gap-2 rounded-lg text-lg font-bold tracking-tight ${tone === "dark" ? "text-white" : "text-slate-900"}`}>
      <LogoMark className="size-8" />
      <span>
        Sexy<span className={tone === "dark" ? "text-rose-300" : "text-rose-700"}>Voice</span>
      </span>
    </Link>
  );
}

export function SiteHeader({ tone = "light", showAuth = true }: { tone?: "light" | "dark"; showAuth?: boolean }) {
  const { t, locale } = useI18n();
  const { status } = useAuth();
  return (
    <header className="mx-auto flex w-full max-w-6xl items-center justify-between gap-3 px-4 py-4 sm:px-6">
      <Brand tone={tone} to={localizePath(locale)} />
      <div className="flex items-center gap-2">
        <LanguageSwitcher tone={tone} />
        {showAuth &&
          (status === "signed-in" ? (
            <Link to={localizePath(locale, "/dashboard/generate")} className={buttonClass(tone === "dark" ? "white" : "primary", "sm")}>
              {t("nav.openDashboard")}
            </Link>
          ) : (
            <Link to={localizePath(locale, "/sign-in")} className={buttonClass(tone === "dark" ? "inverse" : "secondary", "sm")}>
              {t("nav.signIn")}
            </Link>
          ))}
      </div>
    </header>
  );
}
