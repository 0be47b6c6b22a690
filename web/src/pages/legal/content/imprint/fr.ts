/** Mentions légales, français (les coordonnées de l'exploitant viennent de la configuration du Worker). */
import type { ImprintText } from "../types";

const imprint: ImprintText = {
  title: "Mentions légales",
  intro: "Informations sur l'exploitant de ce service SexyVoice.",
  nameLabel: "Exploitant",
  addressLabel: "Adresse",
  emailLabel: "E-mail",
  responsibility: "L'exploitant indiqué ci-dessus est responsable du contenu de ce service.",
  loading: "Chargement des coordonnées de l'exploitant…",
  loadFailed: "Les coordonnées de l'exploitant n'ont pas pu être chargées. Veuillez réessayer plus tard.",
  notConfigured: "L'exploitant de ce service n'a pas encore publié ses coordonnées ; aucune n'est donc affichée ici.",
  missingSettings: "Non configuré : {settings}",
};

export default imprint;
