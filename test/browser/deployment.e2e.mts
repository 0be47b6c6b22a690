/**
 * Deployment defaults against the product as `wrangler dev` serves it (issue 14 §5): the committed
 * configuration is production with Workers Logs on, the local run is development only because the
 * harness asks for it (the same flag `npm run dev` passes), and the static assets the platform
 * serves before the Worker runs (pages, scripts) carry the security headers of dist/spa/_headers.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SPA_SECURITY_HEADERS } from "../../worker/security-headers.ts";
import { baseUrl } from "./helpers.mts";

describe("deployment defaults", () => {
  it("the committed wrangler.toml deploys as production with observability on", () => {
    const toml = readFileSync("wrangler.toml", "utf8");
    expect(toml).toMatch(/^\[vars\]\nENVIRONMENT = "production"$/m);
    expect(toml).toMatch(/^\[observability\]\nenabled = true$/m);
    expect(readFileSync("scripts/dev.mjs", "utf8")).toContain("DEVELOPMENT_MODE");
  });

  it("the local product runs in development mode because it was started that way", async () => {
    const health = (await (await fetch(`${baseUrl()}/api/health`)).json()) as { environment: string; integrations: Record<string, string> };
    expect(health.environment).toBe("development");
    expect(health.integrations.localAuth).toBe("configured");
  });

  it("pages and scripts served as static assets carry the security headers", async () => {
    const page = await fetch(`${baseUrl()}/en/`);
    const html = await page.text();
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${baseUrl()}${script}`);
    for (const response of [page, asset]) {
      for (const [name, value] of Object.entries(SPA_SECURITY_HEADERS)) expect(response.headers.get(name), `${response.url} ${name}`).toBe(value);
    }
    // The rules file is read by the platform, never served.
    expect((await fetch(`${baseUrl()}/_headers`)).headers.get("content-type") ?? "").toContain("text/html");
  });
});
