/**
 * The landing page's hero player plays Zephyr's real sample (the request is made, playback time
 * advances, the button stops it again), and the footer reaches the terms, privacy and imprint
 * pages in all six languages, each with its translated heading; the imprint shows the operator
 * details the product was started with (global-setup.mts), and the legal text is not part of the
 * landing page's JavaScript.
 */
import { describe, expect, it } from "vitest";
import { browserForFile, openPage, screenshot, waitForLocale } from "./helpers.mts";

const browser = browserForFile();

/** Per language: the footer's legal navigation label, each link's label and the page's heading. */
const LEGAL = {
  en: { nav: "Legal", terms: ["Terms", "Terms of Service"], privacy: ["Privacy", "Privacy Policy"], imprint: ["Imprint", "Imprint"] },
  de: { nav: "Rechtliches", terms: ["AGB", "Nutzungsbedingungen"], privacy: ["Datenschutz", "Datenschutzerklärung"], imprint: ["Impressum", "Impressum"] },
  fr: { nav: "Informations légales", terms: ["Conditions", "Conditions d'utilisation"], privacy: ["Confidentialité", "Politique de confidentialité"], imprint: ["Mentions légales", "Mentions légales"] },
  es: { nav: "Legal", terms: ["Términos", "Términos del servicio"], privacy: ["Privacidad", "Política de privacidad"], imprint: ["Aviso legal", "Aviso legal"] },
  it: { nav: "Informazioni legali", terms: ["Termini", "Termini di servizio"], privacy: ["Privacy", "Informativa sulla privacy"], imprint: ["Note legali", "Note legali"] },
  da: { nav: "Juridisk", terms: ["Vilkår", "Vilkår for brug"], privacy: ["Privatliv", "Privatlivspolitik"], imprint: ["Virksomhedsoplysninger", "Virksomhedsoplysninger"] },
} as const;

describe("the hero player", () => {
  it("plays Zephyr's sample: the sample is fetched, time advances, and the button stops it", async () => {
    const { context, page, errors } = await openPage(browser());
    const samples: number[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname === "/api/voices/gemini-zephyr/sample") samples.push(response.status());
    });
    await page.goto("/en/");
    await waitForLocale(page, "en");
    const hero = page.getByTestId("hero-player");
    expect(await hero.getAttribute("data-state")).toBe("idle");
    expect(await hero.getByTestId("hero-time").textContent()).toBe("0:00–:––");
    expect(await hero.locator("blockquote").textContent()).toBe("Hi, I'm Zephyr. This is how I sound on SexyVoice.");

    await hero.getByRole("button", { name: "Play a sample of Zephyr" }).click();
    await expect.poll(() => hero.getAttribute("data-state"), { timeout: 20_000 }).toBe("playing");
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((status) => status === 200 || status === 206)).toBe(true);
    // The end time is the sample's real length, and the elapsed time moves on from 0:00.
    await expect.poll(() => hero.getByTestId("hero-time").textContent(), { timeout: 10_000 }).toMatch(/^0:0[1-9]0:0[2-9]$/);
    await screenshot(page, "desktop-landing-hero-playing");
    // The sample is a few seconds long: at its end the player is back where it started.
    await expect.poll(() => hero.getAttribute("data-state"), { timeout: 15_000 }).toBe("idle");
    expect(await hero.getByTestId("hero-time").textContent()).toMatch(/^0:000:0[2-9]$/);

    // Playing again and stopping at once stops it.
    await hero.getByRole("button", { name: "Play a sample of Zephyr" }).click();
    const stop = hero.getByRole("button", { name: "Stop the sample of Zephyr" });
    await stop.click({ timeout: 5_000 });
    await expect.poll(() => hero.getAttribute("data-state")).toBe("idle");
    expect(await hero.getByRole("button", { name: "Play a sample of Zephyr" }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("terms, privacy and imprint from the footer", () => {
  for (const [locale, labels] of Object.entries(LEGAL)) {
    it(`${locale}: the footer links open each page with its translated heading`, async () => {
      const { context, page, errors } = await openPage(browser());
      await page.goto(`/${locale}/`);
      await waitForLocale(page, locale);
      for (const kind of ["terms", "privacy", "imprint"] as const) {
        const [link, heading] = labels[kind];
        await page.getByRole("navigation", { name: labels.nav }).getByRole("link", { name: link, exact: true }).click();
        await page.waitForURL(`**/${locale}/${kind}`);
        await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 }).toBe(heading);
        expect(await page.title()).toBe(`${heading} · SexyVoice`);
      }
      if (locale === "de") await screenshot(page, "desktop-imprint-de");
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("the terms name the processors and the consent rule; the imprint shows the configured operator", async () => {
    const { context, page } = await openPage(browser());
    await page.goto("/en/terms");
    await page.getByRole("heading", { level: 1, name: "Terms of Service" }).waitFor();
    expect(await page.getByTestId("legal-page").textContent()).toContain("You may clone only your own voice");
    await screenshot(page, "desktop-terms-en");
    await page.goto("/en/privacy");
    await page.getByRole("heading", { level: 1, name: "Privacy Policy" }).waitFor();
    const privacy = (await page.getByTestId("legal-page").textContent()) ?? "";
    for (const processor of ["Cloudflare", "Supabase", "Stripe", "Google (Gemini API)", "Replicate", "LiveKit", "PostHog", "Sentry"]) expect(privacy).toContain(processor);
    await page.goto("/en/imprint");
    const details = page.getByTestId("imprint-details");
    await details.waitFor();
    expect(await details.locator("dd").allTextContents()).toEqual(["Example Voice Ltd", "1 Test Street, Testville", "imprint@example.com"]);
    expect(await details.getByRole("link", { name: "imprint@example.com" }).getAttribute("href")).toBe("mailto:imprint@example.com");
    expect(await page.getByTestId("imprint-not-configured").count()).toBe(0);
    await context.close();
  });

  it("the landing page does not download the legal text", async () => {
    const { context, page } = await openPage(browser());
    const scripts: Promise<string>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response.text());
    });
    await page.goto("/en/");
    await waitForLocale(page, "en");
    await page.getByTestId("hero-player").waitFor();
    const bodies = await Promise.all(scripts);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.some((body) => body.includes("You may clone only your own voice"))).toBe(false);
    expect(bodies.some((body) => body.includes("Terms of Service"))).toBe(false);
    await context.close();
  });
});
