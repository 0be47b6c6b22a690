/**
 * The frame of a public content page (pricing, blog index, API docs): the site header, a main
 * column with the page's heading and lead paragraph, then the page, then the shared footer (and
 * with it a running campaign's banner). Sets the document title to the heading.
 */
import type { ReactNode } from "react";
import { useDocumentTitle } from "../i18n/i18n";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

const WIDTHS = { "3xl": "max-w-3xl", "4xl": "max-w-4xl", "6xl": "max-w-6xl" } as const;

export function PublicShell({ title, intro, width = "4xl", children }: { title: string; intro?: ReactNode; width?: keyof typeof WIDTHS; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50">
      <SiteHeader />
      <main className={`mx-auto w-full ${WIDTHS[width]} flex-1 px-4 pt-8 pb-16 sm:px-6`}>
        <h1 className="text-3xl font-extrabold tracking-tight text-balance text-slate-900 sm:text-4xl">{title}</h1>
        {intro !== undefined && <p className="mt-3 max-w-3xl text-base text-slate-600">{intro}</p>}
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
