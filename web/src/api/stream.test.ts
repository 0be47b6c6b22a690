import { describe, expect, it } from "vitest";
import { splitEvents } from "./stream";

describe("splitEvents", () => {
  it("returns complete events and keeps the unfinished rest for the next chunk", () => {
    const first = splitEvents('event: meta\ndata: {"id":"a"}\n\nevent: audio\ndata: {"seq"');
    expect(first.events).toEqual([{ event: "meta", data: '{"id":"a"}' }]);
    const second = splitEvents(`${first.rest}:0}\n\n`);
    expect(second.events).toEqual([{ event: "audio", data: '{"seq":0}' }]);
    expect(second.rest).toBe("");
  });

  it("accepts CRLF line ends", () => {
    expect(splitEvents("event: done\r\ndata: {}\r\n\r\n").events).toEqual([{ event: "done", data: "{}" }]);
  });
});
