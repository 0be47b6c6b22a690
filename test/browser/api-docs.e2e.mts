/**
 * The public API documentation in a real browser, signed out: reached from the landing page's
 * footer; its examples are written for this origin (curl, the `openai` SDKs with this base URL);
 * the OpenAI voice names are named from the live voice list, which is listed in full; the OpenAPI
 * document it links to exists; on a phone the page never scrolls sideways, only the code boxes do;
 * in German the prose is German and the code unchanged.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PHONE, baseUrl, browserForFile, horizontalOverflow, openPage, screenshot, waitForLocale } from "./helpers.mts";

const browser = browserForFile();

/** The text of each row of a table, cell by cell. */
function tableRows(page: Page, testId: string): Promise<string[][]> {
  return page
    .getByTestId(testId)
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent?.trim() ?? "")));
}

describe("API docs", () => {
  it("is linked from the landing page and shows examples for this origin", async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto("/en/");
    await waitForLocale(page, "en");
    await page.getByRole("link", { name: "API for developers" }).click();
    await page.waitForURL("**/en/docs/api");
    // The page's chunk loads after the URL changes: wait for its heading.
    await page.getByRole("heading", { level: 1, name: "API documentation" }).waitFor();
    await expect.poll(() => page.title()).toBe("API documentation · SexyVoice");

    const origin = baseUrl();
    const curl = await page.getByTestId("sample-curl").locator("code").textContent();
    expect(curl).toContain(`curl ${origin}/v1/audio/speech`);
    expect(curl).toContain("Authorization: Bearer $SEXYVOICE_API_KEY");
    expect(await page.getByTestId("sample-javascript").locator("code").textContent()).toContain(`baseURL: "${origin}/v1"`);
    expect(await page.getByTestId("sample-python").locator("code").textContent()).toContain(`base_url="${origin}/v1"`);
    expect(await page.getByTestId("auth-headers").textContent()).toContain("x-api-key: sv_…");
    expect(await page.getByTestId("sample-own-speech").textContent()).toContain("Idempotency-Key:");
    expect(await page.getByTestId("error-shape").textContent()).toContain('"param"');
    await screenshot(page, "desktop-api-docs");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("names the OpenAI voices from the voice list and lists every voice, models and formats", async () => {
    const { context, page } = await openPage(browser());
    await page.goto("/en/docs/api");
    await waitForLocale(page, "en");
    const voices = page.getByTestId("voice-table");
    await voices.waitFor();
    const rows = await tableRows(page, "voice-table");
    expect(rows.length).toBeGreaterThanOrEqual(38);
    expect(rows).toContainEqual(["gemini-kore", "Kore", "Multilingual", "Female"]);
    expect(rows).toContainEqual(["orpheus-tara", "Tara", "English", "Female"]);
    const map = await tableRows(page, "voice-map-table");
    expect(map).toContainEqual(["alloy", "Schedar", "gemini-schedar"]);
    expect(map.filter((row) => row[1] === "…")).toEqual([]);
    const models = await page
      .getByTestId("model-table")
      .locator("tbody tr")
      .evaluateAll((rows) => (rows as HTMLTableRowElement[]).map((row) => [row.cells[0]?.textContent, [...(row.cells[1]?.querySelectorAll("code") ?? [])].map((code) => code.textContent)]));
    expect(models).toEqual([
      ["standard", ["tts-1", "sexyvoice-standard"]],
      ["hd", ["tts-1-hd", "gpt-4o-mini-tts", "gpt-4o-mini-tts-2025-12-15", "sexyvoice-hd"]],
    ]);
    expect((await tableRows(page, "format-table")).map((row) => row[0])).toEqual(["mp3", "wav", "pcm"]);
    await context.close();
  });

  it("links to an OpenAPI document that the server serves", async () => {
    const { context, page } = await openPage(browser());
    await page.goto("/en/docs/api");
    const href = await page.getByTestId("openapi-link").getAttribute("href");
    expect(href).toBe("/api/v1/openapi.json");
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { openapi?: string }).openapi).toMatch(/^3\.1/);
    await context.close();
  });

  it("fits a phone: the page does not scroll sideways, the code boxes do", async () => {
    const { context, page, errors } = await openPage(browser(), { viewport: PHONE });
    await page.goto("/en/docs/api");
    await waitForLocale(page, "en");
    await page.getByTestId("voice-table").waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const pre = page.getByTestId("sample-javascript").locator("pre");
    const box = await pre.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth, overflow: getComputedStyle(element).overflowX }));
    expect(box.overflow).toBe("auto");
    expect(box.scroll).toBeGreaterThan(box.client);
    await screenshot(page, "phone-api-docs");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("is translated, and the code stays code", async () => {
    const { context, page } = await openPage(browser(), { locale: "de-DE" });
    await page.goto("/de/docs/api");
    await waitForLocale(page, "de");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("API-Dokumentation");
    expect(await page.getByRole("heading", { name: "Authentifizierung" }).count()).toBe(1);
    expect(await page.getByTestId("sample-curl").locator("code").textContent()).toContain(`curl ${baseUrl()}/v1/audio/speech`);
    await page.getByTestId("voice-table").waitFor();
    expect(await tableRows(page, "voice-table")).toContainEqual(["gemini-kore", "Kore", "Mehrsprachig", "Weiblich"]);
    await screenshot(page, "desktop-api-docs-de");
    await context.close();
  });
});
