/** Datenschutzerklärung, Deutsch. */
import type { LegalDocument } from "../types";

const privacy: LegalDocument = {
  title: "Datenschutzerklärung",
  updated: "2026-12-01",
  updatedLabel: "Zuletzt aktualisiert",
  intro:
    "Diese Erklärung beschreibt, welche personenbezogenen Daten SexyVoice bei der Nutzung verarbeitet, wozu, wer uns dabei hilft und wie lange sie gespeichert werden. Verantwortlich für deine Daten ist der im Impressum genannte Betreiber.",
  sections: [
    {
      heading: "Was wir verarbeiten",
      paragraphs: [],
      items: [
        "Kontodaten: deine E-Mail-Adresse, dein Name und deine Kontokennung aus der Google-Anmeldung.",
        "Inhalte: die Texte, die du einreichst, das daraus erzeugte Audio und die Aufnahmen, die du zum Klonen hochlädst oder aufnimmst. Eine Stimmaufnahme kann ein biometrisches Datum sein; wir nutzen sie nur, um die gewünschte Stimme zu erzeugen, nie, um dich zu identifizieren.",
        "Credits und Zahlungen: dein Guthaben und jede Änderung daran, Nutzungsdaten (was erzeugt wurde, mit welcher Stimme und Sprache, zu welchen Kosten) und deine Bestellungen. Kartendaten verarbeitet Stripe; vollständige Kartennummern sehen wir nie.",
        "Anrufe: das Audio von Echtzeitanrufen während der Übertragung, ihre Dauer und die Anweisungen, die du für die Figur festlegst.",
        "Technische Daten: IP-Adresse und Anfragedaten, die unser Hosting-Anbieter verarbeitet, um den Dienst auszuliefern und vor Angriffen zu schützen, Anfragekennungen und Fehlerberichte.",
      ],
    },
    {
      heading: "Zwecke und Rechtsgrundlagen",
      paragraphs: [],
      items: [
        "Um den Dienst bereitzustellen, für den du dich angemeldet hast, und ihn abzurechnen (Vertragserfüllung, Art. 6 Abs. 1 lit. b DSGVO).",
        "Um eine Stimme aus einer Aufnahme zu klonen, auf Grundlage deiner ausdrücklichen Einwilligung, die du bei jedem Klonen erteilst und die wir speichern (Art. 6 Abs. 1 lit. a und Art. 9 Abs. 2 lit. a DSGVO).",
        "Um den Dienst sicher zu halten, Missbrauch zu verhindern, Fehler zu finden und zu beheben und zu verstehen, welche Funktionen genutzt werden (berechtigte Interessen, Art. 6 Abs. 1 lit. f DSGVO).",
        "Um Buchhaltungs- und Steuerunterlagen aufzubewahren (rechtliche Pflicht, Art. 6 Abs. 1 lit. c DSGVO).",
      ],
    },
    {
      heading: "Dienstleister",
      paragraphs: [
        "Wir setzen diese Dienstleister ein, jeweils mit einem Vertrag zur Auftragsverarbeitung. Daten erhalten nur die, die für diesen Dienst eingeschaltet sind: Ein Anbieter ohne konfigurierten Schlüssel erhält nichts.",
      ],
      items: [
        "Cloudflare, Inc.: Hosting der Anwendung, ihrer Datenbank, Dateiablage und Caches; Auslieferung und Schutz vor Angriffen.",
        "Supabase, Inc.: Anmeldung mit Google und Authentifizierung des Kontos.",
        "Stripe: Zahlungen, Belege und Abonnements. Stripe ist für Betrugsprävention und eigene gesetzliche Pflichten zudem selbst Verantwortlicher.",
        "Google (Gemini API): wandelt deinen Text für die Gemini-Stimmen in Sprache um und schlägt ausdrucksstarke Tags vor; erhält den Text und den gewählten Stil.",
        "Replicate, Inc.: betreibt das Modell zum Stimmenklonen und die Orpheus-Stimmen; erhält deinen Text und beim Klonen deine Referenzaufnahme, die dort nach dem Auftrag gelöscht wird.",
        "LiveKit, Inc.: überträgt das Audio von Echtzeitanrufen.",
        "PostHog: Produktstatistiken darüber, welche Funktionen genutzt werden, von unseren Servern gesendet; kein Tracking in deinem Browser.",
        "Sentry (Functional Software, Inc.): Fehlerberichte, die Angaben zur fehlgeschlagenen Anfrage enthalten können.",
      ],
    },
    {
      heading: "Übermittlungen außerhalb der EU",
      paragraphs: [
        "Mehrere dieser Anbieter haben ihren Sitz in den USA. Übermittlungen stützen sich auf das EU-US Data Privacy Framework, wenn der Anbieter danach zertifiziert ist, und sonst auf die Standardvertragsklauseln der Europäischen Kommission. Wir verkaufen keine personenbezogenen Daten und nutzen sie nicht für Werbung.",
      ],
    },
    {
      heading: "Cookies und lokaler Speicher",
      paragraphs: ["SexyVoice setzt keine Werbe- oder Tracking-Cookies. Dein Browser speichert deine Anmeldesitzung und deine Sprachwahl im lokalen Speicher; das braucht der Dienst, um zu funktionieren."],
    },
    {
      heading: "Speicherdauer",
      paragraphs: [],
      items: [
        "Zum Klonen hochgeladene Aufnahmen: automatisch etwa 10 Minuten nach dem Klonen gelöscht, spätestens nach einer Stunde.",
        "Aufnahmen von Stimmen, die du unter „Meine Stimmen“ speicherst: bis du die Stimme oder dein Konto löschst.",
        "Erzeugtes Audio und Verlauf: im kostenlosen Tarif nach 30 Tagen gelöscht; in einem bezahlten Tarif, bis du es oder dein Konto löschst.",
        "Einwilligungsnachweise zu Klonen: mit dem Auftrag gespeichert, bis du dein Konto löschst.",
        "Credit-, Nutzungs- und Zahlungsdaten: so lange, wie Handels- und Steuerrecht es verlangen, nach der Löschung deines Kontos ohne deine E-Mail-Adresse.",
        "Fehlerberichte und Produktstatistiken: für den bei diesen Anbietern eingestellten, begrenzten Zeitraum.",
      ],
    },
    {
      heading: "Deine Rechte",
      paragraphs: [
        "Du hast das Recht auf Auskunft (die Profilseite exportiert alle deine Daten als Datei), Berichtigung, Löschung (das Löschen deines Kontos auf der Profilseite entfernt deine Inhalte, Aufnahmen, gespeicherten Stimmen und Schlüssel), Einschränkung der Verarbeitung, Datenübertragbarkeit und Widerspruch gegen Verarbeitungen auf Grundlage berechtigter Interessen.",
        "Deine Einwilligung zum Klonen kannst du jederzeit widerrufen, zum Beispiel durch Löschen einer gespeicherten Stimme; die Verarbeitung bis zum Widerruf bleibt davon unberührt. Du kannst dich außerdem bei einer Datenschutz-Aufsichtsbehörde beschweren.",
      ],
    },
    {
      heading: "Sicherheit",
      paragraphs: ["Alle Verbindungen sind verschlüsselt. Aufnahmen und Audio werden privat gespeichert und sind nur über kurzlebige signierte Links erreichbar; API-Schlüssel werden nur als Hashwerte gespeichert."],
    },
    {
      heading: "Kinder und Änderungen",
      paragraphs: ["SexyVoice richtet sich nicht an Kinder unter 16 Jahren. Ändert sich diese Erklärung, aktualisieren wir sie hier mit neuem Datum und informieren dich vorab über wesentliche Änderungen."],
    },
  ],
  contact: { text: "Um deine Rechte auszuüben oder Fragen zu deinen Daten zu stellen, wende dich an den Betreiber über die Angaben im", linkLabel: "Impressum" },
};

export default privacy;
