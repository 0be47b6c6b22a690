// The upload probe (format by content, duration from the container) and the pitch estimator,
// on fixtures built in code (test/support/audio.ts).
import { describe, expect, it } from "vitest";
import { detectAudioFormat, probeAudio, ProbeError } from "../worker/services/audio-probe";
import { estimateWavPitchHz } from "../worker/services/pitch";
import { localPitchFor } from "../worker/providers/local-clone";
import { m4a, mp3, mp3FramesFor, ogg, voiceWav, wavFromPcm } from "./support/audio";

function probeFails(bytes: Uint8Array): ProbeError {
  try {
    probeAudio(bytes);
  } catch (error) {
    if (error instanceof ProbeError) return error;
    throw error;
  }
  throw new Error("the probe accepted the file");
}

describe("WAV", () => {
  it("measures PCM of any common depth, rate and channel count from the fmt and data chunks", () => {
    expect(probeAudio(voiceWav({ seconds: 12 }))).toMatchObject({ format: "wav", codec: "pcm", contentType: "audio/wav", durationSeconds: 12, sampleRate: 16_000 });
    expect(probeAudio(voiceWav({ seconds: 10.5, sampleRate: 44_100, channels: 2, bitsPerSample: 24 })).durationSeconds).toBeCloseTo(10.5, 6);
    expect(probeAudio(voiceWav({ seconds: 3, sampleRate: 8_000, bitsPerSample: 8 })).durationSeconds).toBe(3);
  });

  it("reads to the end of the file when a streaming writer left the data size at 0 or 0xFFFFFFFF", () => {
    const pcm = new Uint8Array(16_000 * 2 * 11);
    expect(probeAudio(wavFromPcm(pcm, 16_000, 1, 16, 0)).durationSeconds).toBe(11);
    expect(probeAudio(wavFromPcm(pcm, 16_000, 1, 16, 0xffffffff)).durationSeconds).toBe(11);
  });

  it("a data chunk shorter than its header says, or a header cut short, is an invalid (truncated) file", () => {
    const whole = voiceWav({ seconds: 12 });
    expect(probeFails(whole.subarray(0, whole.byteLength / 2)).kind).toBe("invalid");
    expect(probeFails(whole.subarray(0, 30)).kind).toBe("invalid");
    expect(probeFails(whole.subarray(0, 30)).message).toMatch(/truncated|incomplete/);
  });

  it("refuses compressed audio inside a WAV container as unsupported", () => {
    const wav = voiceWav({ seconds: 12 });
    new DataView(wav.buffer).setUint16(20, 0x55, true);
    expect(probeFails(wav).kind).toBe("unsupported");
  });
});

describe("MP3", () => {
  it("counts the frames of a constant-bitrate file after its ID3 tag", () => {
    const probe = probeAudio(mp3({ seconds: 12 }));
    expect(probe).toMatchObject({ format: "mp3", codec: "mp3", contentType: "audio/mpeg", sampleRate: 44_100 });
    expect(probe.durationSeconds).toBeCloseTo((mp3FramesFor(12) * 1152) / 44_100, 6);
    expect(probeAudio(mp3({ seconds: 12, id3: false })).durationSeconds).toBeCloseTo(probe.durationSeconds, 6);
  });

  it("takes the frame count of a Xing header, and calls a file far shorter than its Xing size truncated", () => {
    const declared = mp3FramesFor(60);
    const vbr = mp3({ seconds: 12, xing: "accurate" });
    expect(probeAudio(vbr).durationSeconds).toBeCloseTo((mp3FramesFor(12) * 1152) / 44_100, 6);
    expect(probeFails(mp3({ seconds: 12, xing: { frames: declared } })).message).toMatch(/truncated/);
  });

  it("refuses MPEG layer II audio as unsupported and garbage after a tag as invalid", () => {
    const layer2 = mp3({ seconds: 12, id3: false });
    for (let i = 0; i < layer2.byteLength; i += 417) if (layer2[i] === 0xff) layer2[i + 1] = 0xfd;
    expect(probeFails(layer2).kind).toBe("unsupported");
    const tagged = mp3({ seconds: 12 });
    tagged.fill(0x11, 210);
    expect(probeFails(tagged).kind).toBe("invalid");
  });
});

describe("OGG", () => {
  it("reads Opus duration from the last granule position minus the pre-skip, at 48 kHz", () => {
    expect(probeAudio(ogg({ seconds: 12, codec: "opus", preSkip: 3840 }))).toMatchObject({ format: "ogg", codec: "opus", contentType: "audio/ogg", durationSeconds: 12 });
  });

  it("reads Vorbis duration at the stream's own sample rate", () => {
    expect(probeAudio(ogg({ seconds: 30, codec: "vorbis", sampleRate: 22_050 }))).toMatchObject({ codec: "vorbis", durationSeconds: 30, sampleRate: 22_050 });
  });

  it("a page cut short is a truncated file; a codec other than Opus or Vorbis is unsupported", () => {
    const file = ogg({ seconds: 12, codec: "opus" });
    expect(probeFails(file.subarray(0, file.byteLength - 100)).message).toMatch(/truncated/);
    const flac = ogg({ seconds: 12, codec: "opus" });
    flac.set(new TextEncoder().encode("\u007fFLAC\u0001\u0000\u0000"), 28);
    expect(probeFails(flac).kind).toBe("unsupported");
  });
});

describe("M4A", () => {
  it("reads the sound track's mdhd duration, version 0 and 1, with moov first or last", () => {
    expect(probeAudio(m4a({ seconds: 12 }))).toMatchObject({ format: "m4a", codec: "mp4a", contentType: "audio/mp4", durationSeconds: 12, sampleRate: 44_100 });
    expect(probeAudio(m4a({ seconds: 90, version: 1, timescale: 48_000, moovLast: true })).durationSeconds).toBe(90);
  });

  it("reads a fragmented file's duration from mvex/mehd", () => {
    expect(probeAudio(m4a({ seconds: 20, fragmented: true })).durationSeconds).toBe(20);
  });

  it("a box running past the end is a truncated file; a video is not an audio upload", () => {
    const file = m4a({ seconds: 12, moovLast: true });
    expect(probeFails(file.subarray(0, file.byteLength - 10)).message).toMatch(/truncated/);
    expect(probeFails(m4a({ seconds: 12, video: true })).kind).toBe("unsupported");
  });
});

describe("format detection", () => {
  it("goes by content, never by name: text, FLAC, WebM and random bytes are unsupported; an empty file is invalid", () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(detectAudioFormat(voiceWav({ seconds: 1 }))).toBe("wav");
    expect(probeFails(encode("just some notes, saved as voice.wav")).kind).toBe("unsupported");
    expect(probeFails(encode("fLaC\u0000\u0000\u0000\u0022")).kind).toBe("unsupported");
    expect(probeFails(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0])).kind).toBe("unsupported");
    expect(probeFails(crypto.getRandomValues(new Uint8Array(4096)).map((b) => (b === 0xff ? 0 : b))).kind).toBe("unsupported");
    expect(probeFails(new Uint8Array(0))).toMatchObject({ kind: "invalid", message: "The file is empty." });
  });
});

describe("pitch", () => {
  it("finds the fundamental of a harmonic, voice-like tone within 1 % at any sample rate", () => {
    for (const [pitchHz, sampleRate] of [
      [85, 16_000],
      [120, 44_100],
      [210, 48_000],
      [330, 8_000],
    ] as const) {
      const estimate = estimateWavPitchHz(voiceWav({ seconds: 12, pitchHz, sampleRate }))!;
      expect(Math.abs(estimate - pitchHz) / pitchHz).toBeLessThan(0.01);
    }
  });

  it("ignores the pauses between syllables and mixes stereo down", () => {
    const estimate = estimateWavPitchHz(voiceWav({ seconds: 12, pitchHz: 180, channels: 2, syllables: true }))!;
    expect(Math.abs(estimate - 180)).toBeLessThan(1.8);
  });

  it("has no answer for silence", () => {
    expect(estimateWavPitchHz(voiceWav({ seconds: 12, pitchHz: 0 }))).toBeNull();
  });

  it("maps low voices to the language's own eSpeak voice and high ones to the f1 variant, clamped to 0–99", () => {
    expect(localPitchFor(null)).toEqual({ variant: "neutral" });
    expect(localPitchFor(101)).toEqual({ variant: "neutral", pitch: 50 });
    expect(localPitchFor(40)).toEqual({ variant: "neutral", pitch: 0 });
    expect(localPitchFor(220)).toEqual({ variant: "female1", pitch: 70 });
    expect(localPitchFor(480)).toEqual({ variant: "female1", pitch: 99 });
  });
});
