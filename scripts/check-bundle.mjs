// The production Worker bundle's size budget (`npm run check:bundle`, run by CI). Bundles the
// Worker exactly as `wrangler deploy` would (wrangler.toml, so `minify` and every alias apply)
// with `--dry-run --outdir` into a temporary directory under test-artifacts/, which works offline,
// then gzips each module file wrangler wrote (level 9, as close as zlib gets to what the upload
// is measured by), prints raw and gzip KiB per file and in total, and exits 1 when the gzip
// total is over the budget. The temporary directory is removed afterwards (`--keep` keeps it).
// When the SPA has not been built (a fresh clone: wrangler refuses a missing assets directory),
// an empty assets directory stands in for it: the assets are uploaded apart from the bundle.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const GZIP_BUDGET_KIB = 450;
const MODULE_EXTENSIONS = [".js", ".mjs", ".cjs", ".wasm", ".bin", ".txt", ".html"];
const CONFIG = "wrangler.toml";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
mkdirSync("test-artifacts", { recursive: true });
const workDir = mkdtempSync(path.join("test-artifacts", "bundle-"));
const outDir = path.join(workDir, "out");
const keep = process.argv.includes("--keep");

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Bundles, measures and prints; the exit code. */
function check() {
  const args = ["node_modules/wrangler/bin/wrangler.js", "deploy", "--dry-run", "--outdir", outDir, "-c", CONFIG];
  const assetsDir = /^\[assets\][^[]*?^directory\s*=\s*"([^"]+)"/m.exec(readFileSync(CONFIG, "utf8"))?.[1];
  if (assetsDir !== undefined && !existsSync(assetsDir)) {
    const emptyAssets = path.join(workDir, "assets");
    mkdirSync(emptyAssets);
    args.push("--assets", emptyAssets);
    console.log(`(${assetsDir} is not built: bundling with an empty assets directory)`);
  }
  const run = spawnSync(process.execPath, args, {
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_LOG_PATH: path.join(workDir, "logs"), FORCE_COLOR: "0" },
  });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    console.error(`check-bundle: \`wrangler deploy --dry-run\` failed (exit ${run.status})`);
    return 1;
  }
  const wranglerTotal = /Total Upload: .*/.exec(run.stdout)?.[0];

  const rows = [];
  const ignored = [];
  for (const file of filesUnder(outDir)) {
    if (!MODULE_EXTENSIONS.includes(path.extname(file))) {
      ignored.push(file);
      continue;
    }
    const bytes = readFileSync(path.join(outDir, file));
    rows.push({ file, raw: bytes.length / 1024, gzip: gzipSync(bytes, { level: 9 }).length / 1024 });
  }
  if (rows.length === 0) {
    console.error(`check-bundle: wrangler wrote no module files to ${outDir}`);
    return 1;
  }
  const total = { file: "total", raw: rows.reduce((sum, row) => sum + row.raw, 0), gzip: rows.reduce((sum, row) => sum + row.gzip, 0) };
  const width = Math.max(...[...rows, total].map((row) => row.file.length));
  const line = (row) => `${row.file.padEnd(width)}  ${row.raw.toFixed(2).padStart(10)}  ${row.gzip.toFixed(2).padStart(10)}`;
  console.log(`${"module".padEnd(width)}  ${"raw KiB".padStart(10)}  ${"gzip KiB".padStart(10)}`);
  for (const row of rows) console.log(line(row));
  console.log(line(total));
  if (ignored.length > 0) console.log(`(not modules, not counted: ${ignored.join(", ")})`);
  if (wranglerTotal !== undefined) console.log(`(wrangler's own measure: ${wranglerTotal})`);
  if (total.gzip > GZIP_BUDGET_KIB) {
    console.log(`check-bundle: ${total.gzip.toFixed(2)} KiB gzipped is over the budget of ${GZIP_BUDGET_KIB} KiB`);
    return 1;
  }
  console.log(`check-bundle: ${total.gzip.toFixed(2)} KiB gzipped, within the budget of ${GZIP_BUDGET_KIB} KiB`);
  return 0;
}

let exitCode = 1;
try {
  exitCode = check();
} finally {
  if (keep) console.log(`(kept ${workDir})`);
  else rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);
