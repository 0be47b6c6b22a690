/**
 * The legal pages' routes (`/:locale/terms`, `/:locale/privacy`, `/:locale/imprint`), loaded
 * lazily by main.tsx. Each route's loader fetches only its own text module in the URL's language;
 * the imprint also asks the Worker for the operator's details (GET /api/legal/imprint).
 */
import { useQuery } from "@tanstack/react-query";
import { type LoaderFunctionArgs, useLoaderData } from "react-router";
import type { ImprintResponse } from "../../../../worker/shared/legal";
import { request } from "../../api/client";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../../i18n/routing";
import { type ImprintText, type LegalDocument, type LegalDocumentKind, loadImprintText, loadLegalDocument } from "./content";
import { type ImprintDetails, ImprintPage, LegalPage } from "./legal-page";

const localeOf = ({ params }: LoaderFunctionArgs): Locale => (isLocale(params.locale) ? params.locale : DEFAULT_LOCALE);

/** Terms or privacy, as the route's loader fetched them. */
function LegalDocumentRoute() {
  return <LegalPage document={useLoaderData<LegalDocument>()} />;
}

const documentRoute = (kind: LegalDocumentKind) => ({ loader: (args: LoaderFunctionArgs) => loadLegalDocument(kind, localeOf(args)), Component: LegalDocumentRoute });

export const termsRoute = documentRoute("terms");
export const privacyRoute = documentRoute("privacy");

function ImprintRoute() {
  const text = useLoaderData<ImprintText>();
  const query = useQuery({ queryKey: ["legal", "imprint"], queryFn: () => request<ImprintResponse>("GET", "/api/legal/imprint", { auth: false }), staleTime: 5 * 60_000 });
  const details: ImprintDetails = query.isPending ? { status: "loading" } : query.isError ? { status: "error" } : { status: "loaded", ...query.data };
  return <ImprintPage text={text} details={details} />;
}

export const imprintRoute = { loader: (args: LoaderFunctionArgs) => loadImprintText(localeOf(args)), Component: ImprintRoute };
