/**
 * Route-level code splitting, checked on what the browser really downloads: the landing and
 * sign-in pages load no dashboard code (and no supabase-js in local mode), Generate and Clone
 * load each other's code only when visited, livekit-client (about 130 KB gzipped) loads with the
 * Call page only, and no page loads zod. Writes the gzip size of the JavaScript each page loads
 * to test-artifacts/bundle-sizes.json.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { browserForFile, openPage, waitForLocale } from "./helpers.mts";

const DASHBOARD_CHUNKS = /\/(layout|generate|clone|call|history|credits|profile|api-keys|my-voices|confirm-dialog|waveform-player|voice-picker|voice-recorder|clone-input|wav|supabase)-[\w-]+\.js$/;
/** The API docs page and what only it and the API keys page use. */
const API_PAGE_CHUNKS = /\/(api-docs|api-keys|code-block|copy-button)-[\w-]+\.js$/;
/** Strings zod's runtime carries; the SPA imports only zod-free modules of the Worker. */
const ZOD_MARKERS = /\$ZodType|ZodError/;

/** Strings only livekit-client's code carries (its signal client and text-stream API). */
const LIVEKIT_MARKERS = /registerTextStreamHandler|livekit/i;

function containsZod(scripts: string[]): string[] {
  return scripts.filter((pathname) => ZOD_MARKERS.test(readFileSync(`dist/spa${pathname}`, "utf8")));
}

function containsLivekit(scripts: string[]): string[] {
  return scripts.filter((pathname) => LIVEKIT_MARKERS.test(readFileSync(`dist/spa${pathname}`, "utf8")));
}

const browser = browserForFile();
const report: Record<string, { scripts: Array<{ file: string; bytes: number; gzip: number }>; totalGzip: number }> = {};

afterAll(() => {
  writeFileSync("test-artifacts/bundle-sizes.json", `${JSON.stringify(report, null, 2)}\n`);
});

async function scriptsLoadedBy(page: Page, path: string, ready: () => Promise<unknown>): Promise<string[]> {
  const scripts = new Set<string>();
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.add(new URL(response.url()).pathname);
  });
  await page.goto(path);
  await waitForLocale(page, "en");
  await ready();
  await page.waitForLoadState("networkidle");
  return [...scripts].sort();
}

function record(name: string, scripts: string[]): void {
  const entries = scripts.map((pathname) => {
    const content = readFileSync(`dist/spa${pathname}`);
    return { file: pathname, bytes: content.length, gzip: gzipSync(content).length };
  });
  report[name] = { scripts: entries, totalGzip: entries.reduce((total, entry) => total + entry.gzip, 0) };
}

describe("code splitting", () => {
  it("the landing page loads no dashboard code", async () => {
    const { context, page } = await openPage(browser());
    const scripts = await scriptsLoadedBy(page, "/en/", () =>
      page
        .getByRole("button", { name: /Play a sample of/ })
        .first()
        .waitFor(),
    );
    record("landing", scripts);
    expect(scripts.filter((file) => DASHBOARD_CHUNKS.test(file))).toEqual([]);
    expect(scripts.filter((file) => API_PAGE_CHUNKS.test(file))).toEqual([]);
    expect(containsZod(scripts)).toEqual([]);
    expect(containsLivekit(scripts)).toEqual([]);
    await context.close();
  });

  it("the sign-in page loads no dashboard code", async () => {
    const { context, page } = await openPage(browser());
    const scripts = await scriptsLoadedBy(page, "/en/sign-in", () => page.getByLabel("Email address").waitFor());
    record("sign-in", scripts);
    expect(scripts.filter((file) => DASHBOARD_CHUNKS.test(file))).toEqual([]);
    expect(containsZod(scripts)).toEqual([]);
    await context.close();
  });

  it("the API docs page loads its own chunk, no dashboard code and no zod", async () => {
    const { context, page } = await openPage(browser());
    const scripts = await scriptsLoadedBy(page, "/en/docs/api", () => page.getByTestId("voice-table").waitFor());
    record("api-docs", scripts);
    expect(scripts.some((file) => /\/api-docs-[\w-]+\.js$/.test(file))).toBe(true);
    expect(scripts.filter((file) => DASHBOARD_CHUNKS.test(file))).toEqual([]);
    expect(containsZod(scripts)).toEqual([]);
    expect(containsLivekit(scripts)).toEqual([]);
    await context.close();
  });

  it("the API keys page loads its own chunk and no zod", async () => {
    const { context, page } = await openPage(browser(), { signedInAs: "e2e-bundle@example.com" });
    const scripts = await scriptsLoadedBy(page, "/en/dashboard/api-keys", () => page.getByTestId("keys-usage").waitFor());
    record("api-keys", scripts);
    expect(scripts.some((file) => /\/api-keys-[\w-]+\.js$/.test(file))).toBe(true);
    expect(scripts.some((file) => /\/(generate|clone|api-docs)-[\w-]+\.js$/.test(file))).toBe(false);
    expect(containsZod(scripts)).toEqual([]);
    await context.close();
  });

  it("the Generate page loads its own chunk and the player, but not supabase-js in local mode", async () => {
    const { context, page } = await openPage(browser(), { signedInAs: "e2e-bundle@example.com" });
    const scripts = await scriptsLoadedBy(page, "/en/dashboard/generate", () => page.getByRole("radio").first().waitFor({ state: "attached" }));
    record("generate", scripts);
    expect(scripts.some((file) => /\/generate-[\w-]+\.js$/.test(file))).toBe(true);
    expect(scripts.some((file) => /\/supabase-/.test(file))).toBe(false);
    expect(scripts.some((file) => /\/clone-[\w-]+\.js$/.test(file))).toBe(false);
    expect(containsLivekit(scripts)).toEqual([]);
    await context.close();
  });

  it("the Clone page loads its own chunk and the player, but no zod and not supabase-js in local mode", async () => {
    const { context, page } = await openPage(browser(), { signedInAs: "e2e-bundle@example.com" });
    const scripts = await scriptsLoadedBy(page, "/en/dashboard/clone", () => page.getByTestId("drop-zone").waitFor());
    record("clone", scripts);
    expect(scripts.some((file) => /\/clone-[\w-]+\.js$/.test(file))).toBe(true);
    expect(scripts.some((file) => /\/generate-[\w-]+\.js$/.test(file))).toBe(false);
    expect(scripts.some((file) => /\/supabase-/.test(file))).toBe(false);
    expect(containsZod(scripts)).toEqual([]);
    await context.close();
  });

  it("the Call page loads livekit-client with its own chunk, and no zod", async () => {
    const { context, page } = await openPage(browser(), { signedInAs: "e2e-bundle@example.com" });
    const scripts = await scriptsLoadedBy(page, "/en/dashboard/call", () => page.getByTestId("call-connect").waitFor());
    record("call", scripts);
    const own = scripts.filter((file) => /\/call-[\w-]+\.js$/.test(file));
    expect(own).toHaveLength(1);
    expect(containsLivekit(scripts)).toEqual(own);
    expect(scripts.some((file) => /\/(generate|clone|supabase)-[\w-]+\.js$/.test(file))).toBe(false);
    expect(containsZod(scripts)).toEqual([]);
    await context.close();
  });
});
