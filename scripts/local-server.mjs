// Starts the whole product locally for benchmarks and browser tests: D1 migrations applied to an
// isolated state directory, then both Workers (API + SPA, local speech engine) in one
// `wrangler dev` session. `stop()` ends wrangler and every workerd it started.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";

const WRANGLER = "node_modules/wrangler/bin/wrangler.js";

export async function startLocalServer({ port, persistTo, quiet = true }) {
  if (!existsSync("dist/spa/index.html")) {
    mkdirSync("dist/spa", { recursive: true });
    writeFileSync("dist/spa/index.html", "<!doctype html><title>SexyVoice</title>");
  }
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
  const migrate = spawnSync(process.execPath, [WRANGLER, "d1", "migrations", "apply", "sexyvoice", "--local", "-c", "wrangler.toml", "--persist-to", persistTo], { encoding: "utf8", env });
  if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
  const child = spawn(
    process.execPath,
    [WRANGLER, "dev", "-c", "wrangler.toml", "-c", "worker/local-engine/wrangler.toml", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistTo, "--log-level", quiet ? "error" : "info"],
    { env, stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"], detached: true },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error("the local server did not answer /api/health within 90 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, stop };
}
