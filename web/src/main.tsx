/**
 * SPA entry: providers (TanStack Query, auth), the locale-prefixed route tree and route-level
 * code splitting. Only the router shell, translations loader, auth and the API client are in
 * this chunk; every page is its own chunk, and the dashboard's chunks load only behind sign-in.
 */
import { StrictMode, useEffect, type ComponentType } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, Link, Navigate, Outlet, useLocation, useParams, useRouteError, type RouteObject } from "react-router";
import { RouterProvider } from "react-router/dom";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ApiError } from "./api/client";
import { AuthProvider, useAuth } from "./auth/auth";
import { I18nProvider, preloadLocale, useDocumentTitle, useI18n } from "./i18n/i18n";
import { LOCALE_STORAGE_KEY, isLocale, localeRedirect, localizePath, signInPath, splitLocalePath } from "./i18n/routing";
import { FullPageSpinner, buttonClass } from "./components/ui";
import "./styles.css";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Retry only what may succeed on a second try: network failures and server errors.
      retry: (failures, error) => failures < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
  },
});

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
  console.error(error);
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

const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

const routes: RouteObject[] = [
  { path: "/", element: <LocaleRedirect />, hydrateFallbackElement: <Blank /> },
  {
    path: "/:locale",
    element: <LocaleRoot />,
    hydrateFallbackElement: <Blank />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, lazy: page(() => import("./pages/landing")) },
          { path: "sign-in", lazy: page(() => import("./pages/sign-in")) },
          { path: "auth/callback", lazy: page(() => import("./pages/auth-callback")) },
          { path: "docs/api", lazy: page(() => import("./pages/api-docs")) },
          { path: "terms", lazy: async () => (await import("./pages/legal/routes")).termsRoute },
          { path: "privacy", lazy: async () => (await import("./pages/legal/routes")).privacyRoute },
          { path: "imprint", lazy: async () => (await import("./pages/legal/routes")).imprintRoute },
          {
            path: "dashboard",
            element: <RequireAuth />,
            children: [
              {
                lazy: page(() => import("./pages/dashboard/layout")),
                children: [
                  { index: true, element: <Navigate to="generate" replace /> },
                  { path: "generate", lazy: page(() => import("./pages/dashboard/generate")) },
                  { path: "clone", lazy: page(() => import("./pages/dashboard/clone")) },
                  { path: "call", lazy: page(() => import("./pages/dashboard/call")) },
                  { path: "history", lazy: page(() => import("./pages/dashboard/history")) },
                  { path: "usage", lazy: page(() => import("./pages/dashboard/usage")) },
                  { path: "credits", lazy: page(() => import("./pages/dashboard/credits")) },
                  { path: "credits/success", lazy: page(() => import("./pages/dashboard/checkout-success")) },
                  { path: "credits/cancel", lazy: page(() => import("./pages/dashboard/checkout-cancel")) },
                  { path: "profile", lazy: page(() => import("./pages/dashboard/profile")) },
                  { path: "api-keys", lazy: page(() => import("./pages/dashboard/api-keys")) },
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

// Start fetching this language's messages while the router loads the page's chunk.
const initialLocale = splitLocalePath(window.location.pathname).locale;
if (initialLocale !== null) preloadLocale(initialLocale);

const router = createBrowserRouter(routes);

const root = document.getElementById("root");
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
