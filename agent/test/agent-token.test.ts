// The agent's bearer token against the Worker's own verifier (worker/providers/livekit.ts).
import { describe, expect, it } from "vitest";
import { verifyAgentToken } from "../../worker/providers/livekit";
import { mintAgentToken } from "../src/agent-token";
import { AGENT_TOKEN_AUDIENCE, AGENT_TOKEN_MAX_TTL_SECONDS } from "../src/contract";
import { LIVEKIT } from "./support";

const workerSettings = { url: "wss://livekit.test", ...LIVEKIT };
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));

describe("mintAgentToken", () => {
  it("is accepted by the Worker for the session it names", async () => {
    expect(await verifyAgentToken(workerSettings, mintAgentToken(LIVEKIT, "sess-42"))).toBe("sess-42");
  });

  it("carries iss, aud, sub, iat and an exp one minute later (never more than the Worker's maximum)", () => {
    const claims = claimsOf(mintAgentToken(LIVEKIT, "sess-42", { nowSeconds: 1_800_000_000 }));
    expect(claims).toEqual({ iss: LIVEKIT.apiKey, aud: AGENT_TOKEN_AUDIENCE, sub: "sess-42", iat: 1_800_000_000, exp: 1_800_000_060 });
    const long = claimsOf(mintAgentToken(LIVEKIT, "sess-42", { ttlSeconds: 3_600 }));
    expect(long.exp - long.iat).toBe(AGENT_TOKEN_MAX_TTL_SECONDS);
  });

  it("is refused by the Worker when signed with another secret, issued by another key, or expired", async () => {
    expect(await verifyAgentToken(workerSettings, mintAgentToken({ ...LIVEKIT, apiSecret: "another-secret-of-enough-length-0000" }, "sess-42"))).toBeNull();
    expect(await verifyAgentToken(workerSettings, mintAgentToken({ ...LIVEKIT, apiKey: "APIother" }, "sess-42"))).toBeNull();
    const expired = mintAgentToken(LIVEKIT, "sess-42", { nowSeconds: Math.floor(Date.now() / 1000) - 3_600 });
    expect(await verifyAgentToken(workerSettings, expired)).toBeNull();
  });
});
