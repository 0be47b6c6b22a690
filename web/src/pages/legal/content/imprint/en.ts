/** Imprint wording, English (the operator's details come from the Worker's configuration). */
import type { ImprintText } from "../types";

const imprint: ImprintText = {
  title: "Imprint",
  intro: "Information about the operator of this SexyVoice service.",
  nameLabel: "Operator",
  addressLabel: "Address",
  emailLabel: "Email",
  responsibility: "The operator named above is responsible for the content of this service.",
  loading: "Loading the operator's details…",
  loadFailed: "The operator's details could not be loaded right now. Please try again later.",
  notConfigured: "The operator of this service has not published its details yet, so none are shown here.",
  missingSettings: "Not configured: {settings}",
};

export default imprint;
