/**
 * The life of a request that spends credits (Generate, Clone): one at a time, cancellable, aborted
 * when the page is left. On success the balance the server reports is shown at once and history and
 * transactions are refetched; on failure the error is worded for the user and the balance refetched
 * (a failed request may have been refunded). A cancelled request changes nothing here: what a page
 * does about it (e.g. Clone checking whether the server finished anyway) is up to the page.
 */
import { useCallback, useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useI18n } from "../i18n/i18n";
import { isAbortError } from "./client";
import { describeError, type UserFacingError } from "./error-messages";
import { queryKeys, setBalance } from "./queries";

export type PaidOutcome<T> = { status: "done"; result: T } | { status: "cancelled" } | { status: "error"; error: UserFacingError };

export function usePaidRequest(): {
  /** Sends the request with a fresh abort signal and settles the cached balance, history and transactions. */
  send: <T extends { creditsRemaining: number }>(request: (signal: AbortSignal) => Promise<T>) => Promise<PaidOutcome<T>>;
  /** Aborts the request in flight, if any; `send` then resolves as cancelled. */
  cancel: () => void;
} {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const abortRef = useRef<AbortController | null>(null);

  useEffect(() => () => abortRef.current?.abort(), []);

  const send = useCallback(
    async <T extends { creditsRemaining: number }>(request: (signal: AbortSignal) => Promise<T>): Promise<PaidOutcome<T>> => {
      const controller = new AbortController();
      abortRef.current = controller;
      try {
        const result = await request(controller.signal);
        setBalance(queryClient, result.creditsRemaining);
        void queryClient.invalidateQueries({ queryKey: queryKeys.history });
        void queryClient.invalidateQueries({ queryKey: queryKeys.transactions });
        return { status: "done", result };
      } catch (error) {
        if (isAbortError(error)) return { status: "cancelled" };
        void queryClient.invalidateQueries({ queryKey: queryKeys.me });
        return { status: "error", error: describeError(error, i18n) };
      } finally {
        if (abortRef.current === controller) abortRef.current = null;
      }
    },
    [queryClient, i18n],
  );

  const cancel = useCallback(() => abortRef.current?.abort(), []);

  return { send, cancel };
}
