/**
 * Consumer of the dead-letter queue: stores each message in `dead_letters` for operators, with
 * the reason. Messages the jobs queue gave up on arrive without our envelope and are kept whole.
 */
import { deadLetterSchema, JOBS_QUEUE_NAME } from "./messages";

export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const statements = batch.messages.map((message) => {
    const letter = deadLetterSchema.safeParse(message.body);
    const [sourceQueue, reason, body] = letter.success
      ? [letter.data.sourceQueue, letter.data.reason, letter.data.body]
      : [JOBS_QUEUE_NAME, "retries exhausted", message.body];
    return env.DB.prepare("INSERT OR IGNORE INTO dead_letters (id, queue, reason, body) VALUES (?1, ?2, ?3, ?4)").bind(
      message.id,
      sourceQueue,
      reason,
      JSON.stringify(body ?? null),
    );
  });
  if (statements.length > 0) await env.DB.batch(statements);
  batch.ackAll();
}
