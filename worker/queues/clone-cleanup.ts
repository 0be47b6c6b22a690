/**
 * `clone.cleanup`: deletes a clone job's reference upload (`clone-input/<user>/<sha256>`) once the
 * job is over; the message is sent with a delay (services/clone.ts). If a later job of the same
 * user stored or reused the same recording, this one leaves it: the later job's own message
 * deletes it after that job. The 5-minute sweep is the backstop for lost messages.
 */
import type { z } from "zod";
import { laterJobUsesReference } from "../db/clone-jobs";
import { cloneInputKey } from "../services/clone-references";
import type { cloneCleanupMessage } from "./messages";

export async function deleteCloneReference(env: Env, message: z.infer<typeof cloneCleanupMessage>): Promise<void> {
  if (await laterJobUsesReference(env.DB, message.userId, message.referenceSha256, message.cloneJobId)) return;
  await env.AUDIO_BUCKET.delete(cloneInputKey(message.userId, message.referenceSha256));
}
