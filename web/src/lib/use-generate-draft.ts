/**
 * Generate's memory across visits and reloads (the rules and the storage key are in
 * generate-draft.ts): the signed-in user's stored draft and last result, read once when the page
 * opens; `save` writes them back; `renewLink` gets a restored result's expired audio link afresh
 * from the history (the only place that signs links for old audio), or null when the history no
 * longer has that audio (deleted).
 */
import { useCallback, useState } from "react";
import { api } from "../api/client";
import { EMPTY_DRAFT, readStored, type SavedResult, type StoredGenerate, withFreshLink, writeStored } from "./generate-draft";

/** The newest history items are searched: the last result is almost always among them. */
const RENEW_PAGE_SIZE = 20;

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export async function renewLink(saved: SavedResult): Promise<SavedResult | null> {
  const page = await api.history(undefined, RENEW_PAGE_SIZE);
  return withFreshLink(saved, page.items);
}

/** `userId` null (the profile could not be read): nothing is read or kept. */
export function useGenerateDraft(userId: string | null): { initial: StoredGenerate; save: (value: StoredGenerate) => void } {
  const [initial] = useState<StoredGenerate>(() => {
    const storage = browserStorage();
    return userId === null || storage === null ? { draft: EMPTY_DRAFT, result: null } : readStored(storage, userId);
  });
  const save = useCallback(
    (value: StoredGenerate) => {
      const storage = browserStorage();
      if (userId !== null && storage !== null) writeStored(storage, userId, value);
    },
    [userId],
  );
  return { initial, save };
}
