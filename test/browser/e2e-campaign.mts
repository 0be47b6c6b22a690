/**
 * The promo campaign the browser suite's product runs with (global-setup passes it as
 * PROMO_CAMPAIGNS): a window around the whole run, a bonus only on packages the other billing
 * tests do not buy (so their totals stay as they are), and banner text in all six languages.
 */
export const E2E_CAMPAIGN_ID = "e2e-spring";

/** The shape of worker/shared/campaigns.ts `Campaign`, as JSON. */
export function e2eCampaign(now = Date.now()): { id: string; startsAt: string; endsAt: string; bonusCredits: Record<string, number>; banner: Record<string, string> } {
  return {
    id: E2E_CAMPAIGN_ID,
    startsAt: new Date(now - 3_600_000).toISOString(),
    // Two days and a bit: the countdown shows days and a running clock.
    endsAt: new Date(now + 2 * 86_400_000 + 3 * 3_600_000).toISOString(),
    bonusCredits: { "topup-standard": 5_000, "monthly-pro": 20_000 },
    banner: {
      en: "Spring bonus: up to 20,000 extra credits on selected packages",
      de: "Frühlingsbonus: bis zu 20.000 Extra-Credits auf ausgewählte Pakete",
      fr: "Bonus de printemps : jusqu'à 20 000 crédits en plus sur certains packs",
      es: "Bono de primavera: hasta 20.000 créditos extra en paquetes seleccionados",
      it: "Bonus di primavera: fino a 20.000 crediti extra su pacchetti selezionati",
      da: "Forårsbonus: op til 20.000 ekstra kreditter på udvalgte pakker",
    },
  };
}
