/**
 * The agent that talks to the caller: the call's instructions plus the language to speak and the
 * caller's name, and on entering the call a greeting of the caller by name. The caller's display
 * name is user-supplied, so it is reduced to one short line of plain text before it goes into an
 * instruction.
 */
import { voice } from "@livekit/agents";
import type { AgentSessionConfig } from "./contract";

const MAX_NAME_LENGTH = 60;

/** One line, no control characters or quotes, at most MAX_NAME_LENGTH characters; "" if nothing is left. */
export function callerName(displayName: string): string {
  const cleaned = displayName
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"“”`]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return [...cleaned].slice(0, MAX_NAME_LENGTH).join("").trim();
}

/** "German" for "de"; the code itself when the runtime does not know it. */
export function languageName(language: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(language) ?? language;
  } catch {
    return language;
  }
}

export function composeInstructions(config: AgentSessionConfig): string {
  const name = callerName(config.caller.displayName);
  const lines = [
    config.instructions.trim(),
    "",
    `Speak ${languageName(config.language)} (language code ${config.language}) unless the caller asks for another language.`,
    name === "" ? "" : `The caller's name is "${name}".`,
  ];
  return lines.filter((line, index) => line !== "" || index === 1).join("\n");
}

export function greetingInstructions(config: AgentSessionConfig): string {
  const name = callerName(config.caller.displayName);
  const whom = name === "" ? "the caller" : `the caller by name ("${name}")`;
  return `Greet ${whom} in ${languageName(config.language)}, briefly and in character, then let them speak.`;
}

export class CallAgent extends voice.Agent {
  readonly #greeting: string;

  constructor(config: AgentSessionConfig) {
    super({ instructions: composeInstructions(config) });
    this.#greeting = greetingInstructions(config);
  }

  override async onEnter(): Promise<void> {
    this.session.generateReply({ instructions: this.#greeting });
  }
}
