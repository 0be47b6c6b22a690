/**
 * Consumer of the dead-letter queue: stores each message in `dead_letters` for operators, with
 * the reason. Messages the jobs queue gave up on arrive without our envelope and are kept whole.
 */
import { storeDeadLetters } from "../db/operations";
import { deadLetterSchema, JOBS_QUEUE_NAME } from "./messages";

export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const letters = batch.messages.map((message) => {
    const letter = deadLetterSchema.safeParse(message.body);
    return letter.success
      ? { id: message.id, queue: letter.data.sourceQueue, reason: letter.data.reason, body: letter.data.body }
      : { id: message.id, queue: JOBS_QUEUE_NAME, reason: "retries exhausted", body: message.body };
  });
  await storeDeadLetters(env.DB, letters);
  batch.ackAll();
}
