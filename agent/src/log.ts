/**
 * The logger the agent's modules take: the shape of the framework's pino logger (`log()` from
 * @livekit/agents), so jobs log through it and tests pass a recording one. Fields and messages
 * must never carry a call's instructions.
 */
export interface Log {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
