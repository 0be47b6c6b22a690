/**
 * The Call page in Chromium. Local mode (the shared product has no LiveKit settings): presets,
 * call voices with samples and prices show, and Connect is disabled with the settings to set.
 * With LiveKit configured (a second product started here, its LIVEKIT_URL pointing at a port
 * nobody listens on): the options, the chosen voice and preset go out in the token request, the
 * failed connection ends in a clear error rather than a hang, and a balance drained below 1,000
 * credits behind the page's back is a 402 with the way to Credits. Screenshots on desktop and phone.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startProduct, type LocalProduct } from "../../scripts/local-server.mjs";
import { DESKTOP, PHONE, baseUrl, browserForFile, creditBalance, horizontalOverflow, screenshot, waitForLocale, watchPageErrors } from "./helpers.mts";

const browser = browserForFile();

/** A context on `base`, signed in as `email` through that product's local sign-in. */
async function signedInPage(
  chromium: Browser,
  base: string,
  email: string,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[]; accessToken: string }> {
  const response = await fetch(`${base}/api/auth/local`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
  expect(response.status).toBe(200);
  const session = (await response.json()) as { accessToken: string; expiresAt: number; user: { email: string } };
  const context = await chromium.newContext({ viewport: options.viewport ?? DESKTOP, locale: options.locale ?? "en-US", baseURL: base, deviceScaleFactor: 1 });
  const stored = JSON.stringify({ accessToken: session.accessToken, expiresAt: session.expiresAt, email: session.user.email });
  await context.addInitScript((value: string) => window.localStorage.setItem("sexyvoice.session", value), stored);
  const page = await context.newPage();
  return { context, page, errors: watchPageErrors(page), accessToken: session.accessToken };
}

async function openCallPage(page: Page, locale = "en"): Promise<void> {
  await page.goto(`/${locale}/dashboard/call`);
  await waitForLocale(page, locale);
  await page.getByTestId("call-connect").waitFor();
  await page.getByTestId("call-preset").first().waitFor();
  await page.getByTestId("call-voices").getByRole("radio").first().waitFor({ state: "attached" });
}

/** Everything before connecting that both modes show. */
async function expectOptionsShown(page: Page): Promise<void> {
  expect(await page.getByTestId("call-preset").count()).toBeGreaterThanOrEqual(1);
  const voices = page.getByRole("radiogroup", { name: "Choose a voice" }).getByRole("radio");
  expect(await voices.count()).toBe(8);
  await expect.poll(() => page.getByRole("button", { name: /^Play a sample of / }).count()).toBe(8);
  expect(await page.getByTestId("call-price").textContent()).toBe("1,000 credits per minute, billed per 30 seconds");
  await expect.poll(() => page.getByTestId("call-covers").textContent()).toBe("Your balance of 10,000 credits covers about 10 minutes.");
  expect(await page.getByTestId("call-free-allowance").textContent()).toContain("5 minutes of calls in total");
  // A free user's paid settings are locked, with the note that a purchase brings them.
  const paidSettings = page.getByTestId("call-paid-settings");
  for (const control of [paidSettings.getByRole("textbox"), paidSettings.getByRole("combobox"), paidSettings.getByRole("slider"), paidSettings.getByRole("spinbutton")]) expect(await control.isDisabled()).toBe(true);
  expect(await page.getByTestId("call-paid-note").textContent()).toContain("come with a purchase");
}

describe("local mode: no LiveKit", () => {
  it("shows presets, call voices with samples and prices, and disables Connect with the settings to set", async () => {
    const { context, page, errors } = await signedInPage(browser(), baseUrl(), "e2e-call-local@example.com");
    await page.goto("/en/dashboard/generate");
    await waitForLocale(page, "en");
    await page.getByRole("navigation", { name: "Dashboard" }).and(page.locator(":visible")).getByRole("link", { name: "Call" }).click();
    await page.waitForURL("**/en/dashboard/call");
    await openCallPage(page);
    await expectOptionsShown(page);

    const connect = page.getByTestId("call-connect");
    expect(await connect.isDisabled()).toBe(true);
    const reason = await page.getByTestId("call-unavailable").textContent();
    expect(reason).toBe("Calls are not set up on this server: set LIVEKIT_URL, LIVEKIT_API_KEY, and LIVEKIT_API_SECRET.");

    // A voice's sample is fetched and played from the public sample route.
    const sample = page.waitForResponse((response) => /\/api\/voices\/call-[a-z]+\/sample$/.test(new URL(response.url()).pathname));
    await page.getByRole("button", { name: "Play a sample of Ash" }).click();
    const answer = await sample;
    expect([200, 206]).toContain(answer.status());
    expect(answer.headers()["content-type"]).toMatch(/^audio\//);
    await page.getByRole("button", { name: "Stop the sample of Ash" }).waitFor();

    await screenshot(page, "desktop-call-local");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("fits a phone, in English and in Danish", async () => {
    for (const locale of ["en", "da"]) {
      const { context, page, errors } = await signedInPage(browser(), baseUrl(), "e2e-call-local@example.com", { viewport: PHONE });
      await openCallPage(page, locale);
      if (locale === "da") {
        expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Ring til en figur");
        expect(await page.getByTestId("call-price").textContent()).toMatch(/^1\.000 kreditter pr\. minut/);
      }
      await screenshot(page, `phone-call-local-${locale}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe("with a configured LiveKit", () => {
  let product: LocalProduct;
  let livekitUrl: string;

  beforeAll(async () => {
    // A port that was free a moment ago and that nothing here listens on: every connection is refused.
    livekitUrl = `ws://127.0.0.1:${await freePort()}`;
    product = await startProduct({
      stateDir: "test-artifacts/e2e-call-state",
      logFile: "test-artifacts/e2e-call-wrangler.log",
      vars: { LIVEKIT_URL: livekitUrl, LIVEKIT_API_KEY: "devkey", LIVEKIT_API_SECRET: "e2e-livekit-secret-of-at-least-32-characters" },
    });
  }, 180_000);

  afterAll(async () => {
    await product?.stop();
  });

  it("sends the chosen voice and preset in the token request, and says clearly when the connection fails", async () => {
    const options = (await (await fetch(`${product.url}/api/call-options`)).json()) as { available: boolean; presets: Array<{ id: string; name: string }> };
    expect(options.available).toBe(true);
    const { context, page, errors, accessToken } = await signedInPage(browser(), product.url, "e2e-call-connect@example.com");
    await openCallPage(page);
    await expectOptionsShown(page);
    expect(await page.getByTestId("call-unavailable").count()).toBe(0);

    const lastPreset = options.presets.at(-1)!;
    await page.getByTestId("call-preset").filter({ hasText: lastPreset.name }).click();
    await page.getByRole("radiogroup", { name: "Choose a voice" }).getByText("Coral", { exact: true }).click();
    expect(await page.getByTestId("call-voices").getByRole("radio", { name: /Coral/ }).isChecked()).toBe(true);
    const connect = page.getByTestId("call-connect");
    expect(await connect.isEnabled()).toBe(true);

    const tokenRequest = page.waitForRequest((request) => request.url().endsWith("/api/call-token") && request.method() === "POST");
    const tokenResponse = page.waitForResponse((response) => response.url().endsWith("/api/call-token"));
    const startedAt = Date.now();
    await connect.click();
    expect((await tokenRequest).postDataJSON()).toEqual({ voice: "call-coral", presetId: lastPreset.id, language: "en" });
    const answer = await tokenResponse;
    expect(answer.status()).toBe(200);
    const call = (await answer.json()) as { url: string; sessionId: string; roomName: string; maxDurationSeconds: number };
    expect(call.url).toBe(livekitUrl);
    expect(call.roomName).toBe(`call-${call.sessionId}`);
    expect(call.maxDurationSeconds).toBe(300);

    // Nothing listens at LIVEKIT_URL: a clear error within the page's connect timeout, not a hang.
    const alert = page.getByRole("alert").filter({ hasText: "Could not connect to the call server" });
    await alert.waitFor({ timeout: 30_000 });
    expect(Date.now() - startedAt).toBeLessThan(30_000);
    expect(await alert.textContent()).toContain("Nothing was charged");
    expect(await connect.isEnabled()).toBe(true);
    expect(await creditBalance(page)).toBe("10,000");
    await screenshot(page, "desktop-call-connect-failed");

    // The server still has the session, unjoined and unbilled.
    const session = await fetch(`${product.url}/api/calls/${call.sessionId}`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ sessionId: call.sessionId, creditsUsed: 0 });
    expect(errors.filter((error) => !/could not start|connect to server|WebSocket|websocket|signal|livekit/i.test(error))).toEqual([]);
    await context.close();
  }, 90_000);

  it("while joining shows the call panel, and End then goes back to the start", async () => {
    const { context, page, errors } = await signedInPage(browser(), product.url, "e2e-call-joining@example.com", { viewport: PHONE });
    // The signal connection opens but the server never answers: the page stays in "connecting".
    await page.routeWebSocket(
      (url) => url.href.startsWith(livekitUrl),
      () => undefined,
    );
    await openCallPage(page);
    await page.getByTestId("call-connect").click();
    const status = page.getByTestId("call-status");
    await status.waitFor();
    expect(await status.getAttribute("data-state")).toBe("connecting");
    expect(await page.getByTestId("call-timer").textContent()).toBe("0:00");
    // A free user with 10,000 credits: the allowance's 5 minutes are the limit.
    expect(await page.getByTestId("call-remaining").textContent()).toBe("5:00");
    expect(await page.getByTestId("call-mute").isDisabled()).toBe(true);
    // The choices are locked while a call is being set up.
    expect(await page.getByTestId("call-voices").getByRole("radio").first().isDisabled()).toBe(true);
    await screenshot(page, "phone-call-connecting");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByTestId("call-hang-up").click();
    await page.getByTestId("call-connect").waitFor();
    expect(await page.getByTestId("call-live").count()).toBe(0);
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(errors.filter((error) => !/could not start|connect to server|WebSocket|websocket|signal|livekit|abort/i.test(error))).toEqual([]);
    await context.close();
  }, 90_000);

  it("a balance drained below 1,000 credits is a 402 with the way to Credits", async () => {
    const email = "e2e-call-poor@example.com";
    const { context, page, accessToken } = await signedInPage(browser(), product.url, email, { viewport: PHONE });
    await openCallPage(page);
    expect(await creditBalance(page)).toBe("10,000");

    // Spend 9,120 credits behind the page's back: Orpheus voices cost 24 credits a word
    // (250 one-letter words = 6,000, then 130 = 3,120), leaving 880.
    for (const [letter, words] of [
      ["a", 250],
      ["b", 130],
    ] as const) {
      const response = await fetch(`${product.url}/api/generate-voice`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ text: Array(words).fill(letter).join(" "), voice: "orpheus-tara", locale: "en" }),
      });
      expect(response.status).toBe(200);
    }
    const me = (await (await fetch(`${product.url}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { credits: number };
    expect(me.credits).toBe(880);

    const tokenResponse = page.waitForResponse((response) => response.url().endsWith("/api/call-token"));
    await page.getByTestId("call-connect").click();
    expect((await tokenResponse).status()).toBe(402);
    const alert = page.getByRole("alert").filter({ hasText: "You don't have enough credits to start a call" });
    await alert.waitFor();
    expect(await alert.getByTestId("buy-credits-link").getAttribute("href")).toBe("/en/dashboard/credits#buy");
    // The balance is refreshed, and Connect now says why it is off.
    await expect.poll(() => creditBalance(page)).toBe("880");
    expect(await page.getByTestId("call-covers").textContent()).toBe("Your balance does not cover a minute of calling.");
    await screenshot(page, "phone-call-402");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByTestId("buy-credits-link").click();
    await page.waitForURL("**/en/dashboard/credits#buy");
    await context.close();
  }, 90_000);
});
