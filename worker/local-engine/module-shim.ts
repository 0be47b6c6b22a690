// Build-time stand-in for Node's `module` built-in, wired up by the `[alias]` in ./wrangler.toml.
//
// The eSpeak NG Emscripten glue contains `await import('module')` on its Node-only code path.
// This Worker runs without `nodejs_compat` (with it the glue believes it is in Node and breaks),
// so esbuild could not resolve that import. The path is never taken here: the glue is made to
// detect a web worker (see installWebWorkerGlobals in ./index.ts). If it ever is, fail loudly.
export function createRequire(): never {
  throw new Error("local-engine: Node's createRequire is not available in this Worker");
}

export default { createRequire };
