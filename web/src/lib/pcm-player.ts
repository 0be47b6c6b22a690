/**
 * Plays streamed audio as it arrives (Web Audio): 16-bit mono PCM chunks are scheduled one after
 * another without gaps; an MP3 chunk is decoded whole and scheduled the same way. Records when the
 * first sound was scheduled to start (for the page and its browser test) and how much is queued.
 */
export class StreamPlayer {
  private context: AudioContext | null = null;
  private nextStart = 0;
  private sources: AudioBufferSourceNode[] = [];
  /** `performance.now()` when the first chunk was scheduled, or null. */
  firstSoundAt: number | null = null;
  /** Seconds of audio received so far. */
  receivedSeconds = 0;

  private audio(): AudioContext {
    this.context ??= new AudioContext();
    return this.context;
  }

  async push(chunk: { encoding: "pcm_s16le"; sampleRate: number; data: Uint8Array } | { encoding: "mp3"; sampleRate: null; data: Uint8Array }): Promise<void> {
    const context = this.audio();
    let buffer: AudioBuffer;
    if (chunk.encoding === "pcm_s16le") {
      const samples = new Int16Array(chunk.data.buffer, chunk.data.byteOffset, Math.floor(chunk.data.byteLength / 2));
      buffer = context.createBuffer(1, Math.max(1, samples.length), chunk.sampleRate);
      const channel = buffer.getChannelData(0);
      for (let i = 0; i < samples.length; i++) channel[i] = (samples[i] ?? 0) / 32768;
    } else {
      buffer = await context.decodeAudioData(chunk.data.slice().buffer);
    }
    this.receivedSeconds += buffer.duration;
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    const startAt = Math.max(context.currentTime + 0.05, this.nextStart);
    source.start(startAt);
    this.nextStart = startAt + buffer.duration;
    this.sources.push(source);
    this.firstSoundAt ??= performance.now();
  }

  /** Stops what is playing and queued (the user cancelled or started another generation). */
  stop(): void {
    for (const source of this.sources) {
      try {
        source.stop();
      } catch {
        // not started yet or already ended
      }
    }
    this.sources = [];
    void this.context?.close();
    this.context = null;
    this.nextStart = 0;
  }
}
