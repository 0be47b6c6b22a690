/**
 * Layout and accessibility in a real browser: no horizontal scrolling on a 390 × 844 phone (and
 * 360 px), every control labelled, visible keyboard focus, no layout shift when a result
 * arrives. Saves a screenshot of every page on phone and desktop for review.
 */
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, PHONE, browserForFile, createSession, creditBalance, generateViaApi, horizontalOverflow, newContext, openPage, screenshot, useSession, waitForLocale, watchPageErrors } from "./helpers.mts";

const EMAIL = "e2e-layout@example.com";

const PAGES: Array<{ name: string; path: string; ready: (page: Page) => Promise<unknown>; signedIn: boolean }> = [
  {
    name: "landing",
    path: "/en/",
    signedIn: false,
    ready: (page) =>
      page
        .getByRole("button", { name: /Play a sample of/ })
        .first()
        .waitFor(),
  },
  { name: "sign-in", path: "/en/sign-in", signedIn: false, ready: (page) => page.getByLabel("Email address").waitFor() },
  { name: "generate", path: "/en/dashboard/generate", signedIn: true, ready: (page) => page.getByRole("radio").first().waitFor({ state: "attached" }) },
  { name: "clone", path: "/en/dashboard/clone", signedIn: true, ready: (page) => page.getByTestId("drop-zone").waitFor() },
  { name: "call", path: "/en/dashboard/call", signedIn: true, ready: (page) => page.getByTestId("call-voices").getByRole("radio").first().waitFor({ state: "attached" }) },
  { name: "history", path: "/en/dashboard/history", signedIn: true, ready: (page) => page.getByTestId("history-item").first().waitFor() },
  { name: "usage", path: "/en/dashboard/usage", signedIn: true, ready: (page) => page.getByTestId("usage-chart").locator("canvas").waitFor() },
  { name: "credits", path: "/en/dashboard/credits", signedIn: true, ready: (page) => page.getByTestId("transaction").first().waitFor() },
  { name: "profile", path: "/en/dashboard/profile", signedIn: true, ready: (page) => page.getByTestId("profile-email").waitFor() },
  { name: "api-keys", path: "/en/dashboard/api-keys", signedIn: true, ready: (page) => page.getByTestId("keys-usage").waitFor() },
  { name: "api-docs", path: "/en/docs/api", signedIn: false, ready: (page) => page.getByTestId("voice-table").waitFor() },
  { name: "not-found", path: "/en/no-such-page", signedIn: false, ready: (page) => page.getByRole("heading", { name: "Page not found" }).waitFor() },
];

const browser = browserForFile();
let session: string;

beforeAll(async () => {
  await generateViaApi(EMAIL, "orpheus-tara", ["A short sentence for the history page screenshot."]);
  session = await createSession(EMAIL);
});

async function contexts(viewport: { width: number; height: number }): Promise<{ signedOut: BrowserContext; signedIn: BrowserContext }> {
  const signedOut = await newContext(browser(), { viewport });
  const signedIn = await newContext(browser(), { viewport });
  await useSession(signedIn, session);
  return { signedOut, signedIn };
}

for (const [device, viewport] of [
  ["phone", PHONE],
  ["narrow", { width: 360, height: 740 }],
  ["desktop", DESKTOP],
] as const) {
  describe(`${device} ${viewport.width}×${viewport.height}`, () => {
    for (const target of PAGES) {
      it(`${target.name}: renders without horizontal scrolling or page errors`, async () => {
        const { signedOut, signedIn } = await contexts(viewport);
        const page = await (target.signedIn ? signedIn : signedOut).newPage();
        const errors = watchPageErrors(page);
        await page.goto(target.path);
        await waitForLocale(page, "en");
        await target.ready(page);
        await page.evaluate(() => document.fonts.ready);
        await screenshot(page, `${device}-${target.name}`);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        expect(errors).toEqual([]);
        await signedOut.close();
        await signedIn.close();
      });
    }
  });
}

describe("every language fits a phone", () => {
  for (const locale of ["es", "de", "da", "it", "fr"]) {
    it(`${locale}: landing, Generate and Clone have no horizontal scrolling`, async () => {
      const { signedOut, signedIn } = await contexts(PHONE);
      for (const [context, path, name] of [
        [signedOut, `/${locale}/`, "landing"],
        [signedIn, `/${locale}/dashboard/generate`, "generate"],
        [signedIn, `/${locale}/dashboard/clone`, "clone"],
      ] as const) {
        const page = await context.newPage();
        await page.goto(path);
        await waitForLocale(page, locale);
        await page.getByRole("button", { name: /./ }).first().waitFor();
        if (name === "generate") await page.getByRole("radio").first().waitFor({ state: "attached" });
        if (name === "clone") await page.getByTestId("drop-zone").waitFor();
        await screenshot(page, `phone-${name}-${locale}`);
        expect(await horizontalOverflow(page), `${locale} ${name}`).toBeLessThanOrEqual(0);
      }
      await signedOut.close();
      await signedIn.close();
    });
  }
});

describe("phone details", () => {
  it("opens the account menu inside the screen, with the language switcher", async () => {
    const { signedOut, signedIn } = await contexts(PHONE);
    const page = await signedIn.newPage();
    await page.goto("/en/dashboard/generate");
    await page.getByRole("button", { name: "Account menu" }).click();
    const menu = page.getByText("Signed in as").locator("xpath=../..");
    const box = await menu.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.getByTestId("language-switcher").and(page.locator(":visible")).count()).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "phone-account-menu");
    await signedOut.close();
    await signedIn.close();
  });

  it("shows a generated result on the phone without horizontal scrolling", async () => {
    const { signedOut, signedIn } = await contexts(PHONE);
    const page = await signedIn.newPage();
    await page.goto("/en/dashboard/generate");
    await page.getByLabel("Text", { exact: true }).fill("Phones deserve good audio too.");
    await page.getByRole("button", { name: "Generate speech" }).click();
    await page.getByTestId("result-status").waitFor({ timeout: 30_000 });
    await page.getByRole("slider", { name: "Playback position" }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "phone-generate-result");
    await signedOut.close();
    await signedIn.close();
  });
});

describe("accessibility basics", () => {
  it("labels every form control and names every button and link on each dashboard page", async () => {
    const { signedOut, signedIn } = await contexts(DESKTOP);
    const page = await signedIn.newPage();
    for (const target of PAGES.filter((entry) => entry.signedIn)) {
      await page.goto(target.path);
      await target.ready(page);
      const unnamed = await page.evaluate(() => {
        const problems: string[] = [];
        for (const element of document.querySelectorAll<HTMLElement>("input, select, textarea, button, a[href], [role=slider]")) {
          const labelled = element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement ? element.labels !== null && element.labels.length > 0 : false;
          const named = labelled || (element.getAttribute("aria-label") ?? "").trim() !== "" || element.getAttribute("aria-labelledby") !== null || (element.textContent ?? "").trim() !== "";
          if (!named) problems.push(element.outerHTML.slice(0, 120));
        }
        return problems;
      });
      expect(unnamed, target.name).toEqual([]);
    }
    await signedOut.close();
    await signedIn.close();
  });

  it("reaches the sign-in form by keyboard with a visible focus ring", async () => {
    const { context, page } = await openPage(browser());
    await page.goto("/en/sign-in");
    await page.getByLabel("Email address").waitFor();
    let focused = "";
    for (let step = 0; step < 10 && focused !== "email"; step += 1) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type ?? "");
    }
    expect(focused).toBe("email");
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe("none");
    expect(outline.width).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it("reaches every control of the Clone page by keyboard, with a visible focus ring on the drop zone", async () => {
    const { signedOut, signedIn } = await contexts(DESKTOP);
    const page = await signedIn.newPage();
    await page.goto("/en/dashboard/clone");
    await page.getByTestId("drop-zone").waitFor();
    const reached = new Set<string>();
    let zoneOutline = "";
    for (let step = 0; step < 40 && reached.size < 6; step += 1) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (element === null) return { key: "", outline: "" };
        const key = element instanceof HTMLInputElement ? `input:${element.type}` : element.tagName === "BUTTON" ? `button:${element.textContent?.trim()}` : element.tagName.toLowerCase();
        const zone = document.querySelector("[data-testid=drop-zone]");
        const outline = element instanceof HTMLInputElement && element.type === "file" && zone !== null ? getComputedStyle(zone).outlineStyle : "";
        return { key, outline };
      });
      if (focused.outline !== "") zoneOutline = focused.outline;
      for (const wanted of ["input:file", "button:Record with microphone", "select", "textarea", "input:checkbox"]) if (focused.key === wanted) reached.add(wanted);
      if (focused.key === "input:checkbox") {
        await page.keyboard.press("Space");
        reached.add("consent ticked");
      }
    }
    expect([...reached].sort()).toEqual(["button:Record with microphone", "consent ticked", "input:checkbox", "input:file", "select", "textarea"]);
    expect(zoneOutline).toBe("solid");
    expect(await page.getByRole("checkbox").isChecked()).toBe(true);
    await signedOut.close();
    await signedIn.close();
  });

  it("keeps the Generate page still when the result arrives (no layout shift)", async () => {
    const { signedOut, signedIn } = await contexts(DESKTOP);
    const page = await signedIn.newPage();
    await page.goto("/en/dashboard/generate");
    await page.getByRole("radio").first().waitFor({ state: "attached" });
    await page.getByLabel("Text", { exact: true }).fill("Nothing on the page should jump when this arrives.");
    // The balance line under the estimate appears when the balance loads: wait for it, that is not the result's doing.
    await expect.poll(() => creditBalance(page)).not.toBe("—");
    // Positions in page coordinates: the page may scroll to the result, which is not a shift.
    const measure = () =>
      page.evaluate(() => {
        const heading = [...document.querySelectorAll("h2")].find((element) => element.textContent?.includes("Your audio"));
        const card = heading?.parentElement?.getBoundingClientRect();
        const button = [...document.querySelectorAll("button")].find((element) => element.textContent?.includes("Generate speech"))?.getBoundingClientRect();
        return { cardTop: (card?.top ?? 0) + window.scrollY, cardHeight: card?.height ?? 0, buttonTop: (button?.top ?? 0) + window.scrollY };
      });
    const before = await measure();
    await page.getByRole("button", { name: "Generate speech" }).click();
    await page.getByRole("slider", { name: "Playback position" }).waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector("[role=slider]")?.getAttribute("aria-disabled") === "false");
    expect(before.cardHeight).toBeGreaterThan(0);
    expect(await measure()).toEqual(before);
    await signedOut.close();
    await signedIn.close();
  });
});
