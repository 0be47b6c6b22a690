// Fails when worker-configuration.d.ts is not what `wrangler types` generates from wrangler.toml
// (the Env type is generated, never hand-written, and must follow every binding change).
// It regenerates the file in place with the same command as `npm run types`, compares, and puts
// the committed version back. A local .dev.vars is set aside meanwhile: wrangler would add its
// secrets to Env, and secrets are typed by worker/env.ts instead.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

const file = "worker-configuration.d.ts";
const committed = readFileSync(file, "utf8");
const devVars = existsSync(".dev.vars");
if (devVars) renameSync(".dev.vars", ".dev.vars.check-types");
let result;
let generated;
try {
  result = spawnSync(process.execPath, ["node_modules/wrangler/bin/wrangler.js", "types", "-c", "wrangler.toml", file], {
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  generated = readFileSync(file, "utf8");
} finally {
  writeFileSync(file, committed);
  if (devVars) renameSync(".dev.vars.check-types", ".dev.vars");
}
if (result.status !== 0) {
  console.error(result.stdout, result.stderr);
  process.exit(1);
}
if (generated !== committed) {
  console.error(`${file} is out of date: run \`npm run types\` and commit the result.`);
  process.exit(1);
}
console.log(`${file} matches wrangler.toml`);
