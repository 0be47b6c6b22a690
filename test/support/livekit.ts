// LiveKit for tests: the room service (Twirp JSON over fetch, as livekit-server-sdk calls it)
// answered from an in-memory room list behind the fetch spy, and webhooks signed the way LiveKit
// signs them (a JWT from the API key/secret whose sha256 claim is the body's hash).
import { env } from "cloudflare:test";
import { AccessToken, WebhookEvent } from "livekit-server-sdk";
import { interceptFetch, type SeenRequest } from "./http";

export const LIVEKIT = { url: env.LIVEKIT_URL, apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET } as { url: string; apiKey: string; apiSecret: string };

/** `ParticipantInfo.Kind`: STANDARD 0, AGENT 4. */
export const KIND = { standard: 0, agent: 4 } as const;

export class RoomServiceFake {
  /** Room name → participants in it; a room missing here does not exist. */
  readonly rooms = new Map<string, { identity: string; kind: number }[]>();
  readonly seen: SeenRequest[];

  constructor() {
    this.seen = interceptFetch(async (request) => {
      const url = new URL(request.url);
      if (url.host !== "livekit.test" || !url.pathname.startsWith("/twirp/livekit.RoomService/")) return undefined;
      const method = url.pathname.split("/").pop();
      const { room } = (await request.json()) as { room: string };
      const participants = this.rooms.get(room);
      if (participants === undefined) return Response.json({ code: "not_found", msg: "room does not exist" }, { status: 404 });
      if (method === "ListParticipants") return Response.json({ participants: participants.map((p) => ({ identity: p.identity, kind: p.kind === KIND.agent ? "AGENT" : "STANDARD" })) });
      if (method === "DeleteRoom") {
        this.rooms.delete(room);
        return Response.json({});
      }
      return Response.json({ code: "unimplemented", msg: method }, { status: 501 });
    });
  }

  calls(method: string): SeenRequest[] {
    return this.seen.filter((r) => r.url.endsWith(`/livekit.RoomService/${method}`));
  }
}

export function webhookEvent(input: { event: string; room: string; identity?: string; kind?: number; id?: string; createdAt?: number }): string {
  const event = new WebhookEvent({
    event: input.event,
    id: input.id ?? `EV_${crypto.randomUUID()}`,
    room: { name: input.room },
    createdAt: BigInt(input.createdAt ?? Math.floor(Date.now() / 1000)),
    ...(input.identity !== undefined ? { participant: { identity: input.identity, kind: input.kind ?? KIND.standard } } : {}),
  });
  // The SDK's subclass redeclares `event` as a class field, which resets what the constructor set.
  event.event = input.event as WebhookEvent["event"];
  return JSON.stringify(event.toJson());
}

async function sha256Base64(body: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
  return btoa(String.fromCharCode(...hash));
}

/** The Authorization header LiveKit sends with `body` (signed with `secret`, the real one by default). */
export async function webhookAuthorization(body: string, secret = LIVEKIT.apiSecret, apiKey = LIVEKIT.apiKey): Promise<string> {
  const token = new AccessToken(apiKey, secret);
  token.sha256 = await sha256Base64(body);
  return token.toJwt();
}
