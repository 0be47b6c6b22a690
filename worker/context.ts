/** The Hono environment shared by the app, its middleware and every route sub-app. */
import type { AppConfig } from "./env";
import type { AccountSummary } from "./db/credits";
import type { Identity } from "./db/profiles";
import type { RequestTiming } from "./services/timing";

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    config: AppConfig;
    identity: Identity;
    /** Set when authentication read the account on its way (an isolate's first request of this user). */
    account?: AccountSummary;
    timing: RequestTiming;
    /** The exact request body, on routes mounted with the `webhook-signature` scheme. */
    rawBody?: Uint8Array;
    /** The call session an agent token names, on routes mounted with the `agent-token` scheme. */
    agentSessionId?: string;
    /** The API key that authenticated the request, on routes mounted with the `api-key` scheme. */
    apiKeyId?: string;
  };
}
