/**
 * The running promo campaign in the page's language (`GET /api/campaign`), for the banner, the
 * price cards and the Credits page. Public data (api/public-data.ts): the same request for every
 * reader in a tab, and "none yet" while a pre-rendered page hydrates.
 */
import { useCallback } from "react";
import { useI18n } from "../i18n/i18n";
import { api } from "./client";
import { usePublicData } from "./public-data";

export function useCampaign() {
  const { locale } = useI18n();
  const load = useCallback(() => api.campaign(locale), [locale]);
  return usePublicData(`campaign:${locale}`, load);
}
