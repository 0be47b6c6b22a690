/** Note legali, italiano (i dati del gestore provengono dalla configurazione del Worker). */
import type { ImprintText } from "../types";

const imprint: ImprintText = {
  title: "Note legali",
  intro: "Informazioni sul gestore di questo servizio SexyVoice.",
  nameLabel: "Gestore",
  addressLabel: "Indirizzo",
  emailLabel: "E-mail",
  responsibility: "Il gestore indicato sopra è responsabile dei contenuti di questo servizio.",
  loading: "Caricamento dei dati del gestore…",
  loadFailed: "Non è stato possibile caricare i dati del gestore. Riprova più tardi.",
  notConfigured: "Il gestore di questo servizio non ha ancora pubblicato i propri dati, quindi qui non ne viene mostrato nessuno.",
  missingSettings: "Non configurato: {settings}",
};

export default imprint;
