// Server-Timing: the instrumented bindings count every D1/KV/R2/queue round trip against the real
// (workerd) bindings from wrangler.toml, and the middleware writes the header on success and on
// the responses the app's onError builds.
import { env } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it, vi } from "vitest";
import type { AppEnv } from "../worker/context";
import { AppError, errorBody } from "../worker/shared/errors";
import { serverTiming } from "../worker/middleware";
import { instrumentEnv, originalEnv, RequestTiming } from "../worker/services/timing";

/** A clock that advances by `step` ms every time it is read: each measured round trip lasts `step`. */
function steppingClock(step = 1): () => number {
  let now = 0;
  return () => {
    now += step;
    return now;
  };
}

const DUR = "\\d+\\.\\d";

describe("RequestTiming", () => {
  it("lists only the names that were used, in a fixed order, with round trips, statements and a total", async () => {
    let now = 0;
    const timing = new RequestTiming(() => now);
    await timing.measure("kv", async () => {
      now += 0.4;
    });
    await timing.measure(
      "d1",
      async () => {
        now += 0.5;
      },
      2,
    );
    await timing.measure("d1", async () => {
      now += 0.7;
    });
    expect(timing.header(5.14)).toBe('d1;dur=1.2;desc="2 round trips, 3 statements", kv;dur=0.4;desc="1 round trip", total;dur=5.1');
    expect(timing.roundTrips("d1")).toBe(2);
    expect(timing.roundTrips("kv")).toBe(1);
    expect(timing.roundTrips("r2")).toBe(0);
  });

  it("a request that touched nothing has only the total", () => {
    expect(new RequestTiming().header(3)).toBe("total;dur=3.0");
  });

  it("adds time measured elsewhere, such as a Durable Object's report", () => {
    const timing = new RequestTiming(steppingClock());
    timing.add("gate", 2.25);
    timing.add("provider", 12, 1);
    timing.add("gate", 1, 2);
    expect(timing.roundTrips("gate")).toBe(3);
    expect(timing.header(20)).toBe('provider;dur=12.0;desc="1 round trip", gate;dur=3.3;desc="3 round trips", total;dur=20.0');
  });

  it("counts a failed round trip and lets its error through", async () => {
    const timing = new RequestTiming(steppingClock());
    await expect(timing.measure("r2", () => Promise.reject(new Error("bucket on fire")))).rejects.toThrow("bucket on fire");
    expect(timing.roundTrips("r2")).toBe(1);
    expect(timing.header(3)).toBe('r2;dur=1.0;desc="1 round trip", total;dur=3.0');
  });
});

describe("instrumentEnv: D1", () => {
  it("counts each first, run, all and raw as one round trip of one statement and returns their results", async () => {
    const timing = new RequestTiming(steppingClock());
    const db = instrumentEnv(env, timing).DB;
    expect(await db.prepare("SELECT ?1 AS v").bind(7).first<{ v: number }>()).toEqual({ v: 7 });
    expect(await db.prepare("SELECT 2 AS v").first<number>("v")).toBe(2);
    expect((await db.prepare("SELECT 3 AS v").all<{ v: number }>()).results).toEqual([{ v: 3 }]);
    expect((await db.prepare("SELECT 4 AS v").run()).success).toBe(true);
    expect(await db.prepare("SELECT 5 AS v").raw()).toEqual([[5]]);
    expect(await db.prepare("SELECT 6 AS v").raw({ columnNames: true })).toEqual([["v"], [6]]);
    expect(timing.roundTrips("d1")).toBe(6);
    expect(timing.header(10)).toBe('d1;dur=6.0;desc="6 round trips, 6 statements", total;dur=10.0');
  });

  it("counts a batch of statements prepared first and bound later as one round trip of all its statements", async () => {
    const timing = new RequestTiming(steppingClock());
    const db = instrumentEnv(env, timing).DB;
    const select = db.prepare("SELECT ?1 AS v");
    const unbound = db.prepare("SELECT 'plain' AS v");
    const results = await db.batch<{ v: number | string }>([select.bind(1), select.bind(2), select.bind(3), unbound]);
    expect(results.map((result) => result.results)).toEqual([[{ v: 1 }], [{ v: 2 }], [{ v: 3 }], [{ v: "plain" }]]);
    expect(timing.header(2)).toBe('d1;dur=1.0;desc="1 round trip, 4 statements", total;dur=2.0');
  });

  it("hands batch the real statements, also for statements prepared on the uninstrumented database", async () => {
    const timing = new RequestTiming(steppingClock());
    const db = instrumentEnv(env, timing).DB;
    const batch = vi.spyOn(env.DB, "batch");
    const mine = db.prepare("SELECT ?1 AS v").bind("mine");
    const theirs = env.DB.prepare("SELECT ?1 AS v").bind("theirs");
    const results = await db.batch<{ v: string }>([mine, theirs]);
    expect(results.map((result) => result.results[0]?.v)).toEqual(["mine", "theirs"]);
    const passed = batch.mock.calls[0]?.[0] ?? [];
    expect(passed).toHaveLength(2);
    expect(passed[0]).not.toBe(mine);
    expect(passed[1]).toBe(theirs);
    expect(timing.roundTrips("d1")).toBe(1);
  });

  it("writes through the instrumented database and counts exec as one round trip", async () => {
    const timing = new RequestTiming(steppingClock());
    const db = instrumentEnv(env, timing).DB;
    const table = `timing_${crypto.randomUUID().replaceAll("-", "")}`;
    await db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, name TEXT)`);
    const insert = db.prepare(`INSERT INTO ${table} (name) VALUES (?1)`);
    await db.batch([insert.bind("a"), insert.bind("b")]);
    const count = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<number>("n");
    expect(count).toBe(2);
    expect(timing.header(9)).toBe('d1;dur=2.0;desc="2 round trips, 3 statements", total;dur=9.0');
    await env.DB.exec(`DROP TABLE ${table}`);
  });

  it("counts the statements of a session like those of the database", async () => {
    const timing = new RequestTiming(steppingClock());
    const session = instrumentEnv(env, timing).DB.withSession();
    expect(await session.prepare("SELECT 1 AS v").first<number>("v")).toBe(1);
    await session.batch([session.prepare("SELECT 2"), session.prepare("SELECT 3")]);
    expect(timing.header(1)).toBe('d1;dur=2.0;desc="2 round trips, 3 statements", total;dur=1.0');
  });

  it("still uses a spy installed on the real database after instrumenting, and prepare stays synchronous", () => {
    const db = instrumentEnv(env, new RequestTiming()).DB;
    vi.spyOn(env.DB, "prepare").mockImplementation(() => {
      throw new Error("database exploded");
    });
    expect(() => db.prepare("SELECT 1")).toThrow("database exploded");
  });
});

describe("instrumentEnv: KV, R2 and the queue", () => {
  it("counts each KV get, getWithMetadata, put, delete and list as one round trip on both namespaces", async () => {
    const timing = new RequestTiming(steppingClock());
    const instrumented = instrumentEnv(env, timing);
    const key = `timing-${crypto.randomUUID()}`;
    await instrumented.CACHE_KV.put(key, "value", { metadata: { n: 1 } });
    expect(await instrumented.CACHE_KV.get(key)).toBe("value");
    expect((await instrumented.CACHE_KV.getWithMetadata(key)).metadata).toEqual({ n: 1 });
    expect((await instrumented.CACHE_KV.list({ prefix: key })).keys.map((k) => k.name)).toEqual([key]);
    await instrumented.CACHE_KV.delete(key);
    expect(await instrumented.SETTINGS_KV.get(key)).toBeNull();
    expect(await env.CACHE_KV.get(key)).toBeNull();
    expect(timing.roundTrips("kv")).toBe(6);
    expect(timing.header(7)).toBe('kv;dur=6.0;desc="6 round trips", total;dur=7.0');
  });

  it("counts R2 put, head, get (to the metadata, not the body stream), list and delete as one round trip each", async () => {
    const timing = new RequestTiming(steppingClock());
    const bucket = instrumentEnv(env, timing).AUDIO_BUCKET;
    const key = `timing/${crypto.randomUUID()}.txt`;
    await bucket.put(key, "hello audio", { httpMetadata: { contentType: "text/plain" } });
    expect((await bucket.head(key))?.size).toBe(11);
    const object = await bucket.get(key);
    expect(timing.roundTrips("r2")).toBe(3);
    expect(await object?.text()).toBe("hello audio");
    expect(timing.roundTrips("r2")).toBe(3);
    expect((await bucket.list({ prefix: key })).objects.map((o) => o.key)).toEqual([key]);
    await bucket.delete(key);
    expect(await env.AUDIO_BUCKET.head(key)).toBeNull();
    expect(timing.header(8)).toBe('r2;dur=5.0;desc="5 round trips", total;dur=8.0');
  });

  it("counts an R2 multipart upload's creation as a round trip", async () => {
    const timing = new RequestTiming(steppingClock());
    const bucket = instrumentEnv(env, timing).AUDIO_BUCKET;
    const upload = await bucket.createMultipartUpload(`timing/${crypto.randomUUID()}.bin`);
    await upload.abort();
    expect(timing.roundTrips("r2")).toBe(1);
  });

  it("counts queue send and sendBatch as one round trip each, with the messages sent", async () => {
    const timing = new RequestTiming(steppingClock());
    const queue = instrumentEnv(env, timing).JOBS_QUEUE;
    // Mocked so the test's messages never reach the real jobs consumer.
    const sent = { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
    const send = vi.spyOn(env.JOBS_QUEUE, "send").mockResolvedValue(sent);
    const sendBatch = vi.spyOn(env.JOBS_QUEUE, "sendBatch").mockResolvedValue(sent);
    await queue.send({ kind: "test" });
    await queue.sendBatch([{ body: { kind: "a" } }, { body: { kind: "b" } }]);
    expect(send).toHaveBeenCalledWith({ kind: "test" });
    expect(sendBatch).toHaveBeenCalledWith([{ body: { kind: "a" } }, { body: { kind: "b" } }]);
    expect(timing.header(4)).toBe('queue;dur=2.0;desc="2 round trips, 3 messages", total;dur=4.0');
  });
});

describe("instrumentEnv: everything else", () => {
  it("passes every other binding and var through unchanged", () => {
    const instrumented = instrumentEnv(env, new RequestTiming());
    expect(instrumented).not.toBe(env);
    expect(Object.keys(instrumented).sort()).toEqual(Object.keys(env).sort());
    const wrapped = new Set(["DB", "CACHE_KV", "SETTINGS_KV", "AUDIO_BUCKET", "JOBS_QUEUE"]);
    for (const [name, value] of Object.entries(env)) {
      if (wrapped.has(name)) expect(instrumented[name as keyof Env], name).not.toBe(value);
      else expect(instrumented[name as keyof Env], name).toBe(value);
    }
    expect(instrumented.ENVIRONMENT).toBe(env.ENVIRONMENT);
    expect(instrumented.GENERATION_GATE).toBe(env.GENERATION_GATE);
    expect(instrumented.LOCAL_ENGINE).toBe(env.LOCAL_ENGINE);
  });

  it("leaves the original env untouched", () => {
    const db = env.DB;
    instrumentEnv(env, new RequestTiming());
    expect(env.DB).toBe(db);
  });

  it("originalEnv gives back the env that was instrumented, through any number of layers", () => {
    const once = instrumentEnv(env, new RequestTiming());
    expect(originalEnv(once)).toBe(env);
    expect(originalEnv(instrumentEnv(once, new RequestTiming()))).toBe(env);
    expect(originalEnv(env)).toBe(env);
  });

  it("an env instrumented twice records each round trip in both timings", async () => {
    const outer = new RequestTiming(steppingClock());
    const inner = new RequestTiming(steppingClock());
    await instrumentEnv(instrumentEnv(env, outer), inner).DB.prepare("SELECT 1").first();
    expect(outer.roundTrips("d1")).toBe(1);
    expect(inner.roundTrips("d1")).toBe(1);
  });
});

describe("serverTiming middleware", () => {
  function tinyApp() {
    const seen: { timing?: RequestTiming; instrumented?: boolean } = {};
    const app = new Hono<AppEnv>()
      .use("*", serverTiming)
      .get("/two-queries", async (c) => {
        seen.timing = c.get("timing");
        seen.instrumented = c.env !== env && originalEnv(c.env) === env;
        await c.env.DB.prepare("SELECT 1").first();
        await c.env.DB.prepare("SELECT ?1").bind(2).all();
        return c.json({ ok: true });
      })
      .get("/fails", async (c) => {
        await c.env.CACHE_KV.get(`missing-${crypto.randomUUID()}`);
        throw new AppError("voice_not_found", "No such voice.");
      })
      .get("/crashes", () => {
        throw new Error("unexpected");
      });
    app.onError((err, c) => {
      const error = err instanceof AppError ? err : new AppError("internal_error", "Something went wrong.");
      return c.json(errorBody(error, "req-1"), error.status);
    });
    return { app, seen };
  }

  it("sets Server-Timing with the D1 round trips of the route and the total", async () => {
    const { app, seen } = tinyApp();
    const response = await app.request("/two-queries", {}, env);
    expect(response.status).toBe(200);
    expect(response.headers.get("server-timing")).toMatch(new RegExp(`^d1;dur=${DUR};desc="2 round trips, 2 statements", total;dur=${DUR}$`));
    expect(seen.instrumented).toBe(true);
    expect(seen.timing?.roundTrips("d1")).toBe(2);
  });

  it("sets Server-Timing on the response onError builds for an AppError", async () => {
    const { app } = tinyApp();
    const response = await app.request("/fails", {}, env);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("voice_not_found");
    expect(response.headers.get("server-timing")).toMatch(new RegExp(`^kv;dur=${DUR};desc="1 round trip", total;dur=${DUR}$`));
  });

  it("sets Server-Timing on the response onError builds for an unexpected error", async () => {
    const { app } = tinyApp();
    const response = await app.request("/crashes", {}, env);
    expect(response.status).toBe(500);
    expect(response.headers.get("server-timing")).toMatch(new RegExp(`^total;dur=${DUR}$`));
  });

  it("sets Server-Timing when a later middleware throws before any route runs", async () => {
    const app = new Hono<AppEnv>()
      .use("*", serverTiming)
      .use("*", () => {
        throw new AppError("configuration_invalid", "Misconfigured.");
      })
      .get("/", (c) => c.text("unreachable"));
    app.onError((err, c) => c.json({ message: err.message }, 500));
    const response = await app.request("/", {}, env);
    expect(response.status).toBe(500);
    expect(response.headers.get("server-timing")).toMatch(/^total;dur=/);
  });

  it("sets Server-Timing on a response whose own headers are immutable", async () => {
    const app = new Hono<AppEnv>().use("*", serverTiming).get("/redirect", () => Response.redirect("https://sexyvoice.test/elsewhere", 302));
    const response = await app.request("/redirect", {}, env);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("https://sexyvoice.test/elsewhere");
    expect(response.headers.get("server-timing")).toMatch(/^total;dur=/);
  });

  it("sets Server-Timing on the not-found response", async () => {
    const { app } = tinyApp();
    const response = await app.request("/nowhere", {}, env);
    expect(response.status).toBe(404);
    expect(response.headers.get("server-timing")).toMatch(/^total;dur=/);
  });
});
