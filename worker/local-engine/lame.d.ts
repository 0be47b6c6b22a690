// The LAME MP3 encoder's .wasm from `wasm-media-encoders` 0.7.0 (./mp3.ts). The package's exports
// map misspells this subpath, so TypeScript cannot resolve it; wrangler's CompiledWasm rule
// matches `*.wasm` import paths and finds the file by Node resolution.
declare module "wasm-media-encoders/wasm/mp3.wasm" {
  /** wrangler's default CompiledWasm rule turns the import into a compiled module. */
  const wasm: WebAssembly.Module;
  export default wasm;
}
