/**
 * Locale routing rules: every page lives under `/<locale>/`, `/` and unprefixed paths go to the
 * visitor's language (stored choice first, then the browser's languages, then English), and the
 * language switcher keeps the rest of the path. Pure functions so they are unit-tested in Node.
 */
import { SUPPORTED_LOCALES, type Locale } from "../../../worker/shared/limits";

export type { Locale };

/** The UI languages, in switcher order: the Worker's own list (worker/limits.ts has no zod). */
export const LOCALES = SUPPORTED_LOCALES;

export const DEFAULT_LOCALE: Locale = "en";

/** Each language's name in itself, as language switchers conventionally show them. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  es: "Español",
  de: "Deutsch",
  da: "Dansk",
  it: "Italiano",
  fr: "Français",
};

export const LOCALE_STORAGE_KEY = "sexyvoice.locale";

export function isLocale(value: string | null | undefined): value is Locale {
  return value !== null && value !== undefined && (LOCALES as readonly string[]).includes(value);
}

/** Picks the UI language: an explicit earlier choice, then the browser's list, then English. */
export function detectLocale(browserLanguages: readonly string[], stored?: string | null): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
    // Norwegian and Swedish readers understand Danish far better than English.
    if (primary === "nb" || primary === "nn" || primary === "no") return "da";
  }
  return DEFAULT_LOCALE;
}

/** Splits `/de/dashboard/history` into `de` and `/dashboard/history`. */
export function splitLocalePath(pathname: string): { locale: Locale | null; rest: string } {
  const match = /^\/([^/]+)(\/.*)?$/.exec(pathname);
  const first = match?.[1];
  if (match !== null && isLocale(first)) return { locale: first, rest: match[2] ?? "/" };
  return { locale: null, rest: pathname === "" ? "/" : pathname };
}

/** `/<locale>` + a locale-free path; the landing page is `/<locale>/`. */
export function localizePath(locale: Locale, rest = "/"): string {
  const path = rest.startsWith("/") ? rest : `/${rest}`;
  return `/${locale}${path}`;
}

/**
 * Where a request for `pathname` must go, or null when it already carries a locale. A first
 * segment that is a locale in the wrong case (`/DE/...`) is lower-cased; anything else is
 * prefixed with the visitor's language, so `/dashboard/generate` still works.
 */
export function localeRedirect(pathname: string, browserLanguages: readonly string[], stored?: string | null): string | null {
  const { locale } = splitLocalePath(pathname);
  if (locale !== null) return null;
  const match = /^\/([^/]+)(\/.*)?$/.exec(pathname);
  const lowered = match?.[1]?.toLowerCase();
  if (match !== null && isLocale(lowered)) return localizePath(lowered, match[2] ?? "/");
  const target = detectLocale(browserLanguages, stored);
  return localizePath(target, pathname === "" ? "/" : pathname);
}

/** The same page in another language (the switcher keeps query and hash). */
export function switchLocalePath(locale: Locale, pathname: string, search = "", hash = ""): string {
  return `${localizePath(locale, splitLocalePath(pathname).rest)}${search}${hash}`;
}

/**
 * The page to return to after sign-in, taken from `?next=`. Only same-site paths are accepted
 * (no `//host`, no `\`, no scheme), and they are re-localised into the current language.
 */
export function safeNextPath(next: string | null | undefined, locale: Locale): string {
  const fallback = localizePath(locale, "/dashboard/generate");
  if (next === null || next === undefined || next === "") return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters in the redirect target is the point
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\") || /[\u0000-\u001f]/.test(next)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(next, "https://sexyvoice.invalid");
  } catch {
    return fallback;
  }
  if (parsed.origin !== "https://sexyvoice.invalid") return fallback;
  const { rest } = splitLocalePath(parsed.pathname);
  if (!rest.startsWith("/dashboard")) return fallback;
  return `${localizePath(locale, rest)}${parsed.search}${parsed.hash}`;
}

/** The sign-in page for a visitor who tried to open `returnTo`. */
export function signInPath(locale: Locale, returnTo?: string): string {
  const base = localizePath(locale, "/sign-in");
  return returnTo === undefined ? base : `${base}?next=${encodeURIComponent(returnTo)}`;
}
