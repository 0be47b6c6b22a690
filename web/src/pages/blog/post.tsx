/**
 * One blog post: its front matter as the header, the compiled MDX body (its own chunk; until it
 * has loaded the page suspends, so a pre-rendered post keeps its HTML while hydrating), and links
 * to the same post in its other languages.
 */
import type { ComponentProps } from "react";
import { findPost, postBodies, postLocales, type PostMeta } from "../../blog/posts";
import { SiteFooter } from "../../components/site-footer";
import { SiteHeader } from "../../components/site-header";
import { buttonClass } from "../../components/ui";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { isLocale, LOCALE_NAMES, localizePath } from "../../i18n/routing";
import { Link, useParams } from "../../router";
import { PostDate } from "./index";

/** The route's preload: the body of the post in the URL, loading with the page's code. */
export function preloadPost({ locale, slug }: Readonly<Record<string, string>>): Promise<unknown> | undefined {
  const post = isLocale(locale) && slug !== undefined ? findPost(locale, slug) : undefined;
  return post === undefined ? undefined : postBodies.preload(post);
}

/** A code block may scroll sideways: keyboard users reach it to scroll it (WCAG 2.1.1). */
function ScrollablePre(props: ComponentProps<"pre">) {
  // biome-ignore lint/a11y/noNoninteractiveTabindex: a sideways-scrolling region must be reachable by keyboard
  return <pre tabIndex={0} {...props} />;
}

function PostBody({ post }: { post: PostMeta }) {
  const Body = postBodies.read(post);
  return (
    <div className="blog-prose mt-8">
      <Body components={{ pre: ScrollablePre }} />
    </div>
  );
}

function MissingPost() {
  const { t, locale } = useI18n();
  useDocumentTitle(t("notFound.title"));
  return (
    <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-16 text-center sm:px-6">
      <h1 className="text-2xl font-bold text-slate-900">{t("notFound.title")}</h1>
      <p className="mt-3 text-slate-600">{t("blog.missing")}</p>
      <Link to={localizePath(locale, "/blog")} className={`${buttonClass("primary")} mt-6`}>
        {t("blog.back")}
      </Link>
    </main>
  );
}

export default function BlogPost() {
  const { t, locale } = useI18n();
  const { slug = "" } = useParams();
  const post = findPost(locale, slug);
  useDocumentTitle(post?.title ?? t("notFound.title"));
  if (post === undefined)
    return (
      <div className="flex min-h-dvh flex-col bg-slate-50">
        <SiteHeader />
        <MissingPost />
        <SiteFooter />
      </div>
    );
  const others = postLocales(post.slug).filter((other) => other !== locale);
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50">
      <SiteHeader />
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 pt-6 pb-16 break-words sm:px-6">
        <Link to={localizePath(locale, "/blog")} className="text-sm font-medium text-rose-700 hover:underline">
          ← {t("blog.back")}
        </Link>
        <article className="mt-4">
          <header>
            <h1 className="text-3xl font-extrabold tracking-tight text-balance text-slate-900 sm:text-4xl">{post.title}</h1>
            <p className="mt-3 text-lg text-slate-600">{post.description}</p>
            <p className="mt-3 text-sm text-slate-500">
              <PostDate date={post.date} /> · {t("blog.by", { author: post.author })}
            </p>
            <img src={post.cover} alt={post.coverAlt} width={1200} height={630} className="mt-6 aspect-[1200/630] w-full rounded-2xl bg-slate-100 object-cover" />
          </header>
          <PostBody post={post} />
        </article>
        {others.length > 0 && (
          <p className="mt-10 border-t border-slate-200 pt-6 text-sm text-slate-600">
            {t("blog.readIn")}{" "}
            {others.map((other, index) => (
              <span key={other}>
                {index > 0 && ", "}
                <Link to={localizePath(other, `/blog/${post.slug}`)} hrefLang={other} lang={other} className="font-medium text-rose-700 hover:underline">
                  {LOCALE_NAMES[other]}
                </Link>
              </span>
            ))}
          </p>
        )}
      </main>
      <SiteFooter />
    </div>
  );
}
