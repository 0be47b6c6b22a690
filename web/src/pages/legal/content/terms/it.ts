/** Termini di servizio, italiano. */
import type { LegalDocument } from "../types";

const terms: LegalDocument = {
  title: "Termini di servizio",
  updated: "2026-12-01",
  updatedLabel: "Ultimo aggiornamento",
  intro:
    "Questi termini regolano l'uso di SexyVoice, un servizio online che trasforma il testo in voce con voci di IA, clona voci da registrazioni che fornisci e tiene chiamate vocali in tempo reale con un personaggio di IA. Creando un account o usando il servizio li accetti. Il gestore di questo servizio è indicato nelle note legali.",
  sections: [
    {
      heading: "Il tuo account",
      paragraphs: [
        "Accedi con il tuo account Google. Devi avere almeno 16 anni, o di più se la legge del luogo in cui vivi lo richiede per i servizi online. Un account è per una sola persona.",
        "Mantieni segreti il tuo accesso e le tue chiavi API. Sei responsabile di tutto ciò che viene fatto con il tuo account e le tue chiavi; revoca una chiave appena sospetti che sia stata esposta.",
      ],
    },
    {
      heading: "Crediti e pagamento",
      paragraphs: [
        "Generare voce, clonare una voce e le chiamate costano crediti. Il prezzo di una richiesta è mostrato prima di iniziare; una richiesta che fallisce per causa nostra non viene addebitata e i crediti riservati vengono restituiti per intero. I nuovi account ricevono crediti gratuiti una sola volta.",
        "Altri crediti si acquistano in anticipo (prepagati) tramite il nostro fornitore di pagamenti Stripe, come pacchetto singolo o abbonamento. I crediti non hanno valore monetario, non sono trasferibili e non sono rimborsabili, salvo quando la legge lo richiede. Le variazioni di prezzo valgono solo per gli acquisti futuri. Se elimini il tuo account, i crediti rimasti decadono.",
        "Se sei un consumatore nell'Unione europea hai un diritto legale di recesso di 14 giorni. Usando crediti acquistati entro tale termine ci chiedi di iniziare subito e il tuo diritto di recesso si estingue per i crediti utilizzati.",
      ],
    },
    {
      heading: "Uso consentito",
      paragraphs: ["Non devi usare SexyVoice per:"],
      items: [
        "creare o diffondere contenuti illeciti, diffamatori, molesti, d'odio o che sessualizzino minori;",
        "ingannare o truffare persone spacciandoti per qualcun altro, per esempio in chiamate truffa, false testimonianze o disinformazione politica;",
        "violare diritti d'autore, diritti della personalità o altri diritti di terzi;",
        "attaccare, sovraccaricare o sondare il servizio, aggirarne i limiti o rivenderne l'accesso senza il nostro permesso scritto.",
      ],
    },
    {
      heading: "Clonare voci: il consenso",
      paragraphs: [
        "Puoi clonare solo la tua voce, o quella di una persona che ti ha dato il permesso esplicito di clonarla per l'uso che intendi farne. Lo confermi ogni volta che cloni o salvi una voce, e conserviamo questa conferma.",
        "Possiamo chiederti di dimostrare il permesso della persona, rimuovere voci e sospendere account quando vi sono motivi per ritenere che manchi. Non clonare le voci di personaggi pubblici senza il loro permesso.",
      ],
    },
    {
      heading: "I tuoi contenuti",
      paragraphs: [
        "Mantieni i diritti che hai sui testi e sulle registrazioni che carichi e sull'audio che crei. Ci consenti di trattarli nella misura necessaria a fornire il servizio, anche tramite i fornitori indicati nell'informativa sulla privacy.",
        "Puoi usare l'audio che crei per qualsiasi scopo lecito. Non presentare una voce sintetica come registrazione reale di una persona quando ciò potrebbe trarre in inganno.",
      ],
    },
    {
      heading: "Voce generata dall'IA",
      paragraphs: [
        "La voce sintetica può contenere errori, pronunciare male le parole o suonare diversa da come ti aspetti, e una voce clonata è un'approssimazione dell'originale. Ascolta il risultato prima di pubblicarlo. Un fornitore di voci può rifiutare alcuni testi.",
      ],
    },
    {
      heading: "Disponibilità e modifiche",
      paragraphs: [
        "Lavoriamo per mantenere SexyVoice disponibile, ma la manutenzione e i guasti dei fornitori da cui dipendiamo possono interromperlo; non promettiamo un servizio senza interruzioni. Possiamo modificare o sospendere funzioni.",
        "Ti informeremo in anticipo delle modifiche sostanziali a questi termini via e-mail o nella dashboard. Se non sei d'accordo, puoi eliminare il tuo account prima che entrino in vigore.",
      ],
    },
    {
      heading: "Sospensione e chiusura",
      paragraphs: [
        "Puoi eliminare il tuo account in qualsiasi momento dalla pagina Profilo. Possiamo sospendere o chiudere un account che viola questi termini, con preavviso quando è ragionevole. Un pagamento contestato può bloccare un account finché non viene risolto.",
      ],
    },
    {
      heading: "Responsabilità",
      paragraphs: [
        "Rispondiamo senza limiti per dolo e colpa grave, per danni alla vita, al corpo o alla salute e ovunque la legge inderogabile lo preveda. Per colpa lieve rispondiamo solo della violazione di obblighi essenziali e solo del danno tipico e prevedibile per questo tipo di servizio. Per il resto la nostra responsabilità è esclusa. Nulla di ciò limita i tuoi diritti di legge come consumatore.",
      ],
    },
    {
      heading: "Legge applicabile",
      paragraphs: ["Si applica la legge del paese in cui ha sede il gestore. Se sei un consumatore, mantieni inoltre la tutela delle norme inderogabili del paese in cui risiedi e puoi rivolgerti ai suoi tribunali."],
    },
  ],
  contact: { text: "Domande su questi termini? Contatta il gestore con i recapiti riportati nelle", linkLabel: "note legali" },
};

export default terms;
