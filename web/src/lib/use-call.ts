/**
 * The life of one call on the Call page: token request → joining the room (microphone on) →
 * live (agent present and its state, billing clock from the agent's arrival, transcript, mute,
 * blocked audio) → ended, with the server's account of why and what it cost, after which the
 * balance and statement are refetched. One call at a time; leaving the page hangs up.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { CallSessionResponse, CallTokenRequest, CallTokenResponse } from "../../../worker/shared/calls";
import { api } from "../api/client";
import type { UserFacingError } from "../api/error-messages";
import { queryKeys } from "../api/queries";
import { useI18n } from "../i18n/i18n";
import type { AgentState } from "./call-budget";
import { describeCallError } from "./call-request";
import { CallJoinError, CallRoom, type CallEnd } from "./call-room";
import type { TranscriptSegment } from "./call-transcript";

/** How often and how long to ask for the session's end reason after the room closed. */
const SUMMARY_POLL_MS = 1_000;
const SUMMARY_ATTEMPTS = 8;

export interface LiveCall {
  call: CallTokenResponse;
  agentPresent: boolean;
  agentState: AgentState | null;
  /** When the agent first arrived (billing starts with both in the room), or null. */
  startedAt: number | null;
  muted: boolean;
  audioBlocked: boolean;
}

export type CallPhase =
  | { phase: "idle" }
  | { phase: "requesting" }
  /** Joining the room (connecting), then in it (live). */
  | ({ phase: "connecting" | "live" } & LiveCall)
  | { phase: "ended"; call: CallTokenResponse; how: CallEnd; summary: CallSessionResponse | null; loading: boolean }
  | { phase: "failed"; error: UserFacingError };

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function useCall() {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [state, setState] = useState<CallPhase>({ phase: "idle" });
  const [transcript, setTranscript] = useState<TranscriptSegment[]>([]);
  const roomRef = useRef<CallRoom | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      void roomRef.current?.hangUp().catch(() => undefined);
      roomRef.current = null;
    };
  }, []);

  const update = useCallback((change: (live: LiveCall) => Partial<LiveCall>) => {
    setState((current) => (current.phase === "live" || current.phase === "connecting" ? { ...current, ...change(current) } : current));
  }, []);

  const refreshBalance = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    void queryClient.invalidateQueries({ queryKey: queryKeys.transactions });
  }, [queryClient]);

  /** Asks the server why the call ended until it has recorded the end (the meter closes it). */
  const settle = useCallback(
    async (call: CallTokenResponse, how: CallEnd) => {
      setState({ phase: "ended", call, how, summary: null, loading: true });
      let summary: CallSessionResponse | null = null;
      for (let attempt = 0; attempt < SUMMARY_ATTEMPTS && mounted.current; attempt++) {
        try {
          summary = await api.callSession(call.sessionId);
          if (summary.status === "ended" || summary.status === "failed") break;
        } catch {
          // Try again; the outcome is shown without the summary if the server never answers.
        }
        await wait(SUMMARY_POLL_MS);
      }
      refreshBalance();
      if (mounted.current) setState({ phase: "ended", call, how, summary, loading: false });
    },
    [refreshBalance],
  );

  const connect = useCallback(
    async (request: CallTokenRequest) => {
      if (roomRef.current !== null) return;
      setTranscript([]);
      setState({ phase: "requesting" });
      let call: CallTokenResponse;
      try {
        call = await api.callToken(request);
      } catch (error) {
        refreshBalance();
        setState({ phase: "failed", error: describeCallError(error, i18n) });
        return;
      }
      const room = new CallRoom({
        onAgent: ({ present, state: agentState }) => update((live) => ({ agentPresent: present, agentState, startedAt: live.startedAt ?? (present ? Date.now() : null) })),
        onTranscript: (segments) => setTranscript(segments),
        onAudioBlocked: (audioBlocked) => update(() => ({ audioBlocked })),
        onEnded: (how) => {
          if (roomRef.current === room) roomRef.current = null;
          void settle(call, how);
        },
      });
      roomRef.current = room;
      setState({ phase: "connecting", call, agentPresent: false, agentState: null, startedAt: null, muted: false, audioBlocked: false });
      try {
        await room.join(call.url, call.token);
        setState((current) => (current.phase === "connecting" ? { ...current, phase: "live" } : current));
      } catch (error) {
        if (roomRef.current === room) roomRef.current = null;
        if (room.hungUp) {
          setState({ phase: "idle" });
          return;
        }
        const kind = error instanceof CallJoinError ? error.kind : "connect";
        console.warn("The call could not start", error);
        setState({ phase: "failed", error: { message: i18n.t(kind === "microphone" ? "call.error.microphone" : "call.error.connect") } });
      }
    },
    [i18n, refreshBalance, settle, update],
  );

  const hangUp = useCallback(() => void roomRef.current?.hangUp().catch(() => undefined), []);

  const toggleMute = useCallback(() => {
    const room = roomRef.current;
    if (room === null || state.phase !== "live") return;
    const muted = !state.muted;
    void room.setMuted(muted).then(
      () => update(() => ({ muted })),
      () => undefined,
    );
  }, [state, update]);

  const startAudio = useCallback(() => void roomRef.current?.startAudio().catch(() => undefined), []);

  const reset = useCallback(() => {
    if (roomRef.current === null) setState({ phase: "idle" });
  }, []);

  return { state, transcript, connect, hangUp, toggleMute, startAudio, reset };
}
