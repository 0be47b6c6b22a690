/**
 * Something a page needs before it can render (a blog post's body, a legal text), loaded once per
 * key and read with React's `use`: the same promise until it settles, the value synchronously
 * afterwards. A page reading a resource that is not loaded suspends, so a pre-rendered page keeps
 * its HTML while hydrating; the build calls `preload` before rendering. A failed load is tried
 * again on the next read.
 */
import { use } from "react";

export interface Resource<K, T> {
  read: (key: K) => T;
  preload: (key: K) => Promise<T>;
}

export function createResource<K, T>(load: (key: K) => Promise<T>, keyOf: (key: K) => string = String): Resource<K, T> {
  const values = new Map<string, T>();
  const pending = new Map<string, Promise<T>>();
  const preload = (key: K): Promise<T> => {
    const id = keyOf(key);
    let promise = pending.get(id);
    if (promise === undefined) {
      promise = load(key).then((value) => {
        values.set(id, value);
        return value;
      });
      promise.catch(() => pending.delete(id));
      pending.set(id, promise);
    }
    return promise;
  };
  const read = (key: K): T => {
    const id = keyOf(key);
    return values.has(id) ? (values.get(id) as T) : use(preload(key));
  };
  return { read, preload };
}
