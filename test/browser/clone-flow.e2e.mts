/**
 * Voice cloning in a real browser against the local product (local engine, pitch matched to the
 * reference): sign in → upload a generated 12-second WAV → its length, size and format are shown
 * before upload → consent → clone with upload and cloning progress → the result plays with a real
 * duration and the balance changes at once → it is in the history, marked as a clone. A 5-second
 * file dropped on the page is refused before upload, in the user's language, and so is 12 seconds
 * of silence (the server's speech rule, run on the browser's decoding); a recording from
 * Chromium's fake microphone (fed a speech-like WAV) becomes a WAV the page accepts, and a
 * recording can be stopped at any moment, a too-short one being refused before upload; cancelling
 * charges nothing.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { PHONE, audioDuration, baseUrl, browserForFile, creditBalance, horizontalOverflow, launchBrowser, openPage, screenshot, signInThroughForm, voicedWav, waitForLocale } from "./helpers.mts";

const fileInput = (target: Page) => target.locator('input[type="file"]');

/** `seconds` of digital silence as 16-bit mono PCM WAV: long enough, with nothing to clone. */
function silentWav(seconds: number, sampleRate = 16_000): Buffer {
  const wav = voicedWav(seconds, sampleRate);
  wav.fill(0, 44);
  return wav;
}

/**
 * Chromium with a fake microphone that plays a speech-like WAV in a loop (its built-in fake
 * device beeps briefly once a second, which is not enough speech for a clone).
 */
function launchWithMicrophone() {
  const file = resolve("test-artifacts/fake-microphone.wav");
  writeFileSync(file, voicedWav(20, 48_000));
  return launchBrowser(["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-audio-capture=${file}`]);
}

/** Counts requests to the clone route, to prove a refusal happened before any upload. */
function countCloneRequests(target: Page): () => number {
  let count = 0;
  target.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/clone-voice") count += 1;
  });
  return () => count;
}

/** Drops a file on the drop zone the way a browser does: dragenter, dragover, drop with a DataTransfer. */
async function dropFile(target: Page, name: string, bytes: Buffer, type: string): Promise<void> {
  const transfer = await target.evaluateHandle(
    ({ base64, fileName, mime }) => {
      const data = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const dataTransfer = new DataTransfer();
      dataTransfer.items.add(new File([data], fileName, { type: mime }));
      return dataTransfer;
    },
    { base64: bytes.toString("base64"), fileName: name, mime: type },
  );
  const zone = target.getByTestId("drop-zone");
  await zone.dispatchEvent("dragenter", { dataTransfer: transfer });
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
}

const browser = browserForFile();
let page: Page;
let errors: string[];

beforeAll(async () => {
  ({ page, errors } = await openPage(browser()));
});

describe("clone a voice from a 12-second WAV → play it → find it in history", () => {
  // A short unique tag: every word stays under 12 characters, so each is one billable word.
  const text = `My cloned voice says hello, run ${Date.now().toString(36)}.`;
  const wav = voicedWav(12);
  let requests: () => number;

  it("signs in locally and reaches the Clone page from the navigation", async () => {
    await signInThroughForm(page, "/en/dashboard/clone", "e2e-clone@example.com", "/en/dashboard/clone");
    await expect.poll(() => creditBalance(page)).toBe("10,000");
    await page.getByRole("navigation", { name: "Dashboard" }).and(page.locator(":visible")).getByRole("link", { name: "Clone" }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Clone a voice");
    requests = countCloneRequests(page);
    await screenshot(page, "desktop-clone");
  });

  it("shows the recording's format, size and length before anything is uploaded", async () => {
    await fileInput(page).setInputFiles({ name: "my-voice.wav", mimeType: "audio/wav", buffer: wav });
    const status = page.getByTestId("reference-status");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 10_000 }).toBe("ok");
    expect(await status.textContent()).toBe("Ready to clone.");
    expect(await page.getByTestId("reference-name").textContent()).toBe("my-voice.wav");
    expect(await page.getByTestId("reference-format").textContent()).toBe("WAV");
    expect(await page.getByTestId("reference-duration").textContent()).toBe("0:12 (0:10–5:00)");
    expect(await page.getByTestId("reference-size").textContent()).toBe(`${Math.round(wav.length / 1024)} KB of 4.5 MB`);
    // The recording can be heard before it is sent.
    await expect.poll(() => audioDuration(page, "reference-audio"), { timeout: 10_000 }).toBeGreaterThan(11.9);
    expect(requests()).toBe(0);
  });

  it("counts the text with the server's rule, estimates the cost and requires consent", async () => {
    await page.getByLabel("Text", { exact: true }).fill(`  ${text}  `);
    await expect.poll(() => page.getByTestId("text-counter").textContent()).toBe(`${text.length} / 500 characters`);
    const words = text.split(/\s+/).length;
    await expect.poll(() => page.getByTestId("estimate").textContent()).toBe(`≈ ${(words * 66).toLocaleString("en-US")} credits`);
    const submit = page.getByRole("button", { name: "Clone voice" });
    expect(await submit.isDisabled()).toBe(true);
    expect(await page.getByTestId("form-problem").textContent()).toBe("Confirm that you may clone this voice.");
    await page.getByLabel("This is my own voice, or I have the speaker's permission to clone it.").check();
    expect(await submit.isEnabled()).toBe(true);
    expect(await page.getByLabel("Language of the text").inputValue()).toBe("en");
    expect(await page.getByLabel("Language of the text").locator("option").allTextContents()).toEqual(["English", "Spanish", "German", "Danish", "Italian", "French"]);
    await screenshot(page, "desktop-clone-ready");
  });

  it("clones with upload and cloning progress, without moving the page, and plays the result", async () => {
    // Record every progress state the result area shows, however briefly.
    await page.evaluate(() => {
      const seen = new Set<string>();
      (window as unknown as { cloneStates: Set<string> }).cloneStates = seen;
      const area = document.querySelector("[data-testid=result-area]")!;
      new MutationObserver(() => {
        if (area.querySelector("[role=progressbar]")) seen.add("uploading");
        if (area.textContent?.includes("Cloning the voice")) seen.add("cloning");
      }).observe(area, { childList: true, subtree: true, characterData: true });
    });
    const measure = () =>
      page.evaluate(() => {
        const card = document.querySelector("[data-testid=result-area]")!.parentElement!.getBoundingClientRect();
        const button = [...document.querySelectorAll("button")].find((element) => element.textContent?.includes("Clone voice"))!.getBoundingClientRect();
        return { cardTop: card.top + window.scrollY, cardHeight: card.height, buttonTop: button.top + window.scrollY };
      });
    const before = await measure();
    await page.getByRole("button", { name: "Clone voice" }).click();
    const status = page.getByTestId("result-status");
    await status.waitFor({ timeout: 45_000 });
    expect(await status.getAttribute("data-cached")).toBe("false");
    expect(await page.evaluate(() => [...(window as unknown as { cloneStates: Set<string> }).cloneStates].sort())).toEqual(["cloning", "uploading"]);
    await expect.poll(() => audioDuration(page, "result-audio"), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForFunction(() => document.querySelector("[data-testid=result] [role=slider]")?.getAttribute("aria-disabled") === "false");
    expect(await measure()).toEqual(before);
    expect(requests()).toBe(1);

    // The balance in the header changes at once, to what the response says.
    const used = Number((await status.textContent())!.replace(/\D/g, ""));
    expect(used).toBeGreaterThan(0);
    await expect.poll(() => creditBalance(page)).toBe((10_000 - used).toLocaleString("en-US"));
    const reference = await page.getByTestId("result-reference").textContent();
    expect(reference).toMatch(/^From your WAV recording, 0:12 · voice pitch \d+ Hz · New balance: [\d,]+ credits$/);
    const pitch = Number(/pitch (\d+) Hz/.exec(reference!)![1]);
    expect(pitch).toBeGreaterThan(130);
    expect(pitch).toBeLessThan(170);
    await screenshot(page, "desktop-clone-result");
  });

  it("lists the clone in the history, marked as a clone, and plays it there", async () => {
    await page.getByRole("navigation", { name: "Dashboard" }).and(page.locator(":visible")).getByRole("link", { name: "History" }).click();
    await page.waitForURL("**/en/dashboard/history");
    const item = page.getByTestId("history-item").first();
    await item.waitFor();
    expect(await item.getAttribute("data-kind")).toBe("clone");
    expect(await item.getByTestId("clone-badge").textContent()).toBe("Clone");
    expect(await item.textContent()).toContain("Cloned voice");
    expect(await item.textContent()).toContain(text);
    await item.getByRole("button", { name: "Play audio by Cloned voice" }).click();
    await expect.poll(() => audioDuration(page, "history-audio"), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, "desktop-history-clone");
  });

  it("raised no error in the page", () => {
    expect(errors).toEqual([]);
  });
});

describe("refusals before upload, and cancelling", () => {
  it("refuses a dropped 5-second recording before uploading it, in German", async () => {
    const { context: other, page: tab, errors: tabErrors } = await openPage(browser(), { locale: "de-DE", signedInAs: "e2e-clone-short@example.com" });
    const requests = countCloneRequests(tab);
    await tab.goto("/de/dashboard/clone");
    await waitForLocale(tab, "de");
    await tab.getByTestId("drop-zone").waitFor();
    await dropFile(tab, "kurz.wav", voicedWav(5), "audio/wav");
    const status = tab.getByTestId("reference-status");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 10_000 }).toBe("problem");
    expect(await status.textContent()).toBe("Die Aufnahme ist 5 Sekunden lang; sie muss mindestens 10 Sekunden lang sein.");
    expect(await tab.getByTestId("reference-duration").textContent()).toBe("0:05 (0:10–5:00)");
    await tab.getByLabel("Text", { exact: true }).fill("Hallo, das ist meine Stimme.");
    await tab.getByLabel("Das ist meine eigene Stimme, oder ich habe die Erlaubnis der sprechenden Person, sie zu klonen.").check();
    expect(await tab.getByRole("button", { name: "Stimme klonen" }).isDisabled()).toBe(true);
    expect(await tab.getByTestId("form-problem").textContent()).toBe("Verwende eine Aufnahme, die die Anforderungen erfüllt.");
    await screenshot(tab, "desktop-clone-too-short-de");
    expect(requests()).toBe(0);
    expect(tabErrors).toEqual([]);
    await other.close();
  });

  it("refuses 12 seconds of silence before uploading it, with its own message", async () => {
    const { context: other, page: tab, errors: tabErrors } = await openPage(browser(), { signedInAs: "e2e-clone-silent@example.com" });
    const requests = countCloneRequests(tab);
    await tab.goto("/en/dashboard/clone");
    await fileInput(tab).setInputFiles({ name: "silence.wav", mimeType: "audio/wav", buffer: silentWav(12) });
    const status = tab.getByTestId("reference-status");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 10_000 }).toBe("problem");
    expect(await status.textContent()).toBe("We hear only 0 seconds of speech in this recording; a clone needs at least 3. It is silent or too quiet: speak closer to the microphone, or choose another recording.");
    // Long enough: the length is not what is wrong.
    expect(await tab.getByTestId("reference-duration").textContent()).toBe("0:12 (0:10–5:00)");
    await tab.getByLabel("Text", { exact: true }).fill("Silence should never be cloned.");
    await tab.getByRole("checkbox").check();
    const submit = tab.getByRole("button", { name: "Clone voice" });
    expect(await submit.isDisabled()).toBe(true);
    await submit.click({ force: true });
    expect(await tab.getByTestId("form-problem").textContent()).toBe("Use a recording that meets the requirements.");
    await screenshot(tab, "desktop-clone-silent");
    expect(requests()).toBe(0);
    expect(await creditBalance(tab)).toBe("10,000");
    expect(tabErrors).toEqual([]);
    await other.close();
  });

  it("refuses a text file renamed .wav by its content", async () => {
    const { context: other, page: tab } = await openPage(browser(), { signedInAs: "e2e-clone-text@example.com" });
    await tab.goto("/en/dashboard/clone");
    await fileInput(tab).setInputFiles({ name: "notes.wav", mimeType: "audio/wav", buffer: Buffer.from("These are my notes, not audio.\n".repeat(50)) });
    const status = tab.getByTestId("reference-status");
    await expect.poll(() => status.getAttribute("data-state")).toBe("problem");
    expect(await status.textContent()).toBe("This file type is not supported. Use MP3, OGG, M4A or WAV audio.");
    await tab.getByRole("button", { name: "Remove recording" }).click();
    await tab.getByText("Drop your recording here").waitFor();
    await other.close();
  });

  it("cancels while the clone is in flight and charges nothing", async () => {
    const { context: other, page: tab } = await openPage(browser(), { signedInAs: "e2e-clone-cancel@example.com" });
    // Hold the request in the browser so it never reaches the server.
    await tab.route("**/api/clone-voice", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      await route.abort().catch(() => undefined);
    });
    await tab.goto("/en/dashboard/clone");
    await expect.poll(() => creditBalance(tab), { timeout: 15_000 }).toBe("10,000");
    await fileInput(tab).setInputFiles({ name: "me.wav", mimeType: "audio/wav", buffer: voicedWav(11) });
    await expect.poll(() => tab.getByTestId("reference-status").getAttribute("data-state")).toBe("ok");
    await tab.getByLabel("Text", { exact: true }).fill("This clone will be cancelled.");
    await tab.getByRole("checkbox").check();
    await tab.getByRole("button", { name: "Clone voice" }).click();
    await tab
      .getByRole("status")
      .filter({ hasText: /Uploading your recording|Cloning the voice/ })
      .waitFor();
    await screenshot(tab, "desktop-clone-progress");
    await tab.getByRole("button", { name: "Cancel" }).click();
    await tab.getByText(/Upload cancelled\. Nothing was charged\.|Stopped waiting\./).waitFor();
    expect(await tab.getByRole("button", { name: "Clone voice" }).isEnabled()).toBe(true);
    expect(await creditBalance(tab)).toBe("10,000");
    await other.close();
  });
});

describe("recording from the microphone", () => {
  it("records from Chromium's fake microphone and converts it to a WAV the page accepts", async () => {
    const micBrowser = await launchWithMicrophone();
    try {
      const { context: micContext, page: tab, errors: tabErrors } = await openPage(micBrowser, { signedInAs: "e2e-clone-mic@example.com" });
      await micContext.grantPermissions(["microphone"], { origin: baseUrl() });
      await tab.goto("/en/dashboard/clone");
      await tab.getByRole("button", { name: "Record with microphone" }).click();
      const stop = tab.getByRole("button", { name: "Stop recording" });
      await stop.waitFor();
      await tab.getByText(/Keep talking: \d+ more seconds?\./).waitFor();
      await screenshot(tab, "desktop-clone-recording");
      await tab.getByText("That is enough for a clone.", { exact: false }).waitFor({ timeout: 15_000 });
      await expect.poll(() => tab.getByTestId("recording-time").textContent(), { timeout: 5_000 }).toMatch(/^0:1[1-9] \/ 2:00$/);
      await stop.click();
      const status = tab.getByTestId("reference-status");
      await expect.poll(() => status.getAttribute("data-state"), { timeout: 15_000 }).toBe("ok");
      expect(await tab.getByTestId("reference-format").textContent()).toBe("WAV");
      expect(await tab.getByTestId("reference-name").textContent()).toMatch(/^recording-\d{8}-\d{6}\.wav$/);
      expect(await tab.getByTestId("reference-duration").textContent()).toMatch(/^0:1[1-9] /);
      expect(await tab.getByText("Recorded", { exact: true }).count()).toBe(1);
      expect(tabErrors).toEqual([]);
      await micContext.close();
    } finally {
      await micBrowser.close();
    }
  });

  it("stops whenever the user asks, and a recording under 10 seconds is refused before upload", async () => {
    const micBrowser = await launchWithMicrophone();
    try {
      const { context: micContext, page: tab, errors: tabErrors } = await openPage(micBrowser, { signedInAs: "e2e-clone-mic-early@example.com" });
      await micContext.grantPermissions(["microphone"], { origin: baseUrl() });
      const requests = countCloneRequests(tab);
      await tab.goto("/en/dashboard/clone");
      await tab.getByRole("button", { name: "Record with microphone" }).click();
      const stop = tab.getByRole("button", { name: "Stop recording" });
      await stop.waitFor();
      await expect.poll(() => tab.getByTestId("recording-time").textContent(), { timeout: 5_000 }).toBe("0:02 / 2:00");
      expect(await stop.isEnabled()).toBe(true);
      await stop.click();
      const status = tab.getByTestId("reference-status");
      await expect.poll(() => status.getAttribute("data-state"), { timeout: 15_000 }).toBe("problem");
      expect(await status.textContent()).toMatch(/^You stopped after 2(\.\d)? seconds\. Record for at least 10 seconds, then stop\.$/);
      expect(await tab.getByText("Recorded", { exact: true }).count()).toBe(1);
      await tab.getByLabel("Text", { exact: true }).fill("Too short to clone.");
      await tab.getByRole("checkbox").check();
      expect(await tab.getByRole("button", { name: "Clone voice" }).isDisabled()).toBe(true);
      await screenshot(tab, "desktop-clone-recording-too-short");
      // The microphone can be used again straight away.
      expect(await tab.getByRole("button", { name: "Record with microphone" }).isEnabled()).toBe(true);
      expect(requests()).toBe(0);
      expect(tabErrors).toEqual([]);
      await micContext.close();
    } finally {
      await micBrowser.close();
    }
  });
});

describe("phone", () => {
  it("shows the Clone page and its result at 390 × 844 without horizontal scrolling", async () => {
    const { context: phone, page: tab } = await openPage(browser(), { viewport: PHONE, signedInAs: "e2e-clone-phone@example.com" });
    await tab.goto("/en/dashboard/clone");
    await tab.getByTestId("drop-zone").waitFor();
    await tab.evaluate(() => document.fonts.ready);
    await screenshot(tab, "phone-clone-empty");
    expect(await horizontalOverflow(tab)).toBeLessThanOrEqual(0);
    await fileInput(tab).setInputFiles({ name: "a-rather-long-file-name-from-my-phone-recorder-app.wav", mimeType: "audio/wav", buffer: voicedWav(12) });
    await expect.poll(() => tab.getByTestId("reference-status").getAttribute("data-state")).toBe("ok");
    await tab.getByLabel("Text", { exact: true }).fill("Phones can clone voices too.");
    await tab.getByRole("checkbox").check();
    await tab.getByRole("button", { name: "Clone voice" }).click();
    await tab.getByTestId("result-status").waitFor({ timeout: 45_000 });
    await tab.waitForFunction(() => document.querySelector("[data-testid=result] [role=slider]")?.getAttribute("aria-disabled") === "false");
    await screenshot(tab, "phone-clone-result");
    expect(await horizontalOverflow(tab)).toBeLessThanOrEqual(0);
    await phone.close();
  });
});
