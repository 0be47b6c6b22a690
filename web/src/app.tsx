/**
 * The whole SPA as one element: providers (auth, router) and the locale-prefixed route tree with
 * route-level code splitting. The browser entry (main.tsx) renders or hydrates it; the build's
 * pre-rendering (prerender.tsx) renders it to HTML for one URL. Every page is its own chunk; the
 * public pages (landing, pricing, blog, legal) load only React, this router and their messages,
 * while sign-in, the API docs and the dashboard sit under the app scope (app-scope.tsx: TanStack
 * Query and the rest of the messages), and the dashboard's chunks load only behind sign-in.
 */
import { StrictMode, useEffect } from "react";
import { AuthProvider, useAuth } from "./auth/auth";
import { I18nProvider, useDocumentTitle, useI18n } from "./i18n/i18n";
import { LOCALE_STORAGE_KEY, isLocale, localeRedirect, localizePath, signInPath, splitLocalePath } from "./i18n/routing";
import { FullPageSpinner, buttonClass } from "./components/ui";
import { Link, matchRoutes, Navigate, Outlet, RouterProvider, useLocation, useParams, useRouteError, type RouteDef } from "./router";

function storedLocale(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null;
  }
}

function browserLanguages(): readonly string[] {
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

/** `/` and any path without a locale: to the same page in the visitor's language. */
function LocaleRedirect() {
  const location = useLocation();
  const target = localeRedirect(location.pathname, browserLanguages(), storedLocale()) ?? localizePath("en");
  return <Navigate to={`${target}${location.search}${location.hash}`} replace />;
}

function LocaleRoot() {
  const { locale } = useParams();
  const { pathname } = useLocation();
  const { signOutReason, clearSignOutReason } = useAuth();
  const inDashboard = splitLocalePath(pathname).rest.startsWith("/dashboard");
  useEffect(() => {
    if (signOutReason !== null && !inDashboard) clearSignOutReason();
  }, [signOutReason, inDashboard, clearSignOutReason]);
  if (!isLocale(locale)) return <LocaleRedirect />;
  return (
    <I18nProvider locale={locale}>
      <Outlet />
    </I18nProvider>
  );
}

/**
 * Dashboard guard: signed-out visitors go to sign-in with `next` set to where they were going;
 * someone who just signed out on purpose goes to the landing page instead.
 */
function RequireAuth() {
  const { status, signOutReason } = useAuth();
  const { t, locale } = useI18n();
  const location = useLocation();
  if (status === "loading") return <FullPageSpinner label={t("common.loading")} />;
  if (status === "signed-out" && signOutReason === "user") return <Navigate to={localizePath(locale)} replace />;
  if (status === "signed-out") return <Navigate to={signInPath(locale, `${location.pathname}${location.search}`)} replace />;
  return <Outlet />;
}

/** `/<locale>/dashboard`: the Generate page. */
function DashboardHome() {
  const { locale } = useI18n();
  return <Navigate to={localizePath(locale, "/dashboard/generate")} replace />;
}

function NotFound() {
  const { t, locale } = useI18n();
  useDocumentTitle(t("notFound.title"));
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-6xl font-black text-slate-200">404</p>
      <h1 className="text-2xl font-bold text-slate-900">{t("notFound.title")}</h1>
      <p className="text-slate-600">{t("notFound.body")}</p>
      <Link to={localizePath(locale)} className={buttonClass("primary")}>
        {t("notFound.home")}
      </Link>
    </main>
  );
}

/** Shown when a page fails to render or its chunk cannot be loaded (e.g. after a deploy). */
function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  useEffect(() => console.error(error), [error]);
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 p-6 text-center" role="alert">
      <h1 className="text-2xl font-bold text-slate-900">{t("routeError.title")}</h1>
      <p className="text-slate-600">{t("routeError.body")}</p>
      <button type="button" className={buttonClass("primary")} onClick={() => window.location.reload()}>
        {t("routeError.reload")}
      </button>
    </main>
  );
}

/** What shows while the first page's chunk loads: an empty page of the right colour. */
function Blank() {
  return <div className="min-h-dvh bg-slate-50" aria-busy="true" />;
}

const loadAppScope = () => import("./app-scope");

export const routes: RouteDef[] = [
  { path: "/", element: <LocaleRedirect /> },
  {
    path: ":locale",
    element: <LocaleRoot />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, load: () => import("./pages/landing") },
          { path: "pricing", load: () => import("./pages/pricing") },
          { path: "blog", load: () => import("./pages/blog/index") },
          { path: "blog/:slug", load: () => import("./pages/blog/post"), preload: (params) => import("./pages/blog/post").then((module) => module.preloadPost(params)) },
          ...(["terms", "privacy"] as const).map((kind) => ({
            path: kind,
            load: () => import("./pages/legal/routes").then((module) => ({ default: kind === "terms" ? module.TermsPage : module.PrivacyPage })),
            preload: (params: Readonly<Record<string, string>>) => import("./pages/legal/routes").then((module) => module.preloadLegalDocument(kind, params)),
          })),
          { path: "imprint", load: () => import("./pages/legal/routes").then((module) => ({ default: module.ImprintRoutePage })) },
          {
            load: loadAppScope,
            children: [
              { path: "sign-in", load: () => import("./pages/sign-in") },
              { path: "auth/callback", load: () => import("./pages/auth-callback") },
              { path: "docs/api", load: () => import("./pages/api-docs") },
              {
                path: "dashboard",
                element: <RequireAuth />,
                children: [
                  {
                    load: () => import("./pages/dashboard/layout"),
                    children: [
                      { index: true, element: <DashboardHome /> },
                      { path: "generate", load: () => import("./pages/dashboard/generate") },
                      { path: "clone", load: () => import("./pages/dashboard/clone") },
                      { path: "call", load: () => import("./pages/dashboard/call") },
                      { path: "history", load: () => import("./pages/dashboard/history") },
                      { path: "usage", load: () => import("./pages/dashboard/usage") },
                      { path: "credits", load: () => import("./pages/dashboard/credits") },
                      { path: "credits/success", load: () => import("./pages/dashboard/checkout-success") },
                      { path: "credits/cancel", load: () => import("./pages/dashboard/checkout-cancel") },
                      { path: "profile", load: () => import("./pages/dashboard/profile") },
                      { path: "api-keys", load: () => import("./pages/dashboard/api-keys") },
                    ],
                  },
                ],
              },
            ],
          },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
];

/**
 * The app. `location` renders one URL (pre-rendering); without it the router follows the browser.
 * `prerendered`: the page's HTML came from the build, so the first render must equal it (the
 * stored session is read after hydration, not during it).
 */
export function App({ location, prerendered = false }: { location?: string; prerendered?: boolean }) {
  return (
    <StrictMode>
      <AuthProvider deferStoredSession={prerendered}>
        <RouterProvider routes={routes} location={location} fallback={<Blank />} />
      </AuthProvider>
    </StrictMode>
  );
}

/** Whether the page at this path is outside the app scope: it needs only the public messages. */
export function isPublicPage(pathname: string): boolean {
  return !(matchRoutes(routes, pathname) ?? []).some(({ route }) => route.load === loadAppScope);
}
