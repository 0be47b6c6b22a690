/**
 * The pre-rendered public pages (issue 16: landing, pricing, blog, terms, privacy), checked on what the build wrote and what the product
 * serves: every public page exists for every locale as HTML that holds its heading and meta tags
 * without JavaScript; hreflang alternates are reciprocal; the sitemap lists exactly the built
 * pages; a post missing in a locale is not linked from that locale's blog index; the Atom feeds
 * parse. In Chromium: the landing hydrates (the server's nodes are kept, no console errors, the
 * hero does not move), pages read with JavaScript off, and a post shows its code block and image.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { baseUrl, browserForFile, newContext, openPage, screenshot, waitForLocale } from "./helpers.mts";

const LOCALES = ["en", "es", "de", "da", "it", "fr"] as const;
type Locale = (typeof LOCALES)[number];
const DIST = "dist/spa";
const ORIGIN = process.env.APP_URL ?? "https://sexyvoice.ai";

type Messages = Record<string, string>;
async function messages(locale: Locale): Promise<Messages> {
  // A variable specifier: the messages are the SPA's TypeScript, loaded by vitest at run time.
  const file = path.resolve(`web/src/i18n/messages/${locale}.ts`);
  return ((await import(file)) as { default: Messages }).default;
}

interface Post {
  slug: string;
  locale: Locale;
  title: string;
}

function posts(): Post[] {
  const root = "web/content/blog";
  return readdirSync(root).flatMap((slug) =>
    readdirSync(path.join(root, slug))
      .filter((file) => file.endsWith(".mdx"))
      .map((file) => {
        const source = readFileSync(path.join(root, slug, file), "utf8");
        const front = parseYaml(/^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? "") as { title: string };
        return { slug, locale: file.replace(/\.mdx$/, "") as Locale, title: front.title };
      }),
  );
}

/** Every page the build must have written, with the heading it must show. */
async function expectedPages(): Promise<Array<{ path: string; locale: Locale; heading: string }>> {
  const pages: Array<{ path: string; locale: Locale; heading: string }> = [];
  for (const locale of LOCALES) {
    const m = await messages(locale);
    pages.push({ path: `/${locale}/`, locale, heading: m["landing.title"] ?? "" });
    pages.push({ path: `/${locale}/pricing`, locale, heading: m["pricing.title"] ?? "" });
    pages.push({ path: `/${locale}/blog`, locale, heading: m["blog.title"] ?? "" });
    for (const kind of ["terms", "privacy"]) {
      const text = (await import(path.resolve(`web/src/pages/legal/content/${kind}/${locale}.ts`))) as { default: { title: string } };
      pages.push({ path: `/${locale}/${kind}`, locale, heading: text.default.title });
    }
  }
  for (const post of posts()) pages.push({ path: `/${post.locale}/blog/${post.slug}`, locale: post.locale, heading: post.title });
  return pages;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function metaContent(html: string, attribute: "name" | "property", key: string): string | undefined {
  const match = new RegExp(`<meta ${attribute}="${key}" content="([^"]*)"`).exec(html);
  return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
}

function alternates(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((match) => [match[1] ?? "", match[2] ?? ""]));
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "assets" ? [] : htmlFiles(full);
    return name.endsWith(".html") ? [full] : [];
  });
}

/** The URL path a built file is served at (dist/spa/de/index.html → /de/, de/pricing.html → /de/pricing). */
function servedPath(file: string): string {
  const relative = path.relative(DIST, file).split(path.sep).join("/");
  return `/${relative.replace(/index\.html$/, "").replace(/\.html$/, "")}`;
}

async function fetchHtml(pathname: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${baseUrl()}${pathname}`, { redirect: "manual" });
  return { status: response.status, html: await response.text() };
}

const browser = browserForFile();

describe("pre-rendered public pages: the build output", () => {
  it("serves every public page of every locale as HTML with its heading and meta tags", async () => {
    const pages = await expectedPages();
    expect(pages.length).toBeGreaterThanOrEqual(LOCALES.length * 5 + 6);
    for (const page of pages) {
      const { status, html } = await fetchHtml(page.path);
      expect(status, page.path).toBe(200);
      expect(html, page.path).toContain(`<html lang="${page.locale}">`);
      expect(html, page.path).toContain('data-prerendered="true"');
      const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1]?.replace(/<[^>]+>/g, "");
      expect(decodeEntities(h1 ?? ""), page.path).toBe(page.heading);
      const title = decodeEntities(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "");
      expect(title, page.path).toMatch(/ · SexyVoice$/);
      expect((metaContent(html, "name", "description") ?? "").length, page.path).toBeGreaterThan(40);
      expect(html, page.path).toContain(`<link rel="canonical" href="${ORIGIN}${page.path}" />`);
      expect(metaContent(html, "property", "og:title"), page.path).toBe(title);
      expect(metaContent(html, "property", "og:url"), page.path).toBe(`${ORIGIN}${page.path}`);
      expect(metaContent(html, "property", "og:image"), page.path).toBe(`${ORIGIN}/og-image.png`);
      expect(metaContent(html, "name", "twitter:card"), page.path).toBe("summary_large_image");
      // Exactly one title and one description: the SPA shell's defaults were replaced, not added to.
      expect(html.match(/<title>/g)?.length, page.path).toBe(1);
      expect(html.match(/<meta name="description"/g)?.length, page.path).toBe(1);
    }
    const image = await fetch(`${baseUrl()}/og-image.png`);
    expect(image.headers.get("content-type")).toContain("image/png");
  });

  it("`curl /de/` returns the German landing's text and meta tags", async () => {
    const de = await messages("de");
    const { html } = await fetchHtml("/de/");
    expect(html).toContain(de["landing.subtitle"]);
    expect(metaContent(html, "name", "description")).toBe(de["seo.landing.description"]);
    expect(html).toContain(`<title>${de["landing.documentTitle"]} · SexyVoice</title>`);
  });

  it("links each page to its other-language versions, and they link back", async () => {
    const pages = await expectedPages();
    const byUrl = new Map<string, Map<string, string>>();
    for (const page of pages) byUrl.set(`${ORIGIN}${page.path}`, alternates((await fetchHtml(page.path)).html));
    for (const [url, links] of byUrl) {
      const self = [...links.entries()].find(([, href]) => href === url);
      expect(self, `${url} lists itself among its alternates`).toBeDefined();
      for (const [hreflang, href] of links) {
        if (hreflang === "x-default") continue;
        const back = byUrl.get(href);
        expect(back, `${url} → ${href} is a built page`).toBeDefined();
        expect(back?.get(self?.[0] ?? ""), `${href} links back to ${url}`).toBe(url);
      }
    }
    // Every locale of the landing names the other five.
    expect(byUrl.get(`${ORIGIN}/da/`)?.size).toBe(LOCALES.length + 1);
  });

  it("lists exactly the built pages in the sitemap, and robots.txt points to it", async () => {
    const sitemap = await (await fetch(`${baseUrl()}/sitemap.xml`)).text();
    const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]).sort();
    const built = htmlFiles(DIST)
      .filter((file) => path.relative(DIST, file) !== "index.html")
      .map((file) => `${ORIGIN}${servedPath(file)}`)
      .sort();
    expect(built.length).toBe((await expectedPages()).length);
    expect(listed).toEqual(built);
    const robots = await (await fetch(`${baseUrl()}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
    expect(robots).toContain("Disallow: /api/");
    expect(robots).toContain("Disallow: /de/dashboard");
  });

  it("does not link a post from the index of a locale it is not written in", async () => {
    const all = posts();
    const slugs = [...new Set(all.map((post) => post.slug))];
    let checked = 0;
    for (const locale of LOCALES) {
      const { html } = await fetchHtml(`/${locale}/blog`);
      for (const slug of slugs) {
        const written = all.some((post) => post.slug === slug && post.locale === locale);
        expect(html.includes(`href="/${locale}/blog/${slug}"`), `${locale} index and ${slug}`).toBe(written);
        if (!written) {
          checked += 1;
          expect((await fetchHtml(`/${locale}/blog/${slug}`)).html, "no pre-rendered page either").not.toContain('data-prerendered="true"');
        }
      }
    }
    expect(checked, "some post is missing in some locale").toBeGreaterThan(0);
  });

  it("writes an Atom feed per locale with that locale's posts", async () => {
    for (const locale of LOCALES) {
      const response = await fetch(`${baseUrl()}/${locale}/blog/feed.xml`);
      expect(response.status).toBe(200);
      const xml = await response.text();
      expect(xml).toContain(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`);
      const titles = [...xml.matchAll(/<entry>\s*<title>([^<]*)<\/title>/g)].map((match) => decodeEntities(match[1] ?? ""));
      expect(titles.sort()).toEqual(
        posts()
          .filter((post) => post.locale === locale)
          .map((post) => post.title)
          .sort(),
      );
    }
  });
});

describe("pre-rendered public pages: in the browser", () => {
  it("reads without JavaScript", async () => {
    const context = await browser().newContext({ javaScriptEnabled: false, baseURL: baseUrl() });
    const page = await context.newPage();
    const de = await messages("de");
    await page.goto("/de/");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(de["landing.title"]);
    await page.goto("/de/pricing");
    expect(await page.getByTestId("package-topup-starter").count()).toBe(1);
    await context.close();
  });

  it("hydrates the landing page: the server's nodes stay, no console errors, and the hero does not move", async () => {
    const { context, page, errors } = await openPage(browser());
    await page.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { __shifts: number[] }).__shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number }>) shifts.push(entry.value);
      }).observe({ type: "layout-shift", buffered: true });
    });
    // Hold the SPA's entry script until the pre-rendered hero has been measured and marked.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    // Module scripts are deferred: DOMContentLoaded waits for the held one, so wait for the HTML's heading instead.
    await page.goto("/en/", { waitUntil: "commit" });
    await page.locator("h1").waitFor();
    const before = await page.evaluate(() => {
      const heading = document.querySelector("h1");
      (window as unknown as { __heading: Element | null }).__heading = heading;
      const box = heading?.getBoundingClientRect();
      return { top: box?.top, left: box?.left, height: box?.height, ready: document.documentElement.dataset.i18nReady ?? null };
    });
    expect(before.ready, "nothing ran before the script was released").toBeNull();
    release();
    await waitForLocale(page, "en");
    // Hydrated: the header's sign-in link is handled by the router now (no document load).
    await page.waitForLoadState("networkidle");
    const after = await page.evaluate(() => {
      const heading = document.querySelector("h1");
      const box = heading?.getBoundingClientRect();
      return {
        same: heading === (window as unknown as { __heading: Element | null }).__heading,
        top: box?.top,
        left: box?.left,
        height: box?.height,
        shift: (window as unknown as { __shifts: number[] }).__shifts.reduce((total, value) => total + value, 0),
      };
    });
    expect(after.same, "React kept the pre-rendered <h1> (a mismatch re-creates it)").toBe(true);
    expect({ top: after.top, left: after.left, height: after.height }).toEqual({ top: before.top, left: before.left, height: before.height });
    expect(after.shift, "cumulative layout shift").toBeLessThan(0.01);
    await page.evaluate(() => {
      (window as unknown as { __stayed: boolean }).__stayed = true;
    });
    await page.getByRole("link", { name: "Pricing", exact: true }).click();
    await page.waitForURL("**/en/pricing");
    expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed), "client-side navigation").toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("hydrates a German page with a stored session without errors and then shows the signed-in header", async () => {
    const { context, page, errors } = await openPage(browser(), { locale: "de-DE", signedInAs: `hydrate-${Date.now()}@example.com` });
    await page.goto("/de/pricing");
    await waitForLocale(page, "de");
    await page.getByRole("link", { name: "Zum Dashboard" }).first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("renders a blog post with its code block and images", async () => {
    const post = posts().find((candidate) => candidate.locale === "en" && candidate.slug === "using-the-api-from-code") ?? posts()[0];
    if (post === undefined) throw new Error("no posts");
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto(`/${post.locale}/blog/${post.slug}`);
    await waitForLocale(page, post.locale);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(post.title);
    const code = page.locator(".blog-prose pre code").first();
    await code.waitFor();
    expect((await code.textContent())?.length ?? 0).toBeGreaterThan(20);
    const images = await page.locator("article img").evaluateAll((elements) => elements.map((image) => ({ src: (image as HTMLImageElement).src, width: (image as HTMLImageElement).naturalWidth })));
    expect(images.length).toBeGreaterThanOrEqual(1);
    for (const image of images) expect(image.width, image.src).toBeGreaterThan(0);
    await screenshot(page, "blog-post");
    await page.goto(`/${post.locale}/blog`);
    await screenshot(page, "blog-index");
    await context.close();
  });
});
