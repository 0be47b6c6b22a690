import { describe, expect, it } from "vitest";
import { atomFeed, headTags, outputFile, pageDocument, robotsTxt, sitemapXml, type PublicPage } from "./seo";

const ORIGIN = "https://voice.example";
const page: PublicPage = {
  path: "/de/blog/stimme",
  locale: "de",
  title: 'Die "richtige" Stimme & mehr · SexyVoice',
  description: "Wie man <eine> Stimme wählt.",
  type: "article",
  alternates: [
    { locale: "en", path: "/en/blog/stimme" },
    { locale: "de", path: "/de/blog/stimme" },
  ],
  lastModified: "2026-11-10",
  feed: "/de/blog/feed.xml",
};

describe("seo", () => {
  it("maps page paths to the files the static assets serve them from", () => {
    expect(outputFile("/de/")).toBe("de/index.html");
    expect(outputFile("/de/pricing")).toBe("de/pricing.html");
    expect(outputFile("/de/blog/x")).toBe("de/blog/x.html");
  });

  it("writes escaped head tags with canonical, hreflang (x-default = English), Open Graph and Twitter", () => {
    const head = headTags(page, `${ORIGIN}/`);
    expect(head).toContain("<title>Die &quot;richtige&quot; Stimme &amp; mehr · SexyVoice</title>");
    expect(head).toContain('<meta name="description" content="Wie man &lt;eine&gt; Stimme wählt." />');
    expect(head).toContain(`<link rel="canonical" href="${ORIGIN}/de/blog/stimme" />`);
    expect(head).toContain(`<link rel="alternate" hreflang="en" href="${ORIGIN}/en/blog/stimme" />`);
    expect(head).toContain(`<link rel="alternate" hreflang="x-default" href="${ORIGIN}/en/blog/stimme" />`);
    expect(head).toContain('<meta property="og:type" content="article" />');
    expect(head).toContain('<meta property="og:locale" content="de_DE" />');
    expect(head).toContain('<meta property="og:locale:alternate" content="en_US" />');
    expect(head).toContain(`<meta property="og:image" content="${ORIGIN}/og-image.png" />`);
    expect(head).toContain('<meta name="twitter:card" content="summary_large_image" />');
    expect(head).toContain(`<link rel="alternate" type="application/atom+xml" title="SexyVoice blog" href="${ORIGIN}/de/blog/feed.xml" />`);
  });

  it("puts the page into the SPA's template, replacing its default title and description", () => {
    const template = '<!doctype html>\n<html lang="en">\n  <head>\n    <meta name="description" content="default" />\n    <title>SexyVoice</title>\n  </head>\n  <body>\n    <div id="root"></div>\n  </body>\n</html>';
    const html = pageDocument(template, page, ORIGIN, "<h1>Hallo</h1>");
    expect(html).toContain('<html lang="de">');
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html).not.toContain('content="default"');
    expect(html).toContain('<div id="root" data-prerendered="true"><h1>Hallo</h1></div>');
    expect(() => pageDocument("<html><body></body></html>", page, ORIGIN, "")).toThrow(/root/);
  });

  it("lists pages with their alternates in the sitemap, and keeps robots away from the dashboard and the API", () => {
    const xml = sitemapXml([page], ORIGIN);
    expect(xml).toContain(`<loc>${ORIGIN}/de/blog/stimme</loc>`);
    expect(xml).toContain("<lastmod>2026-11-10</lastmod>");
    expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${ORIGIN}/en/blog/stimme" />`);
    const robots = robotsTxt(ORIGIN);
    expect(robots).toContain("Disallow: /api/");
    expect(robots).toContain("Disallow: /fr/dashboard");
    expect(robots).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  });

  it("writes an Atom feed whose updated time is the newest entry's, with escaped HTML content", () => {
    const xml = atomFeed({
      locale: "de",
      title: "Blog",
      path: "/de/blog/feed.xml",
      blogPath: "/de/blog",
      origin: ORIGIN,
      entries: [
        { title: "Alt", description: "a", path: "/de/blog/alt", date: "2026-01-02", author: "Team", html: "<p>alt</p>" },
        { title: "Neu", description: "n", path: "/de/blog/neu", date: "2026-03-04", author: "Team", html: "<p>neu & gut</p>" },
      ],
    });
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">');
    expect(xml).toContain("<updated>2026-03-04T00:00:00Z</updated>");
    expect(xml).toContain('<content type="html">&lt;p&gt;neu &amp; gut&lt;/p&gt;</content>');
    expect(xml.match(/<entry>/g)).toHaveLength(2);
  });
});
