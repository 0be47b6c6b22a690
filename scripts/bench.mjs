// `npm run bench`: starts the product locally (local speech engine, isolated state) and prints
//  (a) cache-hit POST /api/generate-voice vs GET /api/health: p50/p95/p99 and requests/s at 1 and
//      16 concurrent clients, and the ratio between them;
//  (b) single flight: 50 concurrent identical uncached requests → provider calls and credits;
//  (c) overdraft: 50 concurrent different requests from a user whose balance covers 10;
//  (d) local engine synthesis time per 100 characters (uncached generations, end to end).
// Every loop is bounded in count; all traffic goes to 127.0.0.1.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { startProduct } from "./local-server.mjs";

const REQUESTS_PER_RUN = Number(process.env.BENCH_REQUESTS ?? 1500);
const STATE = "test-artifacts/bench-state";

if (!existsSync("dist/spa/index.html")) spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"], { stdio: "inherit" });
const server = await startProduct({ stateDir: STATE, logFile: "test-artifacts/bench-wrangler.log" });
const base = server.url;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function signIn(email) {
  const response = await fetch(`${base}/api/auth/local`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
  const { accessToken } = await response.json();
  await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  return accessToken;
}

function generate(token, body) {
  return fetch(`${base}/api/generate-voice`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
}

/** Runs `total` requests with `concurrency` clients; returns latency percentiles and throughput. */
async function load(label, concurrency, total, send) {
  const latencies = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const t0 = performance.now();
        const response = await send();
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (!response.ok) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { label, concurrency, requests: latencies.length, failures, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), rps: latencies.length / seconds };
}

const fmt = (ms) => `${ms.toFixed(2)} ms`;
const report = {};

try {
  // Warm-up: first requests compile and instantiate both Workers.
  const hitter = await signIn("bench-cache@example.com");
  const cachedBody = { text: "The quick brown fox jumps over the lazy dog.", voice: "Kore", locale: "en" };
  await (await generate(hitter, cachedBody)).arrayBuffer();
  for (let i = 0; i < 50; i++) {
    await (await fetch(`${base}/api/health`)).arrayBuffer();
    await (await generate(hitter, cachedBody)).arrayBuffer();
  }

  // (a) Each run uses a fresh user so the per-user generation rate limit (60/min) is not what is measured.
  console.log("\n(a) cache-hit generation vs health");
  console.log("    route                     clients  requests  p50        p95        p99        req/s");
  const rows = [];
  for (const concurrency of [1, 16]) {
    const health = await load("GET /api/health", concurrency, REQUESTS_PER_RUN, () => fetch(`${base}/api/health`));
    const users = await Promise.all(Array.from({ length: Math.ceil(REQUESTS_PER_RUN / 55) }, (_, i) => signIn(`bench-hit-${concurrency}-${i}@example.com`)));
    let turn = 0;
    const hits = await load("POST /api/generate-voice", concurrency, REQUESTS_PER_RUN, () => generate(users[Math.floor(turn++ / 55) % users.length], cachedBody));
    for (const row of [health, hits]) {
      rows.push(row);
      console.log(`    ${row.label.padEnd(26)}${String(row.concurrency).padStart(7)}${String(row.requests).padStart(10)}  ${fmt(row.p50).padEnd(11)}${fmt(row.p95).padEnd(11)}${fmt(row.p99).padEnd(11)}${row.rps.toFixed(0)}${row.failures ? `  (${row.failures} failed)` : ""}`);
    }
    console.log(`    ratio generate/health at ${concurrency} client(s): p50 ×${(hits.p50 / health.p50).toFixed(2)}, p99 ×${(hits.p99 / health.p99).toFixed(2)}, throughput ×${(hits.rps / health.rps).toFixed(2)}`);
  }
  report.cacheHit = rows;

  // (b) Single flight.
  const flyers = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(`bench-flight-${i}@example.com`)));
  const sameBody = { text: `Single flight check ${Date.now()}: fifty identical requests should make one call.`, voice: "Puck", locale: "en" };
  const flight = await Promise.all(Array.from({ length: 50 }, (_, i) => generate(flyers[i % flyers.length], sameBody).then((r) => r.json())));
  const providerCalls = flight.filter((r) => r.cached === false).length;
  const charged = flight.reduce((sum, r) => sum + (r.creditsUsed ?? 0), 0);
  console.log("\n(b) single flight: 50 concurrent identical uncached requests");
  console.log(`    successes ${flight.filter((r) => r.url).length}/50, provider calls ${providerCalls} (must be 1), credits charged in total ${charged} (one generation's price: ${flight.find((r) => r.cached === false)?.creditsUsed})`);
  report.singleFlight = { providerCalls, charged };

  // (c) Overdraft: an Orpheus voice costs 24 credits a word; 40 words = 960 credits, so the
  // 10,000 welcome credits cover exactly 10 generations.
  const spender = await signIn("bench-overdraft@example.com");
  const words = (i) => Array.from({ length: 40 }, (_, w) => `w${i}x${w}`).join(" ");
  const spent = await Promise.all(Array.from({ length: 50 }, (_, i) => generate(spender, { text: words(i), voice: "tara" }).then(async (r) => ({ status: r.status, body: await r.json() }))));
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const me = await (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${spender}` } })).json();
  let ledgerSum = 0;
  let cursor = null;
  do {
    const page = await (await fetch(`${base}/api/credits/transactions?limit=100${cursor ? `&cursor=${cursor}` : ""}`, { headers: { authorization: `Bearer ${spender}` } })).json();
    ledgerSum += page.items.reduce((sum, t) => sum + t.amount, 0);
    cursor = page.nextCursor;
  } while (cursor);
  const successes = spent.filter((r) => r.status === 200).length;
  console.log("\n(c) overdraft: 50 concurrent different requests, balance covers 10");
  console.log(`    successes ${successes} (must be 10), 402s ${spent.filter((r) => r.status === 402).length}, final balance ${me.credits} (must be ≥ 0), ledger sum ${ledgerSum} (${ledgerSum === me.credits ? "consistent" : "INCONSISTENT"})`);
  report.overdraft = { successes, balance: me.credits, ledgerSum };

  // (d) Local engine synthesis, 100-character texts, uncached, end to end through the API.
  const speaker = await signIn("bench-engine@example.com");
  const hundred = (i) => `Sample number ${i} of the engine test, spoken once to measure local synthesis speed exactly.`.padEnd(100, ".").slice(0, 100);
  const synth = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const response = await generate(speaker, { text: hundred(i), voice: "Charon", locale: "en" });
    await response.arrayBuffer();
    synth.push(performance.now() - t0);
  }
  synth.sort((a, b) => a - b);
  console.log("\n(d) local engine: uncached generation of 100 characters (engine + reserve + R2 + cache + history), 20 runs");
  console.log(`    p50 ${fmt(percentile(synth, 50))}, p95 ${fmt(percentile(synth, 95))}, min ${fmt(synth[0])}`);
  report.localEngine = { p50: percentile(synth, 50), p95: percentile(synth, 95) };

  const ok = providerCalls === 1 && successes === 10 && me.credits >= 0 && ledgerSum === me.credits;
  console.log(`\nbench ${ok ? "OK" : "FAILED an invariant"}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await server.stop();
  rmSync(STATE, { recursive: true, force: true });
}
