/** Languages: `/` follows the browser's language, and the switcher changes text and URL. */
import { describe, expect, it } from "vitest";
import { browserForFile, openPage, waitForLocale } from "./helpers.mts";

const browser = browserForFile();

describe("locale routing", () => {
  it("sends / to the browser's language", async () => {
    const { context, page } = await openPage(browser(), { locale: "de-DE" });
    await page.goto("/");
    await page.waitForURL("**/de/");
    await waitForLocale(page, "de");
    expect(await page.locator("html").getAttribute("lang")).toBe("de");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Gib deinen Worten eine Stimme, der man gern zuhört");
    await context.close();
  });

  it("puts a path without a locale under the visitor's language", async () => {
    const { context, page } = await openPage(browser(), { locale: "it-IT" });
    await page.goto("/sign-in");
    await page.waitForURL("**/it/sign-in");
    await waitForLocale(page, "it");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Accedi a SexyVoice");
    await context.close();
  });

  it("switches the landing page's language: visible text, URL and <html lang> change", async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto("/en/");
    await waitForLocale(page, "en");
    const heading = page.getByRole("heading", { level: 1 });
    expect(await heading.textContent()).toBe("Give your words a voice people want to hear");
    await page.getByTestId("language-switcher").first().selectOption("fr");
    await page.waitForURL("**/fr/");
    await waitForLocale(page, "fr");
    await expect.poll(() => heading.textContent()).toBe("Donnez à vos mots une voix qu'on a envie d'écouter");
    expect(await page.getByRole("link", { name: "Se connecter", exact: true }).count()).toBe(1);
    // The choice is remembered: / now opens French even though the browser says English.
    await page.goto("/");
    await page.waitForURL("**/fr/");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("switches a dashboard page's language and keeps the page", async () => {
    const { context, page } = await openPage(browser(), { signedInAs: "e2e-locale@example.com" });
    await page.goto("/en/dashboard/history");
    await waitForLocale(page, "en");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("History");
    await page.getByTestId("language-switcher").first().selectOption("da");
    await page.waitForURL("**/da/dashboard/history");
    await waitForLocale(page, "da");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Historik");
    expect(await page.getByRole("link", { name: "Generér" }).count()).toBeGreaterThan(0);
    await context.close();
  });
});
