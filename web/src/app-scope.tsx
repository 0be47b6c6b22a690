/**
 * What the signed-in part of the SPA (and sign-in, the API docs) has on top of the public pages:
 * the TanStack Query cache and every message of the language, not just the public pages' ones.
 * A route element, loaded with the first such page; public pages never load it.
 */
import { QueryClientProvider } from "@tanstack/react-query";
import { queryClient } from "./api/query-client";
import { AllMessages } from "./i18n/i18n";
import { Outlet } from "./router";

export default function AppScope() {
  return (
    <QueryClientProvider client={queryClient}>
      <AllMessages>
        <Outlet />
      </AllMessages>
    </QueryClientProvider>
  );
}
