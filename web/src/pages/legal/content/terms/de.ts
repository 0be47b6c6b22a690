/** Nutzungsbedingungen, Deutsch. */
import type { LegalDocument } from "../types";

const terms: LegalDocument = {
  title: "Nutzungsbedingungen",
  updated: "2026-12-01",
  updatedLabel: "Zuletzt aktualisiert",
  intro:
    "Diese Bedingungen regeln die Nutzung von SexyVoice, einem Onlinedienst, der Text mit KI-Stimmen in Sprache umwandelt, Stimmen aus von dir bereitgestellten Aufnahmen klont und Echtzeit-Sprachanrufe mit einer KI-Figur führt. Mit dem Anlegen eines Kontos oder der Nutzung des Dienstes akzeptierst du sie. Der Betreiber dieses Dienstes ist im Impressum genannt.",
  sections: [
    {
      heading: "Dein Konto",
      paragraphs: [
        "Du meldest dich mit deinem Google-Konto an. Du musst mindestens 16 Jahre alt sein oder älter, wenn das Recht deines Wohnorts das für Onlinedienste verlangt. Ein Konto gehört einer Person.",
        "Halte deine Anmeldung und deine API-Schlüssel geheim. Du bist für alles verantwortlich, was mit deinem Konto und deinen Schlüsseln geschieht; widerrufe einen Schlüssel, sobald du vermutest, dass er bekannt geworden ist.",
      ],
    },
    {
      heading: "Credits und Bezahlung",
      paragraphs: [
        "Sprache erzeugen, Stimmen klonen und Anrufe kosten Credits. Der Preis einer Anfrage wird vor dem Start angezeigt; eine Anfrage, die auf unserer Seite scheitert, wird nicht berechnet, und dafür reservierte Credits werden vollständig zurückgebucht. Neue Konten erhalten einmalig kostenlose Credits.",
        "Weitere Credits werden im Voraus (Prepaid) über unseren Zahlungsdienstleister Stripe gekauft, als einmaliges Paket oder als Abonnement. Credits haben keinen Geldwert, sind nicht übertragbar und werden nicht erstattet, außer wenn das Gesetz es verlangt. Preisänderungen gelten nur für künftige Käufe. Wenn du dein Konto löschst, verfallen verbliebene Credits.",
        "Als Verbraucher in der Europäischen Union hast du ein gesetzliches Widerrufsrecht von 14 Tagen. Nutzt du gekaufte Credits innerhalb dieser Frist, verlangst du, dass wir sofort mit der Leistung beginnen, und dein Widerrufsrecht erlischt für die genutzten Credits.",
      ],
    },
    {
      heading: "Zulässige Nutzung",
      paragraphs: ["Du darfst SexyVoice nicht nutzen, um:"],
      items: [
        "Inhalte zu erstellen oder zu verbreiten, die rechtswidrig, verleumderisch, belästigend oder hasserfüllt sind oder Minderjährige sexualisieren;",
        "Menschen zu täuschen oder zu betrügen, indem du dich als jemand anderes ausgibst, etwa in Betrugsanrufen, gefälschten Empfehlungen oder politischer Desinformation;",
        "Urheberrechte, Persönlichkeitsrechte oder andere Rechte Dritter zu verletzen;",
        "den Dienst anzugreifen, zu überlasten oder auszuforschen, seine Grenzen zu umgehen oder den Zugang ohne unsere schriftliche Erlaubnis weiterzuverkaufen.",
      ],
    },
    {
      heading: "Stimmen klonen: Einwilligung",
      paragraphs: [
        "Du darfst nur deine eigene Stimme klonen oder die Stimme einer Person, die dir ausdrücklich erlaubt hat, sie für den beabsichtigten Zweck zu klonen. Das bestätigst du bei jedem Klonen und Speichern einer Stimme, und wir speichern diese Bestätigung.",
        "Wir können dich bitten, die Erlaubnis der sprechenden Person nachzuweisen, und Stimmen entfernen sowie Konten sperren, wenn Grund zur Annahme besteht, dass sie fehlt. Klone keine Stimmen von Personen des öffentlichen Lebens ohne deren Erlaubnis.",
      ],
    },
    {
      heading: "Deine Inhalte",
      paragraphs: [
        "Du behältst alle Rechte, die du an hochgeladenen Texten und Aufnahmen und an erzeugtem Audio hast. Du erlaubst uns, sie zu verarbeiten, soweit das für den Dienst nötig ist, auch durch die in der Datenschutzerklärung genannten Dienstleister.",
        "Du darfst erzeugtes Audio für jeden rechtmäßigen Zweck verwenden. Gib synthetische Sprache nicht als echte Aufnahme einer Person aus, wenn das jemanden täuschen würde.",
      ],
    },
    {
      heading: "KI-erzeugte Sprache",
      paragraphs: [
        "Synthetische Sprache kann Fehler enthalten, Wörter falsch aussprechen oder anders klingen als erwartet, und eine geklonte Stimme ist eine Annäherung an das Original. Hör dir das Ergebnis an, bevor du es veröffentlichst. Ein Sprachanbieter kann manche Texte ablehnen.",
      ],
    },
    {
      heading: "Verfügbarkeit und Änderungen",
      paragraphs: [
        "Wir arbeiten daran, SexyVoice verfügbar zu halten, aber Wartung und Ausfälle der Anbieter, auf die wir angewiesen sind, können ihn unterbrechen; einen unterbrechungsfreien Dienst versprechen wir nicht. Wir können Funktionen ändern oder einstellen.",
        "Über wesentliche Änderungen dieser Bedingungen informieren wir dich vorab per E-Mail oder im Dashboard. Bist du nicht einverstanden, kannst du dein Konto löschen, bevor sie wirksam werden.",
      ],
    },
    {
      heading: "Sperrung und Kündigung",
      paragraphs: [
        "Du kannst dein Konto jederzeit auf der Profilseite löschen. Wir können ein Konto, das gegen diese Bedingungen verstößt, sperren oder schließen, soweit zumutbar nach vorheriger Ankündigung. Eine strittige Zahlung kann ein Konto bis zur Klärung sperren.",
      ],
    },
    {
      heading: "Haftung",
      paragraphs: [
        "Wir haften unbeschränkt bei Vorsatz und grober Fahrlässigkeit, bei Verletzung von Leben, Körper oder Gesundheit und überall dort, wo zwingendes Recht es vorsieht. Bei leichter Fahrlässigkeit haften wir nur für die Verletzung wesentlicher Pflichten und nur für den für diese Art von Dienst typischen, vorhersehbaren Schaden. Im Übrigen ist unsere Haftung ausgeschlossen. Deine gesetzlichen Rechte als Verbraucher bleiben unberührt.",
      ],
    },
    {
      heading: "Anwendbares Recht",
      paragraphs: [
        "Es gilt das Recht des Landes, in dem der Betreiber niedergelassen ist. Als Verbraucher behältst du zusätzlich den Schutz des zwingenden Rechts deines Wohnsitzlandes und kannst dort vor Gericht klagen.",
      ],
    },
  ],
  contact: { text: "Fragen zu diesen Bedingungen? Wende dich an den Betreiber über die Angaben im", linkLabel: "Impressum" },
};

export default terms;
