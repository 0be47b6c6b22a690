/**
 * The Usage page in a real browser against the local product: a user with 22 generations opens it
 * from the dashboard navigation → the totals and by-type figures are the server's → the chart is
 * drawn (a canvas with the speech colour's pixels on it) → the table shows a page of 20 and loads
 * the rest → the filters narrow it (and a start after the end is caught) → the CSV export holds the
 * whole filtered range, not only the page shown → no horizontal scrolling on a phone → uPlot's
 * code loads with this page only, and no zod. Screenshots: desktop-usage, phone-usage.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, browserForFile, createSession, generateViaApi, horizontalOverflow, openPage, PHONE, screenshot, waitForLocale } from "./helpers.mts";

const EMAIL = "e2e-usage@example.com";
const GENERATIONS = 22;

interface UsageEvent {
  id: string;
  type: string;
  creditsUsed: number;
}

const browser = browserForFile();
let page: Page;
let errors: string[];
let close: () => Promise<void>;
let token = "";
let expected: UsageEvent[] = [];

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  const texts = Array.from({ length: GENERATIONS }, (_, index) => `Usage page sentence number ${index + 1}, spoken for the chart ${Date.now()}.`);
  await generateViaApi(EMAIL, "gemini-puck", texts);
  token = (JSON.parse(await createSession(EMAIL)) as { accessToken: string }).accessToken;
  // Usage events are written when each generation settles (through the queue): wait for all of them.
  const deadline = Date.now() + 30_000;
  do {
    expected = (await api<{ items: UsageEvent[] }>("/api/usage-events?limit=100")).items;
    if (expected.length < GENERATIONS) await new Promise((resolve) => setTimeout(resolve, 250));
  } while (expected.length < GENERATIONS && Date.now() < deadline);
  expect(expected).toHaveLength(GENERATIONS);
  const opened = await openPage(browser(), { signedInAs: EMAIL });
  ({ page, errors } = opened);
  close = () => opened.context.close();
});

afterAll(async () => {
  await close?.();
});

/** The JavaScript files a page loaded, as served from dist/spa. */
function watchScripts(target: Page): Set<string> {
  const scripts = new Set<string>();
  target.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.add(new URL(response.url()).pathname);
  });
  return scripts;
}
const UPLOT_MARKER = /u-cursor-x/;
const ZOD_MARKERS = /\$ZodType|ZodError/;
const read = (pathname: string) => readFileSync(`dist/spa${pathname}`, "utf8");

describe("the Usage page", () => {
  it("opens from the dashboard navigation, with uPlot loaded for it and not before", async () => {
    const scripts = watchScripts(page);
    await page.goto("/en/dashboard/generate");
    await waitForLocale(page, "en");
    await page.getByRole("radio").first().waitFor({ state: "attached" });
    await page.waitForLoadState("networkidle");
    const beforeUsage = [...scripts];
    expect(beforeUsage.filter((file) => UPLOT_MARKER.test(read(file)))).toEqual([]);

    await page.getByRole("navigation", { name: "Dashboard" }).and(page.locator(":visible")).getByRole("link", { name: "Usage" }).click();
    await page.waitForURL("**/en/dashboard/usage");
    await page.getByRole("heading", { level: 1, name: "Usage" }).waitFor();
    await page.getByTestId("usage-chart").locator("canvas").waitFor();
    await page.waitForLoadState("networkidle");
    const added = [...scripts].filter((file) => !beforeUsage.includes(file));
    expect(added.filter((file) => UPLOT_MARKER.test(read(file))).length).toBe(1);
    expect([...scripts].filter((file) => ZOD_MARKERS.test(read(file)))).toEqual([]);
    const gzip = added.reduce((total, file) => total + gzipSync(readFileSync(`dist/spa${file}`)).length, 0);
    console.log(`usage page: ${added.length} more scripts, ${(gzip / 1024).toFixed(1)} KiB gzip on top of the dashboard (${added.join(", ")})`);
  });

  it("shows this month's, all-time and per-type totals as the server counts them", async () => {
    const total = expected.reduce((sum, event) => sum + event.creditsUsed, 0);
    const summary = await api<{ month: { credits: number; count: number }; allTime: { credits: number; count: number; byType: { tts: { credits: number } } } }>("/api/usage/summary");
    expect(summary.allTime).toMatchObject({ credits: total, count: GENERATIONS });
    const number = (value: number) => value.toLocaleString("en-US");
    await expect.poll(() => page.getByTestId("usage-all-time-credits").textContent()).toBe(number(total));
    expect(await page.getByTestId("usage-all-time-count").textContent()).toBe(`${GENERATIONS} events`);
    expect(await page.getByTestId("usage-month-credits").textContent()).toBe(number(summary.month.credits));
    const speech = page.getByTestId("usage-type-tts");
    expect(await speech.textContent()).toContain(number(summary.allTime.byType.tts.credits));
    expect(await page.getByTestId("usage-type-call").textContent()).toContain("0 events");
    // The legend (no day hovered) gives the 30 days' totals.
    expect(await page.getByTestId("usage-legend").textContent()).toContain(`Speech ${number(total)}`);
  });

  it("draws the chart: a sized canvas with speech-coloured bars on it", async () => {
    const canvas = page.getByTestId("usage-chart").locator("canvas");
    const drawn = await canvas.evaluate((element) => {
      const canvasElement = element as HTMLCanvasElement;
      // Read a copy, made for reading, so Chromium does not warn about reading the chart's own canvas.
      const copy = document.createElement("canvas");
      copy.width = canvasElement.width;
      copy.height = canvasElement.height;
      const context = copy.getContext("2d", { willReadFrequently: true });
      if (context === null) return { width: 0, height: 0, speech: 0, painted: 0 };
      context.drawImage(canvasElement, 0, 0);
      const { data } = context.getImageData(0, 0, copy.width, copy.height);
      let speech = 0;
      let painted = 0;
      for (let index = 0; index < data.length; index += 4) {
        if ((data[index + 3] ?? 0) > 0) painted += 1;
        // #f43f5e, the speech colour.
        if (Math.abs((data[index] ?? 0) - 244) < 6 && Math.abs((data[index + 1] ?? 0) - 63) < 6 && Math.abs((data[index + 2] ?? 0) - 94) < 6) speech += 1;
      }
      return { width: canvasElement.width, height: canvasElement.height, speech, painted };
    });
    expect(drawn.width).toBeGreaterThan(300);
    expect(drawn.height).toBeGreaterThan(200);
    expect(drawn.speech).toBeGreaterThan(50);
    expect(drawn.painted).toBeGreaterThan(drawn.speech);
    // Hovering today's bar (the plot's right end) shows that day's figures in the legend.
    const box = await page.getByTestId("usage-chart").locator(".u-over").boundingBox();
    if (box === null) throw new Error("the chart has no plot area");
    await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
    const today = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date());
    await expect.poll(() => page.getByTestId("usage-legend").textContent()).toBe(`${today}Speech ${expected.reduce((sum, event) => sum + event.creditsUsed, 0).toLocaleString("en-US")}Cloning 0Calls 0`);
    await page.mouse.move(0, 0);
  });

  it("lists the events a page at a time, newest first, and loads the rest", async () => {
    const rows = page.getByTestId("usage-event");
    await expect.poll(() => rows.count()).toBe(20);
    expect(await rows.first().textContent()).toContain("Speech");
    expect(await page.getByTestId("usage-event-credits").first().textContent()).toBe(expected[0]?.creditsUsed.toLocaleString("en-US"));
    await screenshot(page, "desktop-usage");
    await page.getByRole("button", { name: "Show more" }).click();
    await expect.poll(() => rows.count()).toBe(GENERATIONS);
    expect(await page.getByRole("button", { name: "Show more" }).count()).toBe(0);
  });

  it("exports the whole filtered range as CSV, beyond the page shown", async () => {
    await page.reload();
    await page.getByTestId("usage-event").first().waitFor();
    expect(await page.getByTestId("usage-event").count()).toBe(20);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("usage-export").click()]);
    expect(download.suggestedFilename()).toBe("sexyvoice-usage-start-to-today.csv");
    const path = await download.path();
    const lines = readFileSync(path, "utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,created_at,type,credits_used,provider,model,quantity,unit,voice_id,voice_name,locale,duration_seconds");
    expect(lines.length).toBe(GENERATIONS + 1);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(expected.map((event) => event.id));
    for (const [index, line] of lines.slice(1).entries()) {
      const cells = line.split(",");
      expect(cells[2]).toBe("tts");
      expect(Number(cells[3])).toBe(expected[index]?.creditsUsed);
      expect(cells[8]).toBe("gemini-puck");
      expect(cells[9]).toBe("Puck");
    }
  });

  it("filters by type and by UTC days, catches a start after the end, and exports what the filters cover", async () => {
    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Calls" });
    await page.getByText("No usage in this range.").waitFor();
    const [callsOnly] = await Promise.all([page.waitForEvent("download"), page.getByTestId("usage-export").click()]);
    expect(callsOnly.suggestedFilename()).toBe("sexyvoice-usage-start-to-today-call.csv");
    expect(
      readFileSync(await callsOnly.path(), "utf8")
        .trimEnd()
        .split("\r\n"),
    ).toHaveLength(1);

    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Speech" });
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel("From", { exact: true }).fill(today);
    await page.getByLabel("To", { exact: true }).fill(today);
    await expect.poll(() => page.getByTestId("usage-event").count()).toBe(20);
    await page.getByLabel("From", { exact: true }).fill("2099-01-02");
    await page.getByLabel("To", { exact: true }).fill("2099-01-01");
    await page.getByText("The start date is after the end date.").waitFor();
    expect(await page.getByTestId("usage-export").isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => page.getByTestId("usage-event").count()).toBe(20);
  });

  it("fits a phone without horizontal scrolling, reached from the account menu", async () => {
    const phone = await openPage(browser(), { signedInAs: EMAIL, viewport: PHONE });
    await phone.page.goto("/en/dashboard/generate");
    await waitForLocale(phone.page, "en");
    await phone.page.getByRole("button", { name: "Account menu" }).click();
    await phone.page.getByRole("link", { name: "Usage" }).click();
    await phone.page.getByTestId("usage-chart").locator("canvas").waitFor();
    await phone.page.getByTestId("usage-event").first().waitFor();
    await phone.page.evaluate(() => document.fonts.ready);
    expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
    const width = await phone.page
      .getByTestId("usage-chart")
      .locator("canvas")
      .evaluate((element) => element.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, "phone-usage");
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });

  it("raised no error in the page", () => {
    expect(errors).toEqual([]);
  });
});
