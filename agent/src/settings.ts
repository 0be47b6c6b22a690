/**
 * The agent's settings, read from the environment once per process: the LiveKit project (URL, key,
 * secret; the key and secret also sign the agent's token for the Worker), the model providers'
 * keys (at least one), the Worker's URL and the agent name the Worker dispatches to. Errors name
 * the settings that are missing or wrong, never their values.
 */
import * as z from "zod";

export const DEFAULT_AGENT_NAME = "sexycall";

export interface AgentSettings {
  livekitUrl: string;
  livekitApiKey: string;
  livekitApiSecret: string;
  openaiApiKey: string | undefined;
  googleApiKey: string | undefined;
  /** The Worker's origin, without a trailing slash. */
  apiUrl: string;
  agentName: string;
}

export class SettingsError extends Error {
  override name = "SettingsError";
}

// An empty variable counts as unset (a blank line in .env must not turn a key "on").
const optional = z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string().trim().min(1).optional());
const required = z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string().trim().min(1));
const urlWith = (protocols: RegExp, what: string) => required.pipe(z.string().refine((value) => URL.canParse(value) && protocols.test(new URL(value).protocol), what));

const schema = z.object({
  LIVEKIT_URL: urlWith(/^(wss?|https?):$/, "a wss:// (or https://) URL"),
  LIVEKIT_API_KEY: required,
  LIVEKIT_API_SECRET: required,
  OPENAI_API_KEY: optional,
  GOOGLE_API_KEY: optional,
  SEXYVOICE_API_URL: urlWith(/^https?:$/, "an http(s):// URL"),
  LIVEKIT_AGENT_NAME: optional,
});

export function loadSettings(env: Record<string, string | undefined>): AgentSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name} (${(env[name] ?? "").trim() === "" ? "missing" : issue.message})`;
    });
    throw new SettingsError(`The call agent is not configured: ${problems.join(", ")}. See agent/README.md.`);
  }
  const raw = parsed.data;
  if (raw.OPENAI_API_KEY === undefined && raw.GOOGLE_API_KEY === undefined) {
    throw new SettingsError("The call agent is not configured: set OPENAI_API_KEY and/or GOOGLE_API_KEY. See agent/README.md.");
  }
  return {
    livekitUrl: raw.LIVEKIT_URL,
    livekitApiKey: raw.LIVEKIT_API_KEY,
    livekitApiSecret: raw.LIVEKIT_API_SECRET,
    openaiApiKey: raw.OPENAI_API_KEY,
    googleApiKey: raw.GOOGLE_API_KEY,
    apiUrl: raw.SEXYVOICE_API_URL.replace(/\/+$/, ""),
    agentName: raw.LIVEKIT_AGENT_NAME ?? DEFAULT_AGENT_NAME,
  };
}
