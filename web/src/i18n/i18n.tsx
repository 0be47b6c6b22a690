/**
 * React side of the translator. Each language's messages are their own chunk, loaded when the
 * URL asks for that language; while a switch loads, the previous language stays on screen.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { Messages } from "./messages/en";
import { LOCALE_STORAGE_KEY, type Locale } from "./routing";
import { createTranslator, type Translator } from "./translate";

const loaders: Record<Locale, () => Promise<{ default: Messages }>> = {
  en: () => import("./messages/en"),
  es: () => import("./messages/es"),
  de: () => import("./messages/de"),
  da: () => import("./messages/da"),
  it: () => import("./messages/it"),
  fr: () => import("./messages/fr"),
};

const loaded = new Map<Locale, Translator>();

async function loadTranslator(locale: Locale): Promise<Translator> {
  const cached = loaded.get(locale);
  if (cached !== undefined) return cached;
  const { default: messages } = await loaders[locale]();
  const translator = createTranslator(locale, messages);
  loaded.set(locale, translator);
  return translator;
}

/** Starts loading a language's messages early (e.g. in parallel with the first page's chunk). */
export function preloadLocale(locale: Locale): void {
  void loadTranslator(locale).catch(() => undefined);
}

const I18nContext = createContext<Translator | null>(null);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const [translator, setTranslator] = useState<Translator | null>(() => loaded.get(locale) ?? null);

  useEffect(() => {
    let current = true;
    loadTranslator(locale)
      .then((next) => {
        if (current) setTranslator(next);
      })
      .catch((error: unknown) => console.error("Could not load the translations", error));
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // Private mode: the choice simply isn't remembered.
    }
    return () => {
      current = false;
    };
  }, [locale]);

  useEffect(() => {
    if (translator !== null) {
      document.documentElement.lang = translator.locale;
      document.documentElement.dataset.i18nReady = translator.locale;
    }
  }, [translator]);

  if (translator === null) return <div className="min-h-dvh" aria-busy="true" />;
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
