/** The blog's index in one language: that language's posts only, each saying which languages it is in. */
import { postLocales, postsIn } from "../../blog/posts";
import { PublicShell } from "../../components/public-shell";
import { useI18n } from "../../i18n/i18n";
import { LOCALE_NAMES, localizePath } from "../../i18n/routing";
import { Link } from "../../router";

export function PostDate({ date }: { date: string }) {
  const { locale } = useI18n();
  // Noon UTC: the same calendar day in every time zone.
  const label = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
  return <time dateTime={date}>{label}</time>;
}

export default function BlogIndex() {
  const { t, locale } = useI18n();
  const posts = postsIn(locale);
  return (
    <PublicShell title={t("blog.title")} intro={t("blog.subtitle")}>
      <p className="mt-2 text-sm">
        <a href={localizePath(locale, "/blog/feed.xml")} className="font-medium text-rose-700 hover:underline">
          {t("blog.feed")}
        </a>
      </p>
      {posts.length === 0 ? (
        <p className="mt-10 text-slate-600">{t("blog.empty")}</p>
      ) : (
        <ul className="mt-10 grid gap-6 sm:grid-cols-2">
          {posts.map((post) => {
            const others = postLocales(post.slug).filter((other) => other !== locale);
            return (
              <li key={post.slug} className="flex min-w-0 flex-col overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
                <img src={post.cover} alt="" width={1200} height={630} className="aspect-[1200/630] w-full bg-slate-100 object-cover" />
                <div className="flex flex-1 flex-col p-5">
                  <p className="text-sm text-slate-500">
                    <PostDate date={post.date} /> · {post.author}
                  </p>
                  <h2 className="mt-2 text-lg font-bold text-slate-900">
                    <Link to={localizePath(locale, `/blog/${post.slug}`)} className="hover:underline">
                      {post.title}
                    </Link>
                  </h2>
                  <p className="mt-2 flex-1 text-sm text-slate-600">{post.description}</p>
                  {others.length > 0 && <p className="mt-3 text-xs text-slate-500">{t("blog.alsoIn", { languages: others.map((other) => LOCALE_NAMES[other]).join(", ") })}</p>}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </PublicShell>
  );
}
