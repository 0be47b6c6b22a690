import { describe, expect, it } from "vitest";
import { isPublicPage } from "./app";

describe("isPublicPage (from the route tree)", () => {
  it("is true outside the app scope and false under it", () => {
    for (const path of ["/de/", "/de/pricing", "/de/blog", "/de/blog/any-post", "/de/terms", "/de/privacy", "/de/imprint", "/de/no-such-page"]) expect(isPublicPage(path), path).toBe(true);
    for (const path of ["/de/sign-in", "/de/auth/callback", "/de/docs/api", "/de/dashboard", "/de/dashboard/generate", "/en/dashboard/credits/success"]) expect(isPublicPage(path), path).toBe(false);
  });
});
