/**
 * Every page of the product, for the suites that go through all of them (layout, budgets,
 * overflow, accessibility): its path after the locale, whether it needs a session, and what shows
 * once it is ready. `locales` limits a page to the languages it exists in (a blog post).
 */
import type { Page } from "playwright-core";

export interface ProductPage {
  name: string;
  /** The path after `/<locale>`. */
  rest: string;
  signedIn: boolean;
  ready: (page: Page) => Promise<unknown>;
  locales?: readonly string[];
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).first().waitFor();

export const PRODUCT_PAGES: readonly ProductPage[] = [
  { name: "landing", rest: "/", signedIn: false, ready: (page) => page.getByTestId("hero-player").waitFor() },
  { name: "pricing", rest: "/pricing", signedIn: false, ready: (page) => page.getByTestId("package-topup-starter").waitFor() },
  { name: "blog", rest: "/blog", signedIn: false, ready: heading },
  { name: "blog-post", rest: "/blog/choosing-a-voice", signedIn: false, ready: (page) => page.locator(".blog-prose").waitFor(), locales: ["en", "de", "fr"] },
  { name: "terms", rest: "/terms", signedIn: false, ready: heading },
  { name: "privacy", rest: "/privacy", signedIn: false, ready: heading },
  { name: "imprint", rest: "/imprint", signedIn: false, ready: heading },
  { name: "sign-in", rest: "/sign-in", signedIn: false, ready: (page) => page.locator('input[type="email"]').waitFor() },
  { name: "api-docs", rest: "/docs/api", signedIn: false, ready: (page) => page.getByTestId("voice-table").waitFor() },
  { name: "generate", rest: "/dashboard/generate", signedIn: true, ready: (page) => page.getByRole("radio").first().waitFor({ state: "attached" }) },
  { name: "clone", rest: "/dashboard/clone", signedIn: true, ready: (page) => page.getByTestId("drop-zone").waitFor() },
  { name: "call", rest: "/dashboard/call", signedIn: true, ready: (page) => page.getByTestId("call-connect").waitFor() },
  { name: "history", rest: "/dashboard/history", signedIn: true, ready: (page) => page.getByTestId("history-item").first().waitFor() },
  { name: "usage", rest: "/dashboard/usage", signedIn: true, ready: (page) => page.getByTestId("usage-chart").locator("canvas").waitFor() },
  { name: "credits", rest: "/dashboard/credits", signedIn: true, ready: (page) => page.getByTestId("transaction").first().waitFor() },
  { name: "profile", rest: "/dashboard/profile", signedIn: true, ready: (page) => page.getByTestId("profile-email").waitFor() },
  { name: "api-keys", rest: "/dashboard/api-keys", signedIn: true, ready: (page) => page.getByTestId("keys-usage").waitFor() },
];
