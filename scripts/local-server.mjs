// Starts the whole product locally for the benchmark and the browser suite, isolated from the
// developer's data: D1 migrations applied to a fresh state directory, then both Workers (API +
// SPA, local speech engine) in one `wrangler dev` session on a free port. wrangler runs in its own
// process group; `stop()` ends the group (wrangler and every workerd it started) and fails if
// anything survives. Types: local-server.d.mts.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

const WRANGLER = "node_modules/wrangler/bin/wrangler.js";

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** PIDs still alive in a process group (Linux `ps`). */
function groupMembers(pgid) {
  const result = spawnSync("ps", ["-eo", "pid=,pgid="], { encoding: "utf8" });
  return result.stdout
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter(([pid, group]) => group === pgid && pid !== undefined && !Number.isNaN(pid))
    .map(([pid]) => pid);
}

async function stopGroup(child) {
  const pgid = child.pid;
  if (pgid === undefined) return;
  const signal = (name) => {
    try {
      process.kill(-pgid, name);
    } catch {
      // the group is already gone
    }
  };
  signal("SIGTERM");
  const deadline = Date.now() + 8_000;
  while (groupMembers(pgid).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (groupMembers(pgid).length > 0) {
    signal("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const left = groupMembers(pgid);
  if (left.length > 0) throw new Error(`processes left behind by wrangler dev: ${left.join(", ")}`);
}

/**
 * The committed wrangler.toml deploys as production; a local run asks for development mode
 * (local sign-in, generated signing keys, no required secrets). `npm run dev` passes the same.
 */
export const DEVELOPMENT_MODE = ["--var", "ENVIRONMENT:development"];

/** `vars`: extra Worker vars for this run (`wrangler dev --var KEY:VALUE`), e.g. a test fake's URL. */
export async function startProduct({ stateDir, logFile, vars = {} }) {
  if (!existsSync("dist/spa/index.html")) throw new Error("dist/spa is missing: build the SPA first (vite build)");
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });
  mkdirSync(path.dirname(logFile), { recursive: true });
  // Run wrangler as `npm run dev` would, not with a test runner's NODE_ENV=test.
  const { NODE_ENV: _testEnv, ...inherited } = process.env;
  const env = { ...inherited, WRANGLER_SEND_METRICS: "false" };
  const migrate = spawnSync(process.execPath, [WRANGLER, "d1", "migrations", "apply", "sexyvoice", "--local", "-c", "wrangler.toml", "--persist-to", stateDir], { encoding: "utf8", env });
  if (migrate.status !== 0) throw new Error(`D1 migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);

  const [port, inspectorPort] = [await freePort(), await freePort()];
  const varFlags = Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
  const log = createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      "dev",
      "-c",
      "wrangler.toml",
      "-c",
      "worker/local-engine/wrangler.toml",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      stateDir,
      ...DEVELOPMENT_MODE,
      ...varFlags,
    ],
    { env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child);

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the product did not answer /api/health within 120 s; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, stop };
}
