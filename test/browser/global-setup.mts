/**
 * Browser suite setup: builds the SPA, starts a Stripe fake and the product (pointed at it, and
 * running the promo campaign of e2e-campaign.mts) once for all test files (isolated state under
 * test-artifacts/), hands their URLs and the campaign to the tests, and stops both afterwards.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startProduct } from "../../scripts/local-server.mjs";
import { TEST_WEBHOOK_SECRET } from "../support/stripe-fake.ts";
import { e2eCampaign } from "./e2e-campaign.mts";
import { startStripeServer } from "./stripe-server.mts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    stripeUrl: string;
    /** The running campaign's end (ISO), as PROMO_CAMPAIGNS gave it. */
    campaignEndsAt: string;
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
  const campaign = e2eCampaign();
  const product = await startProduct({
    stateDir: "test-artifacts/e2e-state",
    logFile: "test-artifacts/e2e-wrangler.log",
    // The imprint shows configured operator details (test/browser/legal-hero.e2e.mts reads these);
    // a promo campaign runs for the whole suite (test/browser/e2e-campaign.mts).
    vars: {
      STRIPE_SECRET_KEY: "sk_test_e2e",
      STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      STRIPE_API_BASE: stripe.url,
      OPERATOR_NAME: "Example Voice Ltd",
      OPERATOR_ADDRESS: "1 Test Street, Testville",
      OPERATOR_EMAIL: "imprint@example.com",
      PROMO_CAMPAIGNS: JSON.stringify([campaign]),
    },
  });
  stripe.fake.webhookUrl = `${product.url}/api/webhooks/stripe`;
  project.provide("baseUrl", product.url);
  project.provide("stripeUrl", stripe.url);
  project.provide("campaignEndsAt", campaign.endsAt);
  return async () => {
    await product.stop();
    await stripe.stop();
  };
}
