/** Politique de confidentialité, français. */
import type { LegalDocument } from "../types";

const privacy: LegalDocument = {
  title: "Politique de confidentialité",
  updated: "2026-12-01",
  updatedLabel: "Dernière mise à jour",
  intro:
    "Cette politique explique quelles données personnelles SexyVoice traite lorsque vous l'utilisez, pourquoi, qui nous aide à les traiter et combien de temps elles sont conservées. Le responsable du traitement est l'exploitant indiqué dans les mentions légales.",
  sections: [
    {
      heading: "Ce que nous traitons",
      paragraphs: [],
      items: [
        "Données de compte : votre adresse e-mail, votre nom et l'identifiant de compte issus de votre connexion Google.",
        "Contenus : les textes que vous soumettez, l'audio qui en est produit et les enregistrements que vous importez ou enregistrez pour le clonage. Un enregistrement de voix peut constituer une donnée biométrique ; nous l'utilisons uniquement pour produire la voix demandée, jamais pour vous identifier.",
        "Crédits et paiements : votre solde et chacune de ses variations, les relevés d'utilisation (ce qui a été produit, avec quelle voix et quelle langue, à quel coût) et vos commandes. Les données de carte sont traitées par Stripe ; nous ne voyons jamais les numéros de carte complets.",
        "Appels : l'audio des appels en temps réel pendant sa transmission, leur durée et les instructions que vous donnez au personnage.",
        "Données techniques : l'adresse IP et les détails des requêtes que notre hébergeur traite pour fournir le service et le protéger des attaques, les identifiants de requête et les rapports d'erreur.",
      ],
    },
    {
      heading: "Finalités et bases légales",
      paragraphs: [],
      items: [
        "Fournir le service auquel vous vous êtes inscrit et le facturer (exécution du contrat, art. 6, par. 1, point b, RGPD).",
        "Cloner une voix à partir d'un enregistrement, sur la base de votre consentement explicite, donné à chaque clonage et que nous conservons (art. 6, par. 1, point a, et art. 9, par. 2, point a, RGPD).",
        "Assurer la sécurité du service, prévenir les abus, trouver et corriger les défauts et comprendre quelles fonctionnalités sont utilisées (intérêts légitimes, art. 6, par. 1, point f, RGPD).",
        "Conserver les documents comptables et fiscaux (obligation légale, art. 6, par. 1, point c, RGPD).",
      ],
    },
    {
      heading: "Prestataires",
      paragraphs: [
        "Nous faisons appel à ces prestataires, chacun lié par un accord de traitement des données. Seuls ceux activés pour ce service reçoivent des données : un fournisseur sans clé configurée ne reçoit rien.",
      ],
      items: [
        "Cloudflare, Inc. : hébergement de l'application, de sa base de données, du stockage de fichiers et des caches ; diffusion et protection contre les attaques.",
        "Supabase, Inc. : connexion avec Google et authentification du compte.",
        "Stripe : paiements, reçus et abonnements. Stripe agit aussi comme responsable indépendant pour la prévention de la fraude et ses propres obligations légales.",
        "Google (API Gemini) : transforme votre texte en parole pour les voix Gemini et propose des balises expressives ; reçoit le texte et le style choisi.",
        "Replicate, Inc. : exécute le modèle de clonage de voix et les voix Orpheus ; reçoit votre texte et, pour le clonage, votre enregistrement de référence, supprimé chez lui à la fin de la tâche.",
        "LiveKit, Inc. : transporte l'audio des appels en temps réel.",
        "PostHog : statistiques d'usage des fonctionnalités, envoyées depuis nos serveurs ; aucun pistage dans votre navigateur.",
        "Sentry (Functional Software, Inc.) : rapports d'erreur, qui peuvent contenir des détails de la requête en échec.",
      ],
    },
    {
      heading: "Transferts hors de l'UE",
      paragraphs: [
        "Plusieurs de ces prestataires sont établis aux États-Unis. Les transferts reposent sur le cadre de protection des données UE–États-Unis lorsque le prestataire y est certifié, et sinon sur les clauses contractuelles types de la Commission européenne. Nous ne vendons pas de données personnelles et ne les utilisons pas à des fins publicitaires.",
      ],
    },
    {
      heading: "Cookies et stockage local",
      paragraphs: [
        "SexyVoice ne dépose aucun cookie publicitaire ou de pistage. Votre navigateur conserve votre session de connexion et votre choix de langue dans son stockage local, nécessaire au fonctionnement du service.",
      ],
    },
    {
      heading: "Durées de conservation",
      paragraphs: [],
      items: [
        "Enregistrements importés pour un clonage : supprimés automatiquement environ 10 minutes après le clonage, au plus tard après une heure.",
        "Enregistrements des voix enregistrées dans « Mes voix » : conservés jusqu'à ce que vous supprimiez la voix ou votre compte.",
        "Audio généré et historique : supprimés après 30 jours avec l'offre gratuite ; avec une offre payante, conservés jusqu'à ce que vous les supprimiez ou supprimiez votre compte.",
        "Preuves de consentement des clonages : conservées avec la tâche jusqu'à la suppression de votre compte.",
        "Données de crédits, d'utilisation et de paiement : aussi longtemps que le droit comptable et fiscal l'exige, sans votre adresse e-mail une fois votre compte supprimé.",
        "Rapports d'erreur et statistiques : pendant la durée limitée réglée chez ces prestataires.",
      ],
    },
    {
      heading: "Vos droits",
      paragraphs: [
        "Vous avez le droit d'accéder à vos données (la page Profil les exporte toutes dans un fichier), de les rectifier, de les faire effacer (la suppression du compte depuis la page Profil efface vos contenus, enregistrements, voix enregistrées et clés), d'en limiter le traitement, de les recevoir dans un format portable et de vous opposer aux traitements fondés sur l'intérêt légitime.",
        "Vous pouvez retirer à tout moment votre consentement au clonage, par exemple en supprimant une voix enregistrée ; cela n'affecte pas le traitement effectué avant le retrait. Vous pouvez aussi introduire une réclamation auprès d'une autorité de protection des données, comme la CNIL.",
      ],
    },
    {
      heading: "Sécurité",
      paragraphs: [
        "Toutes les connexions sont chiffrées. Les enregistrements et l'audio sont stockés de manière privée et accessibles uniquement par des liens signés de courte durée ; les clés d'API ne sont conservées que sous forme de hachage.",
      ],
    },
    {
      heading: "Enfants et modifications",
      paragraphs: [
        "SexyVoice ne s'adresse pas aux enfants de moins de 16 ans. Lorsque cette politique change, nous la mettons à jour ici avec une nouvelle date et vous informons à l'avance des modifications importantes.",
      ],
    },
  ],
  contact: { text: "Pour exercer vos droits ou poser une question sur vos données, contactez l'exploitant grâce aux coordonnées figurant dans les", linkLabel: "mentions légales" },
};

export default privacy;
