/**
 * Loaders of the legal pages' text, one dynamic import per page and language, so each is its own
 * small chunk. Pages call these through their route loaders; a build-time pre-renderer can call
 * them too and hand the result to LegalPage.
 */
import type { Locale } from "../../../i18n/routing";
import type { ImprintText, LegalDocument } from "./types";

export type { ImprintText, LegalDocument, LegalSection } from "./types";

export type LegalDocumentKind = "terms" | "privacy";

type Loaders<T> = Record<Locale, () => Promise<{ default: T }>>;

export const LEGAL_DOCUMENT_LOADERS: Record<LegalDocumentKind, Loaders<LegalDocument>> = {
  terms: {
    en: () => import("./terms/en"),
    es: () => import("./terms/es"),
    de: () => import("./terms/de"),
    da: () => import("./terms/da"),
    it: () => import("./terms/it"),
    fr: () => import("./terms/fr"),
  },
  privacy: {
    en: () => import("./privacy/en"),
    es: () => import("./privacy/es"),
    de: () => import("./privacy/de"),
    da: () => import("./privacy/da"),
    it: () => import("./privacy/it"),
    fr: () => import("./privacy/fr"),
  },
};

export const IMPRINT_TEXT_LOADERS: Loaders<ImprintText> = {
  en: () => import("./imprint/en"),
  es: () => import("./imprint/es"),
  de: () => import("./imprint/de"),
  da: () => import("./imprint/da"),
  it: () => import("./imprint/it"),
  fr: () => import("./imprint/fr"),
};

export async function loadLegalDocument(kind: LegalDocumentKind, locale: Locale): Promise<LegalDocument> {
  return (await LEGAL_DOCUMENT_LOADERS[kind][locale]()).default;
}

export async function loadImprintText(locale: Locale): Promise<ImprintText> {
  return (await IMPRINT_TEXT_LOADERS[locale]()).default;
}
