import { describe, expect, it } from "vitest";
import { movedIndex, tabStopIndex } from "./roving-focus";

describe("arrow keys in a composite widget", () => {
  it("move to the next and previous item, wrapping at the ends", () => {
    expect(movedIndex("ArrowDown", 0, 3)).toBe(1);
    expect(movedIndex("ArrowRight", 2, 3)).toBe(0);
    expect(movedIndex("ArrowUp", 1, 3)).toBe(0);
    expect(movedIndex("ArrowLeft", 0, 3)).toBe(2);
  });
  it("go to the first and last item with Home and End", () => {
    expect(movedIndex("Home", 2, 3)).toBe(0);
    expect(movedIndex("End", 0, 3)).toBe(2);
  });
  it("start from the ends when no item has focus, and ignore other keys and empty lists", () => {
    expect(movedIndex("ArrowDown", -1, 3)).toBe(0);
    expect(movedIndex("ArrowUp", -1, 3)).toBe(2);
    expect(movedIndex("a", 1, 3)).toBeNull();
    expect(movedIndex(" ", 1, 3)).toBeNull();
    expect(movedIndex("ArrowDown", 0, 0)).toBeNull();
  });
  it("keep exactly one tab stop: the selected item when listed, else the first", () => {
    expect(tabStopIndex(2, 3)).toBe(2);
    expect(tabStopIndex(-1, 3)).toBe(0);
    expect(tabStopIndex(5, 3)).toBe(0);
    expect(tabStopIndex(-1, 0)).toBe(-1);
  });
});
