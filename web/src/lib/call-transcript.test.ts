import { describe, expect, it } from "vitest";
import { TRANSCRIPT_MAX_SEGMENTS, applyTranscription, type TranscriptSegment, type TranscriptionStream } from "./call-transcript";

const CALLER = "user-1";
const stream = (streamId: string, sender: string, attributes?: Record<string, string>): TranscriptionStream => ({ streamId, attributes, senderIdentity: sender, localIdentity: CALLER });

describe("live transcript", () => {
  it("grows the agent's segment as its stream delivers words, and completes it when the stream closes", () => {
    const agent = stream("s1", "agent-7", { "lk.segment_id": "seg-a", "lk.transcription_final": "false" });
    let transcript: TranscriptSegment[] = [];
    transcript = applyTranscription(transcript, agent, "Hello", false);
    transcript = applyTranscription(transcript, agent, "Hello there!", false);
    expect(transcript).toEqual([{ id: "seg-a", speaker: "agent", text: "Hello there!", final: false }]);
    transcript = applyTranscription(transcript, agent, "Hello there!", true);
    expect(transcript).toEqual([{ id: "seg-a", speaker: "agent", text: "Hello there!", final: true }]);
  });

  it("replaces the caller's interim text with later streams of the same segment until one is final", () => {
    let transcript: TranscriptSegment[] = [];
    transcript = applyTranscription(transcript, stream("i1", CALLER, { "lk.segment_id": "seg-u", "lk.transcription_final": "false" }), "how is the", true);
    expect(transcript[0]).toEqual({ id: "seg-u", speaker: "caller", text: "how is the", final: false });
    transcript = applyTranscription(transcript, stream("i2", CALLER, { "lk.segment_id": "seg-u", "lk.transcription_final": "true" }), "How is the weather?", true);
    expect(transcript).toEqual([{ id: "seg-u", speaker: "caller", text: "How is the weather?", final: true }]);
  });

  it("keeps segments in the order they first appeared, and keys by stream id without a segment id", () => {
    let transcript: TranscriptSegment[] = [];
    transcript = applyTranscription(transcript, stream("a", "agent-7"), "One", true);
    transcript = applyTranscription(transcript, stream("b", CALLER), "Two", true);
    transcript = applyTranscription(transcript, stream("a", "agent-7"), "One, corrected", true);
    expect(transcript.map((segment) => [segment.id, segment.speaker, segment.text])).toEqual([
      ["a", "agent", "One, corrected"],
      ["b", "caller", "Two"],
    ]);
  });

  it("ignores a new segment with nothing said yet, and never mutates the previous transcript", () => {
    const before: TranscriptSegment[] = [{ id: "x", speaker: "agent", text: "Hi", final: true }];
    const after = applyTranscription(before, stream("y", "agent-7"), "   ", false);
    expect(after).toEqual(before);
    expect(after).not.toBe(before);
  });

  it("keeps only the latest segments of a long call", () => {
    let transcript: TranscriptSegment[] = [];
    for (let index = 0; index < TRANSCRIPT_MAX_SEGMENTS + 5; index++) transcript = applyTranscription(transcript, stream(`s${index}`, "agent-7"), `line ${index}`, true);
    expect(transcript).toHaveLength(TRANSCRIPT_MAX_SEGMENTS);
    expect(transcript[0]?.text).toBe("line 5");
  });
});
