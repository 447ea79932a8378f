// Post-build (scripts/post-build.sh): makes each part of the wasm one file, instead of its
// own module and one file per chunk of code it shares with other parts.
//
// Why: Leptos's splitter (wasm-split-cli) gives every set of split points that share code a
// chunk of its own, fetched beside each of them. With eight parts the app's part
// (src/whole.rs) became its own module and 34 chunks, most under 500 B: 35 requests, where a
// host that speaks HTTP/1.1 (six at a time, a phone's round trip each) made the app take
// over a prerendered page 0.7 s later than with 14; the comments island was 7 files, the live
// one 13. Every module also brings its own headers and imports, and compresses apart.
//
// - The app's part always comes first: the main part calls it on every page (src/lib.rs),
//   and the islands are reached only through it. Every chunk it shares is fetched with it
//   anyway, so it holds them all, at no cost in bytes: an island then waits for it where it
//   waited for those chunks, and finds their code in the table.
// - A chunk that only islands share is copied into each of them. A page that loads two of
//   them (the comforts and the comments, on every article) fetches its code twice, about
//   as many bytes as its modules' overhead saves, and one request each.
//
// How: every part and chunk imports the same three things (the memory, the function table,
// the stack pointer) and exports nothing: its code reaches the others only through the
// table, which its element segments fill at fixed slots, with the same function wherever it
// is copied. binaryen's wasm-merge joins the modules, with a first module that passes those
// imports on (wasm-merge does not unify identical imports); the joined module's imports then
// get their name back. A chunk's data segments are written again by each copy: one that
// holds writable data (anything but `.rodata`), which a second copy would reset, is not
// copied but stays a file of its own.
//
// Usage: node join-parts.mjs SPLIT_DIR OUT_DIR — reads the splitter's folder (its
// `__wasm_split.js` and `*.wasm`), writes the joined parts, the chunks left and the loader
// to OUT_DIR. binaryen's wasm-merge, wasm-dis and wasm-as (npm's, on PATH) do the work.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The part every other one follows (src/lib.rs calls it first).
const FIRST = 'app';
// The name the passing module's imports take until they get theirs back: any other than
// the splitter's, which the joined modules import from it.
const OUTER = '__wasm_outer';
const SHARED = '__wasm_split';
const FEATURES = [
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-multivalue', '--enable-reference-types',
];
// Only while joining: each module brings its own import of the memory until they are linked.
const JOINING = [...FEATURES, '--enable-multimemory'];

const [splitDir, outDir] = process.argv.slice(2);
if (!splitDir || !outDir) throw new Error('usage: node join-parts.mjs SPLIT_DIR OUT_DIR');
// binaryen warns of every module's name subsection it does not know: its output is shown
// only when a step fails.
const run = (tool, args) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
const fail = (why) => {
  throw new Error(`join-parts: ${why}`);
};

// The loader: each chunk `const __chunk_9 = makeLoad(() => {…}\n, []);` (after a comment
// naming the parts that share it), each part
// `export const __wasm_split_load_app = wrapAsyncCb(makeLoad(() => {…}\n, [__chunk_9, …]));`.
const source = readFileSync(join(splitDir, '__wasm_split.js'), 'utf8');
const partLoad = /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?)\n, \[([^\]]*)\]\)\);\n?/g;
const chunkLoad = /(?:\/\* [^*]* \*\/\n)?const __(chunk_\d+) = makeLoad\([\s\S]*?\n, \[\]\);\n/g;
const parts = [...source.matchAll(partLoad)].map(([, name, fetcher, deps]) => ({
  name,
  fetcher,
  chunks: deps.split(',').map((v) => v.trim().replace(/^__/, '')).filter(Boolean),
}));
const first = parts.find((p) => p.name === FIRST) ?? fail(`the loader has no ${FIRST} part in the shape this script reads`);
const allChunks = [...source.matchAll(chunkLoad)].map((m) => m[1]);
if (parts.some((p) => p.chunks.some((c) => !allChunks.includes(c)))) fail('a part needs a chunk the loader does not define');

const dis = (file) => run('wasm-dis', [join(splitDir, file), ...FEATURES]);
// Whether a copy of chunk `c` can be instantiated twice: no data but read-only, or none
// (a segment this does not read counts as writable).
const copyable = (c) => {
  const wat = dis(`${c}.wasm`);
  const segments = [...wat.matchAll(/^ \(data \$(\S+) (?:\([^)]*\) )?"(.*)"\)$/gm)];
  const lines = wat.match(/^ \(data /gm) ?? [];
  return segments.length === lines.length && segments.every(([, name, bytes]) => name.startsWith('.rodata') || bytes === '');
};

rmSync(outDir, { recursive: true, force: true });
const work = join(outDir, '.join');
mkdirSync(work, { recursive: true });

// The passing module imports what a part imports, as the app's part declares it, and
// exports it under the same names.
const imports = [...dis(`split_${FIRST}.wasm`).matchAll(/^ \(import "([^"]+)" "([^"]+)" \((memory|table|global) \$\S+ (.*)\)\)$/gm)];
if (imports.length !== 3 || imports.some((m) => m[1] !== SHARED)) fail(`the ${FIRST} part does not import the memory, table and stack pointer alone`);
writeFileSync(
  join(work, 'pass.wat'),
  [
    '(module',
    ...imports.map(([, , name, kind, type], i) => ` (import "${OUTER}" "${name}" (${kind} $i${i} ${type}))`),
    ...imports.map(([, , name, kind], i) => ` (export "${name}" (${kind} $i${i}))`),
    ')',
  ].join('\n'),
);
run('wasm-as', [join(work, 'pass.wat'), '-o', join(work, 'pass.wasm'), ...JOINING]);

/** Writes part `name` joined with `chunks` (before it, in the order the loader instantiated them). */
function joinPart(name, chunks) {
  const args = [join(work, 'pass.wasm'), SHARED];
  for (const c of chunks) args.push(join(splitDir, `${c}.wasm`), c);
  args.push(join(splitDir, `split_${name}.wasm`), name);
  run('wasm-merge', [...args, '-o', join(work, 'joined.wasm'), ...JOINING]);
  // The imports back under the splitter's name, and the passing module's exports gone.
  const wat = run('wasm-dis', [join(work, 'joined.wasm'), ...JOINING]);
  const named = wat.replaceAll(`(import "${OUTER}" `, `(import "${SHARED}" `).replace(/^ \(export "[^"]+" \((memory|table|global) [^)]*\)\)\n/gm, '');
  if (named.includes(`"${OUTER}"`) || /^ \(export /m.test(named) || named === wat) fail(`the ${name} part kept the passing module`);
  writeFileSync(join(work, 'joined.wat'), named);
  run('wasm-as', [join(work, 'joined.wat'), '-o', join(outDir, `split_${name}.wasm`), ...FEATURES]);
}

const held = new Set(first.chunks);
const files = new Set(allChunks.filter((c) => !held.has(c) && !copyable(c)));
const needs = {};
try {
  joinPart(FIRST, first.chunks);
  needs[FIRST] = [];
  for (const part of parts.filter((p) => p !== first)) {
    const own = part.chunks.filter((c) => !held.has(c));
    joinPart(part.name, own.filter((c) => !files.has(c)));
    needs[part.name] = [...(own.length < part.chunks.length ? [FIRST] : []), ...own.filter((c) => files.has(c))];
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const c of files) copyFileSync(join(splitDir, `${c}.wasm`), join(outDir, `${c}.wasm`));

// The loader: the chunks left as files, then every part's load, the first before the others,
// which name it.
let loader = source.replace(partLoad, '').replace(chunkLoad, (block, c) => (files.has(c) ? block : ''));
const load = (p) => `makeLoad(${p.fetcher}\n, [${needs[p.name].map((v) => `__${v}`).join(', ')}])`;
loader += `const __${FIRST} = ${load(first)};\nexport const __wasm_split_load_${FIRST} = wrapAsyncCb(__${FIRST});\n`;
for (const p of parts.filter((p) => p !== first)) loader += `export const __wasm_split_load_${p.name} = wrapAsyncCb(${load(p)});\n`;
for (const [, file] of loader.matchAll(/fetch\(new URL\("\.\/([^"]+)"/g)) {
  if (!existsSync(join(outDir, file))) fail(`the loader fetches ${file}, which is not written`);
}
writeFileSync(join(outDir, '__wasm_split.js'), loader);
console.error(`join-parts: ${parts.length} parts, one file each; ${allChunks.length} chunks joined into them, ${files.size} left as files`);
