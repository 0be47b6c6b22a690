/**
 * API keys in a real browser against the local product: create a key with two scopes left out and
 * an expiry day → it is shown once, with a Copy button that puts exactly it on the clipboard → it
 * is listed by name, prefix, scopes, never used, expiry → it calls the public API with the scopes
 * chosen (and is refused the one left out) → after leaving, the key is shown nowhere and its use is
 * recorded → revoking asks first (Cancel keeps it) and then the key stops working at once.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, browserForFile, openPage, screenshot, waitForLocale } from "./helpers.mts";

const browser = browserForFile();
let page: Page;
let errors: string[];
let key = "";

beforeAll(async () => {
  const opened = await openPage(browser(), { signedInAs: "e2e-keys@example.com" });
  ({ page, errors } = opened);
  await opened.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl() });
});

const callApi = (path: string, apiKey: string, init: RequestInit = {}) => fetch(`${baseUrl()}${path}`, { ...init, headers: { authorization: `Bearer ${apiKey}`, ...init.headers } });

/** A day a month from now as a date input takes it (the page sends the end of that day). */
function inAMonth(): { input: string; year: string } {
  const day = new Date(Date.now() + 30 * 86_400_000);
  const pad = (value: number) => String(value).padStart(2, "0");
  return { input: `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`, year: String(day.getFullYear()) };
}

describe("create → see once → copy → use → revoke", () => {
  const expiry = inAMonth();

  it("opens from the dashboard navigation with no keys yet", async () => {
    await page.goto("/en/dashboard/generate");
    await waitForLocale(page, "en");
    await page.getByRole("navigation", { name: "Dashboard" }).and(page.locator(":visible")).getByRole("link", { name: "API keys" }).click();
    await page.waitForURL("**/en/dashboard/api-keys");
    // The page's chunk loads after the URL changes: wait for its heading.
    await page.getByRole("heading", { level: 1, name: "API keys" }).waitFor();
    await page.getByText("No keys yet. Create one above to use the API.").waitFor();
    expect(await page.getByTestId("keys-usage").textContent()).toBe("0 of 10 active");
    // All scopes start checked, as the server defaults; the form says what is missing.
    expect(await page.getByRole("checkbox").evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).checked))).toEqual([true, true, true, true]);
    expect(await page.getByRole("button", { name: "Create key" }).isDisabled()).toBe(true);
  });

  it("creates a key and shows it once, with a warning and a Copy button that copies exactly it", async () => {
    await page.getByLabel("Name", { exact: true }).fill("CI pipeline");
    await page.getByRole("checkbox", { name: /Cloning/ }).uncheck();
    await page.getByRole("checkbox", { name: /History/ }).uncheck();
    await page.getByLabel(/Expires on/).fill(expiry.input);
    await page.getByRole("button", { name: "Create key" }).click();
    const panel = page.getByTestId("new-key");
    await panel.waitFor();
    key = (await page.getByTestId("new-key-value").textContent()) ?? "";
    expect(key).toMatch(/^sv_[A-Za-z0-9_-]{20,}$/);
    expect(await panel.textContent()).toContain("it will not be shown again");
    await page.getByTestId("copy-key").click();
    await expect.poll(() => page.getByTestId("copy-key").textContent()).toBe("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    // The form is ready for the next key.
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("");
    await screenshot(page, "desktop-api-keys-created");
  });

  it("lists the key by name, prefix, scopes, never used, and its expiry", async () => {
    const row = page.getByTestId("api-key");
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId("key-name").textContent()).toBe("CI pipeline");
    const prefix = (await row.getByTestId("key-prefix").textContent())!.replace(/…$/, "");
    expect(prefix).toMatch(/^sv_.{8}$/);
    expect(key.startsWith(prefix)).toBe(true);
    expect(await row.getByTestId("key-scopes").locator("li").allTextContents()).toEqual(["speech", "voices:read"]);
    expect(await row.getByTestId("key-last-used").textContent()).toBe("never");
    expect(await row.getByTestId("key-expires").textContent()).toContain(expiry.year);
    expect(await row.getAttribute("data-state")).toBe("active");
    expect(await page.getByTestId("keys-usage").textContent()).toBe("1 of 10 active");
  });

  it("calls the public API with the scopes chosen, and is refused the one left out", async () => {
    const voices = await callApi("/api/v1/voices", key);
    expect(voices.status).toBe(200);
    expect(((await voices.json()) as { voices: unknown[] }).voices.length).toBeGreaterThanOrEqual(38);
    const history = await callApi("/api/v1/history", key);
    expect(history.status).toBe(403);
    expect(((await history.json()) as { error: { code: string } }).error.code).toBe("insufficient_scope");
  });

  it("never shows the key again once the panel is closed, and records its use", async () => {
    await page.getByRole("button", { name: "I have copied it" }).click();
    await page.getByTestId("new-key").waitFor({ state: "detached" });
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId("api-key").waitFor();
          return page.getByTestId("key-last-used").textContent();
        },
        { timeout: 15_000 },
      )
      .not.toBe("never");
    expect(await page.evaluate((secret) => document.documentElement.outerHTML.includes(secret), key)).toBe(false);
  });

  it("asks before revoking (Cancel keeps the key), then revokes it and it stops working", async () => {
    await page.getByRole("button", { name: "Revoke CI pipeline" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke “CI pipeline”?" });
    await dialog.waitFor();
    await screenshot(page, "desktop-api-keys-revoke");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await page.getByTestId("api-key").count()).toBe(1);
    expect((await callApi("/api/v1/voices", key)).status).toBe(200);

    await page.getByRole("button", { name: "Revoke CI pipeline" }).click();
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await page.getByText("No keys yet. Create one above to use the API.").waitFor();
    expect(await page.getByTestId("keys-usage").textContent()).toBe("0 of 10 active");
    expect((await callApi("/api/v1/voices", key)).status).toBe(401);
  });

  it("links to the API documentation", async () => {
    await page.getByTestId("api-docs-link").click();
    await page.waitForURL("**/en/docs/api");
    await page.getByRole("heading", { level: 1, name: "API documentation" }).waitFor();
  });

  it("raised no error in the page", () => {
    expect(errors).toEqual([]);
  });
});
