/**
 * The build's last step (a Vite plugin in vite.config.ts, after the SPA is written): renders the
 * public pages of web/src/prerender.tsx into dist/spa as static HTML files, one per page and
 * locale, and writes sitemap.xml, robots.txt and the blog's Atom feeds. The Worker's static assets
 * then serve `/de/` from `de/index.html` and `/de/pricing` from `de/pricing.html`; every other
 * path still gets the SPA shell (index.html).
 *
 * Canonical URLs need the site's public origin: `APP_URL` at build time (the same name as the
 * Worker's variable), https://sexyvoice.ai when unset.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PluginOption } from "vite";
import { createServer } from "vite";

export const DEFAULT_ORIGIN = "https://sexyvoice.ai";

/** A page of web/src/seo.ts as far as this script looks into it (that module is checked with the SPA). */
interface PublicPage {
  path: string;
}

interface PrerenderModule {
  publicPages: () => Promise<PublicPage[]>;
  renderPage: (path: string) => Promise<string>;
  blogFeeds: (origin: string) => Promise<Array<{ path: string; xml: string }>>;
}

interface SeoModule {
  pageDocument: (template: string, page: PublicPage, origin: string, body: string) => string;
  outputFile: (path: string) => string;
  sitemapXml: (pages: readonly PublicPage[], origin: string) => string;
  robotsTxt: (origin: string) => string;
}

export interface PrerenderResult {
  pages: Array<{ path: string; file: string; bytes: number }>;
  files: string[];
}

/** Renders into `outDir` (the client build's output, whose index.html is the template). */
export async function prerender({ root, outDir, plugins, origin }: { root: string; outDir: string; plugins: PluginOption[]; origin: string }): Promise<PrerenderResult> {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: "error",
    plugins,
    appType: "custom",
    server: { middlewareMode: true, hmr: false, ws: false },
  });
  try {
    const app = (await server.ssrLoadModule("/src/prerender.tsx")) as PrerenderModule;
    const seo = (await server.ssrLoadModule("/src/seo.ts")) as SeoModule;
    const template = readFileSync(path.join(outDir, "index.html"), "utf8");
    const write = (file: string, content: string) => {
      const target = path.join(outDir, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
      return Buffer.byteLength(content);
    };
    const pages = await app.publicPages();
    const result: PrerenderResult = { pages: [], files: [] };
    for (const page of pages) {
      const body = await app.renderPage(page.path);
      const file = seo.outputFile(page.path);
      result.pages.push({ path: page.path, file, bytes: write(file, seo.pageDocument(template, page, origin, body)) });
    }
    for (const feed of await app.blogFeeds(origin)) {
      const file = feed.path.replace(/^\//, "");
      write(file, feed.xml);
      result.files.push(file);
    }
    write("sitemap.xml", seo.sitemapXml(pages, origin));
    write("robots.txt", seo.robotsTxt(origin));
    result.files.push("sitemap.xml", "robots.txt");
    return result;
  } finally {
    await server.close();
  }
}
