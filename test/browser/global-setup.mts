/**
 * Browser suite setup: builds the SPA, starts a Stripe fake and the product (pointed at it) once
 * for all test files (isolated state under test-artifacts/), hands their URLs to the tests, and
 * stops both afterwards.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startProduct } from "../../scripts/local-server.mjs";
import { TEST_WEBHOOK_SECRET } from "../support/stripe-fake.ts";
import { startStripeServer } from "./stripe-server.mts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    stripeUrl: string;
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
  // Stripe is a fake on 127.0.0.1 (checkout, portal, signed webhooks back to the Worker).
  const stripe = await startStripeServer();
  const product = await startProduct({
    stateDir: "test-artifacts/e2e-state",
    logFile: "test-artifacts/e2e-wrangler.log",
    // The imprint shows configured operator details (test/browser/legal-hero.e2e.mts reads these).
    vars: {
      STRIPE_SECRET_KEY: "sk_test_e2e",
      STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      STRIPE_API_BASE: stripe.url,
      OPERATOR_NAME: "Example Voice Ltd",
      OPERATOR_ADDRESS: "1 Test Street, Testville",
      OPERATOR_EMAIL: "imprint@example.com",
    },
  });
  stripe.fake.webhookUrl = `${product.url}/api/webhooks/stripe`;
  project.provide("baseUrl", product.url);
  project.provide("stripeUrl", stripe.url);
  return async () => {
    await product.stop();
    await stripe.stop();
  };
}
