/**
 * React side of the translator. Each language's messages come in two chunks: the public pages'
 * (messages/public/, loaded with any page) and the rest (messages/app/, loaded with the first
 * signed-in page, sign-in or the API docs, under <AllMessages>). While a language loads, the
 * previous one stays on screen.
 */
import { createContext, use, useContext, useEffect, type ReactNode } from "react";
import type { Messages } from "./messages/en";
import { LOCALE_STORAGE_KEY, type Locale } from "./routing";
import { trackSettled } from "../lib/resource";
import { createTranslator, type Translator } from "./translate";

type Part = Record<string, string>;

const publicLoaders: Record<Locale, () => Promise<{ default: Part }>> = {
  en: () => import("./messages/public/en"),
  es: () => import("./messages/public/es"),
  de: () => import("./messages/public/de"),
  da: () => import("./messages/public/da"),
  it: () => import("./messages/public/it"),
  fr: () => import("./messages/public/fr"),
};

const appLoaders: Record<Locale, () => Promise<{ default: Part }>> = {
  en: () => import("./messages/app/en"),
  es: () => import("./messages/app/es"),
  de: () => import("./messages/app/de"),
  da: () => import("./messages/app/da"),
  it: () => import("./messages/app/it"),
  fr: () => import("./messages/app/fr"),
};

export type MessageScope = "public" | "all";

const loading = new Map<string, Promise<Translator>>();

/**
 * One promise per language and scope (React's `use` needs the same one on every render until it
 * settles). The public scope's translator has only the public pages' keys.
 */
export function loadTranslator(locale: Locale, scope: MessageScope = "public"): Promise<Translator> {
  const key = `${locale}:${scope}`;
  let pending = loading.get(key);
  if (pending === undefined) {
    const parts = scope === "public" ? [publicLoaders[locale]()] : [publicLoaders[locale](), appLoaders[locale]()];
    pending = trackSettled(
      Promise.all(parts).then((modules) => {
        const messages = Object.assign({}, ...modules.map((module) => module.default)) as Messages;
        return createTranslator(locale, messages);
      }),
    );
    // A failed load (offline, or a deploy replaced the chunk) is tried again on the next render.
    pending.catch(() => loading.delete(key));
    loading.set(key, pending);
  }
  return pending;
}

function useTranslatorFor(locale: Locale, scope: MessageScope): Translator {
  return use(loadTranslator(locale, scope));
}

/** Starts loading a language's messages early (e.g. in parallel with the first page's chunk). */
export function preloadLocale(locale: Locale, scope: MessageScope = "public"): void {
  void loadTranslator(locale, scope).catch(() => undefined);
}

const I18nContext = createContext<Translator | null>(null);

/**
 * Provides the language's translator. Until its messages have loaded it suspends: the router's
 * transition keeps the previous language on screen during a switch, and hydration keeps the
 * pre-rendered HTML.
 */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const translator = useTranslatorFor(locale, "public");

  useEffect(() => {
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // Private mode: the choice simply isn't remembered.
    }
    document.documentElement.lang = translator.locale;
    document.documentElement.dataset.i18nReady = translator.locale;
  }, [locale, translator]);

  return <I18nContext value={translator}>{children}</I18nContext>;
}

/** Every message of the current language for what it wraps (suspends until they have loaded). */
export function AllMessages({ children }: { children: ReactNode }) {
  const translator = useTranslatorFor(useI18n().locale, "all");
  return <I18nContext value={translator}>{children}</I18nContext>;
}

export function useI18n(): Translator {
  const translator = useContext(I18nContext);
  if (translator === null) throw new Error("useI18n outside I18nProvider");
  return translator;
}

/** Sets the document title for the current page, translated. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · SexyVoice`;
  }, [title]);
}
