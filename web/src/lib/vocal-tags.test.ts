import { describe, expect, it } from "vitest";
import { countBillableWords } from "../../../worker/shared/text-metrics";
import { insertVocalTag, VOCAL_TAGS } from "./vocal-tags";

describe("vocal tags", () => {
  it("inserts a tag at the caret with one space on each side, never doubling spaces", () => {
    expect(insertVocalTag("Hello there", 5, 5, "sigh")).toEqual({ text: "Hello <sigh> there", caret: 13 });
    expect(insertVocalTag("Hello ", 6, 6, "laughs")).toEqual({ text: "Hello <laughs> ", caret: 15 });
    expect(insertVocalTag("", 0, 0, "whispers")).toEqual({ text: "<whispers> ", caret: 11 });
  });

  it("replaces a selection", () => {
    expect(insertVocalTag("Hello big world", 6, 9, "gasps")).toEqual({ text: "Hello <gasps> world", caret: 14 });
  });

  it("every offered tag is free under the server's word rule", () => {
    for (const tag of VOCAL_TAGS) expect(countBillableWords(`Hello <${tag}> there`), tag).toBe(2);
  });
});
