/**
 * Per-request timing: where an `/api/*` request spends its time. This module owns
 *  - `RequestTiming`, the per-request tally of round trips, statements and milliseconds per backend
 *    (D1, KV, R2, the queue, the provider, MP3 encoding, the generation gate) and its `Server-Timing` header;
 *  - `instrumentEnv`, the copy of `env` whose D1, KV, R2 and queue bindings record every round trip
 *    in a `RequestTiming` (every other binding and var is the original, unchanged);
 * The middleware that installs both per request and writes the header is `serverTiming` in
 * worker/middleware.ts.
 *
 * Durations are wall-clock per round trip (`performance.now()`, which in workerd advances across
 * I/O). Concurrent round trips overlap, so the entries may add up to more than `total`; `total` is
 * the time until the response (headers) was ready, not the time to stream its body.
 */
import { originalEnv, registerEnvCopy } from "../env";

export type TimingName = "d1" | "kv" | "r2" | "queue" | "provider" | "encode" | "gate";

/** Header order; `total` always comes last. */
const TIMING_NAMES: readonly TimingName[] = ["d1", "kv", "r2", "queue", "provider", "encode", "gate"];

/** What `units` count for a name, where they are worth showing next to the round trips. */
const UNIT_LABEL: Partial<Record<TimingName, string>> = { d1: "statement", queue: "message" };

interface Tally {
  ms: number;
  roundTrips: number;
  units: number;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;
const duration = (ms: number): string => (Number.isFinite(ms) && ms > 0 ? ms : 0).toFixed(1);

export class RequestTiming {
  readonly #now: () => number;
  readonly #tallies = new Map<TimingName, Tally>();

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Times one operation (a round trip) under `name`; `units` = statements for D1 batches (default 1). */
  async measure<T>(name: TimingName, run: () => Promise<T>, units = 1): Promise<T> {
    const started = this.#now();
    try {
      return await run();
    } finally {
      this.add(name, this.#now() - started, 1, units);
    }
  }

  /** Adds time measured elsewhere (e.g. reported back by a Durable Object). */
  add(name: TimingName, ms: number, roundTrips = 1, units = roundTrips): void {
    const tally = this.#tallies.get(name) ?? { ms: 0, roundTrips: 0, units: 0 };
    tally.ms += Number.isFinite(ms) && ms > 0 ? ms : 0;
    tally.roundTrips += roundTrips;
    tally.units += units;
    this.#tallies.set(name, tally);
  }

  roundTrips(name: TimingName): number {
    return this.#tallies.get(name)?.roundTrips ?? 0;
  }

  /** The Server-Timing header value, e.g. `d1;dur=1.2;desc="2 round trips, 3 statements", kv;dur=0.4;desc="1 round trip", total;dur=5.1` (only names that were used, plus total). */
  header(totalMs: number): string {
    const entries: string[] = [];
    for (const name of TIMING_NAMES) {
      const tally = this.#tallies.get(name);
      if (tally === undefined) continue;
      const label = UNIT_LABEL[name];
      const desc = label === undefined ? plural(tally.roundTrips, "round trip") : `${plural(tally.roundTrips, "round trip")}, ${plural(tally.units, label)}`;
      entries.push(`${name};dur=${duration(tally.ms)};desc="${desc}"`);
    }
    entries.push(`total;dur=${duration(totalMs)}`);
    return entries.join(", ");
  }
}

// ---------------------------------------------------------------------------------------------
// Instrumented bindings. Each is a Proxy over the real binding: the listed methods are timed,
// everything else is read from the real object (functions called with the real object as `this`),
// and methods are looked up on every call, so spies installed on the real binding still apply.

type Method = (...args: unknown[]) => unknown;

function isMethod(value: unknown): value is Method {
  return typeof value === "function";
}

function passThrough(target: object, prop: string | symbol): unknown {
  const value: unknown = Reflect.get(target, prop, target);
  if (!isMethod(value) || prop === "constructor") return value;
  return (...args: unknown[]) => value.apply(target, args);
}

/** A timed version of `target[prop]`, or undefined when the binding has no such method. */
function timedMethod(target: object, prop: string, timing: RequestTiming, name: TimingName, unitsOf: (args: unknown[]) => number = () => 1): Method | undefined {
  const method: unknown = Reflect.get(target, prop, target);
  if (!isMethod(method)) return undefined;
  return (...args: unknown[]) => timing.measure(name, async () => method.apply(target, args), unitsOf(args));
}

function instrumentMethods<T extends object>(binding: T, timing: RequestTiming, name: TimingName, methods: ReadonlySet<string>, unitsOf?: (prop: string, args: unknown[]) => number): T {
  return new Proxy(binding, {
    get(target, prop) {
      if (typeof prop === "string" && methods.has(prop)) {
        const timed = timedMethod(target, prop, timing, name, unitsOf === undefined ? undefined : (args) => unitsOf(prop, args));
        if (timed !== undefined) return timed;
      }
      return passThrough(target, prop);
    },
  });
}

// D1 -------------------------------------------------------------------------------------------

/** Instrumented statement → the real statement, so `batch` always receives real statements. */
const realStatements = new WeakMap<object, D1PreparedStatement>();

function unwrapStatement(statement: D1PreparedStatement): D1PreparedStatement {
  return realStatements.get(statement) ?? statement;
}

const STATEMENT_ROUND_TRIPS: ReadonlySet<string> = new Set(["first", "run", "all", "raw"]);

function instrumentStatement(statement: D1PreparedStatement, timing: RequestTiming): D1PreparedStatement {
  const wrapper = new Proxy(statement, {
    get(target, prop) {
      if (prop === "bind") return (...values: unknown[]) => instrumentStatement(target.bind(...values), timing);
      if (typeof prop === "string" && STATEMENT_ROUND_TRIPS.has(prop)) {
        const timed = timedMethod(target, prop, timing, "d1");
        if (timed !== undefined) return timed;
      }
      return passThrough(target, prop);
    },
  });
  realStatements.set(wrapper, statement);
  return wrapper;
}

/** `prepare` and `batch`, shared by the database and its sessions. */
function d1Member(target: D1Database | D1DatabaseSession, prop: string | symbol, timing: RequestTiming): unknown {
  if (prop === "prepare") return (query: string) => instrumentStatement(target.prepare(query), timing);
  if (prop === "batch") {
    return (statements: D1PreparedStatement[]) => timing.measure("d1", () => target.batch(statements.map(unwrapStatement)), statements.length);
  }
  return undefined;
}

function instrumentSession(session: D1DatabaseSession, timing: RequestTiming): D1DatabaseSession {
  return new Proxy(session, {
    get: (target, prop) => d1Member(target, prop, timing) ?? passThrough(target, prop),
  });
}

/**
 * `prepare` returns instrumented statements (`bind` keeps them instrumented; `first/run/all/raw`
 * are one round trip and one statement each), `batch` is one round trip of `statements.length`
 * statements, `exec` one round trip, and `withSession` returns a session instrumented the same way.
 * `dump` (deprecated) passes through untimed.
 */
function instrumentD1(db: D1Database, timing: RequestTiming): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      const member = d1Member(target, prop, timing);
      if (member !== undefined) return member;
      if (prop === "exec") return (query: string) => timing.measure("d1", () => target.exec(query));
      if (prop === "withSession") {
        return (constraintOrBookmark?: D1SessionBookmark | D1SessionConstraint) => instrumentSession(target.withSession(constraintOrBookmark), timing);
      }
      return passThrough(target, prop);
    },
  });
}

// KV, R2, queue -------------------------------------------------------------------------------

const KV_ROUND_TRIPS: ReadonlySet<string> = new Set(["get", "getWithMetadata", "put", "delete", "list"]);
/** `get` resolves once the object's metadata arrives; reading its body stream is not counted. */
const R2_ROUND_TRIPS: ReadonlySet<string> = new Set(["get", "put", "head", "delete", "list", "createMultipartUpload"]);
const QUEUE_ROUND_TRIPS: ReadonlySet<string> = new Set(["send", "sendBatch"]);

/** `sendBatch` of an array counts its messages; any other iterable is counted as one. */
function queueUnits(prop: string, args: unknown[]): number {
  const messages = args[0];
  return prop === "sendBatch" && Array.isArray(messages) ? messages.length : 1;
}

// env -----------------------------------------------------------------------------------------

function present<T>(binding: T | undefined | null): binding is T {
  return binding !== undefined && binding !== null;
}

/** A copy of `env` whose DB (D1), CACHE_KV and SETTINGS_KV (KV), AUDIO_BUCKET (R2) and JOBS_QUEUE (queue send/sendBatch) record every round trip in `timing`; every other binding and var is passed through unchanged. */
export function instrumentEnv(env: Env, timing: RequestTiming): Env {
  const instrumented: Env = { ...env };
  if (present(env.DB)) instrumented.DB = instrumentD1(env.DB, timing);
  if (present(env.CACHE_KV)) instrumented.CACHE_KV = instrumentMethods(env.CACHE_KV, timing, "kv", KV_ROUND_TRIPS);
  if (present(env.SETTINGS_KV)) instrumented.SETTINGS_KV = instrumentMethods(env.SETTINGS_KV, timing, "kv", KV_ROUND_TRIPS);
  if (present(env.AUDIO_BUCKET)) instrumented.AUDIO_BUCKET = instrumentMethods(env.AUDIO_BUCKET, timing, "r2", R2_ROUND_TRIPS);
  if (present(env.JOBS_QUEUE)) instrumented.JOBS_QUEUE = instrumentMethods(env.JOBS_QUEUE, timing, "queue", QUEUE_ROUND_TRIPS, queueUnits);
  registerEnvCopy(instrumented, env);
  return instrumented;
}

/** The env that `instrumentEnv` wrapped (or `env` itself); kept in worker/env.ts, re-exported here. */
export { originalEnv };
