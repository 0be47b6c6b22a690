import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DeferredAction } from "./deferred-action";

describe("an action with an undo window", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("commits only when the window has passed", () => {
    const committed: string[] = [];
    const action = new DeferredAction<string>((value) => committed.push(value), 5_000);
    action.schedule("a");
    vi.advanceTimersByTime(4_999);
    expect(committed).toEqual([]);
    expect(action.pending).toBe("a");
    vi.advanceTimersByTime(1);
    expect(committed).toEqual(["a"]);
    expect(action.pending).toBeNull();
  });

  it("never commits what was undone in time", () => {
    const committed: string[] = [];
    const action = new DeferredAction<string>((value) => committed.push(value), 5_000);
    action.schedule("a");
    expect(action.undo()).toBe("a");
    vi.advanceTimersByTime(10_000);
    expect(committed).toEqual([]);
    expect(action.undo()).toBeNull();
  });

  it("commits the waiting action at once when flushed (leaving the page) or when another is scheduled", () => {
    const committed: string[] = [];
    const action = new DeferredAction<string>((value) => committed.push(value), 5_000);
    action.schedule("a");
    action.schedule("b");
    expect(committed).toEqual(["a"]);
    action.flush();
    expect(committed).toEqual(["a", "b"]);
    vi.advanceTimersByTime(10_000);
    expect(committed).toEqual(["a", "b"]);
  });
});
