declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
      /** Set for every test in vitest.config.ts. */
      LIVEKIT_URL: string;
      LIVEKIT_API_KEY: string;
      LIVEKIT_API_SECRET: string;
    }
  }
}
export {};
