// The upload probe (format by content, duration measured by music-metadata, our acceptance rules)
// and the pitch estimator, on fixtures built in code (test/support/audio.ts).
import { describe, expect, it } from "vitest";
import { detectAudioFormat, probeAudio, ProbeError } from "../worker/services/audio-probe";
import { estimateWavPitchHz } from "../worker/services/pitch";
import { localPitchFor } from "../worker/providers/local-clone";
import { m4a, mp3, mp3FramesFor, ogg, voiceWav, wavFromPcm } from "./support/audio";

async function probeFails(bytes: Uint8Array): Promise<ProbeError> {
  try {
    await probeAudio(bytes);
  } catch (error) {
    if (error instanceof ProbeError) return error;
    throw error;
  }
  throw new Error("the probe accepted the file");
}

const seconds = async (bytes: Uint8Array) => (await probeAudio(bytes)).durationSeconds;

describe("WAV", () => {
  it("measures PCM of any common depth, rate and channel count from the fmt and data chunks", async () => {
    expect(await probeAudio(voiceWav({ seconds: 12 }))).toMatchObject({ format: "wav", codec: "pcm", contentType: "audio/wav", durationSeconds: 12, sampleRate: 16_000 });
    expect(await seconds(voiceWav({ seconds: 10.5, sampleRate: 44_100, channels: 2, bitsPerSample: 24 }))).toBeCloseTo(10.5, 6);
    expect(await seconds(voiceWav({ seconds: 3, sampleRate: 8_000, bitsPerSample: 8 }))).toBe(3);
  });

  it("reads to the end of the file when a streaming writer left the data size at 0 or 0xFFFFFFFF", async () => {
    const pcm = new Uint8Array(16_000 * 2 * 11);
    expect(await seconds(wavFromPcm(pcm, 16_000, 1, 16, 0))).toBe(11);
    expect(await seconds(wavFromPcm(pcm, 16_000, 1, 16, 0xffffffff))).toBe(11);
  });

  it("takes PCM in a WAVE_FORMAT_EXTENSIBLE header, which music-metadata leaves unnamed", async () => {
    const plain = voiceWav({ seconds: 12, channels: 2 });
    const fmt = new Uint8Array(48);
    const view = new DataView(fmt.buffer);
    fmt.set(plain.subarray(12, 36), 0);
    view.setUint32(4, 40, true);
    view.setUint16(8, 0xfffe, true);
    view.setUint16(24, 22, true); // cbSize
    view.setUint16(26, 16, true); // valid bits
    view.setUint32(28, 3, true); // channel mask
    view.setUint16(32, 1, true); // sub-format GUID: PCM
    const extensible = new Uint8Array(plain.byteLength + 24);
    extensible.set(plain.subarray(0, 12), 0);
    extensible.set(fmt, 12);
    extensible.set(plain.subarray(36), 60);
    new DataView(extensible.buffer).setUint32(4, extensible.byteLength - 8, true);
    expect(await probeAudio(extensible)).toMatchObject({ format: "wav", codec: "pcm", durationSeconds: 12 });
    expect(Math.abs(estimateWavPitchHz(extensible)! - 150)).toBeLessThan(1.5);
  });

  it("a data chunk stating more bytes than the file holds, or a header cut short, is an invalid (truncated) file", async () => {
    const whole = voiceWav({ seconds: 12 });
    // music-metadata alone would measure the 6 s present and only warn.
    expect(await probeFails(whole.subarray(0, whole.byteLength / 2))).toMatchObject({ kind: "invalid", message: "The WAV file is truncated." });
    expect((await probeFails(whole.subarray(0, 30))).kind).toBe("invalid");
    expect((await probeFails(whole.subarray(0, 30))).message).toMatch(/truncated|incomplete/);
  });

  it("refuses compressed audio inside a WAV container as unsupported", async () => {
    const wav = voiceWav({ seconds: 12 });
    new DataView(wav.buffer).setUint16(20, 0x55, true);
    expect((await probeFails(wav)).kind).toBe("unsupported");
  });
});

describe("MP3", () => {
  it("measures a constant-bitrate file after its ID3 tag", async () => {
    const probe = await probeAudio(mp3({ seconds: 12 }));
    expect(probe).toMatchObject({ format: "mp3", codec: "mp3", contentType: "audio/mpeg", sampleRate: 44_100 });
    expect(probe.durationSeconds).toBeCloseTo((mp3FramesFor(12) * 1152) / 44_100, 6);
    expect(await seconds(mp3({ seconds: 12, id3: false }))).toBeCloseTo(probe.durationSeconds, 6);
  });

  it("counts every frame of a variable-bitrate file that has no Xing header", async () => {
    // Two frame sizes: an estimate from the file size and the first frame's bitrate would be ~15 % off.
    expect(await seconds(mp3({ seconds: 12, vbr: true }))).toBeCloseTo((mp3FramesFor(12) * 1152) / 44_100, 6);
    expect(await seconds(mp3({ seconds: 12, vbr: true, id3: false }))).toBeCloseTo((mp3FramesFor(12) * 1152) / 44_100, 6);
  });

  it("takes the frame count of a Xing header, and calls a file far shorter than its Xing header says truncated", async () => {
    const declared = mp3FramesFor(60);
    const vbr = mp3({ seconds: 12, xing: "accurate" });
    expect(await seconds(vbr)).toBeCloseTo((mp3FramesFor(12) * 1152) / 44_100, 6);
    expect((await probeFails(mp3({ seconds: 12, xing: { frames: declared } }))).message).toMatch(/truncated/);
  });

  it("refuses MPEG layer II audio as unsupported and garbage after a tag as invalid", async () => {
    const layer2 = mp3({ seconds: 12, id3: false });
    for (let i = 0; i < layer2.byteLength; i += 417) if (layer2[i] === 0xff) layer2[i + 1] = 0xfd;
    expect((await probeFails(layer2)).kind).toBe("unsupported");
    const tagged = mp3({ seconds: 12 });
    tagged.fill(0x11, 210);
    expect((await probeFails(tagged)).kind).toBe("invalid");
  });
});

describe("OGG", () => {
  it("reads Opus duration from the last granule position minus the pre-skip, at 48 kHz", async () => {
    expect(await probeAudio(ogg({ seconds: 12, codec: "opus", preSkip: 3840 }))).toMatchObject({ format: "ogg", codec: "opus", contentType: "audio/ogg", durationSeconds: 12 });
  });

  it("reads Vorbis duration at the stream's own sample rate", async () => {
    expect(await probeAudio(ogg({ seconds: 30, codec: "vorbis", sampleRate: 22_050 }))).toMatchObject({ codec: "vorbis", durationSeconds: 30, sampleRate: 22_050 });
  });

  it("a page cut short, or a stream ending before its last page, is a truncated file; a codec other than Opus or Vorbis is unsupported", async () => {
    const file = ogg({ seconds: 12, codec: "opus" });
    expect((await probeFails(file.subarray(0, file.byteLength - 100))).message).toMatch(/truncated/);
    // Cut exactly between pages: every page is whole, but the end-of-stream page never came.
    const lastPage = file.byteLength - (27 + 3 + 600);
    expect(String.fromCharCode(...file.subarray(lastPage, lastPage + 4))).toBe("OggS");
    expect((await probeFails(file.subarray(0, lastPage))).message).toMatch(/truncated/);
    const flac = ogg({ seconds: 12, codec: "opus" });
    flac.set(new TextEncoder().encode("\u007fFLAC\u0001\u0000\u0000"), 28);
    expect((await probeFails(flac)).kind).toBe("unsupported");
  });
});

describe("M4A", () => {
  it("reads the sound track's mdhd duration, version 0 and 1, with moov first or last", async () => {
    expect(await probeAudio(m4a({ seconds: 12 }))).toMatchObject({ format: "m4a", codec: "MPEG-4/AAC", contentType: "audio/mp4", durationSeconds: 12, sampleRate: 44_100 });
    expect(await seconds(m4a({ seconds: 90, version: 1, timescale: 48_000, moovLast: true }))).toBe(90);
  });

  it("adds up a fragmented file's track runs", async () => {
    expect(await seconds(m4a({ seconds: 20, fragmented: true }))).toBe(20);
  });

  it("a box running past the end is a truncated file; a video is not an audio upload", async () => {
    const file = m4a({ seconds: 12, moovLast: true });
    expect((await probeFails(file.subarray(0, file.byteLength - 10))).message).toMatch(/truncated/);
    const moovFirst = m4a({ seconds: 12 });
    expect((await probeFails(moovFirst.subarray(0, moovFirst.byteLength - 10))).message).toMatch(/truncated/);
    expect((await probeFails(m4a({ seconds: 12, video: true }))).kind).toBe("unsupported");
  });
});

describe("format detection", () => {
  it("goes by content, never by name: text, FLAC, WebM and random bytes are unsupported; an empty file is invalid", async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(await detectAudioFormat(voiceWav({ seconds: 1 }))).toBe("wav");
    expect(await detectAudioFormat(mp3({ seconds: 1 }))).toBe("mp3");
    expect(await detectAudioFormat(ogg({ seconds: 1, codec: "vorbis" }))).toBe("ogg");
    expect(await detectAudioFormat(m4a({ seconds: 1 }))).toBe("m4a");
    expect((await probeFails(encode("just some notes, saved as voice.wav"))).kind).toBe("unsupported");
    expect((await probeFails(encode("fLaC\u0000\u0000\u0000\u0022"))).kind).toBe("unsupported");
    expect((await probeFails(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0]))).kind).toBe("unsupported");
    expect((await probeFails(crypto.getRandomValues(new Uint8Array(4096)).map((b) => (b === 0xff ? 0 : b)))).kind).toBe("unsupported");
    expect(await probeFails(new Uint8Array(0))).toMatchObject({ kind: "invalid", message: "The file is empty." });
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
