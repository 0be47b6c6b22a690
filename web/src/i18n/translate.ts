/**
 * The tiny typed translator: flat message keys, `{name}` placeholders, plural forms as
 * `<key>.one` / `<key>.other` chosen with Intl.PluralRules. Kept free of React for unit tests.
 */
import type { MessageKey, Messages } from "./messages/en";
import type { Locale } from "./routing";

export type { MessageKey, Messages };

/** Keys that have plural forms, named without the `.one` / `.other` suffix. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never }[MessageKey];

export type Params = Record<string, string | number>;

export interface Translator {
  locale: Locale;
  t: (key: MessageKey, params?: Params) => string;
  /** For keys built at run time (e.g. from API data): whether a translation exists. */
  has: (key: string) => key is MessageKey;
  tp: (key: PluralKey, count: number, params?: Params) => string;
  formatNumber: (value: number) => string;
  formatDate: (iso: string) => string;
  formatDuration: (seconds: number) => string;
}

export function interpolate(template: string, params: Params | undefined, formatNumber: (value: number) => string): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(value) : value;
  });
}

export function createTranslator(locale: Locale, messages: Messages): Translator {
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const plurals = new Intl.PluralRules(locale);
  const formatNumber = (value: number) => numbers.format(value);
  const t = (key: MessageKey, params?: Params) => {
    const template = messages[key] as string | undefined;
    if (template !== undefined) return interpolate(template, params, formatNumber);
    // A page used a key its scope did not load (i18n.tsx): visible in tests' console checks.
    console.error(`Missing message "${key}" for ${locale}`);
    return key;
  };
  return {
    locale,
    t,
    has: (key): key is MessageKey => Object.hasOwn(messages, key),
    tp: (key, count, params) => {
      const form = plurals.select(count) === "one" ? "one" : "other";
      return t(`${key}.${form}` as MessageKey, { count, ...params });
    },
    formatNumber,
    formatDate: (iso) => {
      const date = new Date(iso.includes("T") || iso.endsWith("Z") ? iso : `${iso.replace(" ", "T")}Z`);
      return Number.isNaN(date.getTime()) ? iso : dates.format(date);
    },
    formatDuration: (seconds) => {
      const total = Math.max(0, Math.round(seconds));
      const minutes = Math.floor(total / 60);
      return `${minutes}:${String(total % 60).padStart(2, "0")}`;
    },
  };
}
