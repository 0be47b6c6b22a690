/**
 * The public pages load only the public messages (messages/public/): every message key their code
 * names must be there. Walks the static imports from each public page (and the app shell) and
 * collects the keys passed to t()/tp() as literals.
 */
import { describe, expect, it } from "vitest";
import en from "./messages/en";
import publicEn from "./messages/public/en";

/** Every source module of the SPA, by its path relative to web/src ("pages/landing.tsx"). */
const sources = Object.fromEntries(
  Object.entries(import.meta.glob<string>(["../**/*.ts", "../**/*.tsx", "!../**/*.test.ts"], { query: "?raw", import: "default", eager: true })).map(([file, text]) => [file.replace(/^\.\.\//, ""), text]),
);
const PUBLIC_ENTRIES = ["app.tsx", "pages/landing.tsx", "pages/pricing.tsx", "pages/blog/index.tsx", "pages/blog/post.tsx", "pages/legal/routes.tsx"];

function join(dir: string, specifier: string): string {
  const parts = dir === "" ? [] : dir.split("/");
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = join(from.includes("/") ? from.slice(0, from.lastIndexOf("/")) : "", specifier);
  return [base, `${base}.tsx`, `${base}.ts`, `${base}/index.tsx`, `${base}/index.ts`].find((candidate) => candidate in sources) ?? null;
}

function staticImports(file: string): string[] {
  // Only static imports (`import … from`), not `import("…")`: lazy chunks load their own scope.
  return [...(sources[file] ?? "").matchAll(/^import (?!type )[^;]*? from "([^"]+)";/gm)]
    .map((match) => resolveImport(file, match[1] ?? ""))
    .filter((resolved): resolved is string => resolved !== null && !resolved.includes("/messages/"));
}

function reachable(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return seen;
}

function literalKeys(file: string): string[] {
  return [...(sources[file] ?? "").matchAll(/\bt[p]?\(\s*"([a-zA-Z0-9_.]+)"/g)].map((match) => match[1] ?? "");
}

describe("message scopes", () => {
  it("gives the public pages every key they use", () => {
    const files = reachable(PUBLIC_ENTRIES);
    expect(files.size).toBeGreaterThan(8);
    const missing = [...files].flatMap((file) =>
      literalKeys(file)
        .filter((key) => !Object.hasOwn(publicEn, key) && !Object.hasOwn(publicEn, `${key}.one`))
        .map((key) => `${file}: ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it("splits the dictionary without losing or duplicating a key", () => {
    expect(Object.keys(en).length).toBe(new Set(Object.keys(en)).size);
    expect(Object.keys(publicEn).every((key) => Object.hasOwn(en, key))).toBe(true);
    expect(Object.keys(publicEn).length).toBeLessThan(Object.keys(en).length / 3);
  });
});
