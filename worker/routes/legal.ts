/**
 * `GET /api/legal/imprint` (public): the operator's details for the imprint page, from
 * configuration only (OPERATOR_NAME, OPERATOR_ADDRESS, OPERATOR_EMAIL), or which of those settings
 * are missing. Terms and privacy are static text in the SPA and need no route.
 */
import { Hono } from "hono";
import type { AppEnv } from "../context";
import type { ImprintResponse } from "../shared/legal";

export const legalRoutes = new Hono<AppEnv>().get("/imprint", (c) => {
  // Short: a change of operator shows within minutes, and the Worker is spared repeat visits.
  c.header("Cache-Control", "public, max-age=300");
  return c.json<ImprintResponse>(c.get("config").imprint);
});
