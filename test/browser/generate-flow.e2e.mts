/**
 * The core journey in a real browser against the local product and its local speech engine:
 * sign in → generate → the audio plays with a real duration → the same text again comes from the
 * cache → it is in the history → it can be played there and deleted; and MP3 output: chosen on
 * the form (and remembered), played and drawn, downloaded as .mp3, listed as MP3 in the history.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { audioDuration, browserForFile, creditBalance, generateViaApi, openPage, screenshot, signInThroughForm, waitForLocale } from "./helpers.mts";

const browser = browserForFile();
let page: Page;
let errors: string[];

beforeAll(async () => {
  ({ page, errors } = await openPage(browser()));
});

describe("generate → cache → history → delete", () => {
  const text = `Hello from the browser test, run ${Date.now()}.`;

  it("signs in with the local email sign-in and lands on Generate with the welcome credits", async () => {
    await signInThroughForm(page, "/en/sign-in", "e2e-flow@example.com", "/en/dashboard/generate");
    await expect.poll(() => creditBalance(page)).toBe("10,000");
    await expect.poll(() => page.getByRole("radiogroup").getByRole("radio").count()).toBeGreaterThanOrEqual(38);
  });

  it("generates speech with the local engine and plays audio longer than zero seconds", async () => {
    await page.getByRole("radio", { name: /^Kore\b/ }).click();
    await expect.poll(() => page.getByTestId("selected-voice").textContent()).toContain("Kore");
    await page.getByLabel("Text", { exact: true }).fill(text);
    await expect.poll(() => page.getByTestId("text-counter").textContent()).toBe(`${text.length} / 500 characters`);
    // The run number has 13 digits, so it counts as two billable words (one per started 12): the
    // counter and the estimate follow the server's rule, 8 words → ceil(8 × 6.6) = 53 credits.
    await expect.poll(() => page.getByTestId("estimate").textContent()).toBe("≈ 53 credits");
    expect(await page.getByText(/^8 words ·/).count()).toBe(1);
    // A vocal tag goes in at the caret and costs nothing: the count and the estimate stay the same.
    const box = page.getByLabel("Text", { exact: true });
    await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(5, 5));
    await page.getByTestId("vocal-tags").getByRole("button", { name: "<sigh>" }).click();
    expect(await box.inputValue()).toBe(`Hello <sigh> ${text.slice(6)}`);
    await expect.poll(() => page.getByTestId("estimate").textContent()).toBe("≈ 53 credits");
    await box.fill(text);
    // Without a Gemini key there is no text model: the page says so in one line instead of a button.
    expect(await page.getByTestId("enhance-unavailable").textContent()).toBe("Tag suggestions are off on this server (no Gemini key).");
    // The configured Gemini models (3.8) reject temperature, and the page says so for a Gemini voice.
    expect(await page.getByTestId("temperature-ignored").textContent()).toContain("ignores temperature");
    await page.getByRole("button", { name: "Generate speech" }).click();
    const status = page.getByTestId("result-status");
    await status.waitFor({ timeout: 30_000 });
    expect(await status.getAttribute("data-cached")).toBe("false");
    await expect.poll(() => audioDuration(page, "result-audio"), { timeout: 15_000 }).toBeGreaterThan(0);
    // The balance in the header changes at once, from the response.
    await expect.poll(() => creditBalance(page)).not.toBe("10,000");
    await page.getByRole("slider", { name: "Playback position" }).waitFor();
    await screenshot(page, "desktop-generate-result");
  });

  it("plays and seeks in the result player", async () => {
    await page.getByRole("button", { name: "Play", exact: true }).click();
    await expect.poll(() => page.getByTestId("result-audio").evaluate((element) => (element as HTMLAudioElement).currentTime)).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Pause" }).click();
    const slider = page.getByRole("slider", { name: "Playback position" });
    await slider.focus();
    await page.keyboard.press("End");
    await expect.poll(() => slider.getAttribute("aria-valuenow")).toBe(await slider.getAttribute("aria-valuemax"));
    await page.keyboard.press("Home");
    await expect.poll(() => slider.getAttribute("aria-valuenow")).toBe("0");
  });

  it("serves the same text again from the cache, for free", async () => {
    const before = await creditBalance(page);
    await page.getByRole("button", { name: "Generate speech" }).click();
    await expect.poll(() => page.getByTestId("result-status").getAttribute("data-cached"), { timeout: 30_000 }).toBe("true");
    await expect.poll(() => page.getByTestId("result-status").textContent()).toContain("From cache");
    await expect.poll(() => audioDuration(page, "result-audio"), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await creditBalance(page)).toBe(before);
  });

  it("lists both generations in the history, newest first, and plays one there", async () => {
    await page.getByRole("link", { name: "History" }).click();
    await page.waitForURL("**/en/dashboard/history");
    const items = page.getByTestId("history-item");
    await expect.poll(() => items.count()).toBe(2);
    await expect.poll(() => items.first().textContent()).toContain(text);
    expect(await items.first().textContent()).toContain("From cache");
    await items.first().getByRole("button", { name: "Play audio by Kore" }).click();
    await expect.poll(() => audioDuration(page, "history-audio"), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, "desktop-history");
  });

  it("deletes one item, then everything after confirming, and shows the empty state", async () => {
    const items = page.getByTestId("history-item");
    await items.first().getByRole("button", { name: "Delete audio by Kore" }).click();
    await expect.poll(() => items.count()).toBe(1);
    await page.getByRole("button", { name: "Delete all" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete your whole history?" });
    await dialog.waitFor();
    await screenshot(page, "desktop-history-confirm");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => items.count()).toBe(1);
    await page.getByRole("button", { name: "Delete all" }).click();
    await dialog.getByRole("button", { name: "Delete everything" }).click();
    await page.getByTestId("history-empty").waitFor();
    await screenshot(page, "desktop-history-empty");
  });

  it("raised no error in the page", () => {
    expect(errors).toEqual([]);
  });
});

describe("MP3 output", () => {
  it("generates an MP3 that plays, downloads as .mp3 and is listed as MP3; the choice is remembered", async () => {
    const { context: other, page: tab } = await openPage(browser(), { signedInAs: "e2e-mp3@example.com" });
    await tab.goto("/en/dashboard/generate");
    await tab.getByRole("radio").first().waitFor({ state: "attached" });
    const choice = tab.getByTestId("format-choice");
    expect(await choice.getByRole("radio", { name: "WAV" }).isChecked()).toBe(true);
    await choice.getByText("MP3", { exact: true }).click();
    expect(await choice.getByRole("radio", { name: "MP3" }).isChecked()).toBe(true);
    await tab.getByLabel("Text", { exact: true }).fill(`An MP3 from the browser test, run ${Date.now()}.`);
    await tab.getByRole("button", { name: "Generate speech" }).click();
    await tab.getByTestId("result-status").waitFor({ timeout: 30_000 });
    expect(await tab.getByTestId("result-format").textContent()).toContain("File format: MP3");
    await expect.poll(() => audioDuration(tab, "result-audio"), { timeout: 15_000 }).toBeGreaterThan(0);
    // Chromium's decodeAudioData read the MP3: the waveform has its peaks.
    expect(Number(await tab.getByRole("slider", { name: "Playback position" }).getAttribute("data-peaks"))).toBeGreaterThan(0);
    const download = tab.getByRole("link", { name: "Download audio" });
    expect(await download.getAttribute("download")).toMatch(/\.mp3$/);
    await tab.reload();
    await tab.getByTestId("format-choice").waitFor();
    expect(await tab.getByTestId("format-choice").getByRole("radio", { name: "MP3" }).isChecked()).toBe(true);
    await tab.goto("/en/dashboard/history");
    const item = tab.getByTestId("history-item").first();
    await expect.poll(() => item.getByTestId("history-format").textContent()).toContain("MP3");
    expect(await item.getByRole("link", { name: /Download audio by/ }).getAttribute("download")).toMatch(/\.mp3$/);
    await item.getByRole("button", { name: /Play audio by/ }).click();
    await expect.poll(() => audioDuration(tab, "history-audio"), { timeout: 15_000 }).toBeGreaterThan(0);
    await other.close();
  });
});

describe("streaming", () => {
  it("starts playing a long text before the whole of it is made, then shows the stored file", async () => {
    const { context: other, page: tab, errors: tabErrors } = await openPage(browser(), { signedInAs: "e2e-stream@example.com" });
    await tab.goto("/en/dashboard/generate");
    await tab.getByRole("radio").first().waitFor({ state: "attached" });
    const text =
      `Streaming in the browser, run ${Date.now()}. This first sentence is spoken and played before the rest exists. ` +
      "The second sentence follows while the first one is already playing. A third sentence keeps the engine busy a little longer. " +
      "Then a fourth one, so that the whole text takes several pieces. And a fifth sentence closes the text.";
    await tab.getByLabel("Text", { exact: true }).fill(text);
    await tab.getByRole("button", { name: "Generate speech" }).click();
    // The local engine is fast (the whole text in well under a second here), so the streaming
    // label may come and go between two polls: the page's own timing says what happened.
    await tab.getByTestId("result-status").waitFor({ timeout: 60_000 });
    await screenshot(tab, "desktop-generate-streamed");
    const timing = tab.getByTestId("stream-timing");
    const firstSound = Number(await timing.getAttribute("data-first-sound-ms"));
    const done = Number(await timing.getAttribute("data-done-ms"));
    expect(firstSound).toBeGreaterThan(0);
    expect(firstSound).toBeLessThan(done);
    await expect.poll(() => audioDuration(tab, "result-audio"), { timeout: 15_000 }).toBeGreaterThan(5);
    expect(tabErrors).toEqual([]);
    await other.close();
  });
});

describe("progress and cancel", () => {
  it("shows progress while speaking and cancels the request without charging", async () => {
    const { context: other, page: tab } = await openPage(browser(), { signedInAs: "e2e-cancel@example.com" });
    // Hold the request so the progress state can be seen and cancelled.
    await tab.route("**/api/generate-voice/stream", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      await route.continue().catch(() => undefined);
    });
    await tab.goto("/en/dashboard/generate");
    await tab.getByRole("radio").first().waitFor({ state: "attached" });
    await expect.poll(() => creditBalance(tab)).toBe("10,000");
    await tab.getByLabel("Text", { exact: true }).fill("This request will be cancelled.");
    await tab.getByRole("button", { name: "Generate speech" }).click();
    await tab.getByText("is speaking your text…").waitFor();
    expect(await tab.getByRole("button", { name: "Generating…" }).isDisabled()).toBe(true);
    await screenshot(tab, "desktop-generate-progress");
    await tab.getByRole("button", { name: "Cancel" }).click();
    await tab.getByText("Generation cancelled.").waitFor();
    expect(await tab.getByRole("button", { name: "Generate speech" }).isEnabled()).toBe(true);
    expect(await creditBalance(tab)).toBe("10,000");
    await other.close();
  });

  it("shows the server's error in the user's language (a voice that does not exist)", async () => {
    const { context: other, page: tab } = await openPage(browser(), { locale: "de-DE", signedInAs: "e2e-error@example.com" });
    // Rewrite the chosen voice to one the catalogue does not have: the server answers 404 voice_not_found.
    await tab.route("**/api/generate-voice/stream", async (route) => {
      const body = JSON.parse(route.request().postData() ?? "{}") as Record<string, unknown>;
      await route.continue({ postData: JSON.stringify({ ...body, voice: "no-such-voice" }) });
    });
    await tab.goto("/de/dashboard/generate");
    await waitForLocale(tab, "de");
    await tab.getByRole("radio").first().waitFor({ state: "attached" });
    await tab.getByLabel("Text", { exact: true }).fill("Hallo Welt.");
    await tab.getByRole("button", { name: "Sprache erstellen" }).click();
    const alert = tab.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Diese Stimme ist nicht mehr verfügbar. Bitte wähle eine andere.");
    await screenshot(tab, "desktop-generate-error-de");
    await other.close();
  });
});

describe("history pagination", () => {
  it("shows ten items, then the rest after “Show more”", async () => {
    // A fresh account per attempt, so a retry does not see the first attempt's twelve as well.
    const email = `e2e-pages-${Date.now()}@example.com`;
    await generateViaApi(
      email,
      "gemini-puck",
      Array.from({ length: 12 }, (_, index) => `History entry number ${index + 1}.`),
    );
    const { context: other, page: tab } = await openPage(browser(), { signedInAs: email });
    await tab.goto("/en/dashboard/history");
    const items = tab.getByTestId("history-item");
    // The page's chunk and its first page of history load after the navigation (expect.poll gives up after a second).
    await items.first().waitFor();
    await expect.poll(() => items.count()).toBe(10);
    expect(await items.first().textContent()).toContain("History entry number 12.");
    await tab.getByRole("button", { name: "Show more" }).click();
    await expect.poll(() => items.count()).toBe(12);
    expect(await items.last().textContent()).toContain("History entry number 1.");
    expect(await tab.getByRole("button", { name: "Show more" }).count()).toBe(0);
    await other.close();
  });
});
