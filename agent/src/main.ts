/**
 * The worker process: `node dist/main.js dev|start` (the framework's CLI). Loads agent/.env when
 * present, checks the settings before registering, strips the plugins' debug switches (they log
 * every event sent to the model, instructions included), and registers for explicit dispatch
 * under LIVEKIT_AGENT_NAME with job.ts as the job entry.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cli, log, ServerOptions } from "@livekit/agents";
import { jobRequestHandler } from "./request";
import { loadSettings, SettingsError } from "./settings";

const envFile = fileURLToPath(new URL("../.env", import.meta.url));
if (existsSync(envFile)) process.loadEnvFile(envFile);

let settings: ReturnType<typeof loadSettings>;
try {
  settings = loadSettings(process.env);
} catch (error) {
  console.error(error instanceof SettingsError ? error.message : error);
  process.exit(1);
}

for (const name of ["LK_OPENAI_DEBUG", "LK_GOOGLE_DEBUG"]) {
  if (process.env[name] !== undefined) {
    console.warn(`${name} is ignored: it would log the calls' instructions.`);
    delete process.env[name];
  }
}

cli.runApp(
  new ServerOptions({
    agent: fileURLToPath(new URL("./job.js", import.meta.url)),
    agentName: settings.agentName,
    wsURL: settings.livekitUrl,
    apiKey: settings.livekitApiKey,
    apiSecret: settings.livekitApiSecret,
    requestFunc: (request) => jobRequestHandler(log())(request),
  }),
);
