// The local speech engine Worker (worker/local-engine/), reached the way the main Worker reaches
// it: through the LOCAL_ENGINE service binding to the auxiliary worker "sexyvoice-local-engine".
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const engine = env.LOCAL_ENGINE;

interface SynthesisBody {
  text?: unknown;
  language?: unknown;
  variant?: unknown;
  pitch?: unknown;
  speed?: unknown;
}

function synthesize(body: SynthesisBody): Promise<Response> {
  return engine.fetch("https://local-engine/synthesize", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function synthesizeOk(body: SynthesisBody): Promise<{ response: Response; bytes: Uint8Array }> {
  const response = await synthesize(body);
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

interface ParsedWav {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  samples: Int16Array;
}

/** Minimal RIFF/WAVE reader; throws on anything that is not a well-formed file. */
function parseWav(bytes: Uint8Array): ParsedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  expect(tag(0)).toBe("RIFF");
  expect(view.getUint32(4, true)).toBe(bytes.byteLength - 8);
  expect(tag(8)).toBe("WAVE");
  let fmt: Omit<ParsedWav, "samples"> | undefined;
  for (let at = 12; at + 8 <= bytes.byteLength; ) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    if (id === "fmt ") {
      fmt = {
        format: view.getUint16(at + 8, true),
        channels: view.getUint16(at + 10, true),
        sampleRate: view.getUint32(at + 12, true),
        bitsPerSample: view.getUint16(at + 22, true),
      };
    } else if (id === "data") {
      if (!fmt) throw new Error("data chunk before fmt chunk");
      expect(at + 8 + size).toBe(bytes.byteLength);
      const copy = bytes.slice(at + 8, at + 8 + size);
      return { ...fmt, samples: new Int16Array(copy.buffer, 0, Math.floor(size / 2)) };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error("no data chunk");
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((value, index) => value === b[index]);
}

describe("local speech engine", () => {
  it.each([
    ["en-us", "The quick brown fox jumps over the lazy dog."],
    ["es", "El veloz murciélago hindú comía feliz cardillo y kiwi."],
    ["de", "Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich."],
  ])("returns a non-silent PCM16 mono WAV with matching duration headers for %s text", async (language, text) => {
    const { response, bytes } = await synthesizeOk({ text, language, variant: "neutral" });
    expect(response.headers.get("Content-Type")).toBe("audio/wav");

    const wav = parseWav(bytes);
    expect(wav).toMatchObject({ format: 1, channels: 1, bitsPerSample: 16 });
    expect(wav.samples.length).toBeGreaterThan(0);
    expect(response.headers.get("X-Sample-Rate")).toBe(String(wav.sampleRate));

    const duration = Number(response.headers.get("X-Duration-Seconds"));
    expect(duration).toBeCloseTo(wav.samples.length / wav.sampleRate, 2);
    expect(duration).toBeGreaterThan(0.3);

    const peak = wav.samples.reduce((max, sample) => Math.max(max, Math.abs(sample)), 0);
    expect(peak).toBeGreaterThan(1000);
  });

  it("produces different audio for a male and a female variant of the same text", async () => {
    const text = "Good morning, this is a voice test.";
    const male = await synthesizeOk({ text, language: "en-gb", variant: "male2" });
    const female = await synthesizeOk({ text, language: "en-gb", variant: "female2" });
    expect(sameBytes(male.bytes, female.bytes)).toBe(false);
  });

  it("produces different audio for a higher pitch", async () => {
    const body = { text: "Pitch test sentence.", language: "en-us", variant: "male1" };
    const low = await synthesizeOk({ ...body, pitch: 20 });
    const high = await synthesizeOk({ ...body, pitch: 90 });
    expect(sameBytes(low.bytes, high.bytes)).toBe(false);
  });

  it("produces identical audio for identical requests", async () => {
    const body = { text: "Deterministic output.", language: "fr", variant: "female3", speed: 200 };
    const first = await synthesizeOk(body);
    const second = await synthesizeOk(body);
    expect(sameBytes(first.bytes, second.bytes)).toBe(true);
  });

  it("speaks text starting with a dash instead of parsing it as options", async () => {
    for (const text of ["--help", "-w /tmp/elsewhere.wav -v de hello there"]) {
      const { response, bytes } = await synthesizeOk({ text, language: "en-us", variant: "neutral" });
      expect(parseWav(bytes).samples.length).toBeGreaterThan(0);
      expect(Number(response.headers.get("X-Duration-Seconds"))).toBeGreaterThan(0.3);
    }
  });

  it.each([
    ["blank text", { text: "  \n ", language: "en-us", variant: "neutral" }],
    ["missing text", { language: "en-us", variant: "neutral" }],
    ["text over 5000 characters", { text: "a".repeat(5001), language: "en-us", variant: "neutral" }],
    ["an unknown variant", { text: "hi", language: "en-us", variant: "robot" }],
    ["a pitch above 99", { text: "hi", language: "en-us", variant: "neutral", pitch: 100 }],
    ["a fractional speed", { text: "hi", language: "en-us", variant: "neutral", speed: 120.5 }],
    ["a speed below 80", { text: "hi", language: "en-us", variant: "neutral", speed: 79 }],
  ])("rejects %s with 400 validation_failed", async (_label, body) => {
    const response = await synthesize(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "validation_failed" } });
  });

  it("rejects an unknown language with 400 unsupported_language", async () => {
    const response = await synthesize({ text: "Hello", language: "xx-klingon", variant: "neutral" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "unsupported_language" } });
  });

  it("lists the languages of the eSpeak NG build", async () => {
    const response = await engine.fetch("https://local-engine/languages");
    expect(response.status).toBe(200);
    const { languages } = (await response.json()) as { languages: string[] };
    expect(languages).toEqual(expect.arrayContaining(["en-us", "en-gb", "es", "de", "fr", "it", "da", "pt-br", "ja", "hi"]));
  });

  it("reports health", async () => {
    const response = await engine.fetch("https://local-engine/health");
    expect(await response.json()).toEqual({ ok: true });
  });
});
