/**
 * The blog's posts: one Markdown (MDX) file per post and language under
 * `web/content/blog/<slug>/<locale>.mdx`, compiled at build time by @mdx-js/rollup (vite.config.ts).
 * Their front matter is bundled for the index (small); a post's body is its own chunk, loaded
 * when it is read. Front matter: title, description, date (YYYY-MM-DD), author, cover, coverAlt. A post may exist in some languages only: `postLocales` says which.
 */
import type { ComponentType } from "react";
import { isLocale, LOCALES, type Locale } from "../i18n/routing";
import { createResource } from "../lib/resource";

export interface PostMeta {
  slug: string;
  locale: Locale;
  title: string;
  description: string;
  /** ISO date, `YYYY-MM-DD`. */
  date: string;
  author: string;
  /** Path of the cover image under the site root (web/public). */
  cover: string;
  coverAlt: string;
}

export type PostBody = ComponentType<{ components?: Record<string, ComponentType<never>> }>;

export interface PostModule {
  default: PostBody;
}

const FILE = /\/content\/blog\/([a-z0-9-]+)\/([a-z]{2})\.mdx(\?frontmatter)?$/;

/** Front matter only (vite.config.ts answers `?frontmatter` with it): the bodies stay out of this chunk. */
const frontmatters = import.meta.glob<Record<string, unknown>>("../../content/blog/*/*.mdx", { eager: true, query: "?frontmatter", import: "default" });
const bodies = import.meta.glob<PostModule>("../../content/blog/*/*.mdx");

function text(value: unknown, field: string, file: string): string {
  if (typeof value === "string" && value.trim() !== "") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  throw new Error(`${file}: front matter needs "${field}"`);
}

function readMeta(file: string, data: Record<string, unknown>): PostMeta {
  const match = FILE.exec(file);
  if (match === null) throw new Error(`${file}: a post lives at content/blog/<slug>/<locale>.mdx`);
  const [, slug = "", locale = ""] = match;
  if (!isLocale(locale)) throw new Error(`${file}: "${locale}" is not one of ${LOCALES.join(", ")}`);
  const date = text(data.date, "date", file);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`${file}: date must be YYYY-MM-DD`);
  return {
    slug,
    locale,
    title: text(data.title, "title", file),
    description: text(data.description, "description", file),
    date,
    author: text(data.author, "author", file),
    cover: text(data.cover, "cover", file),
    coverAlt: text(data.coverAlt, "coverAlt", file),
  };
}

/** Every post in every language, newest first. */
export const POSTS: readonly PostMeta[] = Object.entries(frontmatters)
  .map(([file, data]) => readMeta(file, data))
  .sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));

export function postsIn(locale: Locale): PostMeta[] {
  return POSTS.filter((post) => post.locale === locale);
}

export function findPost(locale: Locale, slug: string): PostMeta | undefined {
  return POSTS.find((post) => post.locale === locale && post.slug === slug);
}

/** The languages a post is written in, in switcher order. */
export function postLocales(slug: string): Locale[] {
  return LOCALES.filter((locale) => POSTS.some((post) => post.slug === slug && post.locale === locale));
}

/** The compiled bodies, one chunk each: `postBodies.read(post)` in a page, `.preload(post)` at build. */
export const postBodies = createResource<Pick<PostMeta, "slug" | "locale">, PostBody>(
  async (post) => {
    const load = bodies[`../../content/blog/${post.slug}/${post.locale}.mdx`];
    if (load === undefined) throw new Error(`no post ${post.locale}/${post.slug}`);
    return (await load()).default;
  },
  (post) => `${post.locale}/${post.slug}`,
);
