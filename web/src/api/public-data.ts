/**
 * Data the public pages read (the voice catalogue, a running campaign) without TanStack Query,
 * which only the signed-in pages load: fetched once per tab when first asked for, shared by every
 * reader, tried again after a failure when a page asks again. During hydration every reader sees
 * "pending", exactly as the build rendered it, and the data arrives with the next render.
 */
import { useEffect, useSyncExternalStore } from "react";

export type PublicData<T> = { status: "pending"; data: undefined } | { status: "success"; data: T } | { status: "error"; data: undefined };

const PENDING: PublicData<never> = { status: "pending", data: undefined };

const entries = new Map<string, PublicData<unknown>>();
const inFlight = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function fetchOnce<T>(key: string, load: () => Promise<T>): void {
  const current = entries.get(key);
  if (current?.status === "success" || inFlight.has(key)) return;
  const request = load().then(
    (data) => {
      entries.set(key, { status: "success", data });
    },
    () => {
      entries.set(key, { status: "error", data: undefined });
    },
  );
  const settled = request.finally(() => {
    inFlight.delete(key);
    notify();
  });
  inFlight.set(key, settled);
}

export function usePublicData<T>(key: string, load: () => Promise<T>): PublicData<T> {
  const state = useSyncExternalStore(
    subscribe,
    () => (entries.get(key) ?? PENDING) as PublicData<T>,
    () => PENDING,
  );
  useEffect(() => fetchOnce(key, load), [key, load]);
  return state;
}
