// "Too little speech" (issue 15 item 6): the shared rule (worker/shared/speech-activity.ts) on its
// own, and the clone and save routes refusing a silent or near-silent WAV with 422
// `insufficient_speech` before anything is reserved, stored or recorded.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { measureWavSpeech } from "../worker/services/clone-references";
import { SPEECH_MIN_SECONDS, SpeechMeter, hasEnoughSpeech, measureSpeech } from "../worker/shared/speech-activity";
import { authorized, callJson } from "./support/app";
import { balanceOf, ledgerTotals, newUser, tenWords, uniqueTag } from "./support/factories";
import { voiceWav, wavFromPcm } from "./support/audio";

interface Answer {
  id?: string;
  creditsUsed?: number;
  error?: { code: string; message: string; field?: string };
}

const RATE = 16_000;

/** Deterministic uniform noise with the given RMS (uniform on [-a, a] has RMS a/√3). */
function noise(seconds: number, rms: number, seed = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  const amplitude = rms * Math.sqrt(3);
  let state = seed;
  for (let i = 0; i < out.length; i++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    out[i] = (state / 2 ** 32) * 2 * amplitude - amplitude;
  }
  return out;
}

/** A 200 Hz tone at `rms` for `seconds`, the rest of `total` silent. */
function toneThenSilence(seconds: number, total: number, rms = 0.1): Float32Array {
  const out = new Float32Array(Math.round(total * RATE));
  const frames = Math.round(seconds * RATE);
  for (let i = 0; i < frames; i++) out[i] = rms * Math.SQRT2 * Math.sin((2 * Math.PI * 200 * i) / RATE);
  return out;
}

function wav16(samples: Float32Array): Uint8Array {
  const pcm = new Uint8Array(samples.length * 2);
  const view = new DataView(pcm.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 32_767), true);
  return wavFromPcm(pcm, RATE, 1, 16);
}

const dbfs = (db: number) => 10 ** (db / 20);

describe("the shared speech rule: 30 ms frames at or above −40 dBFS, at least 3 seconds of them", () => {
  it("finds no speech in digital silence or in noise at −50 dBFS, and all of it in a tone at −20 dBFS", () => {
    expect(measureSpeech([new Float32Array(12 * RATE)], RATE)).toEqual({ speechSeconds: 0, analysedSeconds: 12 });
    expect(measureSpeech([noise(12, dbfs(-50))], RATE).speechSeconds).toBe(0);
    expect(measureSpeech([noise(12, dbfs(-20))], RATE).speechSeconds).toBe(12);
  });
  it("puts the threshold at −40 dBFS: noise at −41 is not speech, at −39 it is", () => {
    expect(measureSpeech([noise(4, dbfs(-41))], RATE).speechSeconds).toBe(0);
    // 4 s holds 133 whole 30 ms frames: 3.99 s.
    expect(measureSpeech([noise(4, dbfs(-39))], RATE).speechSeconds).toBe(3.99);
  });
  it("needs 3 seconds of speech in all: 3.0 s of tone in 12 s passes, 2.88 s does not", () => {
    expect(SPEECH_MIN_SECONDS).toBe(3);
    const enough = measureSpeech([toneThenSilence(3, 12)], RATE);
    expect(enough.speechSeconds).toBe(3);
    expect(hasEnoughSpeech(enough)).toBe(true);
    const short = measureSpeech([toneThenSilence(2.88, 12)], RATE);
    expect(short.speechSeconds).toBeCloseTo(2.88, 2);
    expect(hasEnoughSpeech(short)).toBe(false);
  });
  it("counts syllable-like bursts with pauses between them: a 12-second speech-like recording has about 9 s", () => {
    const measure = measureWavSpeech(voiceWav({ seconds: 12, sampleRate: RATE }))!;
    expect(measure.speechSeconds).toBeGreaterThan(8);
    expect(measure.speechSeconds).toBeLessThan(10);
  });
  it("gives the same answer however the samples are chunked (the server reads in pieces, the browser all at once)", () => {
    const samples = noise(5, dbfs(-38), 7).map((value, i) => (Math.floor(i / 3000) % 2 === 0 ? value : 0));
    const whole = measureSpeech([samples], RATE);
    const meter = new SpeechMeter(RATE);
    for (let start = 0; start < samples.length; start += 1_234) meter.push(samples.subarray(start, start + 1_234));
    expect(meter.result()).toEqual(whole);
    expect(whole.speechSeconds).toBeGreaterThan(0);
  });
  it("averages channels to mono the way the server mixes a stereo WAV", () => {
    const left = toneThenSilence(4, 4);
    const stereo = measureSpeech([left, new Float32Array(left.length)], RATE);
    expect(stereo.speechSeconds).toBe(3.99);
    expect(measureSpeech([left.map((v) => v * 0.05), new Float32Array(left.length)], RATE).speechSeconds).toBe(0);
  });
  it("measures a WAV from its PCM samples whatever its layout (16-bit, 8-bit, stereo), and nothing else", () => {
    expect(measureWavSpeech(wav16(new Float32Array(12 * RATE)))?.speechSeconds).toBe(0);
    expect(measureWavSpeech(voiceWav({ seconds: 12, bitsPerSample: 8, channels: 2 }))!.speechSeconds).toBeGreaterThan(8);
    expect(measureWavSpeech(new TextEncoder().encode("not a wav file"))).toBeNull();
  });
});

describe("POST /api/clone-voice refuses too little speech before any charge", () => {
  function clone(token: string, file: Uint8Array) {
    const body = new FormData();
    body.set("file", new File([file], "reference.wav", { type: "audio/wav" }));
    body.set("text", tenWords(uniqueTag()));
    body.set("locale", "en");
    body.set("consent", "true");
    return callJson<Answer>("/api/clone-voice", authorized(token, { method: "POST", body }));
  }

  async function expectRefusedWithoutCharge(file: Uint8Array) {
    const user = await newUser({ prefix: "speech" });
    const before = await ledgerTotals(user.userId);
    const { status, body } = await clone(user.token, file);
    expect(status, JSON.stringify(body)).toBe(422);
    expect(body.error).toMatchObject({ code: "insufficient_speech", field: "file" });
    expect(body.error!.message).toMatch(/seconds of speech; at least 3 are needed/);
    expect(await balanceOf(user.userId)).toBe(10_000);
    expect(await ledgerTotals(user.userId)).toEqual(before);
    const count = async (sql: string) => (await env.DB.prepare(sql).bind(user.userId).first<{ n: number }>())?.n;
    expect(await count("SELECT COUNT(*) AS n FROM credit_reservations WHERE user_id = ?1")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM clone_jobs WHERE user_id = ?1")).toBe(0);
    expect((await env.AUDIO_BUCKET.list({ prefix: `clone-input/${user.userId}/` })).objects).toEqual([]);
  }

  it("12 seconds of digital silence is a 422 insufficient_speech; nothing reserved, charged, stored or recorded", async () => {
    await expectRefusedWithoutCharge(wav16(new Float32Array(12 * RATE)));
  });

  it("12 seconds of very quiet noise (−50 dBFS, a room with the microphone far away) is refused the same way", async () => {
    await expectRefusedWithoutCharge(wav16(noise(12, dbfs(-50))));
  });

  it("12 seconds holding 2 seconds of loud tone is refused: the length is there, the speech is not", async () => {
    await expectRefusedWithoutCharge(wav16(toneThenSilence(2, 12)));
  });

  it("a speech-like 12-second recording passes and is charged as before", async () => {
    const user = await newUser({ prefix: "speech-ok" });
    const { status, body } = await clone(user.token, voiceWav({ seconds: 12, pitchHz: 133 + Math.random() }));
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.creditsUsed).toBe(660);
    expect(await balanceOf(user.userId)).toBe(10_000 - 660);
  });

  it("saving silence as one of My voices is refused with the same code, and nothing is kept", async () => {
    const user = await newUser({ prefix: "speech-save" });
    const form = new FormData();
    form.set("file", new File([wav16(new Float32Array(12 * RATE))], "me.wav", { type: "audio/wav" }));
    form.set("name", "Silent");
    form.set("locale", "en");
    form.set("consent", "true");
    const { status, body } = await callJson<Answer>("/api/my-voices", authorized(user.token, { method: "POST", body: form }));
    expect(status).toBe(422);
    expect(body.error?.code).toBe("insufficient_speech");
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM voices WHERE owner_user_id = ?1").bind(user.userId).first<{ n: number }>())?.n).toBe(0);
  });
});
