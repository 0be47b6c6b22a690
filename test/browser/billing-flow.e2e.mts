/**
 * Buying credits end to end: the Credits page lists the packages, Buy goes to the (fake) Stripe
 * Checkout, paying there sends a signed webhook to the Worker, and the success page waits for it
 * and shows the new balance; the statement then has the top-up. Cancelling charges nothing.
 */
import { describe, expect, it } from "vitest";
import { browserForFile, creditBalance, openPage, screenshot } from "./helpers.mts";

const browser = browserForFile();

describe("buying credits", () => {
  it("Buy → Checkout → Pay → the success page shows the new balance, and the statement the top-up", async () => {
    const { context, page, errors } = await openPage(browser(), { signedInAs: "e2e-buyer@example.com" });
    await page.goto("/en/dashboard/credits");
    await expect.poll(() => creditBalance(page)).toBe("10,000");
    const starter = page.getByTestId("package-topup-starter");
    await starter.waitFor();
    expect(await starter.textContent()).toContain("$5");
    expect(await starter.textContent()).toContain("10,000 credits");
    expect(await page.getByTestId("package-monthly-starter").textContent()).toContain("11,500 credits");
    await screenshot(page, "desktop-credits-packages");

    await starter.getByRole("button", { name: "Buy" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/pay/cs_"));
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Pay 5.00 USD");
    await page.getByRole("button", { name: "Pay" }).click();

    await page.waitForURL((url) => url.pathname === "/en/dashboard/credits/success" && (url.searchParams.get("session_id") ?? "").startsWith("cs_"));
    await page.getByTestId("checkout-paid").waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("checkout-paid").textContent()).toBe("Payment received. Your balance is now 20,000 credits.");
    await expect.poll(() => creditBalance(page)).toBe("20,000");
    await screenshot(page, "desktop-checkout-success");

    await page.getByRole("link", { name: "Back to Credits" }).click();
    await page.getByTestId("transaction").first().waitFor();
    expect(await page.getByTestId("transaction").first().textContent()).toContain("Credit top-up");
    expect(await page.getByTestId("transaction").first().textContent()).toContain("+10,000");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("cancelling at Checkout comes back to a page that says nothing was charged", async () => {
    const { context, page } = await openPage(browser(), { signedInAs: "e2e-canceller@example.com" });
    await page.goto("/en/dashboard/credits");
    await page.getByTestId("package-monthly-standard").getByRole("button", { name: "Subscribe" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/pay/cs_"));
    await page.getByRole("link", { name: "Back" }).click();
    await page.waitForURL("**/en/dashboard/credits/cancel");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Checkout cancelled");
    await expect.poll(() => creditBalance(page)).toBe("10,000");
    await context.close();
  });
});
