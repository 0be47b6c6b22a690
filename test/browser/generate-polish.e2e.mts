/**
 * Generate page polish (issue 15, items 1, 2, 5 and 8), checked by script: the Generate button
 * stays inside its card and the page never scrolls sideways at phone, tablet and desktop widths in
 * all six languages, and at 1280×800 the button and the result stay in view while typing; the
 * draft and the last result survive other pages and reloads, per user, and an expired audio link
 * is renewed; a balance below the estimate disables the button with a way to buy; errors keep
 * the focus and show a request id only when they are unexpected; skeletons while loading.
 */
import type { Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { audioDuration, browserForFile, creditBalance, openPage, screenshot, signInThroughForm, waitForLocale } from "./helpers.mts";

const browser = browserForFile();

const LOCALES = ["en", "de", "fr", "es", "it", "da"] as const;
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
];

async function openGenerate(page: Page, locale: string): Promise<void> {
  await page.goto(`/${locale}/dashboard/generate`);
  await waitForLocale(page, locale);
  await page.getByRole("radio").first().waitFor({ state: "attached" });
  await page.getByTestId("submit").waitFor();
}

/** How far the Generate button reaches out of its card (px, 0 when inside), and the page's sideways scroll. */
function measureSubmit(page: Page) {
  return page.getByTestId("submit").evaluate((button) => {
    const card = button.closest("section");
    if (card === null) throw new Error("the button is not in a card");
    const inner = button.getBoundingClientRect();
    const outer = card.getBoundingClientRect();
    return {
      outside: Math.max(0, outer.left - inner.left, inner.right - outer.right, outer.top - inner.top, inner.bottom - outer.bottom),
      sideways: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
}

function inViewport(page: Page, testId: string) {
  return page.getByTestId(testId).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  });
}

describe("layout: the action stays in its card and in view", () => {
  for (const locale of LOCALES) {
    it(`keeps the Generate button inside its card with no sideways scroll at 390, 768, 1024 and 1280 px (${locale})`, async () => {
      const { context, page, errors } = await openPage(browser(), { signedInAs: `e2e-polish-layout-${locale}@example.com`, viewport: VIEWPORTS[3] });
      await openGenerate(page, locale);
      await page.getByTestId("speech-text").fill("Ein etwas längerer Satz, damit die Schätzung und der Kontostand erscheinen.");
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await expect.poll(() => measureSubmit(page), { timeout: 5_000 }).toEqual({ outside: 0, sideways: 0 });
        if (locale === "en" || locale === "de") await screenshot(page, `generate-polish-${locale}-${viewport.width}`);
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("at 1280×800 keeps the Generate button and the result in view while the text box is focused", async () => {
    const { context, page } = await openPage(browser(), { signedInAs: "e2e-polish-fold@example.com", viewport: { width: 1280, height: 800 } });
    await openGenerate(page, "en");
    const box = page.getByTestId("speech-text");
    await box.click();
    await page.keyboard.type("Typing a sentence while the action stays in view.");
    expect(await box.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await inViewport(page, "submit")).toBe(true);
    expect(await inViewport(page, "result-area")).toBe(true);
    await page.screenshot({ path: "test-artifacts/screenshots/generate-polish-fold-1280x800.png" });
    await context.close();
  });
});

describe("the draft and the last result are kept per user", () => {
  it("keeps text, voice, style and the result across History, a reload and an expired link; another user sees none of it", async () => {
    const { context, page, errors } = await openPage(browser());
    const text = `Kept across pages, run ${Date.now()}.`;
    await signInThroughForm(page, "/en/sign-in", "e2e-polish-draft-a@example.com", "/en/dashboard/generate");
    await page.getByRole("radio").first().waitFor({ state: "attached" });
    await page.getByRole("radio", { name: /^Puck\b/ }).click();
    await page.getByTestId("speech-text").fill(text);
    await page.getByLabel(/Speaking style/).fill("calm and slow");
    await page.getByTestId("submit").click();
    await page.getByTestId("result-status").waitFor({ timeout: 30_000 });
    await expect.poll(() => audioDuration(page, "result-audio"), { timeout: 15_000 }).toBeGreaterThan(0);

    const expectRestored = async () => {
      await expect.poll(() => page.getByTestId("speech-text").inputValue(), { timeout: 10_000 }).toBe(text);
      expect(await page.getByTestId("selected-voice").textContent()).toContain("Puck");
      expect(await page.getByLabel(/Speaking style/).inputValue()).toBe("calm and slow");
      await page.getByTestId("result-status").waitFor();
      await expect.poll(() => audioDuration(page, "result-audio"), { timeout: 15_000 }).toBeGreaterThan(0);
    };

    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "History" }).last().click();
    await page.waitForURL("**/en/dashboard/history");
    await page.getByTestId("history-item").first().waitFor();
    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Generate" }).last().click();
    await page.waitForURL("**/en/dashboard/generate");
    await expectRestored();

    await page.reload();
    await expectRestored();
    await screenshot(page, "generate-polish-restored");

    // The stored link has expired: the page asks the history for a fresh one, and the audio plays.
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage).filter((name) => name.startsWith("sexyvoice.generate."))) {
        const value = JSON.parse(localStorage.getItem(key) ?? "{}");
        value.result.result.url = String(value.result.result.url).replace(/exp=\d+/, "exp=1000");
        localStorage.setItem(key, JSON.stringify(value));
      }
    });
    const historyAsked = page.waitForRequest((request) => request.url().includes("/api/history"));
    await page.reload();
    await historyAsked;
    await expectRestored();
    expect(await page.getByTestId("result-audio").getAttribute("src")).not.toBeNull();

    // Another user on the same browser starts empty.
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => !url.pathname.includes("/dashboard"));
    await signInThroughForm(page, "/en/sign-in", "e2e-polish-draft-b@example.com", "/en/dashboard/generate");
    await page.getByTestId("speech-text").waitFor();
    await page.getByTestId("result-area").waitFor();
    expect(await page.getByTestId("speech-text").inputValue()).toBe("");
    expect(await page.getByTestId("result").count()).toBe(0);
    expect(await page.locator("body").textContent()).not.toContain(text);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000); // two sign-ins, a generation and four page loads: more than the suite's 60 s per test
});

/** Answers /api/me with the real profile but this balance. */
async function fakeBalance(page: Page, credits: number): Promise<void> {
  await page.route("**/api/me", async (route: Route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...body, credits } });
  });
}

/** Answers the generation with this API error. */
async function failGeneration(page: Page, status: number, code: string, headers: Record<string, string> = {}): Promise<void> {
  await page.unroute("**/api/generate-voice/stream");
  await page.route("**/api/generate-voice/stream", (route) =>
    route.fulfill({ status, headers, contentType: "application/json", body: JSON.stringify({ error: { code, message: "from the test" }, requestId: `req-${code}` }) }),
  );
}

describe("errors and a low balance", () => {
  it("disables Generate with a link to Credits when the estimate exceeds the balance", async () => {
    const { context, page } = await openPage(browser(), { signedInAs: "e2e-polish-low@example.com" });
    await fakeBalance(page, 5);
    await openGenerate(page, "en");
    await expect.poll(() => creditBalance(page)).toBe("5");
    await page.getByTestId("speech-text").fill("These words cost more credits than the five that are left.");
    await expect.poll(() => page.getByTestId("submit").isDisabled()).toBe(true);
    const link = page.getByTestId("not-enough").getByRole("link", { name: "Buy credits" });
    expect(await link.getAttribute("href")).toBe("/en/dashboard/credits#buy");
    expect(await page.getByTestId("submit").getAttribute("aria-describedby")).toContain(await page.getByTestId("not-enough").getAttribute("id"));
    await screenshot(page, "generate-polish-not-enough");
    await link.click();
    await page.waitForURL("**/en/dashboard/credits#buy");
    await context.close();
  });

  it("keeps the focus off <body> after an error, and shows a request id only for an unexpected one", async () => {
    const { context, page } = await openPage(browser(), { signedInAs: "e2e-polish-errors@example.com" });
    await openGenerate(page, "en");
    await page.getByTestId("speech-text").fill("An error will answer this.");
    const alert = page.getByRole("alert");
    const focusOnBody = () => page.evaluate(() => document.activeElement === null || document.activeElement === document.body);

    for (const [status, code, headers] of [
      [429, "rate_limited", { "retry-after": "30" }],
      [400, "validation_failed", {}],
      [402, "insufficient_credits", {}],
    ] as const) {
      await failGeneration(page, status, code, headers);
      await page.getByTestId("submit").click();
      await alert.waitFor();
      await expect.poll(focusOnBody).toBe(false);
      const shown = await alert.textContent();
      expect(shown, code).not.toContain(`req-${code}`);
      expect(shown, code).not.toContain("Reference");
      if (code === "insufficient_credits") {
        expect(await alert.getByRole("link", { name: "Buy credits" }).getAttribute("href")).toBe("/en/dashboard/credits#buy");
        await screenshot(page, "generate-polish-error-credits");
      }
      // The next attempt starts from the button, as a user would.
      await page.getByTestId("submit").focus();
    }

    await failGeneration(page, 500, "internal_error");
    await page.getByTestId("submit").click();
    await expect.poll(() => alert.textContent()).toContain("req-internal_error");
    await expect.poll(focusOnBody).toBe(false);
    await screenshot(page, "generate-polish-error-unexpected");
    await context.close();
  });
});

describe("loading", () => {
  it("shows skeletons, not a blank page or “— credits”, while the profile is slow", async () => {
    const { context, page } = await openPage(browser(), { signedInAs: "e2e-polish-slow@example.com" });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/api/me", async (route) => {
      await held;
      await route.continue().catch(() => undefined);
    });
    await page.goto("/en/dashboard/generate");
    await waitForLocale(page, "en");
    const balance = page.getByTestId("balance-skeleton");
    await balance.waitFor();
    const form = page.getByTestId("generate-skeleton");
    await form.waitFor();
    expect(await form.getAttribute("aria-busy")).toBe("true");
    expect(await form.textContent()).toContain("Loading…");
    expect(await page.locator("body").textContent()).not.toMatch(/—\s*credits/);
    await screenshot(page, "generate-polish-skeleton");
    release();
    await expect.poll(() => creditBalance(page), { timeout: 10_000 }).toBe("10,000");
    await page.getByTestId("speech-text").waitFor();
    expect(await page.getByTestId("generate-skeleton").count()).toBe(0);
    await context.close();
  });
});
