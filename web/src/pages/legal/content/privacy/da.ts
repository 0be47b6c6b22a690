/** Privatlivspolitik, dansk. */
import type { LegalDocument } from "../types";

const privacy: LegalDocument = {
  title: "Privatlivspolitik",
  updated: "2026-12-01",
  updatedLabel: "Senest opdateret",
  intro:
    "Denne politik forklarer, hvilke personoplysninger SexyVoice behandler, når du bruger tjenesten, hvorfor, hvem der hjælper os med at behandle dem, og hvor længe de opbevares. Dataansvarlig er den operatør, der fremgår af virksomhedsoplysningerne.",
  sections: [
    {
      heading: "Hvad vi behandler",
      paragraphs: [],
      items: [
        "Kontooplysninger: din e-mailadresse, dit navn og din konto-id fra dit Google-login.",
        "Indhold: de tekster, du indsender, den lyd, der laves ud fra dem, og de optagelser, du uploader eller optager til kloning. En stemmeoptagelse kan være en biometrisk oplysning; vi bruger den kun til at lave den stemme, du beder om, aldrig til at identificere dig.",
        "Kreditter og betalinger: din saldo og hver ændring af den, forbrugsdata (hvad der blev lavet, med hvilken stemme og hvilket sprog, til hvilken pris) og dine ordrer. Kortoplysninger håndteres af Stripe; vi ser aldrig fulde kortnumre.",
        "Opkald: lyden fra realtidsopkald, mens den overføres, deres varighed og de instruktioner, du giver figuren.",
        "Tekniske data: IP-adresse og oplysninger om forespørgsler, som vores hostingudbyder behandler for at levere tjenesten og beskytte den mod angreb, forespørgsels-id'er og fejlrapporter.",
      ],
    },
    {
      heading: "Formål og retsgrundlag",
      paragraphs: [],
      items: [
        "At levere den tjeneste, du har tilmeldt dig, og afregne den (opfyldelse af kontrakten, GDPR art. 6, stk. 1, litra b).",
        "At klone en stemme ud fra en optagelse på grundlag af dit udtrykkelige samtykke, som du giver ved hver kloning, og som vi registrerer (GDPR art. 6, stk. 1, litra a, og art. 9, stk. 2, litra a).",
        "At holde tjenesten sikker, forhindre misbrug, finde og rette fejl og forstå, hvilke funktioner der bruges (legitime interesser, GDPR art. 6, stk. 1, litra f).",
        "At opbevare regnskabs- og skattebilag (retlig forpligtelse, GDPR art. 6, stk. 1, litra c).",
      ],
    },
    {
      heading: "Udbydere",
      paragraphs: ["Vi bruger disse udbydere, hver bundet af en databehandleraftale. Kun de udbydere, der er slået til for denne tjeneste, modtager data: en udbyder uden konfigureret nøgle modtager intet."],
      items: [
        "Cloudflare, Inc.: hosting af applikationen, dens database, fillager og caches; levering og beskyttelse mod angreb.",
        "Supabase, Inc.: login med Google og godkendelse af kontoen.",
        "Stripe: betalinger, kvitteringer og abonnementer. Stripe er desuden selvstændigt dataansvarlig for forebyggelse af svindel og egne retlige forpligtelser.",
        "Google (Gemini API): gør din tekst til tale for Gemini-stemmerne og foreslår udtryksfulde tags; modtager teksten og den valgte stil.",
        "Replicate, Inc.: kører modellen til stemmekloning og Orpheus-stemmerne; modtager din tekst og ved kloning din referenceoptagelse, som slettes dér, når opgaven er færdig.",
        "LiveKit, Inc.: overfører lyden fra realtidsopkald.",
        "PostHog: produktstatistik om, hvilke funktioner der bruges, sendt fra vores servere; ingen sporing i din browser.",
        "Sentry (Functional Software, Inc.): fejlrapporter, som kan indeholde oplysninger om den forespørgsel, der fejlede.",
      ],
    },
    {
      heading: "Overførsler uden for EU",
      paragraphs: [
        "Flere af disse udbydere har hjemsted i USA. Overførsler bygger på EU-US Data Privacy Framework, når udbyderen er certificeret under det, og ellers på Europa-Kommissionens standardkontraktbestemmelser. Vi sælger ikke personoplysninger og bruger dem ikke til reklame.",
      ],
    },
    {
      heading: "Cookies og lokal lagring",
      paragraphs: ["SexyVoice sætter ingen reklame- eller sporingscookies. Din browser gemmer din login-session og dit sprogvalg i sin lokale lagring, som tjenesten har brug for for at virke."],
    },
    {
      heading: "Opbevaringsperioder",
      paragraphs: [],
      items: [
        "Optagelser uploadet til en kloning: slettes automatisk cirka 10 minutter efter kloningen og senest efter en time.",
        "Optagelser af stemmer gemt under „Mine stemmer“: opbevares, indtil du sletter stemmen eller din konto.",
        "Genereret lyd og historik: slettes efter 30 dage på gratisplanen; på en betalt plan opbevares de, indtil du sletter dem eller din konto.",
        "Dokumentation for samtykke til kloninger: opbevares sammen med opgaven, indtil du sletter din konto.",
        "Kredit-, forbrugs- og betalingsdata: så længe regnskabs- og skattereglerne kræver det, uden din e-mailadresse når kontoen er slettet.",
        "Fejlrapporter og produktstatistik: i den begrænsede periode, der er indstillet hos disse udbydere.",
      ],
    },
    {
      heading: "Dine rettigheder",
      paragraphs: [
        "Du har ret til indsigt i dine oplysninger (siden Profil eksporterer dem alle som en fil), til berigtigelse, til sletning (sletter du din konto på siden Profil, fjernes dit indhold, dine optagelser, gemte stemmer og nøgler), til begrænsning af behandlingen, til at modtage dem i et overførbart format og til at gøre indsigelse mod behandling baseret på legitime interesser.",
        "Du kan til enhver tid trække dit samtykke til kloning tilbage, for eksempel ved at slette en gemt stemme; det påvirker ikke behandlingen før tilbagetrækningen. Du kan også klage til en tilsynsmyndighed, for eksempel Datatilsynet.",
      ],
    },
    {
      heading: "Sikkerhed",
      paragraphs: ["Alle forbindelser er krypterede. Optagelser og lyd opbevares privat og kan kun nås via kortlivede signerede links; API-nøgler gemmes kun som hashværdier."],
    },
    {
      heading: "Børn og ændringer",
      paragraphs: ["SexyVoice er ikke beregnet til børn under 16 år. Når politikken ændres, opdaterer vi den her med en ny dato og giver dig besked på forhånd om væsentlige ændringer."],
    },
  ],
  contact: { text: "Vil du bruge dine rettigheder eller spørge til dine data, så kontakt operatøren via oplysningerne under", linkLabel: "virksomhedsoplysninger" },
};

export default privacy;
