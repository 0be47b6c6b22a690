import { describe, expect, it } from "vitest";
import { suggestionPieces } from "./enhance-diff";

describe("suggestionPieces", () => {
  it("marks only the tags the suggestion added", () => {
    expect(suggestionPieces("Hi <sigh> there. Bye.", "<laughs> Hi <sigh> there. <sigh> Bye.")).toEqual([
      { kind: "tag", value: "<laughs>", added: true },
      { kind: "text", value: " Hi " },
      { kind: "tag", value: "<sigh>", added: false },
      { kind: "text", value: " there. " },
      { kind: "tag", value: "<sigh>", added: true },
      { kind: "text", value: " Bye." },
    ]);
  });

  it("is the plain text when nothing was added", () => {
    expect(suggestionPieces("Plain words.", "Plain words.")).toEqual([{ kind: "text", value: "Plain words." }]);
  });
});
