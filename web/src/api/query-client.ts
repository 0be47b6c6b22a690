/**
 * The signed-in pages' TanStack Query cache, one per tab. Only the app scope (app-scope.tsx) and
 * the pages under it import this, so the public pages load no TanStack Query.
 */
import { QueryClient } from "@tanstack/react-query";
import { onSignedOut } from "../auth/auth";
import { ApiError } from "./client";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Retry only what may succeed on a second try: network failures and server errors.
      retry: (failures, error) => failures < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
  },
});

// Signing out drops the user's data; the public catalogue stays (it is the same for everyone).
onSignedOut(() => queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "voices" && query.queryKey[0] !== "auth-config" }));
