import { describe, expect, it } from "vitest";
import { CLONE_FILE_MAX_BYTES, MAX_RECORDING_SECONDS, sniffAudioFormat } from "./clone-input";
import { encodeWav16, mixToMono, toInt16, wavByteLength, wavSampleRateFor } from "./wav";

/** Reads back what a WAV says about itself, independently of the encoder. */
function parseWav(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  const samples: number[] = [];
  const dataBytes = view.getUint32(40, true);
  for (let offset = 44; offset < 44 + dataBytes; offset += 2) samples.push(view.getInt16(offset, true));
  return {
    riff: text(0),
    riffSize: view.getUint32(4, true),
    wave: text(8),
    fmt: text(12),
    fmtSize: view.getUint32(16, true),
    audioFormat: view.getUint16(20, true),
    channels: view.getUint16(22, true),
    sampleRate: view.getUint32(24, true),
    byteRate: view.getUint32(28, true),
    blockAlign: view.getUint16(32, true),
    bitsPerSample: view.getUint16(34, true),
    data: text(36),
    dataBytes,
    samples,
  };
}

describe("WAV encoder (16-bit PCM, mono)", () => {
  it("writes a canonical 44-byte header that describes the samples", () => {
    const wav = parseWav(encodeWav16(new Float32Array(1000), 16_000));
    expect(wav).toMatchObject({
      riff: "RIFF",
      riffSize: 36 + 2000,
      wave: "WAVE",
      fmt: "fmt ",
      fmtSize: 16,
      audioFormat: 1,
      channels: 1,
      sampleRate: 16_000,
      byteRate: 32_000,
      blockAlign: 2,
      bitsPerSample: 16,
      data: "data",
      dataBytes: 2000,
    });
  });

  it("is exactly header plus two bytes per sample", () => {
    expect(encodeWav16(new Float32Array(12_345), 24_000).byteLength).toBe(44 + 2 * 12_345);
    expect(wavByteLength(12_345)).toBe(44 + 2 * 12_345);
    expect(encodeWav16(new Float32Array(0), 8_000).byteLength).toBe(44);
  });

  it("maps full scale to the 16-bit range, rounds, and clips what is outside [-1, 1]", () => {
    const samples = Float32Array.from([0, 1, -1, 0.5, -0.5, 2, -3, Number.NaN]);
    expect(parseWav(encodeWav16(samples, 8_000)).samples).toEqual([0, 32767, -32768, 16384, -16384, 32767, -32768, 0]);
    expect(toInt16(0.25)).toBe(8192);
    expect(toInt16(-0.25)).toBe(-8192);
  });

  it("round-trips a tone within one quantisation step", () => {
    const rate = 16_000;
    const tone = Float32Array.from({ length: rate / 10 }, (_, index) => 0.8 * Math.sin((2 * Math.PI * 150 * index) / rate));
    const decoded = parseWav(encodeWav16(tone, rate)).samples.map((value) => value / (value < 0 ? 0x8000 : 0x7fff));
    const worst = Math.max(...decoded.map((value, index) => Math.abs(value - tone[index]!)));
    expect(worst).toBeLessThan(1 / 0x7fff);
  });

  it("produces a file the clone form recognises as WAV by its bytes", () => {
    expect(sniffAudioFormat(encodeWav16(new Float32Array(100), 16_000))).toBe("wav");
  });

  it("refuses a sample rate that cannot be written", () => {
    expect(() => encodeWav16(new Float32Array(1), 0)).toThrow(RangeError);
    expect(() => encodeWav16(new Float32Array(1), 44_100.5)).toThrow(RangeError);
  });
});

describe("mixing to mono", () => {
  it("averages the channels and leaves mono untouched", () => {
    expect([...mixToMono([Float32Array.from([1, 0.5]), Float32Array.from([0, -0.5])])]).toEqual([0.5, 0]);
    const mono = Float32Array.from([0.1, 0.2]);
    expect(mixToMono([mono])).toBe(mono);
    expect(mixToMono([]).length).toBe(0);
  });
});

describe("recording sample rate within the upload limit", () => {
  it("keeps 24 kHz while it fits and steps down as recordings get longer", () => {
    expect(wavSampleRateFor(12, CLONE_FILE_MAX_BYTES)).toBe(24_000);
    expect(wavSampleRateFor(98, CLONE_FILE_MAX_BYTES)).toBe(24_000);
    expect(wavSampleRateFor(99, CLONE_FILE_MAX_BYTES)).toBe(22_050);
    expect(wavSampleRateFor(120, CLONE_FILE_MAX_BYTES)).toBe(16_000);
  });

  it("always fits the longest recording the recorder allows, at 16 kHz or better", () => {
    const rate = wavSampleRateFor(MAX_RECORDING_SECONDS, CLONE_FILE_MAX_BYTES);
    expect(rate).not.toBeNull();
    expect(rate!).toBeGreaterThanOrEqual(16_000);
    expect(wavByteLength(Math.round(MAX_RECORDING_SECONDS * rate!))).toBeLessThanOrEqual(CLONE_FILE_MAX_BYTES);
  });

  it("says when nothing fits", () => {
    expect(wavSampleRateFor(600, CLONE_FILE_MAX_BYTES)).toBeNull();
  });
});
