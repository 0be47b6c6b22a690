/**
 * `GET /api/campaign?locale=de` (public): the promo campaign running now, as the SPA's banner and
 * price cards show it, or `{campaign: null}`. Cached briefly by browsers and the edge, so a
 * campaign's start and end show within a minute; what a purchase gets is decided at checkout,
 * never from this answer.
 */
import { Hono } from "hono";
import type { AppEnv } from "../context";
import { localeOrDefault } from "../services/billing";
import { activeCampaign, campaignView } from "../shared/campaigns";

const CACHE_SECONDS = 60;

export const campaignRoutes = new Hono<AppEnv>().get("/", (c) => {
  const campaign = activeCampaign(c.get("config").campaigns.list, Date.now());
  c.header("Cache-Control", `public, max-age=${CACHE_SECONDS}`);
  return c.json(campaignView(campaign, localeOrDefault(c.req.query("locale"))));
});
