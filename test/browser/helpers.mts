/** Shared helpers for the browser suite: Chromium, sign-in, screenshots, layout checks. */
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = "test-artifacts/screenshots";

export function baseUrl(): string {
  return inject("baseUrl");
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
  });
}

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

export async function newContext(browser: Browser, options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: options.locale ?? "en-US", baseURL: baseUrl(), deviceScaleFactor: 1 });
}

/** Fails the test on any uncaught error in the page (React errors included). */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !/Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true, animations: "disabled" });
}

/** Signs in through the local email form on the current sign-in page. */
export async function signInWithEmail(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

/** Signs in without the UI: a local token stored where the SPA keeps its session. */
export async function signInViaApi(context: BrowserContext, email: string): Promise<void> {
  const response = await fetch(`${baseUrl()}/api/auth/local`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
  expect(response.status).toBe(200);
  const session = (await response.json()) as { accessToken: string; expiresAt: number; user: { email: string } };
  const stored = JSON.stringify({ accessToken: session.accessToken, expiresAt: session.expiresAt, email: session.user.email });
  await context.addInitScript((value: string) => window.localStorage.setItem("sexyvoice.session", value), stored);
}

/** Waits until the page's translations are loaded (the SPA marks <html> when they are). */
export async function waitForLocale(page: Page, locale: string): Promise<void> {
  await page.waitForFunction((code) => document.documentElement.dataset.i18nReady === code, locale);
}

export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
}
