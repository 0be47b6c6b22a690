/**
 * "My voices" in a real browser against the local product: save a recording straight from the
 * Clone page (consent required first) → it is listed with how many of 20 are used → rename it; a
 * name already taken is refused in words → after a clone, "Save this voice" keeps the voice just
 * cloned → on Generate both are in the picker under "My voices", marked as the user's, without a
 * sample button, with the style and the paid settings off and the clone price in the estimate →
 * it speaks new text → deleting asks first, and the picker no longer offers it.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { browserForFile, creditBalance, openPage, screenshot, voicedWav, waitForLocale } from "./helpers.mts";

const browser = browserForFile();
let page: Page;
let errors: string[];
const run = Date.now().toString(36);
const first = `Studio ${run}`;
const renamed = `Podcast ${run}`;
const afterClone = `Cloned ${run}`;

beforeAll(async () => {
  ({ page, errors } = await openPage(browser(), { signedInAs: "e2e-my-voices@example.com" }));
});

const saveCard = () => page.getByRole("heading", { name: /^Save (this voice|as one of my voices)$/ }).locator("xpath=..");
const savedNames = () => page.getByTestId("saved-voice-name").allTextContents();

describe("save → rename → use on Generate → delete", () => {
  it("starts with no saved voices and needs a recording and consent before saving", async () => {
    await page.goto("/en/dashboard/clone");
    await waitForLocale(page, "en");
    await page.getByText("No saved voices yet.", { exact: false }).waitFor();
    expect(await page.getByTestId("my-voices-usage").textContent()).toBe("0 of 20 used");
    expect(await saveCard().getByRole("heading").textContent()).toBe("Save as one of my voices");
    expect(await page.getByTestId("save-voice-hint").textContent()).toBe("Add a recording first.");
    await page.locator('input[type="file"]').setInputFiles({ name: "studio.wav", mimeType: "audio/wav", buffer: voicedWav(12) });
    await expect.poll(() => page.getByTestId("reference-status").getAttribute("data-state"), { timeout: 10_000 }).toBe("ok");
    await expect.poll(() => page.getByTestId("save-voice-hint").textContent()).toBe("Confirm that you may clone this voice.");
    expect(await page.getByRole("button", { name: "Save voice" }).isDisabled()).toBe(true);
  });

  it("saves the recording straight away, without cloning, and lists it", async () => {
    await page.getByLabel("This is my own voice, or I have the speaker's permission to clone it.").check();
    expect(await page.getByTestId("save-voice-hint").textContent()).toBe("It will speak English, the language chosen for the text.");
    const name = page.getByLabel("Name of the voice");
    expect(await name.inputValue()).toBe("My voice");
    await name.fill(first);
    await page.getByRole("button", { name: "Save voice" }).click();
    await expect.poll(() => page.getByTestId("voice-saved").textContent(), { timeout: 20_000 }).toContain(`Saved as “${first}”.`);
    await expect.poll(savedNames).toEqual([first]);
    expect(await page.getByTestId("my-voices-usage").textContent()).toBe("1 of 20 used");
    expect(await page.getByTestId("saved-voice").textContent()).toContain("English · 0:12 recording");
    // Saving spends nothing.
    expect(await creditBalance(page)).toBe("10,000");
    await screenshot(page, "desktop-my-voices-saved");
  });

  it("renames it, and refuses a name already taken in words", async () => {
    await page.getByRole("button", { name: `Rename ${first}` }).click();
    const field = page.getByLabel(`New name for ${first}`);
    await field.fill(renamed);
    await page.getByRole("button", { name: "Save name" }).click();
    await expect.poll(savedNames).toEqual([renamed]);

    await page.getByLabel("Name of the voice").fill(renamed.toUpperCase());
    await page.getByRole("button", { name: "Save voice" }).click();
    await page.getByText("This name is taken: by one of your voices, a built-in voice or an OpenAI voice name. Choose another name.").waitFor({ timeout: 20_000 });
    await page.getByLabel("Name of the voice").fill("alloy");
    await page.getByRole("button", { name: "Save voice" }).click();
    await page.getByText("This name is taken", { exact: false }).waitFor({ timeout: 20_000 });
    expect(await savedNames()).toEqual([renamed]);
  });

  it("offers to save the voice just cloned, with the clone's recording and language", async () => {
    await page.getByLabel("Text", { exact: true }).fill(`Keeping this clone, run ${run}.`);
    await page.getByRole("button", { name: "Clone voice" }).click();
    await page.getByTestId("result-status").waitFor({ timeout: 45_000 });
    expect(await saveCard().getByRole("heading").textContent()).toBe("Save this voice");
    await page.getByLabel("Name of the voice").fill(afterClone);
    await page.getByRole("button", { name: "Save voice" }).click();
    await expect.poll(savedNames, { timeout: 20_000 }).toEqual([renamed, afterClone]);
    expect(await page.getByTestId("my-voices-usage").textContent()).toBe("2 of 20 used");
    await screenshot(page, "desktop-my-voices-after-clone");
  });

  it("opens a saved voice on Generate: in My voices, marked as the user's, no sample, no style, clone price", async () => {
    await page.getByTestId("saved-voice").filter({ hasText: renamed }).getByRole("button", { name: "Use on Generate" }).click();
    await page.waitForURL("**/en/dashboard/generate");
    await expect.poll(() => page.getByTestId("selected-voice").textContent()).toContain(renamed);
    const group = page.getByTestId("my-voices-group");
    expect(await group.getByRole("heading").textContent()).toMatch(/^My voices\s*·\s*\(2\)$/);
    expect(await group.getByRole("radio").evaluateAll((radios) => radios.map((radio) => radio.getAttribute("aria-checked")))).toEqual(["true", "false"]);
    const row = group.getByRole("radio", { name: new RegExp(`^${renamed}`) });
    expect(await row.getByTestId("saved-voice-mark").count()).toBe(1);
    expect(await row.getByTestId("sample-mark").count()).toBe(0);
    expect(await page.getByTestId("selected-voice-yours").textContent()).toBe("Yours");
    expect(await page.getByRole("button", { name: `Play a sample of ${renamed}` }).count()).toBe(0);
    // Catalogue voices keep their samples.
    expect(
      await page
        .getByRole("radio", { name: /^Kore\b/ })
        .getByTestId("sample-mark")
        .count(),
    ).toBe(1);
    expect(await page.getByLabel(/Speaking style/).isDisabled()).toBe(true);
    expect(await page.getByLabel("Language of the text").isDisabled()).toBe(true);
    expect(await page.getByLabel("Language of the text").inputValue()).toBe("en");
    await page.getByLabel("Text", { exact: true }).fill("Hello from my own voice");
    await expect.poll(() => page.getByTestId("estimate").textContent()).toBe("≈ 330 credits");
    await screenshot(page, "desktop-generate-saved-voice");
  });

  it("speaks new text with the saved voice", async () => {
    const before = await creditBalance(page);
    await page.getByRole("button", { name: "Generate speech" }).click();
    const status = page.getByTestId("result-status");
    await status.waitFor({ timeout: 45_000 });
    await expect.poll(() => creditBalance(page)).not.toBe(before);
  });

  it("deletes both after a confirmation, and the picker no longer offers them", async () => {
    await page.goto("/en/dashboard/clone");
    await expect.poll(savedNames).toEqual([renamed, afterClone]);
    await page.getByRole("button", { name: `Delete ${renamed}` }).click();
    const dialog = page.getByRole("dialog", { name: `Delete “${renamed}”?` });
    await dialog.waitFor();
    await screenshot(page, "desktop-my-voices-delete");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await savedNames()).toEqual([renamed, afterClone]);
    for (const name of [renamed, afterClone]) {
      await page.getByRole("button", { name: `Delete ${name}` }).click();
      await page
        .getByRole("dialog", { name: `Delete “${name}”?` })
        .getByRole("button", { name: "Delete voice" })
        .click();
      await page.getByRole("dialog").waitFor({ state: "hidden" });
    }
    await page.getByText("No saved voices yet.", { exact: false }).waitFor();
    await page.getByRole("navigation", { name: "Dashboard" }).and(page.locator(":visible")).getByRole("link", { name: "Generate" }).click();
    await page.getByRole("radio").first().waitFor({ state: "attached" });
    expect(await page.getByTestId("my-voices-group").count()).toBe(0);
    // In the picker: the last result, spoken by that voice, is still shown (its audio is in the history).
    expect(await page.getByRole("radiogroup").getByText(renamed).count()).toBe(0);
  });

  it("raised no error in the page", () => {
    expect(errors).toEqual([]);
  });
});
