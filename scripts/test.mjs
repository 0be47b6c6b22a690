// `npm test`: every test suite, one after the other, then one closing line `N passed, M failed`
// (all suites added up). Exits non-zero if any test failed or a suite could not run.
//   workerd  — vitest inside workerd (API, ledger, queues, cron, Durable Objects, local engine)
//   web      — the SPA's logic in Node
//   browser  — Debian's chromium driven by playwright-core against the locally started product
//   agent    — the call agent (agent/, its own package) in Node, no network and no LiveKit server;
//              its own install (`npm ci --prefix agent`) is made first when missing
// On a fresh Debian machine it installs chromium first (apt-get, as root or through sudo).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

mkdirSync("test-artifacts", { recursive: true });

// The agent is its own package with its own install: made here when missing (as chromium below),
// so `npm test` works on a fresh clone; it stops at once if that install fails.
const agentInstalled = () => existsSync("agent/node_modules/@livekit/agents") && existsSync("agent/node_modules/vitest/vitest.mjs");
if (!agentInstalled()) {
  console.log("▶ agent/node_modules is missing: installing the call agent (npm ci --prefix agent)");
  const install = spawnSync("npm", ["ci", "--prefix", "agent", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (install.status !== 0 || !agentInstalled()) {
    console.error("✘ could not install the call agent; run `npm ci --prefix agent` and `npm test` again");
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}

const CHROMIUM = "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  console.log(`▶ ${CHROMIUM} is missing: installing Debian's chromium for the browser suite`);
  const root = process.getuid?.() === 0;
  const apt = (args) => spawnSync(root ? "apt-get" : "sudo", root ? args : ["apt-get", ...args], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (apt(["update"]).status !== 0 || apt(["install", "-y", "chromium"]).status !== 0 || !existsSync(CHROMIUM)) {
    console.error("✘ could not install chromium; install it with `sudo apt-get install chromium` and run again");
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}

// The Worker serves the built SPA (wrangler.toml [assets]); tests and the browser suite need it.
console.log("▶ building the SPA");
const build = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"], { stdio: "inherit" });
if (build.status !== 0) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const suites = [
  {
    name: "workerd",
    report: "test-artifacts/vitest-workerd.json",
    command: ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-artifacts/vitest-workerd.json"],
  },
  {
    // SPA logic in Node: counter rule, estimates, error-code translation, locale routing, i18n completeness.
    name: "web",
    report: "test-artifacts/vitest-web.json",
    command: ["node_modules/vitest/vitest.mjs", "run", "-c", "web/vitest.config.ts", "--reporter=default", "--reporter=json", "--outputFile.json=test-artifacts/vitest-web.json"],
  },
  {
    // Debian chromium (playwright-core) against the product started locally on a free port.
    name: "browser",
    report: "test-artifacts/vitest-browser.json",
    command: ["node_modules/vitest/vitest.mjs", "run", "-c", "test/browser/vitest.config.mts", "--reporter=default", "--reporter=json", "--outputFile.json=test-artifacts/vitest-browser.json"],
  },
  {
    // The call agent with its own vitest, run from agent/ (fake Worker, fake job, text-mode AgentSession).
    name: "agent",
    cwd: "agent",
    report: "test-artifacts/vitest-agent.json",
    command: ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.resolve("test-artifacts/vitest-agent.json")}`],
  },
];

let passed = 0;
let failed = 0;
for (const suite of suites) {
  rmSync(suite.report, { force: true });
  console.log(`\n▶ ${suite.name} tests`);
  const run = spawnSync(process.execPath, [...suite.command, ...process.argv.slice(2)], { stdio: "inherit", cwd: suite.cwd });
  if (!existsSync(suite.report)) {
    console.error(`✘ the ${suite.name} suite produced no report (exit ${run.status})`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(suite.report, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (run.status !== 0 && report.numFailedTests === 0) {
    console.error(`✘ the ${suite.name} suite exited ${run.status} (errors outside tests)`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
