/** Informativa sulla privacy, italiano. */
import type { LegalDocument } from "../types";

const privacy: LegalDocument = {
  title: "Informativa sulla privacy",
  updated: "2026-12-01",
  updatedLabel: "Ultimo aggiornamento",
  intro:
    "Questa informativa spiega quali dati personali SexyVoice tratta quando lo usi, perché, chi ci aiuta a trattarli e per quanto tempo sono conservati. Il titolare del trattamento è il gestore indicato nelle note legali.",
  sections: [
    {
      heading: "Cosa trattiamo",
      paragraphs: [],
      items: [
        "Dati dell'account: il tuo indirizzo e-mail, il tuo nome e l'identificativo dell'account provenienti dall'accesso con Google.",
        "Contenuti: i testi che invii, l'audio generato da essi e le registrazioni che carichi o registri per la clonazione. Una registrazione vocale può essere un dato biometrico; la usiamo solo per creare la voce che chiedi, mai per identificarti.",
        "Crediti e pagamenti: il tuo saldo e ogni sua variazione, i dati di utilizzo (cosa è stato creato, con quale voce e lingua, a quale costo) e i tuoi ordini. I dati della carta sono trattati da Stripe; non vediamo mai i numeri di carta completi.",
        "Chiamate: l'audio delle chiamate in tempo reale durante la trasmissione, la loro durata e le istruzioni che dai al personaggio.",
        "Dati tecnici: indirizzo IP e dettagli delle richieste che il nostro fornitore di hosting tratta per erogare il servizio e proteggerlo dagli attacchi, identificativi delle richieste e segnalazioni di errore.",
      ],
    },
    {
      heading: "Finalità e basi giuridiche",
      paragraphs: [],
      items: [
        "Fornire il servizio a cui ti sei iscritto e fatturarlo (esecuzione del contratto, art. 6, par. 1, lett. b GDPR).",
        "Clonare una voce da una registrazione, sulla base del tuo consenso esplicito, dato a ogni clonazione e da noi registrato (art. 6, par. 1, lett. a e art. 9, par. 2, lett. a GDPR).",
        "Mantenere sicuro il servizio, prevenire abusi, trovare e correggere errori e capire quali funzioni vengono usate (legittimo interesse, art. 6, par. 1, lett. f GDPR).",
        "Conservare la documentazione contabile e fiscale (obbligo di legge, art. 6, par. 1, lett. c GDPR).",
      ],
    },
    {
      heading: "Fornitori",
      paragraphs: [
        "Ci avvaliamo di questi fornitori, ciascuno vincolato da un accordo sul trattamento dei dati. Ricevono dati solo quelli attivati per questo servizio: un fornitore senza chiave configurata non riceve nulla.",
      ],
      items: [
        "Cloudflare, Inc.: hosting dell'applicazione, del suo database, dell'archiviazione dei file e delle cache; distribuzione e protezione dagli attacchi.",
        "Supabase, Inc.: accesso con Google e autenticazione dell'account.",
        "Stripe: pagamenti, ricevute e abbonamenti. Stripe agisce anche come titolare autonomo per la prevenzione delle frodi e i propri obblighi di legge.",
        "Google (API Gemini): trasforma il tuo testo in voce per le voci Gemini e suggerisce tag espressivi; riceve il testo e lo stile scelto.",
        "Replicate, Inc.: esegue il modello di clonazione vocale e le voci Orpheus; riceve il tuo testo e, per la clonazione, la registrazione di riferimento, che lì viene eliminata al termine del lavoro.",
        "LiveKit, Inc.: trasporta l'audio delle chiamate in tempo reale.",
        "PostHog: statistiche sull'uso delle funzioni, inviate dai nostri server; nessun tracciamento nel tuo browser.",
        "Sentry (Functional Software, Inc.): segnalazioni di errore, che possono contenere dettagli della richiesta non riuscita.",
      ],
    },
    {
      heading: "Trasferimenti fuori dall'UE",
      paragraphs: [
        "Diversi di questi fornitori hanno sede negli Stati Uniti. I trasferimenti si basano sul Data Privacy Framework UE-USA quando il fornitore vi è certificato e, altrimenti, sulle clausole contrattuali tipo della Commissione europea. Non vendiamo dati personali e non li usiamo per la pubblicità.",
      ],
    },
    {
      heading: "Cookie e archiviazione locale",
      paragraphs: [
        "SexyVoice non imposta cookie pubblicitari o di tracciamento. Il tuo browser conserva la sessione di accesso e la scelta della lingua nella sua archiviazione locale, necessaria al funzionamento del servizio.",
      ],
    },
    {
      heading: "Tempi di conservazione",
      paragraphs: [],
      items: [
        "Registrazioni caricate per una clonazione: eliminate automaticamente circa 10 minuti dopo la clonazione, al più tardi dopo un'ora.",
        "Registrazioni delle voci salvate in «Le mie voci»: conservate finché non elimini la voce o il tuo account.",
        "Audio generato e cronologia: con il piano gratuito eliminati dopo 30 giorni; con un piano a pagamento conservati finché non li elimini o elimini il tuo account.",
        "Registrazioni del consenso alle clonazioni: conservate con il lavoro fino all'eliminazione del tuo account.",
        "Dati di crediti, utilizzo e pagamenti: per il tempo richiesto dalla normativa contabile e fiscale, senza il tuo indirizzo e-mail dopo l'eliminazione dell'account.",
        "Segnalazioni di errore e statistiche: per il periodo limitato impostato presso tali fornitori.",
      ],
    },
    {
      heading: "I tuoi diritti",
      paragraphs: [
        "Hai diritto di accedere ai tuoi dati (la pagina Profilo li esporta tutti in un file), di rettificarli, di ottenerne la cancellazione (eliminare l'account dalla pagina Profilo rimuove contenuti, registrazioni, voci salvate e chiavi), di limitarne il trattamento, di riceverli in un formato portabile e di opporti ai trattamenti basati sul legittimo interesse.",
        "Puoi revocare in qualsiasi momento il consenso alla clonazione, per esempio eliminando una voce salvata; ciò non incide sul trattamento precedente alla revoca. Puoi anche proporre reclamo a un'autorità di controllo, come il Garante per la protezione dei dati personali.",
      ],
    },
    {
      heading: "Sicurezza",
      paragraphs: [
        "Tutte le connessioni sono cifrate. Le registrazioni e l'audio sono archiviati in modo privato e raggiungibili solo tramite link firmati di breve durata; le chiavi API sono conservate solo come hash.",
      ],
    },
    {
      heading: "Minori e modifiche",
      paragraphs: ["SexyVoice non è destinato a minori di 16 anni. Quando questa informativa cambia la aggiorniamo qui con una nuova data e ti informiamo in anticipo delle modifiche sostanziali."],
    },
  ],
  contact: { text: "Per esercitare i tuoi diritti o chiedere dei tuoi dati, contatta il gestore con i recapiti riportati nelle", linkLabel: "note legali" },
};

export default privacy;
