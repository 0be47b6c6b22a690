// Section (h) of `npm run bench`: the front end in Debian's Chromium (playwright-core) with the CPU
// throttled 4× (DevTools' Emulation.setCPUThrottlingRate), against the locally started product:
//  - the landing page's largest contentful paint and the moment it is hydrated (translations in,
//    `data-i18n-ready` set), on a cold load (a new browser context per run);
//  - on Generate, the time from the click on "Generate speech" to the first sound (the page's own
//    StreamPlayer figure, `data-first-sound-ms`) for a new text each run, spoken by the local engine.
// Medians are printed and returned; nothing here is an invariant.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const THROTTLE = 4;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor((sorted.length - 1) / 2)];
};

async function throttled(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  return page;
}

async function landingRun(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await throttled(context);
  await page.addInitScript(() => {
    window.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__lcp = entry.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    // Polled: the parser replaces the <html> element this script would see at document start.
    const poll = setInterval(() => {
      if (document.documentElement.dataset.i18nReady === undefined) return;
      window.__hydrated = performance.now();
      clearInterval(poll);
    }, 5);
  });
  await page.goto(`${base}/en/`, { waitUntil: "load" });
  await page.waitForFunction(() => window.__hydrated !== undefined);
  await page.waitForTimeout(300);
  const figures = await page.evaluate(() => ({ lcp: window.__lcp, hydrated: window.__hydrated }));
  await context.close();
  return figures;
}

async function clickToSoundRun(browser, base, session, index) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((value) => window.localStorage.setItem("sexyvoice.session", value), session);
  const page = await throttled(context);
  await page.goto(`${base}/en/dashboard/generate`);
  await page.getByRole("radio").first().waitFor({ state: "attached" });
  await page.getByLabel("Text", { exact: true }).fill(`Benchmark sentence number ${index} at ${Date.now()}: how soon does the first sound play?`);
  await page.getByRole("button", { name: "Generate speech" }).click();
  const timing = page.getByTestId("stream-timing");
  await timing.waitFor({ state: "attached", timeout: 60_000 });
  const firstSound = Number(await timing.getAttribute("data-first-sound-ms"));
  const done = Number(await timing.getAttribute("data-done-ms"));
  await context.close();
  return { firstSound, done };
}

/** Runs section (h); `session` is a local sign-in as the SPA stores it. Returns the medians, or null without Chromium. */
export async function benchFrontEnd({ base, session, runs = 5 }) {
  if (!existsSync(CHROMIUM)) {
    console.log(`\n(h) front end: skipped, ${CHROMIUM} is missing (apt-get install chromium)`);
    return null;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required"] });
  try {
    const landing = [];
    for (let i = 0; i < runs; i++) landing.push(await landingRun(browser, base));
    const sounds = [];
    for (let i = 0; i < runs; i++) sounds.push(await clickToSoundRun(browser, base, session, i));
    const figures = {
      cpuThrottle: THROTTLE,
      landingLcpMs: median(landing.map((run) => run.lcp)),
      landingHydratedMs: median(landing.map((run) => run.hydrated)),
      clickToFirstSoundMs: median(sounds.map((run) => run.firstSound)),
      clickToDoneMs: median(sounds.map((run) => run.done)),
    };
    console.log(`\n(h) front end in Chromium, CPU throttled ${THROTTLE}×, medians of ${runs} cold loads`);
    console.log(`    landing: largest contentful paint ${figures.landingLcpMs.toFixed(0)} ms, hydrated ${figures.landingHydratedMs.toFixed(0)} ms after navigation start`);
    console.log(`    Generate: click to first sound ${figures.clickToFirstSoundMs.toFixed(0)} ms, to the whole result ${figures.clickToDoneMs.toFixed(0)} ms (local engine, new text each run)`);
    return figures;
  } finally {
    await browser.close();
  }
}
