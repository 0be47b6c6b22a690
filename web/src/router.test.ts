import { describe, expect, it } from "vitest";
import { matchRoutes, preloadRoutes, type RouteDef } from "./router";

const page = () => Promise.resolve({ default: () => null });
const tree: RouteDef[] = [
  { path: "/", element: "root" },
  {
    path: ":locale",
    element: "locale",
    children: [
      {
        errorElement: "error",
        children: [
          { index: true, load: page },
          { path: "blog/:slug", load: page },
          {
            path: "dashboard",
            children: [
              {
                load: page,
                children: [
                  { index: true, element: "home" },
                  { path: "credits/success", load: page },
                  { path: "credits", load: page },
                ],
              },
            ],
          },
          { path: "*", element: "not found" },
        ],
      },
    ],
  },
];

const chain = (pathname: string) => matchRoutes(tree, pathname)?.map(({ route }) => route.path ?? (route.index === true ? "(index)" : "(layout)"));
const leafParams = (pathname: string) => matchRoutes(tree, pathname)?.at(-1)?.params;

describe("matchRoutes", () => {
  it("matches the root only for /", () => {
    expect(chain("/")).toEqual(["/"]);
    expect(chain("")).toEqual(["/"]);
  });

  it("matches index routes when the parent's path is the whole URL, with or without a trailing slash", () => {
    expect(chain("/de/")).toEqual([":locale", "(layout)", "(index)"]);
    expect(chain("/de")).toEqual([":locale", "(layout)", "(index)"]);
    expect(chain("/en/dashboard")).toEqual([":locale", "(layout)", "dashboard", "(layout)", "(index)"]);
  });

  it("collects parameters from every level, decoded", () => {
    expect(leafParams("/fr/blog/caf%C3%A9")).toEqual({ locale: "fr", slug: "café" });
  });

  it("matches multi-segment paths exactly and static segments case-insensitively", () => {
    expect(chain("/en/dashboard/credits/success")).toEqual([":locale", "(layout)", "dashboard", "(layout)", "credits/success"]);
    expect(chain("/en/Dashboard/Credits")).toEqual([":locale", "(layout)", "dashboard", "(layout)", "credits"]);
  });

  it("falls through to the splat for anything else, with the rest of the path", () => {
    expect(chain("/en/dashboard/nope")).toEqual([":locale", "(layout)", "*"]);
    expect(leafParams("/en/blog/a/b")).toEqual({ locale: "en", "*": "blog/a/b" });
    expect(chain("/en/no/such/page")).toEqual([":locale", "(layout)", "*"]);
  });

  it("returns null when nothing matches", () => {
    expect(matchRoutes([{ path: "a" }], "/b")).toBeNull();
    expect(matchRoutes([{ path: "a" }], "/a/b")).toBeNull();
  });
});

describe("preloadRoutes", () => {
  it("loads every matched page and starts each route's preload with the matched parameters", async () => {
    const seen: Array<Readonly<Record<string, string>>> = [];
    let loads = 0;
    const load = () => {
      loads += 1;
      return Promise.resolve({ default: () => null });
    };
    const routes: RouteDef[] = [{ path: ":locale", load, children: [{ path: "blog/:slug", load, preload: (params) => Promise.resolve(seen.push(params)) }] }];
    await preloadRoutes(matchRoutes(routes, "/de/blog/hallo") ?? []);
    expect(loads).toBe(2);
    expect(seen).toEqual([{ locale: "de", slug: "hallo" }]);
  });
});
