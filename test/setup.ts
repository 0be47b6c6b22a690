// Applies the real migrations to the test D1 and makes any outbound HTTP that a test did not
// intercept fail loudly: third parties are never reached from tests.
import { applyD1Migrations, env } from "cloudflare:test";
import { afterEach, beforeEach, vi } from "vitest";
import { unexpectedFetch } from "./support/http";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

beforeEach(() => {
  vi.spyOn(globalThis, "fetch").mockImplementation(unexpectedFetch);
});

afterEach(() => {
  vi.restoreAllMocks();
});
