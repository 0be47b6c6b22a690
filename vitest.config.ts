// Tests run inside workerd with the real wrangler.toml: D1 with the real migrations, R2, KV,
// Durable Objects, queues and cron; the local engine runs as an auxiliary Worker.
import path from "node:path";
import { defineConfig } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { localEngineAuxWorker } from "./worker/local-engine/aux-worker.ts";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    logLevel: "error" as const,
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          // LiveKit is configured for every test (the CallMeter reads the Worker's own env); tests of
          // the unconfigured product pass these as undefined through withVars.
          bindings: {
            TEST_MIGRATIONS: migrations,
            ENVIRONMENT: "test",
            LIVEKIT_URL: "wss://livekit.test",
            LIVEKIT_API_KEY: "APItestkey",
            LIVEKIT_API_SECRET: "test-livekit-secret-at-least-32-characters",
          },
          workers: [await localEngineAuxWorker()],
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      setupFiles: ["./test/setup.ts"],
      testTimeout: 20_000,
    },
  };
});
