/**
 * The front end's budgets (issue 15), measured in Chromium on every page of the product:
 * - JavaScript transferred on a cold load, gzip: landing ≤ 100 KB, Generate ≤ 150 KB, every other
 *   page ≤ 170 KB, the Call page reported with its LiveKit chunk but not held to a budget.
 *   Written to test-artifacts/js-budgets.json and printed; a page over budget fails.
 * - No horizontal overflow and no element wider than its container at 390, 768, 1024 and 1280 px
 *   in all six languages (a script walks the DOM: boxes sticking out of their parent, and content
 *   wider than its own box; sideways-scrolling containers may hold wider content, positioned
 *   decorations and visually hidden text are left out).
 * - axe-core on every page (English, desktop and phone): no serious or critical violation.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, PHONE, browserForFile, createSession, generateViaApi, newContext, screenshot, useSession, waitForLocale } from "./helpers.mts";
import { PRODUCT_PAGES, type ProductPage } from "./pages.mts";

const LOCALES = ["en", "es", "de", "da", "it", "fr"] as const;
const WIDTHS = [390, 768, 1024, 1280] as const;
const EMAIL = "e2e-budgets@example.com";
const KB = 1000;
const BUDGETS: Record<string, number | null> = { landing: 100 * KB, generate: 150 * KB, call: null };
const DEFAULT_BUDGET = 170 * KB;

const browser = browserForFile();
let session: string;

beforeAll(async () => {
  // History, Usage and Credits have something to show.
  await generateViaApi(EMAIL, "orpheus-tara", ["A sentence so the history, usage and statement are not empty."]);
  session = await createSession(EMAIL);
});

async function contextFor(target: ProductPage, options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<BrowserContext> {
  const context = await newContext(browser(), options);
  if (target.signedIn) await useSession(context, session);
  return context;
}

async function open(context: BrowserContext, target: ProductPage, locale: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/${locale}${target.rest}`);
  await waitForLocale(page, locale);
  await target.ready(page);
  return page;
}

describe("JavaScript per page (cold load, gzip)", () => {
  const report: Record<string, { gzip: number; budget: number | null; scripts: Array<{ file: string; gzip: number }> }> = {};

  afterAll(() => {
    writeFileSync("test-artifacts/js-budgets.json", `${JSON.stringify(report, null, 2)}\n`);
    const rows = Object.entries(report).map(([name, entry]) => `${name.padEnd(10)} ${(entry.gzip / KB).toFixed(1).padStart(6)} KB  ${entry.budget === null ? "(no budget)" : `budget ${entry.budget / KB} KB`}`);
    console.log(`JavaScript transferred on a cold load (gzip):\n${rows.join("\n")}`);
  });

  for (const target of PRODUCT_PAGES) {
    const budget = target.name in BUDGETS ? (BUDGETS[target.name] ?? null) : DEFAULT_BUDGET;
    it(`${target.name}: ${budget === null ? "reported" : `≤ ${budget / KB} KB`}`, async () => {
      const context = await contextFor(target);
      const page = await context.newPage();
      const scripts = new Set<string>();
      page.on("response", (response) => {
        if (response.request().resourceType() === "script") scripts.add(new URL(response.url()).pathname);
      });
      await page.goto(`/en${target.rest}`);
      await waitForLocale(page, "en");
      await target.ready(page);
      await page.waitForLoadState("networkidle");
      const entries = [...scripts].sort().map((file) => ({ file, gzip: gzipSync(readFileSync(`dist/spa${file}`)).length }));
      const gzip = entries.reduce((total, entry) => total + entry.gzip, 0);
      report[target.name] = { gzip, budget, scripts: entries };
      expect(gzip).toBeGreaterThan(50 * KB);
      if (budget !== null) expect(gzip, `${target.name}: ${entries.map((entry) => `${entry.file} ${entry.gzip}`).join(", ")}`).toBeLessThanOrEqual(budget);
      await context.close();
    });
  }
});

/** What overflows at the current width: the page itself, and elements sticking out of their parents. */
function overflowReport(page: Page): Promise<{ page: number; elements: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const describe = (element: Element) => {
      const id = element.id === "" ? "" : `#${element.id}`;
      const testId = element.getAttribute("data-testid");
      const text = (element.textContent ?? "").trim().slice(0, 40);
      return `${element.tagName.toLowerCase()}${id}${testId === null ? "" : `[data-testid=${testId}]`} "${text}"`;
    };
    const skipped = (element: Element): boolean => {
      const style = getComputedStyle(element);
      if (style.position === "absolute" || style.position === "fixed") return true;
      if (style.display === "none" || style.visibility === "hidden") return true;
      // Visually hidden text (sr-only) is clipped to 1 px on purpose.
      return style.clip === "rect(0px, 0px, 0px, 0px)" || style.clipPath === "inset(50%)";
    };
    const elements: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      const parent = element.parentElement;
      if (parent === null || skipped(element)) continue;
      // A container that scrolls or clips sideways may hold wider content (a code block, a table).
      const parentStyle = getComputedStyle(parent);
      if (parentStyle.overflowX !== "visible") continue;
      const box = element.getBoundingClientRect();
      const outer = parent.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right > outer.right + 1 || box.left < outer.left - 1) elements.push(`${describe(element)} sticks out of ${describe(parent)} by ${Math.round(Math.max(box.right - outer.right, outer.left - box.left))} px`);
      // Text wider than its own box (a long word, an address) overflows without moving the box:
      // checked on elements that hold text themselves (a decoration's overflow is not text).
      const style = getComputedStyle(element);
      const holdsText = Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? "").trim() !== "");
      if (holdsText && style.overflowX === "visible" && style.display !== "inline" && element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0)
        elements.push(`${describe(element)} has content ${element.scrollWidth - element.clientWidth} px wider than itself`);
    }
    return { page: Math.max(root.scrollWidth, document.body.scrollWidth) - root.clientWidth, elements: elements.slice(0, 10) };
  });
}

describe("no horizontal overflow at 390, 768, 1024 and 1280 px in six languages", () => {
  for (const locale of LOCALES) {
    it(`${locale}: every page`, async () => {
      const problems: string[] = [];
      for (const target of PRODUCT_PAGES.filter((candidate) => candidate.locales === undefined || candidate.locales.includes(locale))) {
        const context = await contextFor(target, { viewport: { width: WIDTHS[0], height: 900 }, locale });
        const page = await open(context, target, locale);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          // Let layout settle after the resize (fonts and images are loaded already).
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          const found = await overflowReport(page);
          if (found.page > 0) problems.push(`${target.name} @${width}: the page scrolls sideways by ${found.page} px`);
          for (const element of found.elements) problems.push(`${target.name} @${width}: ${element}`);
        }
        await context.close();
      }
      expect(problems).toEqual([]);
    }, 240_000);
  }
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

const AXE_SOURCE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

describe("accessibility: axe-core finds no serious or critical violation", () => {
  for (const [device, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    it(`every page on the ${device}`, async () => {
      const found: string[] = [];
      for (const target of PRODUCT_PAGES) {
        const context = await contextFor(target, { viewport });
        const page = await open(context, target, "en");
        await page.waitForLoadState("networkidle");
        for (const violation of await axeViolations(page))
          found.push(
            `${target.name}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes
              .map((node) => node.target.join(" "))
              .slice(0, 4)
              .join(", ")}`,
          );
        if (device === "desktop" && ["pricing", "blog", "terms"].includes(target.name)) await screenshot(page, `desktop-${target.name}`);
        await context.close();
      }
      expect(found).toEqual([]);
    }, 240_000);
  }
});
