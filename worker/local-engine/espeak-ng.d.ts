// Types for the parts of the `espeak-ng` 1.0.2 package (an Emscripten MODULARIZE build of the
// eSpeak NG command-line program) that ./index.ts uses. The package ships no types.

declare module "espeak-ng" {
  /** Emscripten stream as passed to device stream_ops (only the fields used here). */
  export interface EmscriptenStream {
    position: number;
  }

  /** stream_ops of an Emscripten character device registered with FS.registerDevice. */
  export interface EmscriptenDeviceOps {
    open?(stream: EmscriptenStream): void;
    close?(stream: EmscriptenStream): void;
    write?(stream: EmscriptenStream, buffer: Uint8Array, offset: number, length: number, position: number): number;
    llseek?(stream: EmscriptenStream, offset: number, whence: number): number;
  }

  /** A MEMFS node (only the fields used by the embedded-file loader in ./index.ts). */
  export interface MemfsNode {
    contents: Record<string, MemfsNode> | Int8Array | Uint8Array | null;
    usedBytes?: number;
    node_ops: { mknod?(parent: MemfsNode, name: string, mode: number, dev: number): MemfsNode };
  }

  export interface EmscriptenFS {
    root: MemfsNode | null;
    makedev(major: number, minor: number): number;
    registerDevice(dev: number, ops: EmscriptenDeviceOps): void;
    mkdev(path: string, mode: number, dev: number): unknown;
    readFile(path: string): Uint8Array;
  }

  export interface ESpeakNGModule {
    FS: EmscriptenFS;
  }

  export interface ESpeakNGOptions {
    /** argv[1..] of the eSpeak NG CLI; main() runs once when the runtime is ready. */
    arguments?: string[];
    print?: (line: string) => void;
    printErr?: (line: string) => void;
    locateFile?: (path: string, scriptDirectory: string) => string;
    instantiateWasm?: (imports: WebAssembly.Imports, receiveInstance: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => WebAssembly.Exports) => object;
    /** Runs before main(), with the filesystem already available. */
    preRun?: Array<(module: ESpeakNGModule) => void>;
  }

  export default function ESpeakNG(options?: ESpeakNGOptions): Promise<ESpeakNGModule>;
}

declare module "espeak-ng/dist/espeak-ng.wasm" {
  /** wrangler's default CompiledWasm rule turns the import into a compiled module. */
  const wasm: WebAssembly.Module;
  export default wasm;
}
