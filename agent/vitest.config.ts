// The agent's tests, in Node: no network (the Worker is a fake fetch or a local closed port), no
// LiveKit server (fake job contexts, and the framework's AgentSession in text mode with its
// FakeLLM). From agent/: `npm test`; from the root, scripts/test.mjs runs it as the "agent" suite.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    setupFiles: ["./test/setup.ts"],
    testTimeout: 20_000,
  },
});
