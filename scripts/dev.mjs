// `npm run dev`: the whole product on one local URL with no network and no keys.
// Applies D1 migrations to the local database, builds the SPA, then runs both Workers (the API +
// SPA Worker and the local speech engine) in one `wrangler dev` session, in development mode
// (the committed wrangler.toml deploys as production).
import { spawn, spawnSync } from "node:child_process";
import { DEVELOPMENT_MODE } from "./local-server.mjs";

const wrangler = "node_modules/wrangler/bin/wrangler.js";
const port = process.env.PORT ?? "8787";

function step(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step("Applying D1 migrations (local)", process.execPath, [wrangler, "d1", "migrations", "apply", "sexyvoice", "--local", "-c", "wrangler.toml"]);
step("Building the SPA", process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"]);

console.log(`\n▶ Starting the product at http://localhost:${port}`);
const server = spawn(
  process.execPath,
  [wrangler, "dev", "-c", "wrangler.toml", "-c", "worker/local-engine/wrangler.toml", "--port", port, "--ip", "127.0.0.1", "--test-scheduled", ...DEVELOPMENT_MODE, ...process.argv.slice(2)],
  {
    stdio: "inherit",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
