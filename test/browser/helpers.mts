/**
 * Shared helpers for the browser suite: Chromium (one per test file), contexts and pages (signed in
 * or not, with their errors collected), sign-in through the form or the API, speech made through
 * the API, screenshots, a speech-like WAV to upload, and what the tests read from a page (balance,
 * audio length, overflow).
 */
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = "test-artifacts/screenshots";

export function baseUrl(): string {
  return inject("baseUrl");
}

/** Chromium as the suite runs it; `extraArgs` adds switches (e.g. a fake microphone). */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--autoplay-policy=no-user-gesture-required",
      ...extraArgs,
    ],
  });
}

/**
 * One Chromium for the whole test file: launched before its first test and closed after its last.
 * Call at the top level of the file; the returned function gives the browser inside tests and hooks.
 */
export function browserForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error("The browser is launched in beforeAll; use it inside tests and hooks.");
    return browser;
  };
}

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

export async function newContext(browser: Browser, options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: options.locale ?? "en-US", baseURL: baseUrl(), deviceScaleFactor: 1 });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors or warnings, as watchPageErrors collects them. */
  errors: string[];
}

/** A new context with one page, signed in as `signedInAs` (through the API) when given. */
export async function openPage(browser: Browser, options: { viewport?: { width: number; height: number }; locale?: string; signedInAs?: string } = {}): Promise<OpenedPage> {
  const context = await newContext(browser, options);
  if (options.signedInAs !== undefined) await signInViaApi(context, options.signedInAs);
  const page = await context.newPage();
  return { context, page, errors: watchPageErrors(page) };
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

/**
 * Opens `path` signed out, signs in with the email form of the sign-in page it is or leads to, and
 * waits for `landing` (a path, e.g. "/en/dashboard/generate").
 */
export async function signInThroughForm(page: Page, path: string, email: string, landing: string): Promise<void> {
  await page.goto(path);
  await page.waitForURL("**/sign-in**");
  await waitForLocale(page, path.split("/")[1] ?? "en");
  await signInWithEmail(page, email);
  await page.waitForURL(`**${landing}`);
}

interface LocalSession {
  accessToken: string;
  expiresAt: number;
  user: { email: string };
}

async function localSignIn(email: string): Promise<LocalSession> {
  const response = await fetch(`${baseUrl()}/api/auth/local`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
  expect(response.status).toBe(200);
  return (await response.json()) as LocalSession;
}

/** A local sign-in session, serialised the way the SPA stores it. */
export async function createSession(email: string): Promise<string> {
  const session = await localSignIn(email);
  return JSON.stringify({ accessToken: session.accessToken, expiresAt: session.expiresAt, email: session.user.email });
}

/** Generates speech for each text through the API, as `email`, one after another (to fill a history). */
export async function generateViaApi(email: string, voice: string, texts: string[]): Promise<void> {
  const { accessToken } = await localSignIn(email);
  for (const text of texts) {
    const response = await fetch(`${baseUrl()}/api/generate-voice`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ text, voice, locale: "en" }),
    });
    expect(response.status).toBe(200);
  }
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

/** The balance in the header, as shown ("10,000"). */
export function creditBalance(page: Page): Promise<string | null> {
  return page.getByTestId("credit-balance").textContent();
}

/** The length in seconds of the <audio> with this test id (NaN until its metadata is loaded). */
export function audioDuration(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((element) => (element as HTMLAudioElement).duration);
}

export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
}

/**
 * A voiced-like test signal, 16-bit mono PCM WAV: a 150 Hz fundamental with decaying harmonics,
 * a little vibrato, and a syllable-rate envelope with short pauses, so it looks like speech to a
 * pitch tracker and plays as something other than a flat tone.
 */
export function voicedWav(seconds: number, sampleRate = 22_050): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const buffer = Buffer.alloc(44 + frames * 2);
  buffer.write("RIFF", 0, "ascii");
  buffer.writeUInt32LE(36 + frames * 2, 4);
  buffer.write("WAVE", 8, "ascii");
  buffer.write("fmt ", 12, "ascii");
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write("data", 36, "ascii");
  buffer.writeUInt32LE(frames * 2, 40);
  let phase = 0;
  for (let index = 0; index < frames; index += 1) {
    const time = index / sampleRate;
    const frequency = 150 * (1 + 0.03 * Math.sin(2 * Math.PI * 5 * time));
    phase += (2 * Math.PI * frequency) / sampleRate;
    let value = 0;
    for (let harmonic = 1; harmonic <= 8; harmonic += 1) value += Math.sin(harmonic * phase) / harmonic ** 1.2;
    const syllable = Math.max(0, Math.sin(2 * Math.PI * 3.2 * time)) ** 0.6;
    const pause = time % 2.5 > 2.2 ? 0 : 1;
    buffer.writeInt16LE(Math.round(0.3 * value * syllable * pause * 32767 * 0.6), 44 + index * 2);
  }
  return buffer;
}
