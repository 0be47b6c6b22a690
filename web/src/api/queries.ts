/** Shared query keys and hooks, so every page reads and updates the same cached data. */
import { useQuery, type QueryClient } from "@tanstack/react-query";
import type { MeResponse } from "../../../worker/shared/contracts";
import { api } from "./client";

export const queryKeys = {
  me: ["me"] as const,
  voices: ["voices", "tts"] as const,
  history: ["history"] as const,
  transactions: ["transactions"] as const,
  packages: ["billing", "packages"] as const,
  subscription: ["billing", "subscription"] as const,
  callOptions: ["calls", "options"] as const,
  callVoices: ["voices", "call"] as const,
};

export function useMe() {
  // The header shows this balance: refreshed on focus and every minute (other tabs may spend credits).
  return useQuery({ queryKey: queryKeys.me, queryFn: api.me, staleTime: 15_000, refetchOnWindowFocus: true, refetchInterval: 60_000 });
}

export function useVoices() {
  return useQuery({ queryKey: queryKeys.voices, queryFn: () => api.voices({ feature: "tts" }), staleTime: 5 * 60_000 });
}

/** Shows a balance the server just reported without waiting for a refetch. */
export function setBalance(queryClient: QueryClient, credits: number): void {
  queryClient.setQueryData<MeResponse>(queryKeys.me, (me) => (me === undefined ? me : { ...me, credits }));
}

/** The credit packages and whether buying is possible here (public; the landing and Credits page). */
export function usePackages() {
  return useQuery({ queryKey: queryKeys.packages, queryFn: api.billingPackages, staleTime: 10 * 60_000 });
}

/** What the Call page offers: presets, models, prices, and whether LiveKit is configured (public). */
export function useCallOptions() {
  return useQuery({ queryKey: queryKeys.callOptions, queryFn: api.callOptions, staleTime: 5 * 60_000 });
}

/** The realtime voices a call can use. */
export function useCallVoices() {
  return useQuery({ queryKey: queryKeys.callVoices, queryFn: () => api.voices({ feature: "call" }), staleTime: 5 * 60_000 });
}
