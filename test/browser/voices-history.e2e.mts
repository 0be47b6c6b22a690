/**
 * The voice picker and the History page as a user meets them (issue 15, items 3, 4, 7 and 9):
 * the voice list is one Tab stop that the arrow keys move through, the language filter offers
 * every language the voices speak (checked against /api/voices), the list is no scroll box of
 * its own on a phone; History rows have one player that pauses in place and one download link,
 * long texts expand, and a delete can be undone for a few seconds before it reaches the server.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PHONE, baseUrl, browserForFile, createSession, generateViaApi, newContext, openPage, screenshot, useSession, watchPageErrors } from "./helpers.mts";

const browser = browserForFile();

async function openGenerate(options: { viewport?: { width: number; height: number } } = {}) {
  const opened = await openPage(browser(), { ...options, signedInAs: `e2e-voices-${Date.now()}@example.com` });
  await opened.page.goto("/en/dashboard/generate");
  await opened.page.getByTestId("voice-list").getByRole("radio").first().waitFor();
  return opened;
}

/** What has focus, as a short description (the test reads the Tab order from these). */
function focused(page: Page): Promise<{ tag: string; role: string | null; voice: string | null; inList: boolean; label: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? "",
      role: element?.getAttribute("role") ?? null,
      voice: element?.getAttribute("data-voice-id") ?? null,
      inList: element?.closest("[data-testid=voice-list]") !== null && element?.closest("[data-testid=voice-list]") !== undefined,
      label: element?.getAttribute("aria-label") ?? element?.textContent?.trim().slice(0, 40) ?? "",
    };
  });
}

/** What this file reads of `GET /api/voices` (the suite runs outside the repo's module graph). */
interface ApiVoice {
  id: string;
  language: string;
  feature: "tts" | "call";
}

async function apiVoices(query = ""): Promise<ApiVoice[]> {
  const response = await fetch(`${baseUrl()}/api/voices${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { voices: ApiVoice[] }).voices.filter((voice) => voice.feature === "tts");
}

function listedVoiceIds(page: Page): Promise<string[]> {
  return page
    .getByTestId("voice-list")
    .getByRole("radio")
    .evaluateAll((radios) => radios.map((radio) => radio.getAttribute("data-voice-id") ?? ""));
}

describe("the voice list is one composite widget", () => {
  it("is one Tab stop on the way to the text box, and the arrow keys move and select inside it", async () => {
    const { context, page, errors } = await openGenerate();
    const total = await page.getByTestId("voice-list").getByRole("radio").count();
    expect(total).toBeGreaterThanOrEqual(38);
    const stops: Array<Awaited<ReturnType<typeof focused>>> = [];
    for (let press = 0; press < 60; press += 1) {
      await page.keyboard.press("Tab");
      const now = await focused(page);
      stops.push(now);
      if (now.tag === "textarea") break;
    }
    console.log(`Tab presses from the page start to the text box: ${stops.length}: ${stops.map((stop) => stop.label || stop.tag).join(" | ")}`);
    expect(stops.at(-1)?.tag).toBe("textarea");
    // Before: 55 presses. The voice list is passed with exactly one of them.
    // Today 20: the skip link, header and side navigation (13), the three filters, the list, the
    // chosen voice's sample button and the speech language; a little room for the navigation to grow.
    expect(stops.length).toBeLessThanOrEqual(22);
    expect(stops.filter((stop) => stop.inList)).toHaveLength(1);
    const entry = stops.find((stop) => stop.inList)!;
    expect(entry.role).toBe("radio");

    // Back into the list (Shift+Tab from the text box passes the speech-language select and the sample button).
    await page.locator(`[data-voice-id="${entry.voice}"]`).focus();
    const radios = page.getByTestId("voice-list").getByRole("radio");
    const ids = await listedVoiceIds(page);
    const start = ids.indexOf(entry.voice!);
    await page.keyboard.press("ArrowDown");
    const next = ids[(start + 1) % ids.length]!;
    await expect.poll(() => focused(page).then((now) => now.voice)).toBe(next);
    expect(await page.locator(`[data-voice-id="${next}"]`).getAttribute("aria-checked")).toBe("true");
    expect(await radios.and(page.locator("[aria-checked=true]")).count()).toBe(1);
    const nextName = await page.locator(`[data-voice-id="${next}"]`).locator("span.truncate").first().textContent();
    await expect.poll(() => page.getByTestId("selected-voice").textContent()).toContain(nextName!);
    // The roving tabindex follows: only the chosen voice is in the tab order.
    expect(await radios.evaluateAll((all) => all.filter((radio) => radio.getAttribute("tabindex") === "0").map((radio) => radio.getAttribute("data-voice-id")))).toEqual([next]);

    await page.keyboard.press("End");
    await expect.poll(() => focused(page).then((now) => now.voice)).toBe(ids.at(-1));
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => focused(page).then((now) => now.voice)).toBe(ids[0]);
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => focused(page).then((now) => now.voice)).toBe(ids.at(-1));
    await page.keyboard.press("Home");
    await expect.poll(() => focused(page).then((now) => now.voice)).toBe(ids[0]);
    expect(await page.locator(`[data-voice-id="${ids[0]}"]`).getAttribute("aria-checked")).toBe("true");

    // Space plays the focused voice's sample, and Space again stops it.
    const sample = page.waitForResponse((response) => new URL(response.url()).pathname === `/api/voices/${ids[0]}/sample`);
    await page.keyboard.press("Space");
    expect((await sample).status()).toBeLessThan(300);
    const mark = page.locator(`[data-voice-id="${ids[0]}"]`).getByTestId("sample-mark");
    await expect.poll(() => mark.getAttribute("data-playing")).toBe("true");
    await page.keyboard.press("Space");
    await expect.poll(() => mark.getAttribute("data-playing")).toBe("false");
    expect(await focused(page).then((now) => now.voice)).toBe(ids[0]);
    await screenshot(page, "desktop-generate-voice-list-focus");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the language filter", () => {
  it("offers every language the voices speak, and German lists the voices that speak German, multilingual ones marked", async () => {
    const { context, page, errors } = await openGenerate();
    const select = page.getByTestId("voice-language");
    const options = await select.locator("option").evaluateAll((all) => all.map((option) => ({ value: (option as HTMLOptionElement).value, label: option.textContent ?? "" })));
    const languages = options.filter((option) => option.value !== "all" && option.value !== "multi");
    expect(languages.length).toBeGreaterThanOrEqual(5);
    expect(languages.map((option) => option.label)).toEqual(expect.arrayContaining(["English", "German", "French", "Spanish", "Italian", "Danish"]));
    // Every language offered is one the server's own filter accepts.
    for (const option of languages) expect((await fetch(`${baseUrl()}/api/voices?language=${option.value}`)).status, option.value).toBe(200);

    const german = await apiVoices("?language=de");
    const all = await apiVoices();
    expect(german.length).toBeGreaterThan(0);
    expect(german.length).toBeLessThan(all.length);
    await select.selectOption({ label: "German" });
    await expect.poll(() => listedVoiceIds(page).then((ids) => ids.sort())).toEqual(german.map((voice) => voice.id).sort());
    for (const voice of german) {
      const badge = page.locator(`[data-voice-id="${voice.id}"]`).getByTestId("multilingual-badge");
      expect(await badge.count(), voice.id).toBe(voice.language === "multi" ? 1 : 0);
      if (voice.language === "multi") expect(await badge.textContent()).toBe("Multilingual");
    }
    // The mark is explained on the page, not only in a tooltip.
    expect(await page.getByTestId("multilingual-legend").isVisible()).toBe(true);
    expect(await page.getByTestId("multilingual-legend").textContent()).toMatch(/^Multilingual: speaks all \d+ supported languages$/);
    // English is no longer "every voice" by accident: it lists exactly what the server says speaks English.
    await select.selectOption({ label: "English" });
    const english = await apiVoices("?language=en");
    await expect.poll(() => listedVoiceIds(page).then((ids) => ids.sort())).toEqual(english.map((voice) => voice.id).sort());
    await select.selectOption("multi");
    await expect
      .poll(() => listedVoiceIds(page).then((ids) => ids.sort()))
      .toEqual(
        all
          .filter((voice) => voice.language === "multi")
          .map((voice) => voice.id)
          .sort(),
      );
    await select.selectOption({ label: "German" });
    await screenshot(page, "desktop-generate-voices-german");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("on a phone", () => {
  it("scrolls the page only: the voice list is no scroll box of its own", async () => {
    const { context, page, errors } = await openGenerate({ viewport: PHONE });
    const boxes = await page.getByTestId("voice-list").evaluate((list: HTMLElement) => {
      const found: string[] = [];
      for (let element: HTMLElement | null = list; element !== null && element !== document.body; element = element.parentElement) {
        const style = getComputedStyle(element);
        const scrolls = /(auto|scroll)/.test(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
        if (scrolls) found.push(`${element.tagName} ${element.className} ${element.scrollHeight}>${element.clientHeight}`);
      }
      return { found, overflow: getComputedStyle(list).overflowY, scrollHeight: list.scrollHeight, clientHeight: list.clientHeight };
    });
    expect(boxes.found).toEqual([]);
    expect(boxes.overflow).toBe("visible");
    expect(boxes.scrollHeight).toBeLessThanOrEqual(boxes.clientHeight + 1);
    // The whole list is in the page: the last voice is reached by scrolling the page.
    const last = page.getByTestId("voice-list").getByRole("radio").last();
    await last.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await screenshot(page, "phone-generate-voice-list");
    expect(errors).toEqual([]);
    await context.close();
  });
});

const LONG_TEXT =
  "This history entry is long on purpose. It goes on about the weather, the sea and the small harbour town where the ferry " +
  "leaves at seven every morning, about the baker who opens before dawn and the gulls that wait for him on the harbour wall, " +
  "about the lighthouse keeper and the fishing boats, so that three lines of a History row cannot hold all of it at any " +
  "width and the rest has to be opened. The last words are the ones a user would never read: the end of the long text.";

/** A signed-in History page of a fresh account with three generations (the long one newest). */
async function openHistory() {
  const email = `e2e-history-${Date.now()}@example.com`;
  await generateViaApi(email, "gemini-puck", ["Keep me in the history.", "Delete me for good.", LONG_TEXT]);
  const session = await createSession(email);
  const context = await newContext(browser());
  await useSession(context, session);
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  const deletes: Array<{ url: string; at: number }> = [];
  page.on("request", (request) => {
    if (request.method() === "DELETE") deletes.push({ url: request.url(), at: Date.now() });
  });
  await page.goto("/en/dashboard/history");
  await page.getByTestId("history-item").first().waitFor();
  await expect.poll(() => page.getByTestId("history-item").count()).toBe(3);
  const token = (JSON.parse(session) as { accessToken: string }).accessToken;
  const serverTexts = async () => {
    const response = await fetch(`${baseUrl()}/api/history?limit=50`, { headers: { authorization: `Bearer ${token}` } });
    return ((await response.json()) as { items: Array<{ text: string }> }).items.map((item) => item.text);
  };
  return { context, page, errors, deletes, serverTexts };
}

function row(page: Page, text: string) {
  return page.getByTestId("history-item").filter({ hasText: text });
}

describe("History rows", () => {
  it("have one player that plays and pauses in place, one download link, and a long text that expands", async () => {
    const { context, page, errors } = await openHistory();
    const item = row(page, "the end of the long text");
    expect(await item.getByRole("button", { name: /^(Play|Pause) audio by/ }).count()).toBe(1);
    expect(await item.getByRole("link").count()).toBe(1);
    expect(await item.getByRole("link", { name: "Download audio by Puck" }).getAttribute("download")).toMatch(/\.(wav|mp3)$/);
    // Nothing is fetched before play: the audio element appears with the first press.
    expect(await item.getByTestId("history-audio").count()).toBe(0);

    await item.getByRole("button", { name: "Play audio by Puck" }).click();
    const audio = item.getByTestId("history-audio");
    await expect.poll(() => audio.evaluate((element) => (element as HTMLAudioElement).currentTime), { timeout: 15_000 }).toBeGreaterThan(0);
    const pause = item.getByRole("button", { name: "Pause audio by Puck" });
    await pause.click();
    await expect.poll(() => audio.evaluate((element) => (element as HTMLAudioElement).paused)).toBe(true);
    // Still one player, still there, and play resumes from where it was.
    const position = await audio.evaluate((element) => (element as HTMLAudioElement).currentTime);
    expect(await item.getByRole("slider", { name: "Playback position" }).count()).toBe(1);
    expect(await item.getByRole("button", { name: /^(Play|Pause) audio by/ }).count()).toBe(1);
    expect(await item.getByRole("link").count()).toBe(1);
    await item.getByRole("button", { name: "Play audio by Puck" }).click();
    await expect.poll(() => audio.evaluate((element) => (element as HTMLAudioElement).paused)).toBe(false);
    expect(await audio.evaluate((element) => (element as HTMLAudioElement).currentTime)).toBeGreaterThanOrEqual(position);
    await item.getByRole("button", { name: "Pause audio by Puck" }).click();

    const text = item.getByTestId("history-text");
    const clipped = () => text.evaluate((element) => element.scrollHeight > element.clientHeight + 1);
    expect(await clipped()).toBe(true);
    const toggle = item.getByRole("button", { name: "Show the full text" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await toggle.getAttribute("aria-controls")).toBe(await text.getAttribute("id"));
    await toggle.click();
    const less = item.getByRole("button", { name: "Show less" });
    expect(await less.getAttribute("aria-expanded")).toBe("true");
    expect(await clipped()).toBe(false);
    expect(await text.textContent()).toBe(LONG_TEXT);
    expect(await text.isVisible()).toBe(true);
    await screenshot(page, "desktop-history-expanded");
    await less.click();
    await expect.poll(clipped).toBe(true);
    // A short text fits: no toggle.
    expect(await row(page, "Keep me in the history.").getByRole("button", { name: "Show the full text" }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("deleting from History", () => {
  it("can be undone within the window (nothing is sent, the server keeps it); without undo it is deleted after the window", async () => {
    const { context, page, errors, deletes, serverTexts } = await openHistory();
    const items = page.getByTestId("history-item");

    await row(page, "Keep me in the history.").getByRole("button", { name: "Delete audio by Puck" }).click();
    await expect.poll(() => items.count()).toBe(2);
    const toast = page.getByTestId("undo-toast");
    expect(await toast.textContent()).toContain("Audio by Puck deleted.");
    // The deleted row had the focus: it moves to Undo.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Undo deleting the audio by Puck");
    await screenshot(page, "desktop-history-undo");
    await page.getByRole("button", { name: "Undo deleting the audio by Puck" }).click();
    await expect.poll(() => items.count()).toBe(3);
    expect(await toast.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.closest("[data-testid=history-item]")?.textContent?.includes("Keep me in the history."))).toBe(true);
    // Past the window: still nothing sent, and the server and a reload still have it.
    await page.waitForTimeout(6_000);
    expect(deletes).toEqual([]);
    expect(await serverTexts()).toContain("Keep me in the history.");
    await page.reload();
    await items.first().waitFor();
    await expect.poll(() => items.count()).toBe(3);

    const clicked = Date.now();
    await row(page, "Delete me for good.").getByRole("button", { name: "Delete audio by Puck" }).click();
    await expect.poll(() => items.count()).toBe(2);
    // The DELETE goes out only when the window has passed, and the toast goes with it.
    await expect.poll(() => deletes.length, { timeout: 10_000 }).toBe(1);
    expect(deletes[0]!.at - clicked).toBeGreaterThanOrEqual(4_500);
    await expect.poll(() => toast.count()).toBe(0);
    await expect.poll(serverTexts).not.toContain("Delete me for good.");
    await page.reload();
    await items.first().waitFor();
    await expect.poll(() => items.count()).toBe(2);
    expect((await items.allTextContents()).some((content) => content.includes("Delete me for good."))).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("completes a waiting delete when the user leaves the page: to another page, or by reloading", async () => {
    const { context, page, deletes, serverTexts } = await openHistory();
    await row(page, "Keep me in the history.").getByRole("button", { name: "Delete audio by Puck" }).click();
    await page.getByTestId("undo-toast").waitFor();
    const left = Date.now();
    await page.getByRole("link", { name: "Generate" }).first().click();
    await expect.poll(() => deletes.length).toBe(1);
    expect(deletes[0]!.at - left).toBeLessThan(3_000);
    await expect.poll(serverTexts).not.toContain("Keep me in the history.");

    await page.goto("/en/dashboard/history");
    await page.getByTestId("history-item").first().waitFor();
    await row(page, "Delete me for good.").getByRole("button", { name: "Delete audio by Puck" }).click();
    await page.getByTestId("undo-toast").waitFor();
    await page.reload();
    // Sent from pagehide as a keepalive request: the server has it gone although the page that asked is not there any more.
    await expect.poll(serverTexts, { timeout: 5_000 }).not.toContain("Delete me for good.");
    await context.close();
  });
});
