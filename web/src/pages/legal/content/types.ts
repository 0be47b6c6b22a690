/**
 * The shape of the legal pages' text. The text itself lives in one module per page and language
 * (terms/en.ts, privacy/de.ts, imprint/fr.ts…), never in the main message files, so it is
 * downloaded only by the page that shows it, and only in the reader's language.
 */
export interface LegalSection {
  heading: string;
  paragraphs: readonly string[];
  /** A bulleted list after the paragraphs. */
  items?: readonly string[];
}

/** Terms or privacy: plain text in sections, rendered by LegalPage from this object alone. */
export interface LegalDocument {
  title: string;
  /** The date of the last change, `YYYY-MM-DD`. */
  updated: string;
  updatedLabel: string;
  intro: string;
  sections: readonly LegalSection[];
  /** The closing line: `text`, then a link to the imprint (the operator's contact details) labelled `linkLabel`, then a full stop. */
  contact: { text: string; linkLabel: string };
}

/** The imprint's wording; the operator's details themselves come from the Worker's configuration. */
export interface ImprintText {
  title: string;
  intro: string;
  nameLabel: string;
  addressLabel: string;
  emailLabel: string;
  responsibility: string;
  loading: string;
  loadFailed: string;
  notConfigured: string;
  /** `{settings}`: the configuration settings still missing, for the operator who reads this. */
  missingSettings: string;
}
