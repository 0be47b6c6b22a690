/**
 * The SPA's router: a route tree matched against the URL, nested layouts through <Outlet>, pages
 * loaded on demand, and the few hooks and links the pages use. It replaces react-router, whose
 * 30 KB (gzip) was the largest part of the landing page's JavaScript after React itself (see
 * docs/decisions.md, "Own router"); the names and behaviour follow react-router's where the pages
 * rely on them (Link, NavLink, Navigate, Outlet, useLocation, useNavigate, useParams,
 * useSearchParams, useRouteError).
 *
 * - Navigation is a React transition: the current page stays on screen until the next one's code
 *   has loaded. On the first load, the pages of every matched level load in parallel.
 * - Hydration of a pre-rendered page: a page whose code is not loaded yet suspends, and React
 *   keeps the server's HTML on screen until it is. On the server (`location` given) every matched
 *   page, and what its route's `preload` reads, must have been loaded first with `preloadRoutes`.
 * - A route with `errorElement` catches what its subtree throws while rendering, including a page
 *   chunk that fails to load; `useRouteError` gives the error to that element.
 */
import {
  Component,
  createContext,
  startTransition,
  Suspense,
  use,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type AnchorHTMLAttributes,
  type ComponentType,
  type MouseEvent,
  type ReactNode,
} from "react";
import { trackSettled } from "./lib/resource";

export interface RouteDef {
  /** Segments relative to the parent: "sign-in", ":locale", "credits/success", "*", or "/" for the root. */
  path?: string;
  /** Matches when the parent's path is the whole URL. */
  index?: true;
  /** Rendered as is; a layout renders <Outlet /> for its matched child. */
  element?: ReactNode;
  /** A page loaded on demand (a dynamic import). */
  load?: () => Promise<{ default: ComponentType }>;
  /** What the page reads before it can render (a post's body), started together with its code. */
  preload?: (params: Readonly<Record<string, string>>) => Promise<unknown>;
  children?: RouteDef[];
  /** Shown instead of this route's subtree when something in it throws. */
  errorElement?: ReactNode;
}

export interface RouteMatch {
  route: RouteDef;
  params: Readonly<Record<string, string>>;
}

export interface RouterLocation {
  pathname: string;
  search: string;
  hash: string;
  state: unknown;
}

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

// ---------------------------------------------------------------------------------------------
// Matching (pure)

function segmentsOf(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchBranch(route: RouteDef, segments: readonly string[], params: Record<string, string>): RouteMatch[] | null {
  if (route.index === true) return segments.length === 0 ? [{ route, params }] : null;
  let rest = segments;
  let own = params;
  if (route.path !== undefined) {
    own = { ...params };
    const pattern = segmentsOf(route.path);
    for (const part of pattern) {
      if (part === "*") {
        own["*"] = rest.map(decode).join("/");
        rest = [];
        break;
      }
      const segment = rest[0];
      if (segment === undefined) return null;
      if (part.startsWith(":")) own[part.slice(1)] = decode(segment);
      else if (part.toLowerCase() !== segment.toLowerCase()) return null;
      rest = rest.slice(1);
    }
  }
  if (route.children !== undefined) {
    const child = matchRoutes(route.children, rest, own);
    if (child !== null) return [{ route, params: own }, ...child];
    return null;
  }
  return rest.length === 0 ? [{ route, params: own }] : null;
}

/** The chain of routes (outermost first) that the pathname matches, trying routes in order. */
export function matchRoutes(routes: readonly RouteDef[], pathname: string | readonly string[], params: Record<string, string> = {}): RouteMatch[] | null {
  const segments = typeof pathname === "string" ? segmentsOf(pathname) : pathname;
  for (const route of routes) {
    const match = matchBranch(route, segments, params);
    if (match !== null) return match;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Pages loaded on demand

const loadedPages = new WeakMap<RouteDef, ComponentType>();
const loadingPages = new WeakMap<RouteDef, Promise<ComponentType>>();

function loadPage(route: RouteDef): Promise<ComponentType> {
  let pending = loadingPages.get(route);
  if (pending === undefined) {
    const { load } = route;
    if (load === undefined) throw new Error("loadPage on a route without a page to load");
    pending = trackSettled(
      load().then((module) => {
        loadedPages.set(route, module.default);
        return module.default;
      }),
    );
    // A failed load may be tried again (after a deploy, or when the network is back).
    pending.catch(() => loadingPages.delete(route));
    loadingPages.set(route, pending);
  }
  return pending;
}

/** Loads the pages of every matched level, and what they read, at once (not one after the other). */
export function preloadRoutes(matches: readonly RouteMatch[]): Promise<unknown> {
  return Promise.all(matches.flatMap(({ route, params }) => [route.load === undefined || loadedPages.has(route) ? undefined : loadPage(route), route.preload?.(params)]));
}

function LazyPage({ route }: { route: RouteDef }) {
  // Always through `use` (React requires it once a render has suspended on it); settled, it returns at once.
  const Page = use(loadPage(route));
  return <Page />;
}

// ---------------------------------------------------------------------------------------------
// Rendering

interface RouterState {
  location: RouterLocation;
  navigate: (to: string, options?: NavigateOptions) => void;
}

const RouterContext = createContext<RouterState | null>(null);
const MatchContext = createContext<{ matches: readonly RouteMatch[]; depth: number }>({ matches: [], depth: -1 });
const RouteErrorContext = createContext<unknown>(undefined);

function useRouter(): RouterState {
  const router = useContext(RouterContext);
  if (router === null) throw new Error("router hook outside RouterProvider");
  return router;
}

class RouteErrorBoundary extends Component<{ fallback: ReactNode; resetKey: string; children: ReactNode }, { error: unknown; resetKey: string; failed: boolean }> {
  override state = { error: undefined as unknown, resetKey: this.props.resetKey, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { resetKey: string; failed: boolean }) {
    // Another URL gets another chance to render.
    return props.resetKey === state.resetKey ? null : { error: undefined, failed: false, resetKey: props.resetKey };
  }

  override render() {
    if (this.state.failed) return <RouteErrorContext value={this.state.error}>{this.props.fallback}</RouteErrorContext>;
    return this.props.children;
  }
}

function RenderMatch({ matches, depth }: { matches: readonly RouteMatch[]; depth: number }) {
  const { location } = useRouter();
  const match = matches[depth];
  if (match === undefined) return null;
  const { route } = match;
  const content = route.load !== undefined ? <LazyPage route={route} /> : (route.element ?? <Outlet />);
  const node = <MatchContext value={{ matches, depth }}>{content}</MatchContext>;
  if (route.errorElement === undefined) return node;
  return (
    <RouteErrorBoundary fallback={route.errorElement} resetKey={location.pathname}>
      {node}
    </RouteErrorBoundary>
  );
}

/** Where a layout shows its matched child route. */
export function Outlet() {
  const { matches, depth } = useContext(MatchContext);
  return <RenderMatch matches={matches} depth={depth + 1} />;
}

function browserLocation(): RouterLocation {
  const { pathname, search, hash } = window.location;
  const state = (window.history.state as { usr?: unknown } | null)?.usr ?? null;
  return { pathname, search, hash, state };
}

function staticLocation(url: string): RouterLocation {
  const parsed = new URL(url, "http://localhost");
  return { pathname: parsed.pathname, search: parsed.search, hash: parsed.hash, state: null };
}

/**
 * The router. In the browser it follows `window.location`; given `location` (a URL path) it
 * renders that one page, as the build's pre-rendering does. `fallback` shows while the first
 * page's code loads (never during hydration: React keeps the server's HTML then).
 */
export function RouterProvider({ routes, location: fixed, fallback = null }: { routes: readonly RouteDef[]; location?: string; fallback?: ReactNode }) {
  const [location, setLocation] = useState<RouterLocation>(() => (fixed !== undefined ? staticLocation(fixed) : browserLocation()));

  useEffect(() => {
    if (fixed !== undefined) return;
    const onPopState = () => startTransition(() => setLocation(browserLocation()));
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, [fixed]);

  const navigate = useCallback((to: string, options: NavigateOptions = {}) => {
    const url = new URL(to, window.location.href);
    const target = `${url.pathname}${url.search}${url.hash}`;
    const entry = { usr: options.state ?? null };
    if (options.replace === true) window.history.replaceState(entry, "", target);
    else window.history.pushState(entry, "", target);
    startTransition(() => setLocation(browserLocation()));
  }, []);

  const matches = useMemo(() => matchRoutes(routes, location.pathname) ?? [], [routes, location.pathname]);
  // Start every matched level's page loading together.
  if (fixed === undefined) void preloadRoutes(matches).catch(() => undefined);
  const value = useMemo(() => ({ location, navigate }), [location, navigate]);

  return (
    <RouterContext value={value}>
      <Suspense fallback={fallback}>
        <RenderMatch matches={matches} depth={0} />
      </Suspense>
    </RouterContext>
  );
}

// ---------------------------------------------------------------------------------------------
// Hooks

export function useLocation(): RouterLocation {
  return useRouter().location;
}

export function useNavigate(): (to: string, options?: NavigateOptions) => void {
  return useRouter().navigate;
}

/** The parameters of the deepest matched route (its own and its parents'). */
export function useParams(): Readonly<Record<string, string | undefined>> {
  const { matches, depth } = useContext(MatchContext);
  return matches[depth]?.params ?? {};
}

export function useSearchParams(): [URLSearchParams, (next: URLSearchParams | Record<string, string>, options?: NavigateOptions) => void] {
  const { location, navigate } = useRouter();
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const setParams = useCallback(
    (next: URLSearchParams | Record<string, string>, options?: NavigateOptions) => {
      const search = new URLSearchParams(next).toString();
      navigate(`${location.pathname}${search === "" ? "" : `?${search}`}${location.hash}`, options);
    },
    [location.pathname, location.hash, navigate],
  );
  return [params, setParams];
}

/** The error an `errorElement` is showing. */
export function useRouteError(): unknown {
  return useContext(RouteErrorContext);
}

// ---------------------------------------------------------------------------------------------
// Links

/** True when a click should be left to the browser (new tab, download, another window…). */
function browserHandles(event: MouseEvent<HTMLAnchorElement>, target: string | undefined): boolean {
  return event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey || (target !== undefined && target !== "_self");
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string; replace?: boolean; state?: unknown };

export function Link({ to, replace, state, onClick, target, ...rest }: LinkProps) {
  const navigate = useNavigate();
  return (
    <a
      {...rest}
      href={to}
      target={target}
      onClick={(event) => {
        onClick?.(event);
        if (browserHandles(event, target)) return;
        event.preventDefault();
        navigate(to, { replace, state });
      }}
    />
  );
}

/** Active when the URL is `to` or below it; gets `aria-current="page"` then. */
export function NavLink({ to, className, ...rest }: Omit<LinkProps, "className"> & { className?: string | ((state: { isActive: boolean }) => string) }) {
  const { pathname } = useLocation();
  const base = to.replace(/\/+$/, "");
  const isActive = pathname === base || pathname === `${base}/` || pathname.startsWith(`${base}/`);
  return <Link {...rest} to={to} aria-current={isActive ? "page" : undefined} className={typeof className === "function" ? className({ isActive }) : className} />;
}

/** Goes to `to` as soon as it renders (after the commit, as a redirect). */
export function Navigate({ to, replace = false, state }: { to: string; replace?: boolean; state?: unknown }) {
  const navigate = useNavigate();
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    navigate(to, { replace, state });
  }, [navigate, to, replace, state]);
  return null;
}
