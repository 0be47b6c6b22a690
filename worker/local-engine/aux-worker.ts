/**
 * Node-side helper for vitest.config.ts (never runs in workerd): describes the local speech engine
 * Worker as an auxiliary worker for @cloudflare/vitest-pool-workers 0.15.1, so tests of the main
 * Worker reach it through `env.LOCAL_ENGINE` exactly as in production (a service binding to
 * "sexyvoice-local-engine").
 *
 * The pool does not bundle auxiliary workers, so this builds the engine with the same bundler as
 * `wrangler deploy` (`wrangler deploy --dry-run --outdir dist/local-engine`, ~1.5 s) and hands
 * Miniflare the output: index.js as an ES module and the .wasm files (eSpeak NG, LAME) as
 * CompiledWasm. The build is skipped while dist/local-engine/index.js is newer than every input.
 *
 *   import { localEngineAuxWorker } from "./worker/local-engine/aux-worker";
 *   cloudflareTest({ ..., miniflare: { workers: [await localEngineAuxWorker()] } })
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { WorkerOptions } from "miniflare";

const ENGINE_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(ENGINE_DIR, "../..");
const CONFIG = path.join(ENGINE_DIR, "wrangler.toml");
const OUT_DIR = path.join(ROOT, "dist/local-engine");
const ENTRY = path.join(OUT_DIR, "index.js");
const WRANGLER = path.join(ROOT, "node_modules/wrangler/bin/wrangler.js");

/** Files in worker/local-engine/ that are not part of the engine bundle. */
const NOT_BUNDLED = /^(aux-worker\.ts|test-.*|vitest\..*|.*\.d\.ts)$/;

function newestInputMtime(): number {
  const inputs = [
    ...readdirSync(ENGINE_DIR)
      .filter((name) => /\.(ts|toml)$/.test(name) && !NOT_BUNDLED.test(name))
      .map((name) => path.join(ENGINE_DIR, name)),
    path.join(ROOT, "node_modules/espeak-ng/package.json"),
    path.join(ROOT, "node_modules/espeak-ng/dist/espeak-ng.js"),
    path.join(ROOT, "node_modules/espeak-ng/dist/espeak-ng.wasm"),
    path.join(ROOT, "node_modules/wasm-media-encoders/package.json"),
    path.join(ROOT, "node_modules/wasm-media-encoders/wasm/mp3.wasm"),
    path.join(ROOT, "worker/providers/wav.ts"),
    path.join(ROOT, "node_modules/wrangler/package.json"),
  ];
  return Math.max(...inputs.map((file) => statSync(file).mtimeMs));
}

/** Builds dist/local-engine/ unless it is up to date. Returns true if it built. */
export async function buildLocalEngine({ force = false } = {}): Promise<boolean> {
  if (!force && existsSync(ENTRY) && statSync(ENTRY).mtimeMs > newestInputMtime()) return false;
  rmSync(OUT_DIR, { recursive: true, force: true }); // no stale hashed .wasm files left behind
  try {
    await promisify(execFile)(process.execPath, [WRANGLER, "deploy", "--dry-run", "--outdir", OUT_DIR, "--config", CONFIG], {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`Building the local engine failed:\n${stdout}\n${stderr}`, { cause: error });
  }
  return true;
}

/** Miniflare worker options for the "sexyvoice-local-engine" auxiliary worker. */
export async function localEngineAuxWorker(): Promise<WorkerOptions> {
  await buildLocalEngine();
  const wasm = readdirSync(OUT_DIR).filter((name) => name.endsWith(".wasm"));
  if (wasm.length === 0) throw new Error(`No .wasm in ${OUT_DIR}; delete it and rebuild`);
  const toml = readFileSync(CONFIG, "utf8");
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  const name = /^name\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!compatibilityDate || !name) throw new Error(`Cannot read name/compatibility_date from ${CONFIG}`);
  return {
    name,
    compatibilityDate,
    compatibilityFlags: [], // never nodejs_compat: see wrangler.toml
    modulesRoot: OUT_DIR,
    modules: [{ type: "ESModule", path: ENTRY }, ...wasm.map((file) => ({ type: "CompiledWasm" as const, path: path.join(OUT_DIR, file) }))],
  };
}
