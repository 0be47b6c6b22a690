/**
 * Dashboard frame: header with the live credit balance and the user menu, navigation (a tab bar
 * on phones, a sidebar from `lg`), and the page. Navigation lists only pages that exist; Usage,
 * API keys and Profile are in the account menu too, for phones.
 */
import { useEffect, useId, useRef, useState, type ComponentType, type SVGProps } from "react";
import { Link, NavLink, Outlet, useLocation } from "../../router";
import { useAuth } from "../../auth/auth";
import { useMe } from "../../api/queries";
import { useI18n } from "../../i18n/i18n";
import { localizePath } from "../../i18n/routing";
import type { MessageKey } from "../../i18n/translate";
import { KeyIcon } from "../../components/account-icons";
import { CloneIcon, CoinsIcon, HistoryIcon, MicIcon, PhoneIcon, SignOutIcon, Svg, UserIcon, type IconProps } from "../../components/icons";
import { LanguageSwitcher } from "../../components/language-switcher";
import { Brand } from "../../components/site-header";
import { Badge } from "../../components/ui";

const UsageIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M4 20h16M7 16v-5M12 16V6M17 16v-8" />
  </Svg>
);

interface NavItem {
  path: string;
  label: MessageKey;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** Left out of the phone tab bar (five tabs fit; Usage, API keys and Profile are in the account menu too). */
  desktopOnly?: true;
}

const NAV: NavItem[] = [
  { path: "/dashboard/generate", label: "nav.generate", icon: MicIcon },
  { path: "/dashboard/clone", label: "nav.clone", icon: CloneIcon },
  { path: "/dashboard/call", label: "nav.call", icon: PhoneIcon },
  { path: "/dashboard/history", label: "nav.history", icon: HistoryIcon },
  { path: "/dashboard/usage", label: "nav.usage", icon: UsageIcon, desktopOnly: true },
  { path: "/dashboard/credits", label: "nav.credits", icon: CoinsIcon },
  { path: "/dashboard/api-keys", label: "nav.apiKeys", icon: KeyIcon, desktopOnly: true },
  { path: "/dashboard/profile", label: "nav.profile", icon: UserIcon, desktopOnly: true },
];

/** The balance; a pulsing placeholder (announced as loading) until the profile arrives, "—" if it cannot be read. */
function BalancePill() {
  const { t, formatNumber, locale } = useI18n();
  const me = useMe();
  const credits = me.data?.credits;
  const loading = credits === undefined && me.isPending;
  return (
    <Link
      to={localizePath(locale, "/dashboard/credits")}
      className="inline-flex h-9 items-center gap-1.5 rounded-full border border-amber-200 bg-amber-50 px-3 text-sm font-semibold text-amber-900 transition-colors hover:bg-amber-100"
      aria-busy={loading || undefined}
    >
      <CoinsIcon className="size-4 text-amber-600" />
      {/* The name is the visible text (a screen reader hears "Balance: 10,000 credits"), so what is said matches what is shown. */}
      {credits === undefined ? <span className="sr-only">{t("credits.balanceLoading")}</span> : <span className="sr-only">{t("credits.balance")}: </span>}
      <span data-testid="credit-balance" className="tabular-nums" aria-live="polite">
        {credits !== undefined ? formatNumber(credits) : loading ? <span data-testid="balance-skeleton" className="block h-4 w-16 animate-pulse rounded bg-amber-200/80" /> : "—"}
      </span>
      {credits !== undefined && (
        <>
          {" "}
          <span className="sr-only font-normal text-amber-800 sm:not-sr-only">{t("credits.unit")}</span>
        </>
      )}
    </Link>
  );
}

function UserMenu() {
  const { t, locale } = useI18n();
  const auth = useAuth();
  const me = useMe();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const email = me.data?.email ?? auth.email ?? "";

  // biome-ignore lint/correctness/useExhaustiveDependencies: location.pathname is the trigger, so navigating closes the menu
  useEffect(() => setOpen(false), [location.pathname]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (rootRef.current !== null && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  // The dashboard guard sees a deliberate sign-out and goes to the landing page.
  const signOut = () => auth.signOut("user");

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={t("nav.userMenu")}
        onClick={() => setOpen((value) => !value)}
        className="inline-flex size-9 items-center justify-center rounded-full bg-gradient-to-br from-rose-500 to-violet-600 text-sm font-bold text-white uppercase shadow-sm"
      >
        {email.charAt(0) || <UserIcon className="size-4" />}
      </button>
      {open && (
        <div id={menuId} className="absolute right-0 z-40 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-2xl border border-slate-200 bg-white p-2 shadow-xl">
          <div className="border-b border-slate-100 px-3 pt-2 pb-3">
            <p className="text-xs text-slate-500">{t("nav.signedInAs")}</p>
            <p className="truncate text-sm font-semibold text-slate-900">{email}</p>
            {me.data !== undefined && (
              <Badge tone={me.data.isPaid ? "violet" : "slate"} className="mt-2">
                {me.data.isPaid ? t("plan.paid") : t("plan.free")}
              </Badge>
            )}
          </div>
          <div className="px-3 py-3 sm:hidden">
            <LanguageSwitcher full className="w-full" />
          </div>
          <ul className="py-1">
            <li>
              <Link to={localizePath(locale, "/dashboard/profile")} className="flex items-center gap-2 rounded-lg px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
                <UserIcon className="size-4 text-slate-500" />
                {t("nav.profile")}
              </Link>
            </li>
            <li>
              <Link to={localizePath(locale, "/dashboard/usage")} className="flex items-center gap-2 rounded-lg px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
                <UsageIcon className="size-4 text-slate-500" />
                {t("nav.usage")}
              </Link>
            </li>
            <li>
              <Link to={localizePath(locale, "/dashboard/api-keys")} className="flex items-center gap-2 rounded-lg px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
                <KeyIcon className="size-4 text-slate-500" />
                {t("nav.apiKeys")}
              </Link>
            </li>
            <li>
              <button type="button" onClick={() => void signOut()} className="flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100">
                <SignOutIcon className="size-4 text-slate-500" />
                {t("nav.signOut")}
              </button>
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}

export default function DashboardLayout() {
  const { t, locale } = useI18n();
  const linkClass = (active: boolean) => (active ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:bg-white/70 hover:text-slate-900");

  return (
    <div className="min-h-dvh bg-slate-50">
      <a href="#main" className="sr-only z-50 rounded-lg bg-white px-4 py-2 font-semibold focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        {t("nav.skipToContent")}
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-16 max-w-7xl items-center gap-3 px-4 lg:px-6">
          <Brand to={localizePath(locale, "/dashboard/generate")} />
          <div className="ml-auto flex items-center gap-2">
            <BalancePill />
            <div className="hidden sm:block">
              <LanguageSwitcher />
            </div>
            <UserMenu />
          </div>
        </div>
        <nav aria-label={t("nav.main")} className="border-t border-slate-100 lg:hidden">
          <ul className="mx-auto grid max-w-7xl grid-cols-5 px-1 sm:px-2">
            {NAV.filter((item) => item.desktopOnly !== true).map(({ path, label, icon: Icon }) => (
              <li key={path}>
                <NavLink
                  to={localizePath(locale, path)}
                  className={({ isActive }) =>
                    `flex flex-col items-center gap-0.5 border-b-2 px-1 pt-2 pb-1.5 text-xs font-medium ${isActive ? "border-rose-500 text-rose-600" : "border-transparent text-slate-600 hover:text-slate-900"}`
                  }
                >
                  <Icon className="size-5" />
                  <span className="max-w-full truncate">{t(label)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <div className="mx-auto flex max-w-7xl gap-8 px-4 lg:px-6">
        <nav aria-label={t("nav.main")} className="hidden w-56 shrink-0 lg:block">
          <ul className="sticky top-24 space-y-1 py-8">
            {NAV.map(({ path, label, icon: Icon }) => (
              <li key={path}>
                <NavLink to={localizePath(locale, path)} className={({ isActive }) => `flex items-center gap-3 rounded-xl px-3 py-2.5 text-sm font-medium transition-colors ${linkClass(isActive)}`}>
                  <Icon className="size-5" />
                  {t(label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 pt-6 pb-16 lg:pt-8">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
