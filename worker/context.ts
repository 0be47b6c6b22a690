/** The Hono environment shared by the app, its middleware and every route sub-app. */
import type { AppConfig } from "./env";
import type { Identity } from "./db/profiles";

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    config: AppConfig;
    identity: Identity;
  };
}
