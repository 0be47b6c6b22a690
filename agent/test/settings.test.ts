// The settings: defaults, what is required, and errors that name settings but not values.
import { describe, expect, it } from "vitest";
import { loadSettings, SettingsError } from "../src/settings";

const env = {
  LIVEKIT_URL: "wss://project.livekit.cloud",
  LIVEKIT_API_KEY: "APIkey",
  LIVEKIT_API_SECRET: "a-very-secret-value",
  OPENAI_API_KEY: "sk-openai",
  SEXYVOICE_API_URL: "https://sexyvoice.example/",
};

describe("loadSettings", () => {
  it("reads the environment; the agent name defaults to sexycall and the Worker URL loses its trailing slash", () => {
    expect(loadSettings(env)).toEqual({
      livekitUrl: "wss://project.livekit.cloud",
      livekitApiKey: "APIkey",
      livekitApiSecret: "a-very-secret-value",
      openaiApiKey: "sk-openai",
      googleApiKey: undefined,
      apiUrl: "https://sexyvoice.example",
      agentName: "sexycall",
    });
    expect(loadSettings({ ...env, LIVEKIT_AGENT_NAME: "staging-call", GOOGLE_API_KEY: "g" })).toMatchObject({ agentName: "staging-call", googleApiKey: "g" });
  });

  it("names what is missing or wrong, never a value", () => {
    const attempt = () => loadSettings({ ...env, LIVEKIT_API_SECRET: "", SEXYVOICE_API_URL: "ftp://a-very-secret-value" });
    expect(attempt).toThrow(SettingsError);
    expect(attempt).toThrow(/LIVEKIT_API_SECRET \(missing\), SEXYVOICE_API_URL \(an http\(s\):\/\/ URL\)/);
    expect(() => loadSettings({ ...env, LIVEKIT_API_SECRET: "" })).not.toThrow(/a-very-secret-value/);
  });

  it("needs at least one model provider's key; blank keys count as unset", () => {
    expect(() => loadSettings({ ...env, OPENAI_API_KEY: " " })).toThrow(/OPENAI_API_KEY and\/or GOOGLE_API_KEY/);
    expect(loadSettings({ ...env, OPENAI_API_KEY: undefined, GOOGLE_API_KEY: "g" }).openaiApiKey).toBeUndefined();
  });
});
