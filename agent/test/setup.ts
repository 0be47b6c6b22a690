// The framework's logger must exist before plugins are built (a real job initializes it); quiet
// by default. test/logging.test.ts turns it up to debug and captures it.
import { initializeLogger } from "@livekit/agents";

initializeLogger({ pretty: false, level: "silent" });
