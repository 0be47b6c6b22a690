/**
 * Backstop for clone reference uploads (part of the 5-minute sweep): deletes `clone-input/`
 * objects older than CLONE_INPUT_MAX_AGE_MINUTES whose recording no job of that user has used
 * since, in case a delayed `clone.cleanup` message was lost or never sent (a crash mid-request).
 */
import { referenceUsedSince } from "../db/clone-jobs";
import { CLONE_INPUT_MAX_AGE_MINUTES, CLONE_INPUT_PREFIX } from "../services/clone-references";

/** R2 list pages per run; what is left is picked up five minutes later. */
const MAX_PAGES = 5;

export async function purgeStaleCloneInputs(env: Env, now: Date): Promise<{ deletedCloneInputs: number }> {
  const cutoff = new Date(now.getTime() - CLONE_INPUT_MAX_AGE_MINUTES * 60_000);
  const stale: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const listing = await env.AUDIO_BUCKET.list({ prefix: CLONE_INPUT_PREFIX, limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
    for (const object of listing.objects) {
      if (object.uploaded >= cutoff) continue;
      const [userId, sha256] = object.key.slice(CLONE_INPUT_PREFIX.length).split("/");
      if (userId !== undefined && sha256 !== undefined && (await referenceUsedSince(env.DB, userId, sha256, cutoff.toISOString()))) continue;
      stale.push(object.key);
    }
    if (!listing.truncated) break;
    cursor = listing.cursor;
  }
  for (let i = 0; i < stale.length; i += 1000) await env.AUDIO_BUCKET.delete(stale.slice(i, i + 1000));
  return { deletedCloneInputs: stale.length };
}
