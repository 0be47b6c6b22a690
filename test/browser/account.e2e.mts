/**
 * The account lifecycle on the Profile page, in a real browser against the local product: "Download
 * my data" saves the export (a JSON file with the account's email and history) → "Delete my account"
 * stays off until the email is typed → deleting signs the user out onto the landing page → signing in
 * again with the same email is refused with "this account has been deleted", and a tab that still
 * holds the old session is signed out with the same explanation.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, browserForFile, createSession, generateViaApi, openPage, screenshot, signInWithEmail, useSession, waitForLocale } from "./helpers.mts";

const browser = browserForFile();
// The product's state survives between runs (test-artifacts/e2e-state): a deleted email cannot sign in again, so each run has its own.
const EMAIL = `e2e-account-${Date.now().toString(36)}@example.com`;
const DELETED_NOTICE = "This account has been deleted. Sign in with another account.";
let page: Page;
let errors: string[];
let oldSession = "";

beforeAll(async () => {
  oldSession = await createSession(EMAIL);
  await generateViaApi(EMAIL, "orpheus-tara", ["A sentence that the data export has to contain."]);
  const opened = await openPage(browser());
  ({ page, errors } = opened);
  await useSession(opened.context, oldSession);
});

describe("Profile → download my data → delete my account", () => {
  it("shows both, explaining what deletion removes and keeps", async () => {
    await page.goto("/en/dashboard/profile");
    await waitForLocale(page, "en");
    await page.getByRole("heading", { level: 1, name: "Profile" }).waitFor();
    await page.getByRole("heading", { name: "Your data" }).waitFor();
    await page.getByRole("heading", { name: "What is removed" }).waitFor();
    await page.getByRole("heading", { name: "What is kept" }).waitFor();
    expect(await page.getByText("Remaining credits are forfeited").count()).toBe(1);
    expect(await page.getByTestId("delete-account").isDisabled()).toBe(true);
    await screenshot(page, "account-profile");
  });

  it("downloads the export as a JSON file holding the account's email and history", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-data").click()]);
    expect(download.suggestedFilename()).toMatch(/^sexyvoice-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync(await download.path(), "utf8")) as { exportVersion: number; profile: { email: string }; history: { text: string; url: string | null }[] };
    expect(data.exportVersion).toBe(1);
    expect(data.profile.email).toBe(EMAIL);
    expect(data.history.map((item) => item.text)).toEqual(["A sentence that the data export has to contain."]);
    // Its audio link plays for anyone holding the file (for an hour), like History's.
    expect((await fetch(data.history[0]?.url ?? "")).status).toBe(200);
  });

  it("deletes only once the email is typed, then signs out onto the landing page", async () => {
    const confirm = page.getByTestId("delete-confirm");
    await confirm.fill("someone-else@example.com");
    expect(await page.getByTestId("delete-account").isDisabled()).toBe(true);
    await confirm.fill(EMAIL.toUpperCase());
    expect(await page.getByTestId("delete-account").isDisabled()).toBe(false);
    await page.getByTestId("delete-account").click();
    await page.waitForURL(/\/en\/?$/);
    expect(await page.evaluate(() => window.localStorage.getItem("sexyvoice.session"))).toBeNull();
    // The old token is refused by the API itself.
    const me = await fetch(`${baseUrl()}/api/me`, { headers: { authorization: `Bearer ${(JSON.parse(oldSession) as { accessToken: string }).accessToken}` } });
    expect(me.status).toBe(401);
    expect(((await me.json()) as { error: { code: string } }).error.code).toBe("account_deleted");
  });

  it("refuses to sign the same email in again, and says why", async () => {
    const { page: fresh, errors: freshErrors } = await openPage(browser());
    await fresh.goto("/en/sign-in");
    await waitForLocale(fresh, "en");
    await signInWithEmail(fresh, EMAIL);
    await fresh.getByText(DELETED_NOTICE).waitFor();
    expect(fresh.url()).toContain("/en/sign-in");
    await screenshot(fresh, "account-deleted-sign-in");
    expect(freshErrors.filter((error) => !/401/.test(error))).toEqual([]);
  });

  it("a tab still holding the old session is signed out with the same explanation", async () => {
    const stale = await openPage(browser());
    await useSession(stale.context, oldSession);
    await stale.page.goto("/en/dashboard/generate");
    await stale.page.waitForURL("**/en/sign-in**");
    await stale.page.getByText(DELETED_NOTICE).waitFor();
  });

  it("raised no page errors", () => {
    expect(errors.filter((error) => !/401/.test(error))).toEqual([]);
  });
});
