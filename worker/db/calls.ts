/**
 * Call sessions' SQL: creating one with its resolved configuration, reading it (for the agent,
 * the meter and the caller), the free allowance used, the meter's running totals and the end, the
 * one `usage_events` row per call (unique per session), and what the sweep looks for.
 */
import type { AgentSessionConfig, CallEndReason } from "../shared/calls";

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

export type CallStatus = AgentSessionConfig["status"];

/** What the session keeps server-side (the agent's settings and the preset); never sent to the browser. */
export type CallConfig = Pick<AgentSessionConfig, "instructions" | "model" | "voice" | "temperature" | "maxOutputTokens" | "language"> & { presetId: string | null };

export interface CallSessionRow {
  id: string;
  userId: string;
  roomName: string;
  voiceId: string | null;
  status: CallStatus;
  config: CallConfig;
  maxDurationSeconds: number;
  freeTier: boolean;
  billedSeconds: number;
  durationSeconds: number;
  creditsUsed: number;
  endReason: CallEndReason | null;
  startedAt: string | null;
  createdAt: string;
}

interface Row {
  id: string;
  user_id: string;
  room_name: string;
  voice_id: string | null;
  status: CallStatus;
  config: string;
  max_duration_seconds: number;
  free_tier: number;
  billed_seconds: number;
  duration_seconds: number;
  credits_used: number;
  end_reason: CallEndReason | null;
  started_at: string | null;
  created_at: string;
}

const fromRow = (row: Row): CallSessionRow => ({
  id: row.id,
  userId: row.user_id,
  roomName: row.room_name,
  voiceId: row.voice_id,
  status: row.status,
  config: JSON.parse(row.config) as CallConfig,
  maxDurationSeconds: row.max_duration_seconds,
  freeTier: row.free_tier === 1,
  billedSeconds: row.billed_seconds,
  durationSeconds: row.duration_seconds,
  creditsUsed: row.credits_used,
  endReason: row.end_reason,
  startedAt: row.started_at,
  createdAt: row.created_at,
});

export const roomNameOf = (sessionId: string) => `call-${sessionId}`;
export const sessionIdOfRoom = (roomName: string): string | null => /^call-([0-9a-f-]{36})$/.exec(roomName)?.[1] ?? null;

/** Seconds of calls the user has been billed for, across all their sessions (the free allowance). */
export async function billedCallSeconds(db: D1Database, userId: string): Promise<number> {
  const row = await db.prepare("SELECT COALESCE(SUM(billed_seconds), 0) AS seconds FROM call_sessions WHERE user_id = ?1").bind(userId).first<{ seconds: number }>();
  return row?.seconds ?? 0;
}

export async function activeCallOf(db: D1Database, userId: string): Promise<string | null> {
  const row = await db.prepare("SELECT id FROM call_sessions WHERE user_id = ?1 AND status = 'active' LIMIT 1").bind(userId).first<{ id: string }>();
  return row?.id ?? null;
}

/** Creates the session and ends the user's pending ones nobody joined (a new token replaces them). */
export async function createCallSession(db: D1Database, input: { id: string; userId: string; voiceId: string; config: CallConfig; maxDurationSeconds: number; freeTier: boolean }): Promise<void> {
  await db.batch([
    db.prepare(`UPDATE call_sessions SET status = 'ended', end_reason = 'superseded', ended_at = ${NOW} WHERE user_id = ?1 AND status = 'pending'`).bind(input.userId),
    db
      .prepare("INSERT INTO call_sessions (id, user_id, room_name, voice_id, status, config, max_duration_seconds, free_tier) VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6, ?7)")
      .bind(input.id, input.userId, roomNameOf(input.id), input.voiceId, JSON.stringify(input.config), input.maxDurationSeconds, input.freeTier ? 1 : 0),
  ]);
}

export async function findCallSession(db: D1Database, id: string): Promise<CallSessionRow | null> {
  const row = await db.prepare("SELECT * FROM call_sessions WHERE id = ?1").bind(id).first<Row>();
  return row === null ? null : fromRow(row);
}

/** The agent's view of a session: the configuration plus who is calling. */
export async function agentSessionConfig(db: D1Database, id: string): Promise<AgentSessionConfig | null> {
  const row = await db
    .prepare("SELECT s.*, p.display_name, p.email, p.locale FROM call_sessions s JOIN profiles p ON p.id = s.user_id WHERE s.id = ?1")
    .bind(id)
    .first<Row & { display_name: string | null; email: string; locale: string }>();
  if (row === null) return null;
  const session = fromRow(row);
  return {
    sessionId: session.id,
    roomName: session.roomName,
    status: session.status,
    instructions: session.config.instructions,
    model: session.config.model,
    voice: session.config.voice,
    temperature: session.config.temperature,
    maxOutputTokens: session.config.maxOutputTokens,
    language: session.config.language,
    caller: { displayName: row.display_name ?? row.email.split("@")[0] ?? "there", locale: row.locale },
    maxDurationSeconds: session.maxDurationSeconds,
  };
}

/** The meter's running totals, on every bucket (so the allowance and the sweep see live calls). */
export async function recordCallProgress(db: D1Database, id: string, input: { startedAt: string; billedSeconds: number; creditsUsed: number }): Promise<void> {
  await db
    .prepare(
      `UPDATE call_sessions SET status = 'active', started_at = COALESCE(started_at, ?1), billed_seconds = MAX(billed_seconds, ?2), credits_used = MAX(credits_used, ?3), meter_seen_at = ${NOW}
       WHERE id = ?4 AND status IN ('pending', 'active')`,
    )
    .bind(input.startedAt, input.billedSeconds, input.creditsUsed, id)
    .run();
}

/**
 * Ends the session with its final figures and writes its one usage event, in one batch. The
 * event is unique per session (`UNIQUE (type, source_id)`), so replays write it once.
 */
export async function endCallSession(
  db: D1Database,
  session: { id: string; userId: string; model: string },
  input: { reason: CallEndReason; durationSeconds: number; billedSeconds: number; creditsUsed: number; startedAt: string | null },
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `UPDATE call_sessions SET status = 'ended', end_reason = COALESCE(end_reason, ?1), ended_at = COALESCE(ended_at, ${NOW}), duration_seconds = ?2,
           billed_seconds = MAX(billed_seconds, ?3), credits_used = MAX(credits_used, ?4), started_at = COALESCE(started_at, ?5), meter_seen_at = ${NOW}
         WHERE id = ?6`,
      )
      .bind(input.reason, input.durationSeconds, input.billedSeconds, input.creditsUsed, input.startedAt, session.id),
    db
      .prepare(
        `INSERT INTO usage_events (id, user_id, type, source_id, provider, model, credits_used, quantity, unit, metadata)
         VALUES (?1, ?2, 'call', ?3, 'livekit', ?4, ?5, ?6, 'seconds', ?7) ON CONFLICT (type, source_id) DO NOTHING`,
      )
      .bind(crypto.randomUUID(), session.userId, session.id, session.model, input.creditsUsed, input.durationSeconds, JSON.stringify({ endReason: input.reason, billedSeconds: input.billedSeconds })),
  ]);
}

/** Pending sessions created before `cutoff` (nobody joined: their token has long expired). */
export async function expirePendingCalls(db: D1Database, cutoff: string): Promise<number> {
  const result = await db.prepare(`UPDATE call_sessions SET status = 'ended', end_reason = 'not_joined', ended_at = ${NOW} WHERE status = 'pending' AND created_at < ?1`).bind(cutoff).run();
  return result.meta.changes ?? 0;
}

/** Active sessions whose meter has not acted since `cutoff`. */
export async function quietActiveCalls(db: D1Database, cutoff: string, limit: number): Promise<string[]> {
  const rows = await db.prepare("SELECT id FROM call_sessions WHERE status = 'active' AND (meter_seen_at IS NULL OR meter_seen_at < ?1) ORDER BY meter_seen_at LIMIT ?2").bind(cutoff, limit).all<{ id: string }>();
  return rows.results.map((row) => row.id);
}
