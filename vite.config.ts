// Builds the React SPA in web/ into dist/spa, which the Worker serves as static assets, with the
// `_headers` file that gives those assets their security headers (worker/security-headers.ts).
// Blog posts (web/content/blog, MDX) are compiled here; after the bundle is written the public
// pages are pre-rendered to HTML with the sitemap, robots.txt and feeds (scripts/prerender.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig, type Plugin, type PluginOption } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import mdx from "@mdx-js/rollup";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import { parse as parseYaml } from "yaml";
import { assetHeadersFile } from "./worker/security-headers.ts";
import { DEFAULT_ORIGIN, prerender } from "./scripts/prerender.ts";

const root = path.resolve(import.meta.dirname, "web");
const outDir = path.resolve(import.meta.dirname, "dist/spa");

/** MDX first, so React's plugin sees the JSX it produces. */
const blogPosts = (): PluginOption => ({ enforce: "pre", ...mdx({ development: false, remarkPlugins: [remarkFrontmatter, remarkGfm] }) });

/**
 * `post.mdx?frontmatter`: only a post's front matter (YAML, parsed by `yaml`), so the blog's index
 * bundles the posts' titles and dates without their bodies.
 */
const FRONT_MATTER = "\0blog-front-matter:";
const blogFrontMatter: Plugin = {
  name: "sexyvoice-blog-front-matter",
  enforce: "pre",
  // A virtual id, so the MDX compiler (which would take any `.mdx?…`) leaves it alone.
  resolveId: {
    filter: { id: /\.mdx\?frontmatter$/ },
    async handler(source, importer) {
      const resolved = await this.resolve(source.replace(/\?frontmatter$/, ""), importer, { skipSelf: true });
      return resolved === null ? null : `${FRONT_MATTER}${resolved.id}`;
    },
  },
  load: {
    filter: { id: /^\0blog-front-matter:/ },
    handler(id) {
      const file = id.slice(FRONT_MATTER.length);
      const source = readFileSync(file, "utf8");
      const block = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
      if (block === null) this.error(`${file} has no front matter`);
      this.addWatchFile(file);
      return `export default ${JSON.stringify(parseYaml(block[1] ?? ""))};`;
    },
  },
};

const securityHeaders: Plugin = {
  name: "sexyvoice-security-headers",
  generateBundle() {
    this.emitFile({ type: "asset", fileName: "_headers", source: assetHeadersFile() });
  },
};

let builtTo = outDir;
const prerenderPublicPages: Plugin = {
  name: "sexyvoice-prerender",
  apply: "build",
  configResolved(config) {
    builtTo = path.resolve(config.root, config.build.outDir);
  },
  async closeBundle() {
    const origin = process.env.APP_URL ?? DEFAULT_ORIGIN;
    const result = await prerender({ root, outDir: builtTo, plugins: [blogFrontMatter, blogPosts(), react()], origin });
    const bytes = result.pages.reduce((total, page) => total + page.bytes, 0);
    this.info(`pre-rendered ${result.pages.length} pages (${(bytes / 1024).toFixed(1)} KiB of HTML) and ${result.files.length} files for ${origin}`);
  },
};

export default defineConfig({
  root: "web",
  plugins: [blogFrontMatter, blogPosts(), react(), tailwindcss(), securityHeaders, prerenderPublicPages],
  build: {
    outDir,
    emptyOutDir: true,
    // The pre-rendering runs in closeBundle by design; its time is not a slow plugin to warn about.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
});
