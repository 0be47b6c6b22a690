/** Shared query keys and hooks, so every page reads and updates the same cached data. */
import { useQuery, type QueryClient } from "@tanstack/react-query";
import type { MeResponse } from "../../../worker/shared/contracts";
import { useAuth } from "../auth/auth";
import { useI18n } from "../i18n/i18n";
import { api } from "./client";

export const queryKeys = {
  me: ["me"] as const,
  /** The public catalogue (kept across sign-out: it is the same for everyone). */
  voices: ["voices", "tts"] as const,
  /**
   * The catalogue with the signed-in user's own voices. Not under "voices", so signing out drops
   * it with the user's other data; the email keeps two accounts' lists apart.
   */
  accountVoices: ["account-voices"] as const,
  myVoices: ["my-voices"] as const,
  apiKeys: ["api-keys"] as const,
  history: ["history"] as const,
  transactions: ["transactions"] as const,
  packages: ["billing", "packages"] as const,
  campaign: ["billing", "campaign"] as const,
  subscription: ["billing", "subscription"] as const,
  callOptions: ["calls", "options"] as const,
  callVoices: ["voices", "call"] as const,
};

export function useMe() {
  // The header shows this balance: refreshed on focus and every minute (other tabs may spend credits).
  return useQuery({ queryKey: queryKeys.me, queryFn: api.me, staleTime: 15_000, refetchOnWindowFocus: true, refetchInterval: 60_000 });
}

/** The speech voices; signed in, with the user's own saved voices among them (`mine: true`). */
export function useVoices() {
  const { status, email } = useAuth();
  const signedIn = status === "signed-in";
  return useQuery({
    queryKey: signedIn ? [...queryKeys.accountVoices, "tts", email] : queryKeys.voices,
    queryFn: () => api.voices({ feature: "tts" }, { withToken: signedIn }),
    staleTime: 5 * 60_000,
  });
}

/** After a voice is saved, renamed or deleted: the list and every voice picker show it at once. */
export function refreshSavedVoices(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.myVoices });
  void queryClient.invalidateQueries({ queryKey: queryKeys.accountVoices });
}

/** Shows a balance the server just reported without waiting for a refetch. */
export function setBalance(queryClient: QueryClient, credits: number): void {
  queryClient.setQueryData<MeResponse>(queryKeys.me, (me) => (me === undefined ? me : { ...me, credits }));
}

/** The credit packages and whether buying is possible here (public; the landing and Credits page). */
export function usePackages() {
  return useQuery({ queryKey: queryKeys.packages, queryFn: api.billingPackages, staleTime: 10 * 60_000 });
}

/** The promo campaign running now (public; the banner, the price cards and the Credits page). */
export function useCampaign() {
  const { locale } = useI18n();
  return useQuery({ queryKey: [...queryKeys.campaign, locale], queryFn: () => api.campaign(locale), staleTime: 60_000 });
}

/** What the Call page offers: presets, models, prices, and whether LiveKit is configured (public). */
export function useCallOptions() {
  return useQuery({ queryKey: queryKeys.callOptions, queryFn: api.callOptions, staleTime: 5 * 60_000 });
}

/** The realtime voices a call can use. */
export function useCallVoices() {
  return useQuery({ queryKey: queryKeys.callVoices, queryFn: () => api.voices({ feature: "call" }, { withToken: false }), staleTime: 5 * 60_000 });
}
