// Architecture rules the type checker cannot see, checked by `npm run lint` (plain Node, no
// dependencies). Prints each violation as `file:line: message` and exits 1 if there is any.
//   a. no import cycles among worker/**/*.ts: static `import`, `import type` and `export … from`,
//      relative specifiers resolved to x.ts / x/index.ts (dynamic `import()` is lazy and not an edge)
//   b. SQL only in worker/db/: outside it (and outside worker/local-engine/) no `.prepare(` or
//      `.batch(` call and no string or template literal holding an SQL statement
//   c. the raw configuration `secrets` (`.secrets`, `config.secrets`, `{ secrets } = …`) is read
//      only in worker/env.ts and worker/integrations.ts
//   d. worker/ never imports from web/; web/ imports from worker/ only under worker/shared/
//   e. no file under worker/ (outside worker/local-engine/) longer than 400 lines, unless its
//      header comment says why: "longer than 400 lines because …"
// Sources are tokenised (comments, strings, templates, regular expressions and, in .tsx, JSX text
// told apart), so prose in comments never counts: only code tokens and string literals do.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const MAX_LINES = 400;
const LONG_FILE_REASON = /longer than 400 lines because/i;
const SECRETS_READERS = new Set(["worker/env.ts", "worker/integrations.ts"]);
const SKIPPED_DIRS = new Set(["node_modules", "dist", "test-artifacts"]);
const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".jsx"];
// An SQL statement in a string: keyword, then something that reads as SQL after it.
const SQL_PATTERNS = [
  /\bSELECT\s+(?:DISTINCT\s+)?[\w*"`(][\s\S]*?\bFROM\s+[\w"`(]/,
  /^\s*SELECT\s+\S/,
  /\bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\s+[\w"`]/,
  /\bUPDATE\s+(?:OR\s+[A-Z]+\s+)?[\w"`.]+\s+SET\s/,
  /\bDELETE\s+FROM\s+[\w"`]/,
];

const violations = [];
const report = (file, line, message) => violations.push({ file, line, message });

// ---------------------------------------------------------------------------------------------
// Tokeniser: enough of TypeScript (and JSX in .tsx) to find code tokens, string literals and
// comments. Token: { type: "name" | "num" | "punct" | "str" | "tmpl" | "regex", value, start }.
// A template's value is its text with each `${…}` as `?`; the expressions inside are tokenised too.

const EXPRESSION_KEYWORDS = new Set(["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await", "extends"]);
const PUNCTUATORS = ["...", "===", "!==", "**=", "<<=", ">>=", "&&=", "||=", "??=", "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<"];

function tokenize(src, { jsx }) {
  const tokens = [];
  const comments = [];
  let i = 0;
  let incomplete = false;

  const last = () => tokens[tokens.length - 1];
  // Whether a `/` (or, in .tsx, a `<`) here starts a regular expression (a JSX element).
  const expressionExpected = () => {
    const t = last();
    if (t === undefined) return true;
    if (t.type === "name") return EXPRESSION_KEYWORDS.has(t.value);
    if (t.type === "punct") return !(t.value === ")" || t.value === "]" || t.value === "}" || t.value === "++" || t.value === "--");
    return false;
  };

  function skipComment() {
    if (src[i] !== "/") return false;
    if (src[i + 1] === "/") {
      const end = src.indexOf("\n", i);
      const stop = end === -1 ? src.length : end;
      comments.push({ start: i, text: src.slice(i + 2, stop), line: true });
      i = stop;
      return true;
    }
    if (src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end === -1 ? src.length : end + 2;
      if (end === -1) incomplete = true;
      comments.push({ start: i, text: src.slice(i + 2, end === -1 ? src.length : end), line: false });
      i = stop;
      return true;
    }
    return false;
  }

  function readString(quote, allowEscapes) {
    const start = i;
    i += 1;
    let value = "";
    while (i < src.length && src[i] !== quote) {
      if (allowEscapes && src[i] === "\\") {
        value += src.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (allowEscapes && src[i] === "\n") {
        incomplete = true;
        break;
      }
      value += src[i];
      i += 1;
    }
    i += 1;
    tokens.push({ type: "str", value, start });
  }

  function readTemplate() {
    const start = i;
    i += 1;
    let value = "";
    while (i < src.length) {
      const ch = src[i];
      if (ch === "\\") {
        value += src.slice(i, i + 2);
        i += 2;
      } else if (ch === "`") {
        i += 1;
        tokens.push({ type: "tmpl", value, start });
        return;
      } else if (ch === "$" && src[i + 1] === "{") {
        i += 2;
        value += "?";
        readCode(true);
      } else {
        value += ch;
        i += 1;
      }
    }
    incomplete = true;
    tokens.push({ type: "tmpl", value, start });
  }

  function readRegex() {
    const start = i;
    i += 1;
    let inClass = false;
    while (i < src.length && src[i] !== "\n") {
      const ch = src[i];
      if (ch === "\\") i += 1;
      else if (ch === "[") inClass = true;
      else if (ch === "]") inClass = false;
      else if (ch === "/" && !inClass) break;
      i += 1;
    }
    i += 1;
    while (i < src.length && /[a-z]/i.test(src[i])) i += 1;
    tokens.push({ type: "regex", value: src.slice(start, i), start });
  }

  function skipSpace() {
    while (i < src.length && /\s/.test(src[i])) i += 1;
  }

  // A JSX element from its `<`: tag, attributes, then children up to the matching closing tag.
  function readJsxElement() {
    const start = i;
    i += 1;
    skipSpace();
    const fragment = src[i] === ">";
    while (i < src.length && /[\w$.:-]/.test(src[i])) i += 1;
    tokens.push({ type: "punct", value: "<jsx>", start });
    if (!fragment) {
      for (;;) {
        skipSpace();
        if (i >= src.length) {
          incomplete = true;
          return;
        }
        if (skipComment()) continue;
        const ch = src[i];
        if (ch === "/" && src[i + 1] === ">") {
          i += 2;
          tokens.push({ type: "punct", value: "</jsx>", start: i });
          return;
        }
        if (ch === ">") break;
        if (ch === "{") {
          i += 1;
          readCode(true);
        } else if (ch === '"' || ch === "'") readString(ch, false);
        else if (ch === "<") readJsxElement();
        else i += 1; // attribute names and `=`
      }
    }
    i += 1; // the `>` of the opening tag
    // Children: text, `{expression}`, nested elements, then `</…>`.
    for (;;) {
      if (i >= src.length) {
        incomplete = true;
        return;
      }
      const ch = src[i];
      if (ch === "{") {
        i += 1;
        readCode(true);
      } else if (ch === "<" && src[i + 1] === "/") {
        const end = src.indexOf(">", i);
        i = end === -1 ? src.length : end + 1;
        tokens.push({ type: "punct", value: "</jsx>", start: i });
        return;
      } else if (ch === "<") readJsxElement();
      else i += 1;
    }
  }

  // Code up to the end of the file or, when `nested`, up to the `}` that closes `${` or a JSX `{`.
  function readCode(nested) {
    let depth = 0;
    while (i < src.length) {
      const ch = src[i];
      if (/\s/.test(ch)) {
        i += 1;
        continue;
      }
      if (skipComment()) continue;
      const start = i;
      if (ch === '"' || ch === "'") readString(ch, true);
      else if (ch === "`") readTemplate();
      else if (ch === "/" && expressionExpected()) readRegex();
      else if (jsx && ch === "<" && expressionExpected() && /[A-Za-z>]/.test(src[i + 1] ?? "")) readJsxElement();
      else if (/[A-Za-z_$\u0080-\uffff]/.test(ch)) {
        while (i < src.length && /[\w$\u0080-\uffff]/.test(src[i])) i += 1;
        tokens.push({ type: "name", value: src.slice(start, i), start });
      } else if (/\d/.test(ch) || (ch === "." && /\d/.test(src[i + 1] ?? ""))) {
        while (i < src.length && /[\w.]/.test(src[i])) i += 1;
        tokens.push({ type: "num", value: src.slice(start, i), start });
      } else {
        if (ch === "}" && nested && depth === 0) {
          i += 1;
          return;
        }
        if (ch === "{") depth += 1;
        if (ch === "}") depth -= 1;
        const punct = PUNCTUATORS.find((p) => src.startsWith(p, i) && !(p === "?." && /\d/.test(src[i + 2] ?? ""))) ?? ch;
        i += punct.length;
        tokens.push({ type: "punct", value: punct, start });
      }
    }
    if (nested || depth !== 0) incomplete = true;
  }

  readCode(false);
  return { tokens, comments, incomplete };
}

// ---------------------------------------------------------------------------------------------
// Files, lines, imports.

function walk(dir, out = []) {
  if (!existsSync(path.join(ROOT, dir))) return out;
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (entry.name.startsWith(".") || SKIPPED_DIRS.has(entry.name)) continue;
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) walk(rel, out);
    else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) out.push(rel);
  }
  return out.sort();
}

function lineIndex(src) {
  const starts = [0];
  for (let k = 0; k < src.length; k += 1) if (src[k] === "\n") starts.push(k + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const isFile = (rel) => existsSync(path.join(ROOT, rel)) && statSync(path.join(ROOT, rel)).isFile();

/** A relative specifier as a repository path: x, x.ts (also for x.js), x/index.ts; null if not relative or not found. */
function resolveImport(from, specifier) {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stem = base.replace(/\.(?:m|c)?jsx?$/, "");
  const candidates = [base, ...[".ts", ".tsx", ".mts", ".d.ts"].map((ext) => stem + ext), ...[".ts", ".tsx", ".mts", ".js", ".mjs"].map((ext) => `${base}/index${ext}`)];
  return candidates.find(isFile) ?? base;
}

/** Static imports and re-exports ({ specifier, offset, dynamic }) found in the token stream. */
function findImports(tokens) {
  const found = [];
  const at = (k) => tokens[k];
  const isPunct = (k, value) => at(k)?.type === "punct" && at(k).value === value;
  const isName = (k, value) => at(k)?.type === "name" && at(k).value === value;
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t.type !== "name" || (t.value !== "import" && t.value !== "export")) continue;
    if (isPunct(k - 1, ".") || isPunct(k - 1, "?.")) continue; // a property called import/export
    if (t.value === "import") {
      if (isPunct(k + 1, ".")) continue; // import.meta
      if (isPunct(k + 1, "(")) {
        if (at(k + 2)?.type === "str") found.push({ specifier: at(k + 2).value, offset: t.start, dynamic: true });
        continue;
      }
      if (at(k + 1)?.type === "str") {
        found.push({ specifier: at(k + 1).value, offset: t.start, dynamic: false });
        continue;
      }
      // import [type] clause from "x": the clause never holds `;`, `from` ends it.
      for (let j = k + 1; j < tokens.length && !isPunct(j, ";"); j += 1) {
        if (isName(j, "from") && at(j + 1)?.type === "str") {
          found.push({ specifier: at(j + 1).value, offset: t.start, dynamic: false });
          break;
        }
        if (isPunct(j, "=")) break; // import x = require(…)
      }
      continue;
    }
    // export [type] * [as n] from "x" | export [type] { … } from "x"
    let j = k + 1;
    if (isName(j, "type")) j += 1;
    if (isPunct(j, "*")) {
      j += 1;
      if (isName(j, "as")) j += 2;
    } else if (isPunct(j, "{")) {
      while (j < tokens.length && !isPunct(j, "}")) j += 1;
      j += 1;
    } else continue;
    if (isName(j, "from") && at(j + 1)?.type === "str") found.push({ specifier: at(j + 1).value, offset: t.start, dynamic: false });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The rules.

const workerFiles = walk("worker").filter((file) => /\.(?:m|c)?tsx?$/.test(file));
const webFiles = walk("web");
const parsed = new Map();
for (const file of [...workerFiles, ...webFiles]) {
  const src = readFileSync(path.join(ROOT, file), "utf8");
  const result = tokenize(src, { jsx: /\.[jt]sx$/.test(file) });
  const lineOf = lineIndex(src);
  if (result.incomplete) report(file, 1, "could not be tokenised to the end (unclosed string, comment, template or JSX?): its checks may be incomplete");
  parsed.set(file, { src, ...result, lineOf, imports: findImports(result.tokens).map((entry) => ({ ...entry, target: resolveImport(file, entry.specifier), line: lineOf(entry.offset) })) });
}

const inDir = (file, dir) => file.startsWith(`${dir}/`);

// a. Import cycles among worker files.
const graph = new Map();
for (const file of workerFiles) {
  const edges = new Map(); // target → line of the first import of it
  for (const entry of parsed.get(file).imports) {
    if (entry.dynamic || entry.target === null || !parsed.has(entry.target) || !inDir(entry.target, "worker")) continue;
    if (!edges.has(entry.target)) edges.set(entry.target, entry.line);
  }
  graph.set(file, edges);
}

function stronglyConnected() {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node).keys()) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components;
}

const MAX_CYCLES_PER_COMPONENT = 50;
for (const component of stronglyConnected()) {
  const members = new Set(component);
  if (component.length === 1 && !graph.get(component[0]).has(component[0])) continue;
  // Every elementary cycle, each listed once from its alphabetically first file.
  const cycles = [];
  component.forEach((startNode, order) => {
    const allowed = new Set(component.slice(order));
    const pathSoFar = [startNode];
    const onPath = new Set(pathSoFar);
    const extend = (node) => {
      for (const next of graph.get(node).keys()) {
        if (cycles.length >= MAX_CYCLES_PER_COMPONENT) return;
        if (!members.has(next) || !allowed.has(next)) continue;
        if (next === startNode) cycles.push([...pathSoFar, startNode]);
        else if (!onPath.has(next)) {
          pathSoFar.push(next);
          onPath.add(next);
          extend(next);
          onPath.delete(next);
          pathSoFar.pop();
        }
      }
    };
    extend(startNode);
  });
  for (const cycle of cycles) report(cycle[0], graph.get(cycle[0]).get(cycle[1]), `import cycle: ${cycle.join(" -> ")}`);
  if (cycles.length >= MAX_CYCLES_PER_COMPONENT) report(component[0], 1, `import cycle: more than ${MAX_CYCLES_PER_COMPONENT} cycles among ${component.join(", ")}`);
}

// b. SQL only in worker/db/. The request instrumentation wraps D1's methods without writing SQL.
const D1_WRAPPERS = new Set(["worker/services/timing.ts"]);
for (const file of workerFiles) {
  if (inDir(file, "worker/db") || inDir(file, "worker/local-engine")) continue;
  const wrapsD1 = D1_WRAPPERS.has(file);
  const { tokens, lineOf } = parsed.get(file);
  tokens.forEach((t, k) => {
    const next = tokens[k + 1];
    const after = tokens[k + 2];
    if (!wrapsD1 && t.type === "punct" && (t.value === "." || t.value === "?.") && next?.type === "name" && (next.value === "prepare" || next.value === "batch") && after?.type === "punct" && after.value === "(") {
      report(file, lineOf(next.start), `D1 call .${next.value}( outside worker/db/: move the query into a worker/db/ module`);
    }
    if ((t.type === "str" || t.type === "tmpl") && SQL_PATTERNS.some((pattern) => pattern.test(t.value))) {
      const text = t.value.replace(/\s+/g, " ").trim();
      report(file, lineOf(t.start), `SQL outside worker/db/: "${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`);
    }
  });
}

// c. The raw `secrets` only in worker/env.ts and worker/integrations.ts.
for (const file of workerFiles) {
  if (SECRETS_READERS.has(file)) continue;
  const { tokens, lineOf } = parsed.get(file);
  tokens.forEach((t, k) => {
    const prev = tokens[k - 1];
    const isPunct = (tok, value) => tok?.type === "punct" && tok.value === value;
    let access = false;
    if (t.type === "name" && t.value === "secrets" && (isPunct(prev, ".") || isPunct(prev, "?."))) access = true;
    if (t.type === "str" && t.value === "secrets" && isPunct(prev, "[")) access = true;
    if (t.type === "name" && t.value === "secrets" && (isPunct(prev, "{") || isPunct(prev, ","))) {
      // `{ …, secrets, … } = value`: a destructuring that reads it.
      let depth = 0;
      for (let j = k + 1; j < tokens.length; j += 1) {
        if (isPunct(tokens[j], "{")) depth += 1;
        else if (isPunct(tokens[j], "}")) {
          if (depth === 0) {
            access = isPunct(tokens[j + 1], "=");
            break;
          }
          depth -= 1;
        } else if (isPunct(tokens[j], ";")) break;
      }
    }
    if (access) report(file, lineOf(t.start), `reads the raw configuration \`secrets\`: only ${[...SECRETS_READERS].join(" and ")} may; take what you need from them`);
  });
}

// e. zod as a namespace import in the Worker: `import { z } from "zod"` makes esbuild keep zod's
// whole namespace, all ~75 locale files included (≈ 65 KiB gzip of the bundle budget).
for (const file of workerFiles) {
  const { src, lineOf } = parsed.get(file);
  for (const match of src.matchAll(/import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*"zod"/g)) {
    if (/^import\s+type\b/.test(match[0])) continue;
    report(file, lineOf(match.index), 'imports { z } from "zod": use `import * as z from "zod"` so the bundle keeps only what is used');
  }
}

// d. worker/ never imports web/; web/ imports worker/ only under worker/shared/.
for (const [file, { imports }] of parsed) {
  for (const entry of imports) {
    if (entry.target === null) continue;
    if (inDir(file, "worker") && inDir(entry.target, "web")) report(file, entry.line, `worker/ imports from web/ ("${entry.specifier}")`);
    if (inDir(file, "web") && inDir(entry.target, "worker") && !inDir(entry.target, "worker/shared")) report(file, entry.line, `web/ imports from worker/ outside worker/shared/ ("${entry.specifier}")`);
  }
}

// e. File length under worker/ (outside worker/local-engine/).
for (const file of workerFiles) {
  if (inDir(file, "worker/local-engine")) continue;
  const { src, tokens, comments } = parsed.get(file);
  const lines = src.length === 0 ? 0 : src.split("\n").length - (src.endsWith("\n") ? 1 : 0);
  if (lines <= MAX_LINES) continue;
  const firstCode = tokens[0]?.start ?? src.length;
  const header = comments
    .filter((c) => c.start < firstCode)
    .map((c) => c.text.replace(/^\s*\*+/gm, " "))
    .join(" ")
    .replace(/\s+/g, " ");
  if (!LONG_FILE_REASON.test(header)) report(file, MAX_LINES + 1, `${lines} lines (more than ${MAX_LINES}): split it, or say why in the header comment ("longer than ${MAX_LINES} lines because …")`);
}

violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.message.localeCompare(b.message));
for (const v of violations) console.log(`${v.file}:${v.line}: ${v.message}`);
if (violations.length > 0) {
  console.log(`check-architecture: ${violations.length} violation${violations.length === 1 ? "" : "s"}`);
  process.exit(1);
}
console.log(`check-architecture: ${workerFiles.length} worker and ${webFiles.length} web files, no violations`);
