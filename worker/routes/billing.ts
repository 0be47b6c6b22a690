/**
 * Billing (PRODUCT §9). Public: `GET /api/billing/packages`. Signed-in users (declared per path in
 * app.ts): `POST /api/billing/checkout` {packageId, locale?} → {url}, `POST /api/billing/portal`
 * → {url}, `GET /api/billing/subscription` (our records only, no Stripe call) and
 * `GET /api/billing/checkout/:sessionId` (whether that checkout's payment has landed).
 * Stripe's webhook is routes/webhooks.ts.
 */
import { Hono, type Context } from "hono";
import * as z from "zod";
import type { AppEnv } from "../context";
import { checkoutOf, currentSubscription } from "../db/billing";
import { getProfile } from "../db/profiles";
import { createIntegrations } from "../integrations";
import { accountOf, enforceRateLimit, jsonBody } from "../middleware";
import { localeOrDefault, openPortal, requireGateway, startCheckout } from "../services/billing";
import { type BillingPackagesResponse, type CheckoutStatusResponse, CREDIT_PACKAGES, type SubscriptionResponse } from "../shared/billing";
import { AppError } from "../shared/errors";
import { SUPPORTED_LOCALES } from "../shared/limits";

const appOrigin = (c: Context<AppEnv>) => c.get("config").appUrl?.replace(/\/+$/, "") ?? new URL(c.req.url).origin;
const gatewayOf = (c: Context<AppEnv>) => createIntegrations(c.get("config"), c.env).billing();

/** Checkout and portal sessions per user per minute share the token limiter (wrangler.toml). */
const BILLING_LIMIT_PERIOD_SECONDS = 60;

export const packageRoutes = new Hono<AppEnv>().get("/", (c) => {
  const stripe = c.get("config").integrations.stripe;
  const body: BillingPackagesResponse = {
    packages: [...CREDIT_PACKAGES],
    checkoutAvailable: stripe.status === "configured",
    unavailableReason: stripe.status === "configured" ? null : "Payments are not set up on this server yet.",
  };
  return c.json(body);
});

const checkoutSchema = z.object({ packageId: z.string().min(1).max(64), locale: z.enum(SUPPORTED_LOCALES).optional() });

export const checkoutRoutes = new Hono<AppEnv>()
  .post("/", async (c) => {
    const { userId } = c.get("identity");
    const input = await jsonBody(c, checkoutSchema);
    const gateway = requireGateway(gatewayOf(c));
    await enforceRateLimit(c.env.TOKEN_RATE_LIMITER, `billing:${userId}`, BILLING_LIMIT_PERIOD_SECONDS);
    const locale = input.locale ?? localeOrDefault((await getProfile(c.env.DB, userId))?.locale);
    return c.json({ url: await startCheckout(c.env.DB, gateway, { userId, packageId: input.packageId, locale, appOrigin: appOrigin(c), campaigns: c.get("config").campaigns.list }) });
  })
  .get("/:sessionId", async (c) => {
    const checkout = await checkoutOf(c.env.DB, c.get("identity").userId, c.req.param("sessionId"));
    if (checkout === null) throw new AppError("not_found", "No checkout of yours has this id.");
    const { balance } = await accountOf(c);
    const body: CheckoutStatusResponse = { status: checkout.status, packageId: checkout.packageId, balance };
    return c.json(body);
  });

const portalSchema = z.object({ locale: z.enum(SUPPORTED_LOCALES).optional() });

export const portalRoutes = new Hono<AppEnv>().post("/", async (c) => {
  const { userId } = c.get("identity");
  const input = await jsonBody(c, portalSchema);
  const gateway = requireGateway(gatewayOf(c));
  await enforceRateLimit(c.env.TOKEN_RATE_LIMITER, `billing:${userId}`, BILLING_LIMIT_PERIOD_SECONDS);
  const locale = input.locale ?? localeOrDefault((await getProfile(c.env.DB, userId))?.locale);
  return c.json({ url: await openPortal(c.env.DB, gateway, { userId, locale, appOrigin: appOrigin(c) }) });
});

export const subscriptionRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const body: SubscriptionResponse = { subscription: await currentSubscription(c.env.DB, c.get("identity").userId) };
  return c.json(body);
});
