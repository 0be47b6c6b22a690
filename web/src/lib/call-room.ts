/**
 * The one module that touches livekit-client (so it loads only with the Call page's chunk): joins
 * the call's room with the token, turns the microphone on, plays the agent's audio, follows the
 * agent participant (kind AGENT) and its `lk.agent.state` attribute, feeds the live transcript from
 * `lk.transcription` text streams, and reports how the room went away — the caller hanging up, or
 * the server ending the call (room deleted) or the connection dropping.
 */
import { DisconnectReason, ParticipantKind, Room, RoomEvent, Track, type Participant, type RemoteParticipant, type RemoteTrack, type TextStreamReader } from "livekit-client";
import { parseAgentState, type AgentState } from "./call-budget";
import { applyTranscription, TRANSCRIPTION_TOPIC, type TranscriptSegment } from "./call-transcript";

/** How long joining may take before we give up (LiveKit's own timeouts are 15 s per attempt). */
const CONNECT_TIMEOUT_MS = 20_000;

export type CallEnd = "caller" | "server" | "connection";

export interface CallRoomListener {
  /** The agent joined, changed state or left (`present` false). */
  onAgent: (agent: { present: boolean; state: AgentState | null }) => void;
  onTranscript: (segments: TranscriptSegment[]) => void;
  /** The browser refused to play audio without a gesture: the page offers a button (startAudio). */
  onAudioBlocked: (blocked: boolean) => void;
  /** The room is gone; fired once. */
  onEnded: (how: CallEnd) => void;
}

/** Why joining failed: the room could not be reached, or the microphone was refused or missing. */
export class CallJoinError extends Error {
  constructor(
    readonly kind: "connect" | "microphone",
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "CallJoinError";
  }
}

function isAgent(participant: Participant): boolean {
  return participant.kind === ParticipantKind.AGENT;
}

export class CallRoom {
  private readonly room = new Room({ adaptiveStream: true, dynacast: true, audioCaptureDefaults: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
  private readonly audio = new Map<string, HTMLMediaElement>();
  private transcript: TranscriptSegment[] = [];
  private joined = false;
  private hangingUp = false;
  private ended = false;

  constructor(private readonly listener: CallRoomListener) {
    const room = this.room;
    room.on(RoomEvent.ParticipantConnected, (participant) => this.agentChanged(participant));
    room.on(RoomEvent.ParticipantDisconnected, (participant) => {
      if (isAgent(participant)) this.listener.onAgent({ present: false, state: null });
    });
    room.on(RoomEvent.ParticipantAttributesChanged, (_changed, participant) => this.agentChanged(participant));
    room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => this.play(track, participant));
    room.on(RoomEvent.TrackUnsubscribed, (track) => this.stop(track));
    room.on(RoomEvent.AudioPlaybackStatusChanged, () => this.listener.onAudioBlocked(!room.canPlaybackAudio));
    room.on(RoomEvent.Disconnected, (reason) => this.finish(reason));
    room.registerTextStreamHandler(TRANSCRIPTION_TOPIC, (reader, { identity }) => void this.readTranscription(reader, identity));
  }

  /** Joins and publishes the microphone; throws CallJoinError (and leaves the room) when either fails. */
  async join(url: string, token: string): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`No connection to ${url} within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
      });
      await Promise.race([this.room.connect(url, token, { autoSubscribe: true }), timeout]);
    } catch (error) {
      this.ended = true;
      await this.room.disconnect().catch(() => undefined);
      throw new CallJoinError("connect", error);
    } finally {
      clearTimeout(timer);
    }
    this.joined = true;
    try {
      await this.room.localParticipant.setMicrophoneEnabled(true);
    } catch (error) {
      this.ended = true;
      await this.room.disconnect().catch(() => undefined);
      throw new CallJoinError("microphone", error);
    }
    for (const participant of this.room.remoteParticipants.values()) this.agentChanged(participant);
    this.listener.onAudioBlocked(!this.room.canPlaybackAudio);
  }

  async setMuted(muted: boolean): Promise<void> {
    await this.room.localParticipant.setMicrophoneEnabled(!muted);
  }

  /** Plays audio the browser blocked; call from a click. */
  async startAudio(): Promise<void> {
    await this.room.startAudio();
    this.listener.onAudioBlocked(!this.room.canPlaybackAudio);
  }

  /** Whether the caller hung up (also while still joining). */
  get hungUp(): boolean {
    return this.hangingUp;
  }

  /** Hangs up. */
  async hangUp(): Promise<void> {
    this.hangingUp = true;
    await this.room.disconnect();
  }

  private agentChanged(participant: Participant): void {
    if (!isAgent(participant)) return;
    this.listener.onAgent({ present: true, state: parseAgentState(participant.attributes["lk.agent.state"]) });
  }

  private play(track: RemoteTrack, participant: RemoteParticipant): void {
    if (track.kind !== Track.Kind.Audio || this.audio.has(track.sid ?? "")) return;
    const element = track.attach();
    element.dataset.callAudio = participant.identity;
    element.hidden = true;
    document.body.append(element);
    this.audio.set(track.sid ?? "", element);
  }

  private stop(track: RemoteTrack): void {
    for (const element of track.detach()) element.remove();
    this.audio.delete(track.sid ?? "");
  }

  private async readTranscription(reader: TextStreamReader, identity: string): Promise<void> {
    const stream = { streamId: reader.info.id, attributes: reader.info.attributes, senderIdentity: identity, localIdentity: this.room.localParticipant.identity };
    let text = "";
    try {
      for await (const chunk of reader) {
        text += chunk;
        this.update(stream, text, false);
      }
    } catch {
      // A stream cut off by the room closing: keep what arrived.
    }
    this.update(stream, text, true);
  }

  private update(stream: Parameters<typeof applyTranscription>[1], text: string, done: boolean): void {
    this.transcript = applyTranscription(this.transcript, stream, text, done);
    this.listener.onTranscript(this.transcript);
  }

  private finish(reason: DisconnectReason | undefined): void {
    for (const element of this.audio.values()) element.remove();
    this.audio.clear();
    if (this.ended || !this.joined) return;
    this.ended = true;
    const how: CallEnd = this.hangingUp || reason === DisconnectReason.CLIENT_INITIATED ? "caller" : reason === DisconnectReason.ROOM_DELETED || reason === DisconnectReason.PARTICIPANT_REMOVED ? "server" : "connection";
    this.listener.onEnded(how);
  }
}
