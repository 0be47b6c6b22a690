/**
 * The public pages load only the public messages (messages/public/): every message key their code
 * names must be there. Walks the static imports from each public page (and the app shell) and
 * collects the keys passed to t()/tp() as literals.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "./messages/en";
import publicEn from "./messages/public/en";

const SRC = path.resolve(import.meta.dirname, "..");
const PUBLIC_ENTRIES = ["app.tsx", "pages/landing.tsx", "pages/pricing.tsx", "pages/blog/index.tsx", "pages/blog/post.tsx"];

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.tsx"), path.join(base, "index.ts")]) {
    try {
      readFileSync(candidate);
      if (candidate.startsWith(SRC)) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

function staticImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  // Only static imports (`import … from`), not `import("…")`: lazy chunks load their own scope.
  return [...source.matchAll(/^import (?!type )[^;]*? from "([^"]+)";/gm)].map((match) => resolveImport(file, match[1] ?? "")).filter((resolved): resolved is string => resolved !== null && !resolved.includes("/messages/"));
}

function reachable(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = entries.map((entry) => path.join(SRC, entry));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return seen;
}

function literalKeys(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/\bt[p]?\(\s*"([a-zA-Z0-9_.]+)"/g)].map((match) => match[1] ?? "");
}

describe("message scopes", () => {
  it("gives the public pages every key they use", () => {
    const files = reachable(PUBLIC_ENTRIES);
    expect(files.size).toBeGreaterThan(8);
    const missing = [...files].flatMap((file) => literalKeys(file).filter((key) => !Object.hasOwn(publicEn, key) && !Object.hasOwn(publicEn, `${key}.one`)).map((key) => `${path.relative(SRC, file)}: ${key}`));
    expect(missing).toEqual([]);
  });

  it("splits the dictionary without losing or duplicating a key", () => {
    expect(Object.keys(en).length).toBe(new Set(Object.keys(en)).size);
    expect(Object.keys(publicEn).every((key) => Object.hasOwn(en, key))).toBe(true);
    expect(Object.keys(publicEn).length).toBeLessThan(Object.keys(en).length / 3);
  });
});
