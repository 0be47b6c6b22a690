/** Virksomhedsoplysninger, dansk (operatørens oplysninger kommer fra Workerens konfiguration). */
import type { ImprintText } from "../types";

const imprint: ImprintText = {
  title: "Virksomhedsoplysninger",
  intro: "Oplysninger om operatøren af denne SexyVoice-tjeneste.",
  nameLabel: "Operatør",
  addressLabel: "Adresse",
  emailLabel: "E-mail",
  responsibility: "Operatøren nævnt ovenfor er ansvarlig for indholdet af denne tjeneste.",
  loading: "Henter operatørens oplysninger…",
  loadFailed: "Operatørens oplysninger kunne ikke hentes lige nu. Prøv igen senere.",
  notConfigured: "Operatøren af denne tjeneste har endnu ikke offentliggjort sine oplysninger, så der vises ingen her.",
  missingSettings: "Ikke konfigureret: {settings}",
};

export default imprint;
