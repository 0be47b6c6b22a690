/**
 * The legal pages' views, rendered from props alone (the text objects of ./content and, for the
 * imprint, the Worker's answer): no data fetching here, so a build step can pre-render them with
 * the content loaders. Inside the public pages' header and footer.
 */
import type { ReactNode } from "react";
import { Link } from "../../router";
import type { ImprintResponse } from "../../../../worker/shared/legal";
import { SiteFooter } from "../../components/site-footer";
import { SiteHeader } from "../../components/site-header";
import { useDocumentTitle, useI18n } from "../../i18n/i18n";
import { localizePath } from "../../i18n/routing";
import type { ImprintText, LegalDocument } from "./content";

function LegalShell({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="min-h-dvh bg-slate-50">
      <SiteHeader />
      <main className="mx-auto max-w-3xl px-4 pt-4 pb-16 break-words sm:px-6">
        <article className="rounded-3xl border border-slate-200 bg-white p-6 shadow-sm sm:p-10" data-testid="legal-page">
          <h1 className="text-3xl font-bold tracking-tight text-balance text-slate-900">{title}</h1>
          {children}
        </article>
      </main>
      <SiteFooter />
    </div>
  );
}

export function LegalPage({ document }: { document: LegalDocument }) {
  const { locale } = useI18n();
  const updated = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${document.updated}T00:00:00Z`));
  return (
    <LegalShell title={document.title}>
      <p className="mt-2 text-sm text-slate-500">
        {document.updatedLabel}: <time dateTime={document.updated}>{updated}</time>
      </p>
      <p className="mt-6 leading-relaxed text-slate-700">{document.intro}</p>
      {document.sections.map((section, index) => (
        <section key={section.heading} className="mt-8">
          <h2 className="text-lg font-semibold text-slate-900">
            {index + 1}. {section.heading}
          </h2>
          {section.paragraphs.map((paragraph) => (
            <p key={paragraph} className="mt-3 leading-relaxed text-slate-700">
              {paragraph}
            </p>
          ))}
          {section.items !== undefined && (
            <ul className="mt-3 list-disc space-y-2 pl-5 leading-relaxed text-slate-700">
              {section.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <p className="mt-10 border-t border-slate-200 pt-6 text-slate-700">
        {document.contact.text}{" "}
        <Link to={localizePath(locale, "/imprint")} className="font-medium text-rose-700 underline hover:text-rose-800">
          {document.contact.linkLabel}
        </Link>
        .
      </p>
    </LegalShell>
  );
}

export type ImprintDetails = { status: "loading" } | { status: "error" } | ({ status: "loaded" } & ImprintResponse);

export function ImprintPage({ text, details }: { text: ImprintText; details: ImprintDetails }) {
  return (
    <LegalShell title={text.title}>
      <p className="mt-6 leading-relaxed text-slate-700">{text.intro}</p>
      <div className="mt-6" aria-live="polite" aria-busy={details.status === "loading"}>
        {details.status === "loading" ? (
          <p className="text-slate-500">{text.loading}</p>
        ) : details.status === "error" ? (
          <p className="text-red-700" role="alert">
            {text.loadFailed}
          </p>
        ) : details.configured ? (
          <>
            <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]" data-testid="imprint-details">
              <dt className="font-medium text-slate-500">{text.nameLabel}</dt>
              <dd className="font-semibold text-slate-900">{details.operator.name}</dd>
              <dt className="font-medium text-slate-500">{text.addressLabel}</dt>
              <dd className="whitespace-pre-line text-slate-900">{details.operator.address}</dd>
              <dt className="font-medium text-slate-500">{text.emailLabel}</dt>
              <dd>
                <a href={`mailto:${details.operator.email}`} className="font-medium text-rose-700 underline hover:text-rose-800">
                  {details.operator.email}
                </a>
              </dd>
            </dl>
            <p className="mt-6 text-sm text-slate-600">{text.responsibility}</p>
          </>
        ) : (
          <div className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-amber-900" role="status" data-testid="imprint-not-configured">
            <p>{text.notConfigured}</p>
            <p className="mt-2 font-mono text-xs">{text.missingSettings.replace("{settings}", details.missing.join(", "))}</p>
          </div>
        )}
      </div>
    </LegalShell>
  );
}
