/** Signed-out visitors of dashboard pages go to sign-in and come back to the page afterwards. */
import { describe, expect, it } from "vitest";
import { baseUrl, browserForFile, openPage, screenshot, signInThroughForm, signInWithEmail, waitForLocale } from "./helpers.mts";

const browser = browserForFile();

describe("sign-in guard", () => {
  it("sends a signed-out visitor of /en/dashboard/credits to sign-in, then back to Credits", async () => {
    const { context, page } = await openPage(browser());
    await page.goto("/en/dashboard/credits");
    await page.waitForURL((url) => url.pathname === "/en/sign-in" && url.searchParams.get("next") === "/en/dashboard/credits");
    await waitForLocale(page, "en");
    expect(await page.getByText("You will be taken back to the page you wanted.").count()).toBe(1);
    await screenshot(page, "desktop-sign-in-return");
    await signInWithEmail(page, "e2e-guard@example.com");
    await page.waitForURL("**/en/dashboard/credits");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Credits");
    await expect.poll(() => page.getByTestId("transaction").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("transaction").first().textContent()).toContain("Welcome credits");
    await context.close();
  });

  it("keeps the language of the sign-in page when returning", async () => {
    const { context, page } = await openPage(browser());
    await page.goto("/es/dashboard/history");
    await page.waitForURL("**/es/sign-in?next=*");
    await waitForLocale(page, "es");
    await page.getByLabel("Correo electrónico").fill("e2e-guard-es@example.com");
    await page.getByRole("button", { name: "Continuar" }).click();
    await page.waitForURL("**/es/dashboard/history");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Historial");
    await context.close();
  });

  it("signs out from the user menu and guards the dashboard again", async () => {
    const { context, page } = await openPage(browser());
    await signInThroughForm(page, "/en/sign-in", "e2e-signout@example.com", "/en/dashboard/generate");
    await page.getByRole("button", { name: "Account menu" }).click();
    expect(await page.getByText("e2e-signout@example.com").count()).toBe(1);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/en/");
    await page.goto("/en/dashboard/profile");
    await page.waitForURL("**/en/sign-in?next=*");
    await context.close();
  });

  it("refuses to return to another site after sign-in", async () => {
    const { context, page } = await openPage(browser());
    await signInThroughForm(page, `/en/sign-in?next=${encodeURIComponent("//evil.example/dashboard")}`, "e2e-redirect@example.com", "/en/dashboard/generate");
    expect(page.url()).toBe(`${baseUrl()}/en/dashboard/generate`);
    await context.close();
  });
});
