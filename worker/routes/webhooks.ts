/**
 * `POST /api/webhooks/stripe`: the signature was checked on the exact raw body before this runs
 * (route-auth's webhook-signature scheme, 400 when bad); the event is then applied exactly once
 * (services/stripe-events.ts). 200 when applied, already applied, parked or ignored; anything that
 * could not commit throws, so the answer is a 5xx and Stripe delivers the event again.
 */
import { Hono } from "hono";
import { AppError } from "../shared/errors";
import type { AppEnv } from "../context";
import type { AppConfig } from "../env";
import { createIntegrations } from "../integrations";
import { type Stripe, verifyStripeEvent } from "../providers/stripe";
import { applyStripeEvent } from "../services/stripe-events";

export async function verifyStripeWebhook(rawBody: Uint8Array, headers: Headers, config: AppConfig): Promise<boolean> {
  if (config.stripeWebhookSecret === undefined) return false;
  return (await verifyStripeEvent(rawBody, headers.get("stripe-signature"), config.stripeWebhookSecret)) !== null;
}

export const stripeWebhookRoutes = new Hono<AppEnv>().post("/", async (c) => {
  const raw = c.get("rawBody");
  if (raw === undefined) throw new AppError("internal_error", "The webhook body was not kept by its verifier.");
  const event = JSON.parse(new TextDecoder().decode(raw)) as Stripe.Event;
  const result = await applyStripeEvent(c.env.DB, createIntegrations(c.get("config"), c.env).billing(), event);
  if (result.outcome !== "applied" && result.outcome !== "duplicate") console.log(`stripe event ${event.id} (${event.type}): ${result.outcome}${result.reason ? ` — ${result.reason}` : ""}`);
  return c.json({ received: true, outcome: result.outcome });
});
