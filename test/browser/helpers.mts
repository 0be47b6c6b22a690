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

/** Collects uncaught page errors and console errors or warnings (React reports through these). */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if ((message.type() === "error" || message.type() === "warning") && !/Failed to load resource/.test(message.text())) errors.push(`${message.type()}: ${message.text()}`);
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Full-page captures of a scrolled page stitch sticky headers into the middle.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true, animations: "disabled" });
}

/** Signs in through the local email form on the current sign-in page. */
export async function signInWithEmail(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

/** A local sign-in session, serialised the way the SPA stores it. */
export async function createSession(email: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/auth/local`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
  expect(response.status).toBe(200);
  const session = (await response.json()) as { accessToken: string; expiresAt: number; user: { email: string } };
  return JSON.stringify({ accessToken: session.accessToken, expiresAt: session.expiresAt, email: session.user.email });
}

/** Every page of the context starts signed in with this session. */
export async function useSession(context: BrowserContext, session: string): Promise<void> {
  await context.addInitScript((value: string) => window.localStorage.setItem("sexyvoice.session", value), session);
}

/** Signs in without the UI. */
export async function signInViaApi(context: BrowserContext, email: string): Promise<void> {
  await useSession(context, await createSession(email));
}

/** Waits until the page's translations are loaded (the SPA marks <html> when they are). */
export async function waitForLocale(page: Page, locale: string): Promise<void> {
  await page.waitForFunction((code) => document.documentElement.dataset.i18nReady === code, locale);
}

export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
}
