/** Vilkår for brug, dansk. */
import type { LegalDocument } from "../types";

const terms: LegalDocument = {
  title: "Vilkår for brug",
  updated: "2026-12-01",
  updatedLabel: "Senest opdateret",
  intro:
    "Disse vilkår gælder for din brug af SexyVoice, en onlinetjeneste, der gør tekst til tale med AI-stemmer, kloner stemmer ud fra optagelser, du leverer, og holder taleopkald i realtid med en AI-figur. Når du opretter en konto eller bruger tjenesten, accepterer du dem. Tjenestens operatør fremgår af virksomhedsoplysningerne.",
  sections: [
    {
      heading: "Din konto",
      paragraphs: [
        "Du logger ind med din Google-konto. Du skal være mindst 16 år eller ældre, hvis loven, hvor du bor, kræver det for onlinetjenester. En konto er til én person.",
        "Hold dit login og dine API-nøgler hemmelige. Du er ansvarlig for alt, hvad der gøres med din konto og dine nøgler; tilbagekald en nøgle, så snart du har mistanke om, at den er blevet kendt.",
      ],
    },
    {
      heading: "Kreditter og betaling",
      paragraphs: [
        "At lave tale, klone en stemme og opkald koster kreditter. Prisen for en forespørgsel vises, før du starter; en forespørgsel, der fejler hos os, koster intet, og de kreditter, der var reserveret til den, returneres fuldt ud. Nye konti får gratis kreditter én gang.",
        "Flere kreditter købes på forhånd (forudbetalt) gennem vores betalingsudbyder Stripe, som en enkeltpakke eller et abonnement. Kreditter har ingen pengeværdi, kan ikke overdrages og refunderes ikke, undtagen hvor loven kræver det. Prisændringer gælder kun fremtidige køb. Sletter du din konto, bortfalder resterende kreditter.",
        "Er du forbruger i Den Europæiske Union, har du en lovbestemt fortrydelsesret på 14 dage. Bruger du købte kreditter inden for fristen, beder du os om at gå i gang med det samme, og din fortrydelsesret ophører for de brugte kreditter.",
      ],
    },
    {
      heading: "Acceptabel brug",
      paragraphs: ["Du må ikke bruge SexyVoice til at:"],
      items: [
        "lave eller sprede indhold, der er ulovligt, ærekrænkende, chikanerende, hadefuldt eller seksualiserer mindreårige;",
        "vildlede eller bedrage folk ved at udgive dig for en anden, for eksempel i svindelopkald, falske anbefalinger eller politisk desinformation;",
        "krænke ophavsret, personlighedsrettigheder eller andre rettigheder tilhørende andre;",
        "angribe, overbelaste eller afsøge tjenesten, omgå dens grænser eller videresælge adgang uden vores skriftlige tilladelse.",
      ],
    },
    {
      heading: "Kloning af stemmer: samtykke",
      paragraphs: [
        "Du må kun klone din egen stemme eller stemmen fra en person, der udtrykkeligt har givet dig lov til at klone den til det formål, du har. Det bekræfter du, hver gang du kloner eller gemmer en stemme, og vi gemmer bekræftelsen.",
        "Vi kan bede dig dokumentere personens tilladelse og fjerne stemmer og spærre konti, når der er grund til at tro, at den mangler. Klon ikke offentlige personers stemmer uden deres tilladelse.",
      ],
    },
    {
      heading: "Dit indhold",
      paragraphs: [
        "Du beholder de rettigheder, du har til de tekster og optagelser, du uploader, og til den lyd, du laver. Du giver os lov til at behandle dem i det omfang, det er nødvendigt for tjenesten, også hos de udbydere, der er nævnt i privatlivspolitikken.",
        "Du må bruge den lyd, du laver, til ethvert lovligt formål. Udgiv ikke syntetisk tale for at være en ægte optagelse af en person, hvor det kan vildlede nogen.",
      ],
    },
    {
      heading: "AI-genereret tale",
      paragraphs: [
        "Syntetisk tale kan indeholde fejl, udtale ord forkert eller lyde anderledes end forventet, og en klonet stemme er en tilnærmelse til originalen. Lyt til resultatet, før du offentliggør det. En taleudbyder kan afvise visse tekster.",
      ],
    },
    {
      heading: "Tilgængelighed og ændringer",
      paragraphs: [
        "Vi arbejder på at holde SexyVoice tilgængelig, men vedligeholdelse og nedbrud hos de udbydere, vi er afhængige af, kan afbryde den; vi lover ikke en uafbrudt tjeneste. Vi kan ændre eller fjerne funktioner.",
        "Vi giver dig besked om væsentlige ændringer af vilkårene på forhånd pr. e-mail eller i dashboardet. Er du ikke enig, kan du slette din konto, før de træder i kraft.",
      ],
    },
    {
      heading: "Spærring og opsigelse",
      paragraphs: [
        "Du kan til enhver tid slette din konto på siden Profil. Vi kan spærre eller lukke en konto, der overtræder vilkårene, med varsel hvor det er rimeligt. En omstridt betaling kan spærre en konto, indtil sagen er afklaret.",
      ],
    },
    {
      heading: "Ansvar",
      paragraphs: [
        "Vi hæfter ubegrænset for forsæt og grov uagtsomhed, for skade på liv, legeme eller helbred og overalt, hvor ufravigelig lov foreskriver det. Ved simpel uagtsomhed hæfter vi kun for brud på væsentlige forpligtelser og kun for den skade, der er typisk og forudsigelig for denne slags tjeneste. I øvrigt er vores ansvar udelukket. Intet her begrænser dine lovbestemte rettigheder som forbruger.",
      ],
    },
    {
      heading: "Lovvalg",
      paragraphs: ["Loven i det land, hvor operatøren er etableret, gælder. Er du forbruger, beholder du desuden beskyttelsen i de ufravigelige regler i dit bopælsland og kan anlægge sag ved dets domstole."],
    },
  ],
  contact: { text: "Spørgsmål til vilkårene? Kontakt operatøren via oplysningerne under", linkLabel: "virksomhedsoplysninger" },
};

export default terms;
