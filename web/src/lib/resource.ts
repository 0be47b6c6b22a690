/**
 * Something a page needs before it can render (a blog post's body, a legal text), loaded once per
 * key and read with React's `use`: always the same promise, whose value `use` returns at once
 * after it has settled. A page reading a resource that is not loaded suspends, so a pre-rendered page keeps
 * its HTML while hydrating; the build calls `preload` before rendering. A failed load is tried
 * again on the next read.
 */
import { use } from "react";

/**
 * Marks a promise with its outcome the way React's `use` reads it (`status`, `value`, `reason`),
 * so `use` returns a settled promise's value at once instead of suspending for a tick; every read
 * can then call `use` (React requires a component that suspended on `use` to call it again).
 */
export function trackSettled<T>(promise: Promise<T>): Promise<T> {
  const tracked = promise as Promise<T> & { status?: string; value?: T; reason?: unknown };
  tracked.status ??= "pending";
  promise.then(
    (value) => {
      tracked.status = "fulfilled";
      tracked.value = value;
    },
    (reason: unknown) => {
      tracked.status = "rejected";
      tracked.reason = reason;
    },
  );
  return promise;
}

export interface Resource<K, T> {
  read: (key: K) => T;
  preload: (key: K) => Promise<T>;
}

export function createResource<K, T>(load: (key: K) => Promise<T>, keyOf: (key: K) => string = String): Resource<K, T> {
  const pending = new Map<string, Promise<T>>();
  const preload = (key: K): Promise<T> => {
    const id = keyOf(key);
    let promise = pending.get(id);
    if (promise === undefined) {
      promise = trackSettled(load(key));
      promise.catch(() => pending.delete(id));
      pending.set(id, promise);
    }
    return promise;
  };
  const read = (key: K): T => use(preload(key));
  return { read, preload };
}
