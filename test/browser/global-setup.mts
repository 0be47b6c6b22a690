/**
 * Browser suite setup: builds the SPA, starts the product once for all test files (isolated
 * state under test-artifacts/), hands its URL to the tests, and stops it afterwards.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startProduct } from "../../scripts/local-server.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync("test-artifacts/screenshots", { recursive: true });
  if (process.env.E2E_SKIP_BUILD !== "1") {
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    const env = { ...process.env, NODE_ENV: "production" };
    const build = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"], { stdio: "inherit", env });
    if (build.status !== 0) throw new Error("vite build failed");
  }
  const product = await startProduct({ stateDir: "test-artifacts/e2e-state", logFile: "test-artifacts/e2e-wrangler.log" });
  project.provide("baseUrl", product.url);
  return () => product.stop();
}
