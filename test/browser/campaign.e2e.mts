/**
 * A running promo campaign in the browser (the product runs e2e-campaign.mts): the landing shows
 * the banner with a live countdown, in the page's language, without moving the hero; dismissing it
 * hides it and it stays hidden after a reload; the price cards and the Credits page show the
 * bonus, and buying a package with a bonus through the (fake) Stripe Checkout grants it.
 */
import { describe, expect, it } from "vitest";
import { DESKTOP, PHONE, browserForFile, creditBalance, horizontalOverflow, openPage, screenshot, SCREENSHOTS, waitForLocale } from "./helpers.mts";

const browser = browserForFile();
const ENGLISH = "Spring bonus: up to 20,000 extra credits on selected packages";

describe("promo campaign", () => {
  it("the landing shows the banner with a ticking countdown; dismissed, it stays hidden after a reload", async () => {
    const { context, page, errors } = await openPage(browser());
    await page.goto("/en/");
    await waitForLocale(page, "en");
    const banner = page.getByTestId("campaign-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain(ENGLISH);
    const countdown = page.getByTestId("campaign-countdown");
    const first = await countdown.textContent();
    expect(first).toMatch(/^Ends in 2 days \d\d:\d\d:\d\d$/);
    await expect.poll(() => countdown.textContent(), { timeout: 5_000 }).not.toBe(first);
    // Fixed at the bottom of the viewport, inside it, never wider than the page.
    const box = (await banner.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(DESKTOP.height);
    expect(box.y).toBeGreaterThan(DESKTOP.height / 2);
    const heroWithBanner = await page.getByRole("heading", { level: 1 }).boundingBox();

    // The price cards carry the bonus; a subscription's is the 15 % of base plus bonus, first month.
    await expect.poll(() => page.getByTestId("package-topup-standard").textContent(), { timeout: 10_000 }).toContain("+5,000 bonus credits");
    expect(await page.getByTestId("package-monthly-pro").textContent()).toContain("+23,000 bonus credits in the first month");
    expect(await page.getByTestId("package-topup-starter").getByTestId("package-bonus").count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/desktop-campaign-banner.png`, animations: "disabled" });
    await screenshot(page, "desktop-campaign-landing");

    await page.getByRole("button", { name: "Dismiss offer" }).click();
    await banner.waitFor({ state: "detached" });
    await page.reload();
    await waitForLocale(page, "en");
    await page.getByTestId("package-topup-standard").getByTestId("package-bonus").waitFor();
    expect(await banner.count()).toBe(0);
    // The hero is where it was with the banner showing: the banner moves nothing.
    expect(await page.getByRole("heading", { level: 1 }).boundingBox()).toEqual(heroWithBanner);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("speaks the page's language, and a visitor who dismissed nothing sees it again (on a phone, inside the screen)", async () => {
    const { context, page, errors } = await openPage(browser(), { viewport: PHONE });
    await page.goto("/de/");
    await waitForLocale(page, "de");
    const banner = page.getByTestId("campaign-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("Frühlingsbonus: bis zu 20.000 Extra-Credits auf ausgewählte Pakete");
    expect(await page.getByTestId("campaign-countdown").textContent()).toMatch(/^Endet in 2 Tagen \d\d:\d\d:\d\d$/);
    expect(await page.getByRole("button", { name: "Angebot ausblenden" }).count()).toBe(1);
    const box = (await banner.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}/phone-campaign-banner-de.png`, animations: "disabled" });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the Credits page shows the campaign and the bonus, and buying that package grants it", async () => {
    // A fresh account per attempt, so a retry starts from the welcome credits again.
    const { context, page, errors } = await openPage(browser(), { signedInAs: `e2e-campaign-buyer-${Date.now()}@example.com` });
    await page.goto("/en/dashboard/credits");
    await expect.poll(() => creditBalance(page), { timeout: 10_000 }).toBe("10,000");
    const notice = page.getByTestId("campaign-notice");
    await notice.waitFor();
    expect(await notice.textContent()).toContain(ENGLISH);
    expect(await notice.textContent()).toMatch(/Offer ends/);
    const standard = page.getByTestId("package-topup-standard");
    await expect.poll(() => standard.textContent(), { timeout: 10_000 }).toContain("+5,000 bonus credits");
    expect(await standard.textContent()).toContain("25,000 credits");
    await screenshot(page, "desktop-campaign-credits");

    await standard.getByRole("button", { name: "Buy" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/pay/cs_"));
    await page.getByRole("button", { name: "Pay" }).click();
    await page.waitForURL((url) => url.pathname === "/en/dashboard/credits/success");
    await page.getByTestId("checkout-paid").waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("checkout-paid").textContent()).toBe("Payment received. Your balance is now 40,000 credits.");

    await page.getByRole("link", { name: "Back to Credits" }).click();
    const line = page.getByTestId("transaction").first();
    await line.waitFor();
    expect(await line.textContent()).toContain("Credit top-up");
    expect(await line.textContent()).toContain("+30,000");
    expect(await line.textContent()).toContain("incl. 5,000 bonus");
    await screenshot(page, "desktop-campaign-statement");
    expect(errors).toEqual([]);
    await context.close();
  });
});
