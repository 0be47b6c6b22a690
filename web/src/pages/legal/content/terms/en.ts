/** Terms of service, English. */
import type { LegalDocument } from "../types";

const terms: LegalDocument = {
  title: "Terms of Service",
  updated: "2026-12-01",
  updatedLabel: "Last updated",
  intro:
    "These terms govern your use of SexyVoice, an online service that turns text into speech with AI voices, clones voices from recordings you provide and holds real-time voice calls with an AI character. By creating an account or using the service you accept them. The operator of this service is named in the imprint.",
  sections: [
    {
      heading: "Your account",
      paragraphs: [
        "You sign in with your Google account. You must be at least 16 years old, or older if the law where you live requires it for online services. One account is for one person.",
        "Keep your sign-in and your API keys secret. You are responsible for everything done with your account and your keys; revoke a key as soon as you suspect it has been exposed.",
      ],
    },
    {
      heading: "Credits and payment",
      paragraphs: [
        "Generating speech, cloning a voice and calls cost credits. The price of a request is shown before you start; a request that fails on our side is not charged, and credits reserved for it are returned in full. New accounts receive free credits once.",
        "Further credits are bought in advance (prepaid) through our payment provider Stripe, as a one-off package or a subscription. Credits have no cash value, cannot be transferred and are not refunded, except where the law requires it. Price changes apply to future purchases only. When you delete your account, credits left on it lapse.",
        "If you are a consumer in the European Union you have a statutory right to withdraw from a purchase within 14 days. By using purchased credits within that period you ask us to begin at once, and your right of withdrawal ends for the credits you have used.",
      ],
    },
    {
      heading: "Acceptable use",
      paragraphs: ["You must not use SexyVoice to:"],
      items: [
        "create or spread content that is unlawful, defamatory, harassing, hateful or that sexualises minors;",
        "deceive or defraud people by impersonating someone, for example in scam calls, fake endorsements or political disinformation;",
        "infringe the copyright, personality rights or other rights of others;",
        "attack, overload or probe the service, get around its limits or resell access to it without our written permission.",
      ],
    },
    {
      heading: "Cloning voices: consent",
      paragraphs: [
        "You may clone only your own voice, or the voice of a person who has given you explicit permission to clone it for the use you intend. You confirm this every time you clone or save a voice, and we keep a record of that confirmation.",
        "We may ask you to show that you have the speaker's permission, and we may remove voices and suspend accounts when there is reason to believe it is missing. Do not clone the voices of public figures without their permission.",
      ],
    },
    {
      heading: "Your content",
      paragraphs: [
        "You keep whatever rights you hold in the texts and recordings you upload and in the audio you create. You allow us to process them as far as needed to provide the service, including by the service providers named in the privacy policy.",
        "You may use the audio you create for any lawful purpose. Do not present synthetic speech as a real recording of a person where that would mislead anyone.",
      ],
    },
    {
      heading: "AI-generated speech",
      paragraphs: [
        "Synthetic speech can contain mistakes, mispronounce words or sound different from what you expect, and a cloned voice is an approximation of the original. Listen before you publish. A speech provider may refuse some texts.",
      ],
    },
    {
      heading: "Availability and changes",
      paragraphs: [
        "We work to keep SexyVoice available, but maintenance and outages of the providers we rely on can interrupt it, and we do not promise uninterrupted service. We may change or end features.",
        "We will tell you about material changes to these terms in advance by email or in the dashboard. If you do not agree, you can delete your account before they take effect.",
      ],
    },
    {
      heading: "Suspension and termination",
      paragraphs: [
        "You can delete your account at any time on the Profile page. We may suspend or close an account that breaches these terms, with notice where that is reasonable. A disputed payment can put an account on hold until it is resolved.",
      ],
    },
    {
      heading: "Liability",
      paragraphs: [
        "We are liable without limit for intent and gross negligence, for injury to life, body or health and wherever mandatory law provides for it. For slight negligence we are liable only for breaches of essential obligations and only for the damage typical and foreseeable for this kind of service. Otherwise our liability is excluded. Nothing here limits your statutory rights as a consumer.",
      ],
    },
    {
      heading: "Applicable law",
      paragraphs: [
        "The law of the country in which the operator is established applies. If you are a consumer, you also keep the protection of the mandatory law of the country where you live, and you may bring claims before its courts.",
      ],
    },
  ],
  contact: { text: "Questions about these terms? Contact the operator using the details in the", linkLabel: "imprint" },
};

export default terms;
