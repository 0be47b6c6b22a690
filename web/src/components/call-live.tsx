/**
 * The Call page's call area once Connect is pressed: connecting, then the live call (the agent's
 * state, the billed time and the time left, mute, sound, End), the live transcript, and the ended
 * call with the server's reason, its length and cost. Pages pass the state from useCall.
 */
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { AGENT_STATE_KEYS, END_REASON_KEYS, endReasonWantsCredits, remainingSeconds } from "../lib/call-budget";
import type { TranscriptSegment } from "../lib/call-transcript";
import type { CallPhase, LiveCall } from "../lib/use-call";
import { MicIcon, MicOffIcon, PhoneIcon, Spinner } from "./icons";
import { BuyCreditsLink } from "./result-panel";
import { Badge, Button } from "./ui";

/** Seconds since `startedAt` (null: not started), ticking every second. */
function useElapsed(startedAt: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [startedAt]);
  return startedAt === null ? 0 : Math.max(0, Math.floor((now - startedAt) / 1000));
}

const STATE_TONES = { initializing: "slate", idle: "slate", listening: "emerald", thinking: "amber", speaking: "rose" } as const;

function AgentStatus({ live, characterName }: { live: LiveCall & { phase: "connecting" | "live" }; characterName: string }) {
  const { t } = useI18n();
  if (live.phase === "connecting") {
    return (
      <p className="flex items-center gap-2 text-sm text-slate-100" data-testid="call-status" data-state="connecting">
        <Spinner className="size-4" />
        {t("call.connecting")}
      </p>
    );
  }
  if (!live.agentPresent) {
    return (
      <p className="flex items-center gap-2 text-sm text-slate-100" data-testid="call-status" data-state="waiting">
        <Spinner className="size-4" />
        {t("call.waitingForAgent", { name: characterName })}
      </p>
    );
  }
  const state = live.agentState ?? "initializing";
  return (
    <p className="flex min-w-0 items-center gap-2 text-sm text-slate-100" data-testid="call-status" data-state={state}>
      <span className="truncate font-semibold text-white">{characterName}</span>
      <Badge tone={STATE_TONES[state]}>
        <span className={`size-1.5 rounded-full bg-current ${state === "speaking" || state === "listening" ? "animate-pulse" : ""}`} />
        {t(AGENT_STATE_KEYS[state])}
      </Badge>
    </p>
  );
}

interface LiveProps {
  live: LiveCall & { phase: "connecting" | "live" };
  characterName: string;
  creditsPerMinute: number;
  onHangUp: () => void;
  onToggleMute: () => void;
  onStartAudio: () => void;
}

export function LiveCallPanel({ live, characterName, creditsPerMinute, onHangUp, onToggleMute, onStartAudio }: LiveProps) {
  const { t, formatDuration } = useI18n();
  const elapsed = useElapsed(live.startedAt);
  const left = remainingSeconds({ maxDurationSeconds: live.call.maxDurationSeconds, creditsAtStart: live.call.creditsRemaining, creditsPerMinute }, elapsed);
  return (
    <div className="space-y-4" data-testid="call-live">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-slate-900 px-4 py-3 text-white">
        <AgentStatus live={live} characterName={characterName} />
        <dl className="flex gap-5 text-sm">
          <div>
            <dt className="text-xs text-slate-300">{t("call.elapsed")}</dt>
            <dd className="font-semibold tabular-nums" data-testid="call-timer">
              {formatDuration(elapsed)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-300">{t("call.remaining")}</dt>
            <dd className="font-semibold tabular-nums" data-testid="call-remaining">
              {formatDuration(left)}
            </dd>
          </div>
        </dl>
      </div>
      {live.audioBlocked && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" role="status">
          <span>{t("call.audioBlocked")}</span>
          <Button size="sm" variant="secondary" onClick={onStartAudio}>
            {t("call.enableAudio")}
          </Button>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={onToggleMute} disabled={live.phase !== "live"} aria-pressed={live.muted} data-testid="call-mute">
          {live.muted ? <MicOffIcon className="size-5" /> : <MicIcon className="size-5" />}
          {live.muted ? t("call.unmute") : t("call.mute")}
        </Button>
        <Button variant="danger" onClick={onHangUp} className="flex-1 sm:flex-none" data-testid="call-hang-up">
          <PhoneIcon className="size-5 rotate-[135deg]" />
          {t("call.end")}
        </Button>
      </div>
    </div>
  );
}

export function EndedCallPanel({ ended, freeMinutes, onNewCall }: { ended: Extract<CallPhase, { phase: "ended" }>; freeMinutes: number; onNewCall: () => void }) {
  const { t, tp, formatDuration } = useI18n();
  const reason = ended.summary?.endReason ?? null;
  const message =
    reason !== null ? t(END_REASON_KEYS[reason], { minutes: freeMinutes }) : ended.how === "caller" ? t("call.end.caller_left") : ended.how === "connection" ? t("call.end.connection_lost") : t("call.end.room_finished");
  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-slate-50 p-4" data-testid="call-ended">
      <p className="font-semibold text-slate-900">{t("call.ended")}</p>
      {ended.loading ? (
        <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
          <Spinner className="size-4" />
          {t("call.checkingEnd")}
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-700" data-testid="call-end-reason" data-reason={reason ?? ended.how}>
            {message}
          </p>
          {ended.summary !== null && (
            <p className="text-xs tabular-nums text-slate-500" data-testid="call-summary">
              {formatDuration(ended.summary.durationSeconds)} · {tp("call.creditsUsed", ended.summary.creditsUsed)}
            </p>
          )}
        </>
      )}
      <div className="flex flex-wrap gap-2">
        {endReasonWantsCredits(reason) && <BuyCreditsLink />}
        <Button variant="secondary" size="sm" onClick={onNewCall} disabled={ended.loading}>
          {t("call.newCall")}
        </Button>
      </div>
    </div>
  );
}

export function Transcript({ segments, characterName }: { segments: readonly TranscriptSegment[]; characterName: string }) {
  const { t } = useI18n();
  const listRef = useRef<HTMLOListElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: segments is the trigger, so new words scroll into view
  useEffect(() => {
    const list = listRef.current;
    if (list !== null) list.scrollTop = list.scrollHeight;
  }, [segments]);
  return (
    <section aria-labelledby="call-transcript-heading">
      <h3 id="call-transcript-heading" className="mb-2 text-sm font-semibold text-slate-900">
        {t("call.transcript")}
      </h3>
      {segments.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-4 text-center text-sm text-slate-500">{t("call.transcriptEmpty")}</p>
      ) : (
        <ol ref={listRef} className="max-h-80 space-y-2 overflow-y-auto rounded-xl bg-slate-50 p-3" aria-live="polite" data-testid="call-transcript">
          {segments.map((segment) => (
            <li key={segment.id} className={`flex ${segment.speaker === "caller" ? "justify-end" : "justify-start"}`}>
              <p className={`max-w-[85%] rounded-2xl px-3 py-2 text-sm ${segment.speaker === "caller" ? "bg-slate-900 text-white" : "bg-white text-slate-900 ring-1 ring-slate-200"} ${segment.final ? "" : "opacity-70"}`}>
                <span className="block text-[0.7rem] font-semibold opacity-70">{segment.speaker === "caller" ? t("call.you") : characterName}</span>
                {segment.text}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
