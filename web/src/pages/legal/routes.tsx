/**
 * The legal pages (`/:locale/terms`, `/:locale/privacy`, `/:locale/imprint`), one lazy chunk. Each
 * reads only its own text module in the page's language (a resource: the page suspends until it
 * has loaded, and the build preloads it to pre-render terms and privacy); the imprint also asks
 * the Worker for the operator's details (GET /api/legal/imprint) after it renders.
 */
import type { ImprintResponse } from "../../../../worker/shared/legal";
import { request } from "../../api/client";
import { usePublicData } from "../../api/public-data";
import { useI18n } from "../../i18n/i18n";
import { isLocale, type Locale } from "../../i18n/routing";
import { createResource } from "../../lib/resource";
import { type LegalDocumentKind, loadImprintText, loadLegalDocument } from "./content";
import { type ImprintDetails, ImprintPage, LegalPage } from "./legal-page";

export const legalDocuments = createResource(
  ({ kind, locale }: { kind: LegalDocumentKind; locale: Locale }) => loadLegalDocument(kind, locale),
  ({ kind, locale }) => `${kind}/${locale}`,
);
/** The route's preload: the text in the URL's language, loading with the page's code. */
export function preloadLegalDocument(kind: LegalDocumentKind, { locale }: Readonly<Record<string, string>>): Promise<unknown> | undefined {
  return isLocale(locale) ? legalDocuments.preload({ kind, locale }) : undefined;
}

const imprintTexts = createResource((locale: Locale) => loadImprintText(locale));

function LegalDocumentPage({ kind }: { kind: LegalDocumentKind }) {
  const { locale } = useI18n();
  return <LegalPage document={legalDocuments.read({ kind, locale })} />;
}

export function TermsPage() {
  return <LegalDocumentPage kind="terms" />;
}

export function PrivacyPage() {
  return <LegalDocumentPage kind="privacy" />;
}

const loadImprintDetails = () => request<ImprintResponse>("GET", "/api/legal/imprint", { auth: false });

export function ImprintRoutePage() {
  const { locale } = useI18n();
  const text = imprintTexts.read(locale);
  const query = usePublicData("legal:imprint", loadImprintDetails);
  const details: ImprintDetails = query.status === "pending" ? { status: "loading" } : query.status === "error" ? { status: "error" } : { status: "loaded", ...query.data };
  return <ImprintPage text={text} details={details} />;
}
