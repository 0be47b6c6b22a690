/**
 * The "enough speech" rule for clone references (PRODUCT §7), one pure module that the Worker
 * (services/clone-references.ts, on decoded WAV PCM) and the SPA (lib/clone-input.ts, on the
 * browser's decoded AudioBuffer) both run, so the page refuses exactly what the server would.
 *
 * Method: frame-energy voice activity. The mono signal (channels averaged, samples in [-1, 1]) is
 * cut into consecutive 30 ms frames; a frame is speech when its RMS is at least −40 dBFS (0.01 of
 * full scale); the reference needs at least 3 seconds of such frames in total.
 *   30 ms   the usual VAD frame: short enough to land between syllables, long enough that a
 *           frame's RMS of a voiced sound is steady (several pitch periods even at 60 Hz).
 *   −40 dBFS  speech picked up by a phone or laptop microphone sits around −30 to −15 dBFS while
 *           talking; a quiet room, a muted or unplugged input and mic self-noise sit at −50 dBFS
 *           and below. −40 is about 20 dB under normal speech, so a soft speaker still passes and
 *           silence or near-silence (a 12-second recording of nothing) never does.
 *   3 s     zero-shot cloning models are built to work from prompts of about three seconds; less
 *           than that of sound in the whole recording means the model has no voice to copy.
 * This is an energy measure: it refuses silence and near-silence, not loud noise or music (the
 * Clone page's tips ask for one speaker and no background noise).
 */

export const SPEECH_FRAME_SECONDS = 0.03;
export const SPEECH_THRESHOLD_DBFS = -40;
export const SPEECH_MIN_SECONDS = 3;

const THRESHOLD_POWER = (10 ** (SPEECH_THRESHOLD_DBFS / 20)) ** 2;

export interface SpeechMeasure {
  /** Seconds of frames at or above the threshold, rounded to the millisecond. */
  speechSeconds: number;
  /** Seconds of whole frames looked at. */
  analysedSeconds: number;
}

/** Feeds samples in any chunking (a whole buffer, or a file read piece by piece); frames run across chunks. */
export class SpeechMeter {
  private readonly frameLength: number;
  private energy = 0;
  private filled = 0;
  private frames = 0;
  private speechFrames = 0;

  constructor(readonly sampleRate: number) {
    if (!(sampleRate > 0)) throw new RangeError(`invalid sample rate ${sampleRate}`);
    this.frameLength = Math.max(1, Math.round(sampleRate * SPEECH_FRAME_SECONDS));
  }

  push(samples: ArrayLike<number>): void {
    for (let index = 0; index < samples.length; index += 1) {
      const sample = samples[index]!;
      this.energy += sample * sample;
      this.filled += 1;
      if (this.filled === this.frameLength) {
        if (this.energy / this.frameLength >= THRESHOLD_POWER) this.speechFrames += 1;
        this.frames += 1;
        this.energy = 0;
        this.filled = 0;
      }
    }
  }

  /** What has been pushed so far; a partial last frame is left out. */
  result(): SpeechMeasure {
    const seconds = (frames: number) => Math.round(((frames * this.frameLength) / this.sampleRate) * 1000) / 1000;
    return { speechSeconds: seconds(this.speechFrames), analysedSeconds: seconds(this.frames) };
  }
}

/** The measure of one or more channels of the same length, averaged to mono the way the server mixes WAV. */
export function measureSpeech(channels: readonly ArrayLike<number>[], sampleRate: number): SpeechMeasure {
  const meter = new SpeechMeter(sampleRate);
  const first = channels[0];
  if (first === undefined) return meter.result();
  if (channels.length === 1) {
    meter.push(first);
    return meter.result();
  }
  const chunk = new Float64Array(4_096);
  for (let start = 0; start < first.length; start += chunk.length) {
    const length = Math.min(chunk.length, first.length - start);
    for (let index = 0; index < length; index += 1) {
      let sum = 0;
      for (const channel of channels) sum += channel[start + index] ?? 0;
      chunk[index] = sum / channels.length;
    }
    meter.push(length === chunk.length ? chunk : chunk.subarray(0, length));
  }
  return meter.result();
}

export function hasEnoughSpeech(measure: SpeechMeasure): boolean {
  return measure.speechSeconds >= SPEECH_MIN_SECONDS;
}
