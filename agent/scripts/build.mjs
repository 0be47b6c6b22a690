// Bundles the agent into dist/ (main.js, the worker; job.js, the job entry) for Node 20 with
// esbuild. The Worker's contract (worker/shared/calls.ts and limits.ts) is compiled in; every
// npm package stays an import resolved from agent/node_modules at run time.
import { build } from "esbuild";

await build({
  entryPoints: { main: "src/main.ts", job: "src/job.ts" },
  outdir: "dist",
  bundle: true,
  packages: "external",
  // tsconfig.json maps zod to agent/node_modules for the Worker's file; keep it an import all the same.
  external: ["zod"],
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  absWorkingDir: new URL("..", import.meta.url).pathname,
});
