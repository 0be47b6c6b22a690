// Unit tests of the SPA's logic, in Node (no DOM): counter rule, estimates, error-code
// translation, locale routing, i18n completeness. Run from the repository root:
//   node_modules/vitest/vitest.mjs run -c web/vitest.config.ts
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: path.resolve(import.meta.dirname, ".."),
  test: {
    include: ["web/src/**/*.test.{ts,tsx}"],
    environment: "node",
  },
});
