/** Conditions d'utilisation, français. */
import type { LegalDocument } from "../types";

const terms: LegalDocument = {
  title: "Conditions d'utilisation",
  updated: "2026-12-01",
  updatedLabel: "Dernière mise à jour",
  intro:
    "Ces conditions régissent votre utilisation de SexyVoice, un service en ligne qui transforme du texte en parole avec des voix d'IA, clone des voix à partir d'enregistrements que vous fournissez et permet des appels vocaux en temps réel avec un personnage d'IA. En créant un compte ou en utilisant le service, vous les acceptez. L'exploitant de ce service est indiqué dans les mentions légales.",
  sections: [
    {
      heading: "Votre compte",
      paragraphs: [
        "Vous vous connectez avec votre compte Google. Vous devez avoir au moins 16 ans, ou davantage si la loi de votre pays l'exige pour les services en ligne. Un compte correspond à une seule personne.",
        "Gardez secrets votre connexion et vos clés d'API. Vous êtes responsable de tout ce qui est fait avec votre compte et vos clés ; révoquez une clé dès que vous soupçonnez qu'elle a été divulguée.",
      ],
    },
    {
      heading: "Crédits et paiement",
      paragraphs: [
        "La génération de parole, le clonage de voix et les appels coûtent des crédits. Le prix d'une demande est affiché avant de commencer ; une demande qui échoue de notre côté n'est pas facturée et les crédits réservés pour elle sont intégralement restitués. Les nouveaux comptes reçoivent une seule fois des crédits gratuits.",
        "Les crédits supplémentaires s'achètent à l'avance (prépayés) via notre prestataire de paiement Stripe, sous forme de pack ponctuel ou d'abonnement. Les crédits n'ont aucune valeur monétaire, ne sont pas transférables et ne sont pas remboursés, sauf lorsque la loi l'exige. Les changements de prix ne s'appliquent qu'aux achats futurs. Si vous supprimez votre compte, les crédits restants sont perdus.",
        "Si vous êtes un consommateur dans l'Union européenne, vous disposez d'un droit légal de rétractation de 14 jours. En utilisant des crédits achetés pendant ce délai, vous nous demandez de commencer immédiatement et votre droit de rétractation prend fin pour les crédits utilisés.",
      ],
    },
    {
      heading: "Usage acceptable",
      paragraphs: ["Vous ne devez pas utiliser SexyVoice pour :"],
      items: [
        "créer ou diffuser des contenus illicites, diffamatoires, harcelants, haineux ou sexualisant des mineurs ;",
        "tromper ou escroquer des personnes en vous faisant passer pour quelqu'un, par exemple dans des appels frauduleux, de faux témoignages ou de la désinformation politique ;",
        "porter atteinte au droit d'auteur, aux droits de la personnalité ou à d'autres droits de tiers ;",
        "attaquer, surcharger ou sonder le service, contourner ses limites ou revendre l'accès sans notre autorisation écrite.",
      ],
    },
    {
      heading: "Cloner des voix : le consentement",
      paragraphs: [
        "Vous ne pouvez cloner que votre propre voix, ou la voix d'une personne qui vous a expressément autorisé à la cloner pour l'usage prévu. Vous le confirmez à chaque clonage ou enregistrement d'une voix, et nous conservons cette confirmation.",
        "Nous pouvons vous demander de prouver l'autorisation de la personne, supprimer des voix et suspendre des comptes lorsqu'il y a lieu de croire qu'elle manque. Ne clonez pas la voix de personnalités publiques sans leur autorisation.",
      ],
    },
    {
      heading: "Vos contenus",
      paragraphs: [
        "Vous conservez les droits que vous détenez sur les textes et enregistrements que vous importez et sur l'audio que vous créez. Vous nous autorisez à les traiter dans la mesure nécessaire au service, y compris par les prestataires cités dans la politique de confidentialité.",
        "Vous pouvez utiliser l'audio créé à toute fin licite. Ne présentez pas une parole synthétique comme l'enregistrement réel d'une personne lorsque cela pourrait tromper quelqu'un.",
      ],
    },
    {
      heading: "Parole générée par l'IA",
      paragraphs: [
        "La parole synthétique peut comporter des erreurs, mal prononcer des mots ou sonner autrement que prévu, et une voix clonée n'est qu'une approximation de l'originale. Écoutez le résultat avant de le publier. Un fournisseur de voix peut refuser certains textes.",
      ],
    },
    {
      heading: "Disponibilité et modifications",
      paragraphs: [
        "Nous nous efforçons de maintenir SexyVoice disponible, mais la maintenance et les pannes des fournisseurs dont nous dépendons peuvent l'interrompre ; nous ne promettons pas un service ininterrompu. Nous pouvons modifier ou arrêter des fonctionnalités.",
        "Nous vous informerons à l'avance des modifications importantes de ces conditions par e-mail ou dans le tableau de bord. Si vous n'êtes pas d'accord, vous pouvez supprimer votre compte avant leur entrée en vigueur.",
      ],
    },
    {
      heading: "Suspension et résiliation",
      paragraphs: [
        "Vous pouvez supprimer votre compte à tout moment depuis la page Profil. Nous pouvons suspendre ou fermer un compte qui enfreint ces conditions, avec un préavis lorsque c'est raisonnable. Un paiement contesté peut bloquer un compte jusqu'à sa résolution.",
      ],
    },
    {
      heading: "Responsabilité",
      paragraphs: [
        "Nous sommes responsables sans limite en cas de faute intentionnelle ou de faute lourde, d'atteinte à la vie, au corps ou à la santé et partout où la loi impérative le prévoit. En cas de faute légère, nous ne répondons que de la violation d'obligations essentielles et seulement du dommage typique et prévisible pour ce type de service. Notre responsabilité est exclue pour le reste. Rien ici ne limite vos droits légaux de consommateur.",
      ],
    },
    {
      heading: "Droit applicable",
      paragraphs: [
        "Le droit du pays où l'exploitant est établi s'applique. Si vous êtes consommateur, vous conservez en outre la protection des dispositions impératives du pays où vous résidez et pouvez saisir ses tribunaux.",
      ],
    },
  ],
  contact: { text: "Des questions sur ces conditions ? Contactez l'exploitant grâce aux coordonnées figurant dans les", linkLabel: "mentions légales" },
};

export default terms;
