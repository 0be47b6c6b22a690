// Writes a self-contained deploy context to agent/.deploy/ (LiveKit Cloud builds only the
// directory it is given, and the agent's source imports the Worker's contract from outside
// agent/): the Dockerfile, package.json, package-lock.json, .npmrc, a freshly built bundle in
// app/, and livekit.toml when agent/livekit.toml exists. Then: `lk agent deploy agent/.deploy`.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";

const root = new URL("..", import.meta.url).pathname;
const out = `${root}.deploy`;
const build = spawnSync(process.execPath, [`${root}scripts/build.mjs`], { stdio: "inherit", cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);

rmSync(out, { recursive: true, force: true });
mkdirSync(out);
for (const file of ["Dockerfile", "package.json", "package-lock.json", ".npmrc", "livekit.toml"]) {
  if (existsSync(`${root}${file}`)) cpSync(`${root}${file}`, `${out}/${file}`);
}
cpSync(`${root}dist`, `${out}/app`, { recursive: true });
writeFileSync(`${out}/.dockerignore`, "node_modules\n.env\n.env.*\n");
console.log(`staged ${out} — deploy with: lk agent deploy ${out}`);
