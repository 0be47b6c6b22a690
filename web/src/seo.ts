/**
 * What search engines and link previews read: the public pages the build pre-renders (every
 * locale), and for each its <head> (title, description, canonical URL, hreflang alternates, Open
 * Graph and Twitter tags), plus the sitemap, robots.txt and the blog's Atom feeds. Pure functions
 * of the page list and the site's origin, so they are unit-tested in Node and used by
 * prerender.tsx at build time.
 */
import { LOCALES, type Locale } from "./i18n/routing";

export const SITE_NAME = "SexyVoice";
/** The shared preview image (web/public), 1200 × 630 as Open Graph recommends. */
export const OG_IMAGE = { path: "/og-image.png", width: 1200, height: 630 };

export interface PublicPage {
  /** URL path: `/de/`, `/de/pricing`, `/de/blog/<slug>`. */
  path: string;
  locale: Locale;
  /** The document title, already with the site name. */
  title: string;
  description: string;
  type: "website" | "article";
  /** The same page in every locale it exists in (this one included), for hreflang. */
  alternates: ReadonlyArray<{ locale: Locale; path: string }>;
  /** ISO date of the last change, for the sitemap (posts). */
  lastModified?: string;
  /** The locale's Atom feed, linked from the blog's pages. */
  feed?: string;
}

/** Open Graph wants a territory: the one most readers of each language are in. */
const OG_LOCALES: Record<Locale, string> = { en: "en_US", de: "de_DE", fr: "fr_FR", es: "es_ES", it: "it_IT", da: "da_DK" };

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Where a pre-rendered page's HTML file goes in dist/spa: `/de/` → `de/index.html`, `/de/pricing` → `de/pricing.html`. */
export function outputFile(path: string): string {
  const trimmed = path.replace(/^\/+/, "");
  return trimmed.endsWith("/") || trimmed === "" ? `${trimmed}index.html` : `${trimmed}.html`;
}

export function absoluteUrl(origin: string, path: string): string {
  return `${origin.replace(/\/+$/, "")}${path}`;
}

/** The page's <head> tags (without the charset, viewport and asset tags the template has). */
export function headTags(page: PublicPage, origin: string): string {
  const url = absoluteUrl(origin, page.path);
  const image = absoluteUrl(origin, OG_IMAGE.path);
  const attr = escapeHtml;
  const english = page.alternates.find((alternate) => alternate.locale === "en");
  const tags = [
    `<title>${attr(page.title)}</title>`,
    `<meta name="description" content="${attr(page.description)}" />`,
    `<link rel="canonical" href="${attr(url)}" />`,
    ...page.alternates.map((alternate) => `<link rel="alternate" hreflang="${alternate.locale}" href="${attr(absoluteUrl(origin, alternate.path))}" />`),
    ...(english === undefined ? [] : [`<link rel="alternate" hreflang="x-default" href="${attr(absoluteUrl(origin, english.path))}" />`]),
    `<meta property="og:site_name" content="${SITE_NAME}" />`,
    `<meta property="og:type" content="${page.type}" />`,
    `<meta property="og:title" content="${attr(page.title)}" />`,
    `<meta property="og:description" content="${attr(page.description)}" />`,
    `<meta property="og:url" content="${attr(url)}" />`,
    `<meta property="og:locale" content="${OG_LOCALES[page.locale]}" />`,
    ...page.alternates.filter((alternate) => alternate.locale !== page.locale).map((alternate) => `<meta property="og:locale:alternate" content="${OG_LOCALES[alternate.locale]}" />`),
    `<meta property="og:image" content="${attr(image)}" />`,
    `<meta property="og:image:width" content="${OG_IMAGE.width}" />`,
    `<meta property="og:image:height" content="${OG_IMAGE.height}" />`,
    `<meta name="twitter:card" content="summary_large_image" />`,
    `<meta name="twitter:title" content="${attr(page.title)}" />`,
    `<meta name="twitter:description" content="${attr(page.description)}" />`,
    `<meta name="twitter:image" content="${attr(image)}" />`,
    ...(page.feed === undefined ? [] : [`<link rel="alternate" type="application/atom+xml" title="${SITE_NAME} blog" href="${attr(absoluteUrl(origin, page.feed))}" />`]),
  ];
  return tags.map((tag) => `    ${tag}`).join("\n");
}

/**
 * The built index.html with this page's language, head and pre-rendered body. The template's own
 * <title> and description (the SPA shell's) are replaced; `data-prerendered` tells main.tsx to
 * hydrate rather than render.
 */
export function pageDocument(template: string, page: PublicPage, origin: string, body: string): string {
  const withoutDefaults = template.replace(/\s*<title>[^<]*<\/title>/, "").replace(/\s*<meta name="description"[^>]*>/, "");
  if (!withoutDefaults.includes('<div id="root"></div>')) throw new Error('index.html has no empty <div id="root"></div> to pre-render into');
  return withoutDefaults
    .replace(/<html lang="[^"]*">/, `<html lang="${page.locale}">`)
    .replace("</head>", `${headTags(page, origin)}\n  </head>`)
    .replace('<div id="root"></div>', `<div id="root" data-prerendered="true">${body}</div>`);
}

export function sitemapXml(pages: readonly PublicPage[], origin: string): string {
  const urls = pages.map((page) => {
    const alternates = page.alternates.map((alternate) => `    <xhtml:link rel="alternate" hreflang="${alternate.locale}" href="${escapeHtml(absoluteUrl(origin, alternate.path))}" />`);
    const lastModified = page.lastModified === undefined ? [] : [`    <lastmod>${page.lastModified}</lastmod>`];
    return ["  <url>", `    <loc>${escapeHtml(absoluteUrl(origin, page.path))}</loc>`, ...lastModified, ...alternates, "  </url>"].join("\n");
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join("\n")}\n</urlset>\n`;
}

export function robotsTxt(origin: string): string {
  // The dashboard and the API are for signed-in people and programs, not for search results.
  const dashboards = LOCALES.map((locale) => `Disallow: /${locale}/dashboard`);
  return ["User-agent: *", "Allow: /", "Disallow: /api/", "Disallow: /v1/", ...dashboards, "", `Sitemap: ${absoluteUrl(origin, "/sitemap.xml")}`, ""].join("\n");
}

export interface FeedEntry {
  title: string;
  description: string;
  path: string;
  date: string;
  author: string;
  /** The post's body as HTML. */
  html: string;
}

/** One locale's Atom feed (RFC 4287), newest entry first. */
export function atomFeed({ locale, title, path, blogPath, entries, origin }: { locale: Locale; title: string; path: string; blogPath: string; entries: readonly FeedEntry[]; origin: string }): string {
  const updated =
    entries
      .map((entry) => entry.date)
      .sort()
      .at(-1) ?? "1970-01-01";
  const stamp = (date: string) => `${date}T00:00:00Z`;
  const items = entries.map((entry) =>
    [
      "  <entry>",
      `    <title>${escapeHtml(entry.title)}</title>`,
      `    <link href="${escapeHtml(absoluteUrl(origin, entry.path))}" />`,
      `    <id>${escapeHtml(absoluteUrl(origin, entry.path))}</id>`,
      `    <published>${stamp(entry.date)}</published>`,
      `    <updated>${stamp(entry.date)}</updated>`,
      `    <author><name>${escapeHtml(entry.author)}</name></author>`,
      `    <summary>${escapeHtml(entry.description)}</summary>`,
      `    <content type="html">${escapeHtml(entry.html)}</content>`,
      "  </entry>",
    ].join("\n"),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
    `  <title>${escapeHtml(title)}</title>`,
    `  <link href="${escapeHtml(absoluteUrl(origin, blogPath))}" />`,
    `  <link rel="self" type="application/atom+xml" href="${escapeHtml(absoluteUrl(origin, path))}" />`,
    `  <id>${escapeHtml(absoluteUrl(origin, path))}</id>`,
    `  <updated>${stamp(updated)}</updated>`,
    ...items,
    "</feed>",
    "",
  ].join("\n");
}
