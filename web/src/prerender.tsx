/**
 * Build-time rendering of the public pages (loaded by scripts/prerender.ts through Vite, in Node):
 * the list of pages in every locale with their titles and descriptions, each page's body as HTML
 * (the same <App> the browser hydrates, signed out, with its page chunk and messages loaded
 * first), and each locale's blog feed. Never part of the browser bundle.
 */
import { renderToStaticMarkup, renderToString } from "react-dom/server";
import { App, routes } from "./app";
import { postBodies, postLocales, postsIn } from "./blog/posts";
import { loadTranslator } from "./i18n/i18n";
import { LOCALES, localizePath, splitLocalePath, type Locale } from "./i18n/routing";
import { legalDocuments } from "./pages/legal/routes";
import { matchRoutes, preloadRoutes } from "./router";
import { atomFeed, SITE_NAME, type FeedEntry, type PublicPage } from "./seo";

const everywhere = (rest: string) => LOCALES.map((locale) => ({ locale, path: localizePath(locale, rest) }));

const LEGAL_KINDS = ["terms", "privacy"] as const;

/** A meta description from running text: its first sentences up to about 155 characters. */
function summary(text: string): string {
  if (text.length <= 155) return text;
  const cut = text.slice(0, 155);
  const sentence = cut.lastIndexOf(". ");
  return sentence > 80 ? cut.slice(0, sentence + 1) : `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}

/** Every public page in every locale (a post only where it is written). */
export async function publicPages(): Promise<PublicPage[]> {
  const pages: PublicPage[] = [];
  for (const locale of LOCALES) {
    // Descriptions are not shown on the pages: they are among the app's messages, not the public ones.
    const { t } = await loadTranslator(locale, "all");
    const titled = (title: string) => `${title} · ${SITE_NAME}`;
    const feed = localizePath(locale, "/blog/feed.xml");
    pages.push(
      { path: localizePath(locale), locale, title: titled(t("landing.documentTitle")), description: t("seo.landing.description"), type: "website", alternates: everywhere("/") },
      { path: localizePath(locale, "/pricing"), locale, title: titled(t("pricing.title")), description: t("seo.pricing.description"), type: "website", alternates: everywhere("/pricing") },
      { path: localizePath(locale, "/blog"), locale, title: titled(t("blog.title")), description: t("seo.blog.description"), type: "website", alternates: everywhere("/blog"), feed },
    );
    for (const kind of LEGAL_KINDS) {
      const document = await legalDocuments.preload({ kind, locale });
      pages.push({ path: localizePath(locale, `/${kind}`), locale, title: titled(document.title), description: summary(document.intro), type: "website", alternates: everywhere(`/${kind}`) });
    }
    for (const post of postsIn(locale)) {
      const alternates = postLocales(post.slug).map((other) => ({ locale: other, path: localizePath(other, `/blog/${post.slug}`) }));
      pages.push({ path: localizePath(locale, `/blog/${post.slug}`), locale, title: titled(post.title), description: post.description, type: "article", alternates, lastModified: post.date, feed });
    }
  }
  return pages;
}

/** The body of one page, as the browser's first render will produce it. */
export async function renderPage(path: string): Promise<string> {
  const { locale } = splitLocalePath(path);
  if (locale === null) throw new Error(`${path}: a public page has a locale`);
  await loadTranslator(locale);
  const matches = matchRoutes(routes, path) ?? [];
  await preloadRoutes(matches);
  const html = renderToString(<App location={path} prerendered />);
  // A page that still suspended renders the router's blank fallback instead of its content.
  if (!html.includes("<h1")) throw new Error(`${path} rendered without a heading: did its code or messages not load? ${html.slice(0, 300)}`);
  return html;
}

/** Each locale's Atom feed: path and XML, with every post's body as HTML. */
export async function blogFeeds(origin: string): Promise<Array<{ path: string; xml: string }>> {
  const feeds: Array<{ path: string; xml: string }> = [];
  for (const locale of LOCALES as readonly Locale[]) {
    const { t } = await loadTranslator(locale, "all");
    const entries: FeedEntry[] = [];
    for (const post of postsIn(locale)) {
      const Body = await postBodies.preload(post);
      entries.push({ title: post.title, description: post.description, path: localizePath(locale, `/blog/${post.slug}`), date: post.date, author: post.author, html: renderToStaticMarkup(<Body />) });
    }
    const path = localizePath(locale, "/blog/feed.xml");
    feeds.push({ path, xml: atomFeed({ locale, title: `${SITE_NAME} · ${t("blog.title")}`, path, blogPath: localizePath(locale, "/blog"), entries, origin }) });
  }
  return feeds;
}
