/**
 * LiveKit through `livekit-server-sdk` (runs in workerd: tokens and webhooks are jose and
 * SubtleCrypto, the room service is Twirp over fetch): the caller's access token with the agent
 * dispatch, webhook verification (raw body + the Authorization header exactly as sent), the room
 * service calls the CallMeter needs (who is in the room, end the room), and the agent's own bearer
 * token for the agent endpoint (HS256 with the API secret; worker/shared/calls.ts has its claims).
 */
import { jwtVerify, SignJWT } from "jose";
import { AccessToken, RoomAgentDispatch, RoomConfiguration, RoomServiceClient, TrackSource, WebhookReceiver, type WebhookEvent } from "livekit-server-sdk";
import { AGENT_TOKEN_AUDIENCE, AGENT_TOKEN_MAX_TTL_SECONDS, type AgentDispatchMetadata } from "../shared/calls";

export interface LiveKitSettings {
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** How long the caller's token can be used to join (it only limits the first connect). */
export const CALL_TOKEN_TTL_SECONDS = 5 * 60;

/** `ParticipantInfo.Kind.AGENT` in LiveKit's protocol. */
const AGENT_KIND = 4;

export async function mintCallToken(settings: LiveKitSettings, input: { userId: string; displayName: string; roomName: string; sessionId: string; agentName: string }): Promise<string> {
  const token = new AccessToken(settings.apiKey, settings.apiSecret, { identity: input.userId, name: input.displayName, ttl: CALL_TOKEN_TTL_SECONDS });
  token.addGrant({
    roomJoin: true,
    room: input.roomName,
    canPublish: true,
    canPublishSources: [TrackSource.MICROPHONE],
    canSubscribe: true,
    canPublishData: true,
  });
  // The browser can decode this token: the agent's metadata is the session id and nothing else.
  const metadata: AgentDispatchMetadata = { sessionId: input.sessionId };
  token.roomConfig = new RoomConfiguration({ agents: [new RoomAgentDispatch({ agentName: input.agentName, metadata: JSON.stringify(metadata) })] });
  return token.toJwt();
}

/** The verified event, or null when the body or its signature does not check out. */
export async function verifyLiveKitWebhook(settings: LiveKitSettings, rawBody: string, authorization: string | null): Promise<WebhookEvent | null> {
  if (authorization === null || authorization === "") return null;
  try {
    return await new WebhookReceiver(settings.apiKey, settings.apiSecret).receive(rawBody, authorization);
  } catch {
    return null;
  }
}

export type ParticipantRole = "caller" | "agent";

/** Caller and agent are told apart by the participant's kind (identity as a fallback). */
export function roleOf(participant: { kind?: number | string; identity?: string }, callerId: string): ParticipantRole {
  if (participant.kind === AGENT_KIND || participant.kind === "AGENT") return "agent";
  return participant.identity === callerId ? "caller" : "agent";
}

export interface RoomService {
  /** Who is in the room now; null when the room does not exist. */
  participants(roomName: string): Promise<{ identity: string; role: ParticipantRole }[] | null>;
  deleteRoom(roomName: string): Promise<void>;
}

const httpUrl = (url: string) => url.replace(/^ws(s?):\/\//, "http$1://");

export function roomService(settings: LiveKitSettings, callerId: string): RoomService {
  const client = new RoomServiceClient(httpUrl(settings.url), settings.apiKey, settings.apiSecret);
  const notFound = (error: unknown) => error instanceof Error && /not[_ ]found|does not exist/i.test(`${error.message} ${(error as { code?: string }).code ?? ""}`);
  return {
    async participants(roomName) {
      try {
        return (await client.listParticipants(roomName)).map((p) => ({ identity: p.identity, role: roleOf({ kind: p.kind, identity: p.identity }, callerId) }));
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async deleteRoom(roomName) {
      try {
        await client.deleteRoom(roomName);
      } catch (error) {
        if (!notFound(error)) throw error;
      }
    },
  };
}

const secretKey = (settings: LiveKitSettings) => new TextEncoder().encode(settings.apiSecret);

/** The agent's bearer token for one session (the agent makes these; tests and tools use this). */
export async function mintAgentToken(settings: LiveKitSettings, sessionId: string, ttlSeconds = 60): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(settings.apiKey)
    .setAudience(AGENT_TOKEN_AUDIENCE)
    .setSubject(sessionId)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secretKey(settings));
}

/** The session an agent token names, or null when it is not a valid, short-lived agent token. */
export async function verifyAgentToken(settings: LiveKitSettings, token: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, secretKey(settings), { algorithms: ["HS256"], issuer: settings.apiKey, audience: AGENT_TOKEN_AUDIENCE, requiredClaims: ["sub", "exp", "iat"] });
    if (typeof payload.sub !== "string" || payload.exp === undefined || payload.iat === undefined) return null;
    if (payload.exp - payload.iat > AGENT_TOKEN_MAX_TTL_SECONDS) return null;
    return payload.sub;
  } catch {
    return null;
  }
}
