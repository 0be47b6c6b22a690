import { describe, expect, it } from "vitest";
import { detectLocale, localeRedirect, localizePath, safeNextPath, signInPath, splitLocalePath, switchLocalePath } from "./routing";

describe("detectLocale", () => {
  it("prefers a stored choice over the browser's languages", () => {
    expect(detectLocale(["de-DE", "en"], "it")).toBe("it");
  });
  it("ignores a stored value that is not a supported locale", () => {
    expect(detectLocale(["fr-CA"], "pt")).toBe("fr");
  });
  it("takes the first browser language the product speaks, by its primary subtag", () => {
    expect(detectLocale(["pt-BR", "es-MX", "en-US"])).toBe("es");
    expect(detectLocale(["DA_dk"])).toBe("da");
  });
  it("sends Norwegian readers to Danish", () => {
    expect(detectLocale(["nb-NO"])).toBe("da");
  });
  it("falls back to English", () => {
    expect(detectLocale(["ja-JP", "zh"])).toBe("en");
    expect(detectLocale([])).toBe("en");
  });
});

describe("splitLocalePath / localizePath", () => {
  it("splits a localized path into locale and rest", () => {
    expect(splitLocalePath("/de/dashboard/history")).toEqual({ locale: "de", rest: "/dashboard/history" });
    expect(splitLocalePath("/fr")).toEqual({ locale: "fr", rest: "/" });
    expect(splitLocalePath("/fr/")).toEqual({ locale: "fr", rest: "/" });
  });
  it("does not mistake other first segments for locales", () => {
    expect(splitLocalePath("/dashboard/generate")).toEqual({ locale: null, rest: "/dashboard/generate" });
    expect(splitLocalePath("/english/x").locale).toBeNull();
  });
  it("builds locale-prefixed paths, the landing page with a trailing slash", () => {
    expect(localizePath("es")).toBe("/es/");
    expect(localizePath("es", "/sign-in")).toBe("/es/sign-in");
    expect(localizePath("es", "sign-in")).toBe("/es/sign-in");
  });
});

describe("localeRedirect", () => {
  it("sends / to the browser's language", () => {
    expect(localeRedirect("/", ["it-IT"], null)).toBe("/it/");
  });
  it("keeps the rest of a path that has no locale", () => {
    expect(localeRedirect("/dashboard/generate", ["fr"], null)).toBe("/fr/dashboard/generate");
  });
  it("lower-cases a locale typed in capitals instead of prefixing another", () => {
    expect(localeRedirect("/DE/dashboard", ["en"], null)).toBe("/de/dashboard");
  });
  it("leaves localized paths alone", () => {
    expect(localeRedirect("/da/dashboard/credits", ["en"], null)).toBeNull();
  });
});

describe("switchLocalePath", () => {
  it("changes only the locale, keeping path, query and hash", () => {
    expect(switchLocalePath("de", "/en/dashboard/history", "?page=2", "#top")).toBe("/de/dashboard/history?page=2#top");
    expect(switchLocalePath("fr", "/en/")).toBe("/fr/");
    expect(switchLocalePath("it", "/en")).toBe("/it/");
  });
});

describe("safeNextPath (return after sign-in)", () => {
  it("returns to a dashboard page, re-localised into the current language", () => {
    expect(safeNextPath("/en/dashboard/history?x=1", "de")).toBe("/de/dashboard/history?x=1");
  });
  it("defaults to Generate", () => {
    expect(safeNextPath(null, "es")).toBe("/es/dashboard/generate");
    expect(safeNextPath("", "es")).toBe("/es/dashboard/generate");
  });
  it("refuses other sites, protocol-relative and backslash tricks", () => {
    for (const evil of ["https://evil.example/dashboard", "//evil.example/dashboard", "/\\evil.example", "javascript:alert(1)", "/%0d%0a", "\t/dashboard"]) {
      expect(safeNextPath(evil, "en")).toBe("/en/dashboard/generate");
    }
  });
  it("refuses pages outside the dashboard (no loop back to sign-in)", () => {
    expect(safeNextPath("/en/sign-in?next=/en/sign-in", "en")).toBe("/en/dashboard/generate");
  });
  it("builds the sign-in URL with the page to return to", () => {
    expect(signInPath("en", "/en/dashboard/history")).toBe("/en/sign-in?next=%2Fen%2Fdashboard%2Fhistory");
    expect(signInPath("fr")).toBe("/fr/sign-in");
  });
});
