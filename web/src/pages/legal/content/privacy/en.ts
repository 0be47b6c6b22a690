/** Privacy policy, English. */
import type { LegalDocument } from "../types";

const privacy: LegalDocument = {
  title: "Privacy Policy",
  updated: "2026-12-01",
  updatedLabel: "Last updated",
  intro:
    "This policy explains which personal data SexyVoice processes when you use it, why, who helps us process it and how long it is kept. The controller responsible for your data is the operator named in the imprint.",
  sections: [
    {
      heading: "What we process",
      paragraphs: [],
      items: [
        "Account data: your email address, name and account identifier from your Google sign-in.",
        "Content: the texts you submit, the audio made from them and the recordings you upload or record for cloning. A voice recording can be biometric data; we use it only to make the voice you ask for, never to identify you.",
        "Credits and payments: your balance and every change to it, usage records (what was made, with which voice and language, at what cost) and your orders. Card details are handled by Stripe; we never see full card numbers.",
        "Calls: the audio of real-time calls as it is streamed, their duration and the instructions you set for the character.",
        "Technical data: IP address and request details that our hosting provider processes to deliver the service and protect it from attacks, request identifiers and error reports.",
      ],
    },
    {
      heading: "Why, and on what legal basis",
      paragraphs: [],
      items: [
        "To provide the service you signed up for and to bill it (performance of the contract, Art. 6(1)(b) GDPR).",
        "To clone a voice from a recording, on the basis of your explicit consent, which you give with each clone and which we record (Art. 6(1)(a) and Art. 9(2)(a) GDPR).",
        "To keep the service secure, prevent abuse, find and fix faults and understand which features are used (our legitimate interests, Art. 6(1)(f) GDPR).",
        "To keep accounting and tax records (legal obligation, Art. 6(1)(c) GDPR).",
      ],
    },
    {
      heading: "Service providers",
      paragraphs: ["We use these providers, each bound by a data processing agreement. Only the ones switched on for this service receive data: a provider without a configured key receives nothing."],
      items: [
        "Cloudflare, Inc.: hosting of the application, its database, file storage and caches; delivery and protection against attacks.",
        "Supabase, Inc.: sign-in with Google and account authentication.",
        "Stripe: payments, receipts and subscriptions. Stripe also acts as an independent controller for fraud prevention and its own legal obligations.",
        "Google (Gemini API): turns your text into speech for the Gemini voices and suggests expressive tags; it receives the text and the style you set.",
        "Replicate, Inc.: runs the voice cloning model and the Orpheus voices; it receives your text and, for cloning, your reference recording, which is deleted there when the job ends.",
        "LiveKit, Inc.: carries the audio of real-time calls.",
        "PostHog: product statistics about which features are used, sent from our servers; no tracking in your browser.",
        "Sentry (Functional Software, Inc.): error reports, which can include details of the request that failed.",
      ],
    },
    {
      heading: "Transfers outside the EU",
      paragraphs: [
        "Several of these providers are based in the United States. Transfers rely on the EU–US Data Privacy Framework where the provider is certified under it, and otherwise on the European Commission's standard contractual clauses. We do not sell personal data and do not use it for advertising.",
      ],
    },
    {
      heading: "Cookies and local storage",
      paragraphs: ["SexyVoice sets no advertising or tracking cookies. Your browser keeps your sign-in session and your language choice in its local storage, which the service needs to work."],
    },
    {
      heading: "How long we keep data",
      paragraphs: [],
      items: [
        "Recordings uploaded for a clone: deleted automatically about 10 minutes after the clone, and at the latest after one hour.",
        "Recordings of voices saved in “My voices”: kept until you delete the voice or your account.",
        "Generated audio and history: on the free plan deleted after 30 days; on a paid plan kept until you delete it or your account.",
        "Consent records of clones: kept with the job until you delete your account.",
        "Credit, usage and payment records: kept as long as accounting and tax law requires, without your email once your account is deleted.",
        "Error reports and product statistics: for the limited period set at those providers.",
      ],
    },
    {
      heading: "Your rights",
      paragraphs: [
        "You have the right to access your data (the Profile page exports all of it as a file), to correct it, to have it erased (deleting your account on the Profile page removes your content, recordings, saved voices and keys), to restrict its processing, to receive it in a portable format and to object to processing based on legitimate interests.",
        "You can withdraw your consent to cloning at any time, for example by deleting a saved voice; this does not affect processing before the withdrawal. You may also complain to a data protection supervisory authority.",
      ],
    },
    {
      heading: "Security",
      paragraphs: ["All connections are encrypted. Recordings and audio are stored privately and reached only through short-lived signed links; API keys are stored only as hashes."],
    },
    {
      heading: "Children and changes",
      paragraphs: ["SexyVoice is not meant for children under 16. When this policy changes we update it here with a new date, and we tell you in advance about material changes."],
    },
  ],
  contact: { text: "To exercise your rights or ask about your data, contact the operator using the details in the", linkLabel: "imprint" },
};

export default privacy;
