/** Routes a queue batch to the consumer of the queue it came from. */
import { consumeDeadLetters } from "./dead-letter-consumer";
import { consumeJobs } from "./jobs-consumer";
import { DEAD_LETTER_QUEUE_NAME } from "./messages";

export async function handleQueue(batch: MessageBatch<unknown>, env: Env, ctx?: Pick<ExecutionContext, "waitUntil">): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE_NAME) return consumeDeadLetters(batch, env);
  return consumeJobs(batch, env, ctx);
}
