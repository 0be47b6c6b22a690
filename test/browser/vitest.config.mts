// Browser tests: playwright-core driving Debian's chromium against the locally running product
// (started once by global-setup.mts). Run from the repository root:
//   node_modules/vitest/vitest.mjs run -c test/browser/vitest.config.mts
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: path.resolve(import.meta.dirname, "../.."),
  test: {
    include: ["test/browser/**/*.e2e.mts"],
    globalSetup: ["test/browser/global-setup.mts"],
    environment: "node",
    // One product, one browser at a time: test files run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    // wrangler dev's static-asset server has been seen to hold one asset for 30 s (a page then
    // never finishes loading); one retry absorbs that stall. A test that fails twice still fails.
    retry: 1,
    hookTimeout: 60_000,
  },
});
