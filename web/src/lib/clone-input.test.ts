import { describe, expect, it } from "vitest";
import { estimateCloneCredits } from "../../../worker/shared/pricing";
import en from "../i18n/messages/en";
import fr from "../i18n/messages/fr";
import { createTranslator } from "../i18n/translate";
import {
  CLONE_FILE_MAX_BYTES,
  CLONE_TEXT_MAX_CODE_POINTS,
  cloneEstimate,
  decodeRateFor,
  wavSampleRate,
  cloneFormProblem,
  cloneTextCount,
  formatFileSize,
  referenceProblem,
  sniffAudioFormat,
  type CloneFormInput,
} from "./clone-input";
import { encodeWav16 } from "./wav";

const bytes = (...parts: Array<string | number[]>) => Uint8Array.from(parts.flatMap((part) => (typeof part === "string" ? [...part].map((char) => char.charCodeAt(0)) : part)));
const pad = (length: number) => new Array<number>(length).fill(0);

describe("format by content, never by name", () => {
  it("recognises WAV with PCM, float or extensible samples, and refuses compressed WAV", () => {
    const wav = (tag: number) => bytes("RIFF", pad(4), "WAVE", "fmt ", [16, 0, 0, 0], [tag & 0xff, tag >> 8], pad(14), "data", pad(4));
    expect(sniffAudioFormat(wav(1))).toBe("wav");
    expect(sniffAudioFormat(wav(3))).toBe("wav");
    expect(sniffAudioFormat(wav(0xfffe))).toBe("wav");
    expect(sniffAudioFormat(wav(2))).toBeNull(); // MS ADPCM
    expect(sniffAudioFormat(encodeWav16(new Float32Array(8), 8_000))).toBe("wav");
  });
  it("recognises MP3 by its ID3 tag or a Layer III frame, not AAC's ADTS frame", () => {
    expect(sniffAudioFormat(bytes("ID3", [4, 0, 0]))).toBe("mp3");
    expect(sniffAudioFormat(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe("mp3");
    expect(sniffAudioFormat(bytes([0xff, 0xf3, 0x90, 0x64]))).toBe("mp3"); // MPEG 2 Layer III
    expect(sniffAudioFormat(bytes([0xff, 0xf1, 0x50, 0x80]))).toBeNull(); // AAC ADTS
    expect(sniffAudioFormat(bytes([0xff, 0xfd, 0x90, 0x64]))).toBeNull(); // Layer II
  });
  it("recognises Ogg with Opus or Vorbis and refuses other Ogg streams", () => {
    const ogg = (codec: string) => bytes("OggS", pad(24), codec, pad(8));
    expect(sniffAudioFormat(ogg("OpusHead"))).toBe("ogg");
    expect(sniffAudioFormat(ogg("\x01vorbis"))).toBe("ogg");
    expect(sniffAudioFormat(ogg("\x7fFLAC"))).toBeNull();
  });
  it("recognises M4A by its ftyp box", () => {
    expect(sniffAudioFormat(bytes(pad(3), [0x20], "ftypM4A ", pad(8)))).toBe("m4a");
  });
  it("refuses WebM (what MediaRecorder writes), FLAC, text and nothing", () => {
    expect(sniffAudioFormat(bytes([0x1a, 0x45, 0xdf, 0xa3], pad(12)))).toBeNull();
    expect(sniffAudioFormat(bytes("fLaC", pad(12)))).toBeNull();
    expect(sniffAudioFormat(bytes("This is not audio at all."))).toBeNull();
    expect(sniffAudioFormat(new Uint8Array(0))).toBeNull();
  });
});

describe("recording rules at their boundaries (the server's order and rounding)", () => {
  const ok = { size: 500_000, format: "wav" as const, durationSeconds: 12, speechSeconds: 8 };
  it("accepts 10.0 s and refuses 9.9 s; milliseconds are rounded as the server rounds them", () => {
    expect(referenceProblem({ ...ok, durationSeconds: 10 })).toBeNull();
    expect(referenceProblem({ ...ok, durationSeconds: 9.9 })).toBe("too_short");
    expect(referenceProblem({ ...ok, durationSeconds: 9.9996 })).toBeNull();
    expect(referenceProblem({ ...ok, durationSeconds: 9.9994 })).toBe("too_short");
  });
  it("accepts 5:00 and refuses 5:01", () => {
    expect(referenceProblem({ ...ok, durationSeconds: 300 })).toBeNull();
    expect(referenceProblem({ ...ok, durationSeconds: 301 })).toBe("too_long");
    expect(referenceProblem({ ...ok, durationSeconds: 300.0004 })).toBeNull();
  });
  it("accepts 4,718,592 bytes and refuses one byte more", () => {
    expect(referenceProblem({ ...ok, size: 4_718_592 })).toBeNull();
    expect(referenceProblem({ ...ok, size: 4_718_593 })).toBe("too_large");
  });
  it("refuses an empty file first, then size before type, then type before length", () => {
    expect(referenceProblem({ size: 0, format: null, durationSeconds: null, speechSeconds: null })).toBe("empty");
    expect(referenceProblem({ size: 5_000_000, format: null, durationSeconds: null, speechSeconds: null })).toBe("too_large");
    expect(referenceProblem({ size: 100, format: null, durationSeconds: 3, speechSeconds: null })).toBe("unsupported");
  });
  it("refuses a WAV the browser cannot decode, but lets the server measure compressed audio it cannot", () => {
    expect(referenceProblem({ ...ok, durationSeconds: null })).toBe("unreadable");
    expect(referenceProblem({ ...ok, format: "m4a", durationSeconds: null })).toBeNull();
    expect(referenceProblem({ ...ok, durationSeconds: 0 })).toBe("unreadable");
  });
  it("refuses a recording with under 3 seconds of speech by the shared rule, after its length", () => {
    expect(referenceProblem({ ...ok, speechSeconds: 3 })).toBeNull();
    expect(referenceProblem({ ...ok, speechSeconds: 2.999 })).toBe("no_speech");
    expect(referenceProblem({ ...ok, speechSeconds: 0 })).toBe("no_speech");
    // A length out of range is named first, as the server names it first.
    expect(referenceProblem({ ...ok, durationSeconds: 5, speechSeconds: 0 })).toBe("too_short");
    // Audio this browser could not decode has no measure: the server decides.
    expect(referenceProblem({ ...ok, format: "m4a", durationSeconds: null, speechSeconds: null })).toBeNull();
  });
  it("decodes a WAV at its own rate, so the browser measures the samples the server reads", () => {
    const wav = encodeWav16(new Float32Array(8), 22_050);
    expect(wavSampleRate(wav)).toBe(22_050);
    expect(decodeRateFor("wav", wav)).toBe(22_050);
    expect(decodeRateFor("mp3", wav)).toBe(16_000);
    expect(decodeRateFor("wav", encodeWav16(new Float32Array(8), 4_000))).toBe(16_000);
  });
});

describe("text (server rule: NFC, trimmed, grapheme clusters and code points, at least one word)", () => {
  it("counts without the surrounding white space the server trims", () => {
    expect(cloneTextCount("  Hello there \n").characters).toBe(11);
    expect(cloneTextCount("e\u0301").characters).toBe(1);
  });
  it("allows 500 characters and not 501", () => {
    expect(cloneTextCount("a".repeat(500)).overLimit).toBe(false);
    expect(cloneTextCount("a".repeat(501)).overLimit).toBe(true);
    expect(cloneTextCount(`${"a".repeat(500)}   `).overLimit).toBe(false);
    expect(cloneTextCount("").limit).toBe(500);
  });
  it("also bounds the text at 5,000 code points, so combining marks cannot make it huge", () => {
    expect(cloneTextCount("").codePointLimit).toBe(CLONE_TEXT_MAX_CODE_POINTS);
    expect(CLONE_TEXT_MAX_CODE_POINTS).toBe(5000);
    expect(cloneTextCount(`${"👩‍👩‍👧‍👦".repeat(498)} é`)).toMatchObject({ characters: 500, codePoints: 3488, overLimit: false });
    const padded = `Hello a${"\u0316".repeat(5000)}`;
    expect(cloneTextCount(padded)).toMatchObject({ characters: 7, overCodePointLimit: true, overLimit: true });
    expect(cloneFormProblem({ reference: { problem: null }, text: padded, locale: "en", consent: true })).toBe("text_too_long");
  });
  it("estimates with the shared price: billable words × 66, nothing before the first word", () => {
    expect(cloneEstimate("")).toBe(0);
    expect(cloneEstimate(" … ")).toBe(0);
    expect(cloneEstimate("Hello from my cloned voice")).toBe(estimateCloneCredits(5));
    expect(cloneEstimate("Hello from my cloned voice")).toBe(330);
  });
  it("prices a long word by its length and a vocal tag at nothing, like the server", () => {
    expect(cloneEstimate("a".repeat(500))).toBe(42 * 66);
    expect(cloneEstimate(`a${"\u0316".repeat(200)}`)).toBe(17 * 66);
    expect(cloneEstimate("<sigh> hello")).toBe(66);
    expect(cloneEstimate("今天天气很好我们去公园散步吧", "zh")).toBeGreaterThan(66);
  });
});

describe("what still stops the form", () => {
  const ready: CloneFormInput = { reference: { problem: null }, text: "Hello there", locale: "en", consent: true };
  it("is nothing when everything is in place", () => {
    expect(cloneFormProblem(ready)).toBeNull();
  });
  it("names the first missing piece, in the order of the page", () => {
    expect(cloneFormProblem({ ...ready, reference: null })).toBe("no_file");
    expect(cloneFormProblem({ ...ready, reference: "checking" })).toBe("checking_file");
    expect(cloneFormProblem({ ...ready, reference: { problem: "too_short" } })).toBe("bad_file");
    expect(cloneFormProblem({ ...ready, text: "  ?! " })).toBe("no_words");
    expect(cloneFormProblem({ ...ready, text: "a".repeat(501) })).toBe("text_too_long");
    expect(cloneFormProblem({ ...ready, consent: false })).toBe("no_consent");
  });
});

describe("file sizes for people", () => {
  it("shows KB below a megabyte and MB with one decimal, in the user's language", () => {
    const english = createTranslator("en", en);
    expect(formatFileSize(CLONE_FILE_MAX_BYTES, english)).toBe("4.5 MB");
    expect(formatFileSize(384_044, english)).toBe("375 KB");
    expect(formatFileSize(10, english)).toBe("1 KB");
    expect(formatFileSize(0, english)).toBe("0 KB");
    expect(formatFileSize(CLONE_FILE_MAX_BYTES, createTranslator("fr", fr))).toBe("4,5 Mo");
  });
});
