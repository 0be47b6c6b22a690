/** Impressum, Deutsch (die Angaben zum Betreiber kommen aus der Konfiguration des Workers). */
import type { ImprintText } from "../types";

const imprint: ImprintText = {
  title: "Impressum",
  intro: "Angaben zum Betreiber dieses SexyVoice-Dienstes.",
  nameLabel: "Betreiber",
  addressLabel: "Anschrift",
  emailLabel: "E-Mail",
  responsibility: "Für den Inhalt dieses Dienstes ist der oben genannte Betreiber verantwortlich.",
  loading: "Angaben zum Betreiber werden geladen…",
  loadFailed: "Die Angaben zum Betreiber konnten gerade nicht geladen werden. Bitte versuche es später erneut.",
  notConfigured: "Der Betreiber dieses Dienstes hat seine Angaben noch nicht hinterlegt, deshalb werden hier keine angezeigt.",
  missingSettings: "Nicht konfiguriert: {settings}",
};

export default imprint;
