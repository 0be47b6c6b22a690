/**
 * Webhooks, each verified on the exact raw body by its mount's scheme before the handler runs.
 *
 * `POST /api/webhooks/livekit`: LiveKit's signed JWT in Authorization (exactly as sent, 401 when
 * bad), deduplicated by event id, routed by room name to the call's CallMeter; caller and agent
 * told apart by participant kind. Events for rooms that are not calls are acknowledged.
 *
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
import { isWebhookProcessed, markWebhookProcessed } from "../db/webhook-events";
import { findCallSession, sessionIdOfRoom } from "../db/calls";
import { roleOf, verifyLiveKitWebhook } from "../providers/livekit";
import type { MeterEvent } from "../objects/call-meter";
import { WebhookEvent } from "livekit-server-sdk";
import { log } from "../services/logging";

export async function verifyStripeWebhook(rawBody: Uint8Array, headers: Headers, config: AppConfig): Promise<boolean> {
  if (config.stripeWebhookSecret === undefined) return false;
  return (await verifyStripeEvent(rawBody, headers.get("stripe-signature"), config.stripeWebhookSecret)) !== null;
}

export const stripeWebhookRoutes = new Hono<AppEnv>().post("/", async (c) => {
  const raw = c.get("rawBody");
  if (raw === undefined) throw new AppError("internal_error", "The webhook body was not kept by its verifier.");
  const event = JSON.parse(new TextDecoder().decode(raw)) as Stripe.Event;
  const result = await applyStripeEvent(c.env.DB, createIntegrations(c.get("config"), c.env).billing(), event);
  if (result.outcome !== "applied" && result.outcome !== "duplicate") log.info(`stripe event ${event.id} (${event.type}): ${result.outcome}${result.reason ? ` — ${result.reason}` : ""}`);
  return c.json({ received: true, outcome: result.outcome });
});

export async function verifyLiveKitDelivery(rawBody: Uint8Array, headers: Headers, config: AppConfig): Promise<boolean> {
  if (config.livekit === undefined) return false;
  return (await verifyLiveKitWebhook(config.livekit, new TextDecoder().decode(rawBody), headers.get("authorization"))) !== null;
}

const METER_EVENTS = new Set(["participant_joined", "participant_left", "room_finished"]);

export const liveKitWebhookRoutes = new Hono<AppEnv>().post("/", async (c) => {
  const raw = c.get("rawBody");
  if (raw === undefined) throw new AppError("internal_error", "The webhook body was not kept by its verifier.");
  const event = WebhookEvent.fromJson(JSON.parse(new TextDecoder().decode(raw)), { ignoreUnknownFields: true });
  if (event.id !== "" && (await isWebhookProcessed(c.env.DB, "livekit", event.id))) return c.json({ received: true, outcome: "duplicate" });
  const sessionId = sessionIdOfRoom(event.room?.name ?? "");
  if (!METER_EVENTS.has(event.event) || sessionId === null) return c.json({ received: true, outcome: "ignored" });
  const session = await findCallSession(c.env.DB, sessionId);
  if (session === null) return c.json({ received: true, outcome: "ignored" });
  const sent = Number(event.createdAt) * 1000;
  const at = Number.isFinite(sent) && sent > 0 && sent <= Date.now() + 5_000 ? sent : Date.now();
  const meterEvent: MeterEvent =
    event.event === "room_finished"
      ? { type: "room_finished", at }
      : { type: event.event === "participant_joined" ? "joined" : "left", role: roleOf({ kind: event.participant?.kind ?? 0, identity: event.participant?.identity ?? "" }, session.userId), at };
  const meter = c.env.CALL_METER.get(c.env.CALL_METER.idFromName(sessionId));
  await meter.event(sessionId, meterEvent);
  if (event.id !== "") await markWebhookProcessed(c.env.DB, "livekit", event.id);
  return c.json({ received: true, outcome: "applied" });
});
