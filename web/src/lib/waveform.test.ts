import { describe, expect, it } from "vitest";
import { audioExtension, computePeaks, resamplePeaks } from "./waveform";

describe("waveform peaks", () => {
  it("takes the loudest sample per bucket across channels, normalised to 1", () => {
    const left = new Float32Array([0.1, -0.2, 0.05, 0.4]);
    const right = new Float32Array([0, 0, -0.8, 0]);
    expect(computePeaks([left, right], 2)).toEqual([0.25, 1]);
  });
  it("handles silence and empty audio", () => {
    expect(computePeaks([new Float32Array(4)], 2)).toEqual([0, 0]);
    expect(computePeaks([], 10)).toEqual([]);
  });
  it("resamples peaks to the bars that fit", () => {
    expect(resamplePeaks([0.1, 0.9, 0.3, 0.2], 2)).toEqual([0.9, 0.3]);
    expect(resamplePeaks([0.5], 3)).toEqual([0.5, 0.5, 0.5]);
  });
  it("names downloads after the content type", () => {
    expect(audioExtension("audio/mpeg")).toBe("mp3");
    expect(audioExtension("audio/wav")).toBe("wav");
  });
});
