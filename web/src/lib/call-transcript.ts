/**
 * The live transcript of a call, as a pure reducer over LiveKit transcription streams (topic
 * `lk.transcription`). LiveKit Agents sends one stream per update: the agent's words arrive as
 * deltas inside one stream per segment, the caller's as a fresh stream for each interim and the
 * final version of a segment. So the text of a segment is whatever its latest stream has said so
 * far, keyed by `lk.segment_id` (the stream id when absent), in the order segments first appeared.
 */

export const TRANSCRIPTION_TOPIC = "lk.transcription";
/** Bounded, so a long call cannot grow the page without end. */
export const TRANSCRIPT_MAX_SEGMENTS = 200;

export type Speaker = "caller" | "agent";

export interface TranscriptSegment {
  id: string;
  speaker: Speaker;
  text: string;
  /** False while the words may still change (an interim transcript, a stream still open). */
  final: boolean;
}

/** A transcription stream's identifying facts, from its header. */
export interface TranscriptionStream {
  streamId: string;
  attributes: Record<string, string> | undefined;
  senderIdentity: string;
  localIdentity: string;
}

export function segmentIdOf(stream: Pick<TranscriptionStream, "streamId" | "attributes">): string {
  const id = stream.attributes?.["lk.segment_id"];
  return id !== undefined && id !== "" ? id : stream.streamId;
}

/** The caller's own words are published on the caller's behalf, under the caller's identity. */
export function speakerOf(stream: Pick<TranscriptionStream, "senderIdentity" | "localIdentity">): Speaker {
  return stream.senderIdentity === stream.localIdentity ? "caller" : "agent";
}

/**
 * The transcript after a stream has said `text` (everything it said so far). `done` is true once
 * the stream has closed: the agent's segment is then complete; the caller's is final only when
 * the stream says so (`lk.transcription_final`), since a later stream may still correct it.
 */
export function applyTranscription(transcript: readonly TranscriptSegment[], stream: TranscriptionStream, text: string, done: boolean): TranscriptSegment[] {
  const id = segmentIdOf(stream);
  const speaker = speakerOf(stream);
  const flagged = stream.attributes?.["lk.transcription_final"];
  const final = flagged === "true" || (done && (speaker === "agent" || flagged === undefined));
  const next: TranscriptSegment = { id, speaker, text, final };
  const index = transcript.findIndex((segment) => segment.id === id);
  if (index >= 0) {
    const copy = transcript.slice();
    copy[index] = next;
    return copy;
  }
  if (text.trim() === "") return transcript.slice();
  const appended = [...transcript, next];
  return appended.length > TRANSCRIPT_MAX_SEGMENTS ? appended.slice(appended.length - TRANSCRIPT_MAX_SEGMENTS) : appended;
}
