/**
 * sexyvoice-local-engine: the "local" speech engine Worker.
 *
 * Owns: running eSpeak NG (npm `espeak-ng` 1.0.2, an Emscripten build of the espeak-ng CLI whose
 * 18 MB .wasm embeds all voice data) inside workerd, and the small HTTP API around it. It is a
 * separate Worker so the wasm never enters the main bundle; the main Worker reaches it only via
 * its LOCAL_ENGINE service binding. It owns no storage, auth, billing or rate limiting.
 *
 * API
 *   POST /synthesize  {"text","language","variant","pitch"?,"speed"?}  -> 200 audio/wav
 *        RIFF WAVE PCM16 mono 22050 Hz, headers X-Duration-Seconds, X-Sample-Rate.
 *        400 {"error":{"code":"validation_failed"|"unsupported_language"|"audio_too_long",...}}
 *   POST /mp3         body: a PCM or float WAV file (audio/wav, at most 32 MiB) -> 200 audio/mpeg,
 *        mono CBR 64 kbit/s (./mp3.ts), headers X-Duration-Seconds (of the input), X-Sample-Rate.
 *        400 {"error":{"code":"unsupported_audio"}}, 413 {"error":{"code":"audio_too_large"}}
 *   GET  /languages   -> {"languages": string[], "voices": [{id,name,voice}]} (read from the build)
 *   GET  /health      -> {"ok": true}
 *
 * How eSpeak runs here
 *   - The compiled WebAssembly.Module (wrangler's CompiledWasm import) is shared by the isolate.
 *     The Emscripten program runs its CLI main() once per instance and cannot be re-run, so
 *     every request instantiates a fresh instance from that module (synchronously, via
 *     `instantiateWasm`), runs main() with argv, and drops the instance. Because instantiation
 *     and main() run synchronously, requests never interleave inside an isolate: at most one
 *     32 MB wasm memory is live per request.
 *   - The text is its own argv element after a `--` separator: never shell-interpreted, and a
 *     leading "-" is spoken, not parsed as an option. `-D` makes output deterministic (some
 *     variants add random jitter otherwise).
 *   - `-w` writes to an Emscripten character device (not MEMFS): samples go into 1 MiB blocks
 *     with a hard cap (MAX_AUDIO_SECONDS), so a huge request fails fast with audio_too_long
 *     instead of exhausting the isolate's 128 MB.
 *   - The glue's own loader for the ~445 embedded voice-data files cost ~40 ms per instance; it
 *     is replaced by fastEmbeddedFileLoader (byte-identical output).
 *   - Measured (wrangler dev 4.86.0, project machine, curl wall clock): 100 characters of English
 *     take 26-32 ms per request (median 28 ms over 30), instantiation included; the first
 *     request of an isolate ~95 ms (module compile + the `--voices` catalog run). Before the
 *     loader swap it was ~100 ms.
 *   - The glue is made to believe it runs in a web worker (installWebWorkerGlobals); this
 *     Worker must not have nodejs_compat (see ./wrangler.toml).
 */
import ESpeakNG, { type EmscriptenDeviceOps, type EmscriptenFS, type EmscriptenStream, type ESpeakNGModule, type ESpeakNGOptions, type MemfsNode } from "espeak-ng";
import espeakWasm from "espeak-ng/dist/espeak-ng.wasm";
import { encodeWavAsMp3, MAX_MP3_INPUT_BYTES, Mp3InputError } from "./mp3";

// ---------------------------------------------------------------------------------------------
// Limits and mappings

const MAX_TEXT_CHARS = 5000;
const MIN_PITCH = 0;
const MAX_PITCH = 99;
const MIN_SPEED = 80;
const MAX_SPEED = 450;
/** 64 KiB is far above any valid body (5000 code points, even fully \u-escaped, is ~60 KB). */
const MAX_BODY_BYTES = 64 * 1024;
/** eSpeak NG writes 22050 Hz PCM16 mono: ~2.6 MB per minute. 12 minutes ~ 32 MB. */
const MAX_AUDIO_SECONDS = 12 * 60;
const WAV_BYTES_PER_SECOND = 22050 * 2;
const MAX_WAV_BYTES = 44 + MAX_AUDIO_SECONDS * WAV_BYTES_PER_SECOND;

/**
 * API variant -> eSpeak voice variant (espeak-ng-data/voices/!v/<name>). This build has m1..m8
 * and f1..f5 plus named variants; `klatt*` exist as files but the build is compiled without the
 * Klatt synthesizer, so they sound exactly like the base voice. "neutral" is the language's own
 * voice with no variant.
 */
const VARIANTS = {
  male1: "m1",
  male2: "m2",
  male3: "m3",
  male4: "m4",
  female1: "f1",
  female2: "f2",
  female3: "f3",
  female4: "f4",
  neutral: null,
} as const satisfies Record<string, string | null>;

type Variant = keyof typeof VARIANTS;

const OUTPUT_PATH = "/tmp/speech.wav";

// ---------------------------------------------------------------------------------------------
// Errors and responses

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown from the output device to unwind out of eSpeak as soon as the cap is exceeded. */
class AudioTooLongError extends Error {
  constructor() {
    super(`The audio would be longer than ${MAX_AUDIO_SECONDS / 60} minutes`);
  }
}

function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const response = Response.json(body, { status, headers });
  response.headers.set("Cache-Control", "no-store");
  return response;
}

function errorResponse(status: number, code: string, message: string, headers?: HeadersInit): Response {
  return json({ error: { code, message } }, status, headers);
}

// ---------------------------------------------------------------------------------------------
// Running the Emscripten program

/** Makes the Emscripten glue take its web-worker path (it checks `typeof importScripts`). */
function installWebWorkerGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  if (typeof g.importScripts !== "function") g.importScripts = () => {};
  if (typeof g.self !== "object" || g.self === null) g.self = globalThis;
  if (typeof g.location !== "object" || g.location === null) {
    g.location = { href: "https://sexyvoice-local-engine.internal/index.js" };
  }
}

/** Growable, capped byte sink backed by 1 MiB blocks; supports the header fix-up seeks. */
class CappedSink {
  static readonly BLOCK = 1 << 20;
  readonly blocks: Uint8Array[] = [];
  size = 0;

  constructor(private readonly maxBytes: number) {}

  write(src: Uint8Array, offset: number, length: number, position: number): void {
    if (position + length > this.maxBytes) throw new AudioTooLongError();
    let done = 0;
    while (done < length) {
      const at = position + done;
      const index = Math.floor(at / CappedSink.BLOCK);
      const within = at % CappedSink.BLOCK;
      while (this.blocks.length <= index) this.blocks.push(new Uint8Array(CappedSink.BLOCK));
      const n = Math.min(length - done, CappedSink.BLOCK - within);
      this.blocks[index]!.set(src.subarray(offset + done, offset + done + n), within);
      done += n;
    }
    this.size = Math.max(this.size, position + length);
  }

  /** The written bytes as a list of views (no copy). */
  chunks(): Uint8Array[] {
    const out: Uint8Array[] = [];
    let left = this.size;
    for (const block of this.blocks) {
      if (left <= 0) break;
      out.push(left >= block.length ? block : block.subarray(0, left));
      left -= block.length;
    }
    return out;
  }

  deviceOps(): EmscriptenDeviceOps {
    return {
      write: (_stream: EmscriptenStream, buffer, offset, length, position) => {
        this.write(buffer, offset, length, position);
        return length;
      },
      llseek: (stream: EmscriptenStream, offset, whence) => {
        const base = whence === 0 ? 0 : whence === 1 ? stream.position : this.size;
        return Math.max(0, base + offset);
      },
    };
  }
}

/**
 * Drop-in for the glue's `_emscripten_fs_load_embedded_files` import, which mounts the ~445
 * embedded voice-data files into MEMFS on every instantiation. The glue's version resolves every
 * path from the root and tries mkdir on every path component (throwing EEXIST each time): ~40 ms
 * per request in workerd. This one walks the same table (name*, length, data* triples, ending
 * with a null name) and creates the nodes directly, each file owning its slice of wasm memory
 * exactly as the glue's `canOwn` write does. Output is byte-identical. Falls back to the
 * original if the FS internals it needs are missing.
 */
function fastEmbeddedFileLoader(getFS: () => EmscriptenFS | undefined, getMemory: () => WebAssembly.Memory | undefined, original: (pointer: number) => void): (pointer: number) => void {
  return (pointer) => {
    const FS = getFS();
    const memory = getMemory();
    const root = FS?.root;
    if (!memory || !root || typeof root.node_ops.mknod !== "function") return original(pointer);
    const words = new Uint32Array(memory.buffer);
    const bytes = new Uint8Array(memory.buffer);
    const decoder = new TextDecoder();
    const directories = new Map<string, MemfsNode>([["", root]]);
    const directory = (path: string): MemfsNode => {
      const known = directories.get(path);
      if (known) return known;
      const cut = path.lastIndexOf("/");
      const parent = directory(path.slice(0, cut));
      const name = path.slice(cut + 1);
      const existing = (parent.contents as Record<string, MemfsNode> | null)?.[name];
      const node = existing ?? parent.node_ops.mknod!(parent, name, 0o777 | 0o040000, 0);
      directories.set(path, node);
      return node;
    };
    let at = pointer >>> 2;
    do {
      const nameAddress = words[at]!;
      const length = words[at + 1]!;
      const data = words[at + 2]!;
      at += 3;
      const nameEnd = bytes.indexOf(0, nameAddress);
      const path = decoder.decode(bytes.subarray(nameAddress, nameEnd));
      const cut = path.lastIndexOf("/");
      const parent = directory(path.slice(0, cut));
      const file = parent.node_ops.mknod!(parent, path.slice(cut + 1), 0o666 | 0o100000, 0);
      file.contents = new Int8Array(memory.buffer, data, length);
      file.usedBytes = length;
    } while (words[at]);
  };
}

interface EspeakRun {
  stdout: string[];
  stderr: string[];
  exitStatus: number;
}

const EXIT_NOTICE = /^program exited \(with status: (-?\d+)\)/;

/**
 * Instantiates a fresh eSpeak NG program from the cached compiled module and runs its main()
 * with `args`. If `sink` is given, `OUTPUT_PATH` is a device writing into it.
 */
async function runEspeak(args: string[], sink?: CappedSink): Promise<EspeakRun> {
  installWebWorkerGlobals();
  const stdout: string[] = [];
  const stderr: string[] = [];
  let exitStatus = 0;
  const options: ESpeakNGOptions = {
    arguments: args,
    print: (line) => stdout.push(line),
    printErr: (line) => {
      // exit() with a live runtime reports itself on stderr; keep the status, drop the noise.
      const notice = EXIT_NOTICE.exec(line);
      if (notice) exitStatus = Number(notice[1]);
      else stderr.push(line);
    },
    locateFile: (path) => path,
    instantiateWasm(imports, receiveInstance) {
      let memory: WebAssembly.Memory | undefined;
      const env = imports.env as Record<string, unknown>;
      const original = env._emscripten_fs_load_embedded_files;
      if (typeof original === "function") {
        env._emscripten_fs_load_embedded_files = fastEmbeddedFileLoader(
          () => (options as Partial<ESpeakNGModule>).FS,
          () => memory,
          original as (pointer: number) => void,
        );
      }
      // Synchronous on purpose: instantiation and main() then both complete inside the factory
      // call, so concurrent requests cannot interleave and hold several instances at once. A
      // synchronous instantiateWasm must return the exports (the glue assigns them from it).
      const instance = new WebAssembly.Instance(espeakWasm, imports);
      memory = instance.exports.memory as WebAssembly.Memory;
      return receiveInstance(instance, espeakWasm);
    },
    preRun: sink
      ? [
          ({ FS }) => {
            const dev = FS.makedev(200, 0);
            FS.registerDevice(dev, sink.deviceOps());
            FS.mkdev(OUTPUT_PATH, 0o666, dev);
          },
        ]
      : [],
  };

  // Everything up to main()'s return runs synchronously inside this call; the promise only
  // rejects if main() crashed (an exit() status is reported through printErr instead).
  await ESpeakNG(options);
  return { stdout, stderr, exitStatus };
}

// ---------------------------------------------------------------------------------------------
// Voice catalog (read from the build with `espeak-ng --voices`)

interface LanguageEntry {
  /** Lower-case id accepted by the API, e.g. "en-us", "fr", "zh". */
  id: string;
  /** eSpeak's voice name, e.g. "English (America)". */
  name: string;
  /** Voice file passed to `-v`, e.g. "gmw/en-US". */
  voice: string;
}

let catalog: Map<string, LanguageEntry> | undefined;

/**
 * Parses `--voices` output. Columns: Pty, Language, Age/Gender, VoiceName, File, then
 * "(alias priority)" pairs. Primary language ids map to their voice file; an alias (e.g. "en",
 * "fr", "zh", "es-mx") that is not itself a primary id maps to the voice that lists it with the
 * best (lowest) priority. Voices are selected by file, which is exact and also works for ids
 * that eSpeak cannot resolve by language (e.g. "chr-us-qaaa-x-west").
 */
function parseVoiceList(lines: string[]): Map<string, LanguageEntry> {
  const primary = new Map<string, LanguageEntry>();
  const aliases = new Map<string, { entry: LanguageEntry; priority: number }>();
  for (const line of lines) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 5 || cols[0] === "Pty" || !/^\d+$/.test(cols[0]!)) continue;
    const [, language, , voiceName, file] = cols as [string, string, string, string, string];
    const name = voiceName.replace(/_/g, " ");
    const id = language.toLowerCase();
    if (!primary.has(id)) primary.set(id, { id, name, voice: file });
    for (const match of line.matchAll(/\(([^\s()]+) (\d+)\)/g)) {
      const alias = match[1]!.toLowerCase();
      const priority = Number(match[2]);
      const best = aliases.get(alias);
      if (!best || priority < best.priority) {
        aliases.set(alias, { entry: { id: alias, name, voice: file }, priority });
      }
    }
  }
  for (const [alias, { entry }] of aliases) if (!primary.has(alias)) primary.set(alias, entry);
  return new Map([...primary].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function getCatalog(): Promise<Map<string, LanguageEntry>> {
  if (catalog) return catalog;
  const run = await runEspeak(["--voices"]);
  const parsed = parseVoiceList(run.stdout);
  if (parsed.size === 0) throw new Error(`espeak-ng --voices listed nothing: ${run.stderr.join(" ")}`);
  catalog = parsed;
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Request validation

interface SynthesisRequest {
  text: string;
  language: string;
  variant: Variant;
  pitch?: number;
  speed?: number;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: this pattern exists to find control characters in the text
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function invalid(message: string): ApiError {
  return new ApiError(400, "validation_failed", message);
}

function optionalInteger(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`"${field}" must be an integer from ${min} to ${max}`);
  }
  return value;
}

function validateSynthesisRequest(body: unknown): SynthesisRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalid("The body must be a JSON object");
  }
  const input = body as Record<string, unknown>;

  if (typeof input.text !== "string") throw invalid('"text" must be a string');
  const length = [...input.text].length;
  if (input.text.trim().length === 0) throw invalid('"text" must not be blank');
  if (length > MAX_TEXT_CHARS) throw invalid(`"text" must be at most ${MAX_TEXT_CHARS} characters`);
  // NUL would cut the C string short; other controls and lone surrogates become harmless.
  const text = input.text.replace(CONTROL_CHARS, " ").replace(LONE_SURROGATE, "\uFFFD");

  if (typeof input.language !== "string" || input.language.trim() === "") {
    throw invalid('"language" must be a non-empty string');
  }
  const language = input.language.trim().toLowerCase();

  if (typeof input.variant !== "string" || !Object.hasOwn(VARIANTS, input.variant)) {
    throw invalid(`"variant" must be one of ${Object.keys(VARIANTS).join(", ")}`);
  }
  const variant = input.variant as Variant;

  const pitch = optionalInteger(input.pitch, "pitch", MIN_PITCH, MAX_PITCH);
  const speed = optionalInteger(input.speed, "speed", MIN_SPEED, MAX_SPEED);
  return { text, language, variant, pitch, speed };
}

// ---------------------------------------------------------------------------------------------
// WAV handling

interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  dataOffset: number;
  dataBytes: number;
}

/**
 * Checks the RIFF/WAVE header eSpeak wrote (in `head`, the first block) and rewrites the RIFF and
 * data sizes from the real byte count, so they are right even if eSpeak could not seek back.
 */
function finalizeWav(head: Uint8Array, totalBytes: number): WavInfo {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const tag = (at: number) => String.fromCharCode(...head.subarray(at, at + 4));
  if (head.byteLength < 44 || tag(0) !== "RIFF" || tag(8) !== "WAVE") {
    throw new Error("eSpeak NG did not produce a RIFF/WAVE file");
  }
  let at = 12;
  let fmt: Omit<WavInfo, "dataOffset" | "dataBytes"> | undefined;
  while (at + 8 <= head.byteLength) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    if (id === "fmt ") {
      const format = view.getUint16(at + 8, true);
      fmt = {
        channels: view.getUint16(at + 10, true),
        sampleRate: view.getUint32(at + 12, true),
        bitsPerSample: view.getUint16(at + 22, true),
      };
      if (format !== 1) throw new Error(`Unexpected WAV format ${format}`);
    } else if (id === "data") {
      if (!fmt) throw new Error("WAV data chunk before fmt chunk");
      const dataOffset = at + 8;
      const dataBytes = totalBytes - dataOffset;
      view.setUint32(4, totalBytes - 8, true);
      view.setUint32(at + 4, dataBytes, true);
      return { ...fmt, dataOffset, dataBytes };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error("WAV file has no data chunk");
}

/** A response body over the sink's blocks without concatenating them. */
function bodyFromChunks(chunks: Uint8Array[], totalBytes: number, ctx: ExecutionContext): BodyInit {
  if (chunks.length === 1) return chunks[0]!;
  const { readable, writable } = new FixedLengthStream(totalBytes);
  const writer = writable.getWriter();
  const pump = (async () => {
    for (const chunk of chunks) await writer.write(chunk);
    await writer.close();
  })().catch((error: unknown) => writer.abort(error).catch(() => {}));
  ctx.waitUntil(pump);
  return readable;
}

// ---------------------------------------------------------------------------------------------
// Handlers

async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw invalid(`The body must be at most ${MAX_BODY_BYTES} bytes`);
  const raw = await request.arrayBuffer();
  if (raw.byteLength > MAX_BODY_BYTES) throw invalid(`The body must be at most ${MAX_BODY_BYTES} bytes`);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(raw));
  } catch {
    throw invalid("The body must be valid UTF-8 JSON");
  }
}

async function handleSynthesize(request: Request, ctx: ExecutionContext): Promise<Response> {
  const input = validateSynthesisRequest(await readJsonBody(request));
  const entry = (await getCatalog()).get(input.language);
  if (!entry) {
    throw new ApiError(400, "unsupported_language", `Language "${input.language}" is not available; GET /languages lists the supported ids`);
  }

  const variant = VARIANTS[input.variant];
  const args = ["-D", "-b", "1", "-w", OUTPUT_PATH, "-v", variant ? `${entry.voice}+${variant}` : entry.voice];
  if (input.pitch !== undefined) args.push("-p", String(input.pitch));
  if (input.speed !== undefined) args.push("-s", String(input.speed));
  args.push("--", input.text);

  const sink = new CappedSink(MAX_WAV_BYTES);
  let run: EspeakRun;
  try {
    run = await runEspeak(args, sink);
  } catch (error) {
    if (error instanceof AudioTooLongError) {
      throw new ApiError(400, "audio_too_long", `${error.message}; shorten the text or raise "speed"`);
    }
    throw error;
  }
  if (run.exitStatus !== 0 || sink.size === 0) {
    throw new Error(`espeak-ng failed (status ${run.exitStatus}): ${run.stderr.join(" ").slice(0, 300)}`);
  }

  const chunks = sink.chunks();
  const wav = finalizeWav(chunks[0]!, sink.size);
  const bytesPerSecond = wav.sampleRate * wav.channels * (wav.bitsPerSample / 8);
  const duration = wav.dataBytes / bytesPerSecond;
  return new Response(bodyFromChunks(chunks, sink.size, ctx), {
    headers: {
      "Content-Type": "audio/wav",
      "Content-Length": String(sink.size),
      "Cache-Control": "no-store",
      "X-Duration-Seconds": duration.toFixed(3),
      "X-Sample-Rate": String(wav.sampleRate),
    },
  });
}

async function handleMp3(request: Request): Promise<Response> {
  const tooLarge = () => new ApiError(413, "audio_too_large", `The WAV file must be at most ${MAX_MP3_INPUT_BYTES} bytes`);
  if (Number(request.headers.get("Content-Length") ?? "0") > MAX_MP3_INPUT_BYTES) throw tooLarge();
  const wav = new Uint8Array(await request.arrayBuffer());
  if (wav.byteLength > MAX_MP3_INPUT_BYTES) throw tooLarge();
  try {
    const { mp3, durationSeconds, sampleRate } = await encodeWavAsMp3(wav);
    return new Response(mp3, {
      headers: { "Content-Type": "audio/mpeg", "Cache-Control": "no-store", "X-Duration-Seconds": durationSeconds.toFixed(3), "X-Sample-Rate": String(sampleRate) },
    });
  } catch (error) {
    if (error instanceof Mp3InputError) throw new ApiError(400, "unsupported_audio", error.message);
    throw error;
  }
}

async function handleLanguages(): Promise<Response> {
  const entries = [...(await getCatalog()).values()];
  return json({ languages: entries.map((entry) => entry.id), voices: entries });
}

const ROUTES: Record<string, { method: string; handle: (request: Request, ctx: ExecutionContext) => Promise<Response> }> = {
  "/synthesize": { method: "POST", handle: handleSynthesize },
  "/mp3": { method: "POST", handle: (request) => handleMp3(request) },
  "/languages": { method: "GET", handle: () => handleLanguages() },
  "/health": { method: "GET", handle: async () => json({ ok: true }) },
};

export default {
  async fetch(request, _env, ctx): Promise<Response> {
    const route = ROUTES[new URL(request.url).pathname];
    if (!route) return errorResponse(404, "not_found", "No such endpoint");
    const method = request.method === "HEAD" ? "GET" : request.method;
    if (method !== route.method) {
      return errorResponse(405, "method_not_allowed", `Use ${route.method}`, { Allow: route.method });
    }
    try {
      return await route.handle(request, ctx);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message);
      console.error("local-engine: internal error", error);
      return errorResponse(500, "synthesis_failed", "The local speech engine failed");
    }
  },
} satisfies ExportedHandler;
