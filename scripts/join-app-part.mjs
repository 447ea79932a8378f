// Post-build (scripts/post-build.sh): makes the app's part of the wasm (src/whole.rs) one
// file instead of one file per chunk it shares with the islands.
//
// Why: Leptos's splitter (wasm-split-cli) gives every set of split points that share code a
// chunk of its own, fetched beside each of them. With eight parts the app's part became its
// own module and 34 chunks, most under 500 B: 35 requests, where a host that speaks
// HTTP/1.1 (six at a time, a phone's round trip each) made the app take over a prerendered
// page 0.7 s later than with 14. But the app's part always comes first: the main part
// calls it on every page (src/lib.rs), and the islands are reached only through it. So
// every chunk it shares is fetched with it anyway, and joining them into its module costs
// no byte: the islands then find that code in the table already.
//
// How: every part and chunk imports the same three things (the memory, the function table,
// the stack pointer) and exports nothing: its code reaches the others only through the
// table, which its element segments fill. binaryen's wasm-merge joins the modules, with a
// first module that passes those imports on (wasm-merge does not unify identical imports);
// the joined module's imports are then given their name back. The loader's chunks that the
// app's part now holds resolve to that part's load, so an island waits for it as it waited
// for them.
//
// Usage: node join-app-part.mjs SPLIT_DIR OUT_DIR — reads the splitter's folder (its
// `__wasm_split.js` and `*.wasm`), writes the same folder's files to OUT_DIR with the app's
// part joined. binaryen's wasm-merge, wasm-dis and wasm-as (npm's, on PATH) do the work.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PART = 'app';
// The name the passing module's imports take until they get theirs back: any other than
// the splitter's, which the joined modules import from it.
const OUTER = '__wasm_outer';
const SHARED = '__wasm_split';
const FEATURES = [
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-multivalue', '--enable-reference-types',
  // Only while joining: each module brings its own import of the memory until they are linked.
  '--enable-multimemory',
];

const [splitDir, outDir] = process.argv.slice(2);
if (!splitDir || !outDir) throw new Error('usage: node join-app-part.mjs SPLIT_DIR OUT_DIR');
// binaryen warns of every module's name subsection it does not know: its output is shown
// only when a step fails.
const run = (tool, args) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });

let loader = readFileSync(join(splitDir, '__wasm_split.js'), 'utf8');
// `export const __wasm_split_load_app = wrapAsyncCb(makeLoad(() => {…}\n, [__chunk_9, …]));`
const entry = new RegExp(`export const __wasm_split_load_${PART} = wrapAsyncCb\\(makeLoad\\(([\\s\\S]*?)\\n, \\[([^\\]]*)\\]\\)\\);`);
const found = loader.match(entry);
if (!found) throw new Error(`join-app-part: the loader has no ${PART} part in the shape this script reads`);
const chunks = found[2].split(',').map((v) => v.trim().replace(/^__/, '')).filter(Boolean);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const work = join(outDir, '.join');
mkdirSync(work);
try {
  const own = join(splitDir, `split_${PART}.wasm`);
  // The passing module imports what the part imports, as it declares it, and exports it.
  const wat = run('wasm-dis', [own, ...FEATURES]);
  const imports = [...wat.matchAll(/^ \(import "([^"]+)" "([^"]+)" \((memory|table|global) \$\S+ (.*)\)\)$/gm)];
  if (imports.length !== 3 || imports.some((m) => m[1] !== SHARED)) {
    throw new Error(`join-app-part: the ${PART} part does not import the memory, table and stack pointer alone`);
  }
  const passing = [
    '(module',
    ...imports.map(([, , name, kind, type], i) => ` (import "${OUTER}" "${name}" (${kind} $i${i} ${type}))`),
    ...imports.map(([, , name, kind], i) => ` (export "${name}" (${kind} $i${i}))`),
    ')',
  ].join('\n');
  writeFileSync(join(work, 'pass.wat'), passing);
  run('wasm-as', [join(work, 'pass.wat'), '-o', join(work, 'pass.wasm'), ...FEATURES]);

  // The chunks before the part, in the order the loader instantiated them: their data
  // segments are written in that order, as before.
  const args = [join(work, 'pass.wasm'), SHARED];
  for (const c of chunks) args.push(join(splitDir, `${c}.wasm`), c);
  args.push(own, PART);
  run('wasm-merge', [...args, '-o', join(work, 'joined.wasm'), ...FEATURES]);

  // The imports back under the splitter's name, and the passing module's exports gone.
  let joined = run('wasm-dis', [join(work, 'joined.wasm'), ...FEATURES]);
  const before = joined.length;
  joined = joined.replaceAll(`(import "${OUTER}" `, `(import "${SHARED}" `).replace(/^ \(export "[^"]+" \((memory|table|global) [^)]*\)\)\n/gm, '');
  if (joined.includes(`"${OUTER}"`) || /^ \(export /m.test(joined) || joined.length === before) {
    throw new Error('join-app-part: the joined module kept the passing module');
  }
  writeFileSync(join(work, 'joined.wat'), joined);
  run('wasm-as', [join(work, 'joined.wat'), '-o', join(outDir, `split_${PART}.wasm`), ...FEATURES.slice(0, -1)]);
} finally {
  rmSync(work, { recursive: true, force: true });
}

for (const name of readdirSync(splitDir)) {
  const joinedIn = chunks.some((c) => name === `${c}.wasm`) || name === `split_${PART}.wasm`;
  if (name.endsWith('.wasm') && !joinedIn) copyFileSync(join(splitDir, name), join(outDir, name));
}

// The loader: the part's own load fetches it alone; the chunks it holds are gone, and a part
// that needed one of them waits for the app's part instead.
// Defined before the first part's load, which may name it.
loader = loader.replace(entry, () => `export const __wasm_split_load_${PART} = wrapAsyncCb(__${PART});`);
const first = loader.indexOf('export const __wasm_split_load_');
loader = `${loader.slice(0, first)}const __${PART} = makeLoad(${found[1]}\n, []);\n${loader.slice(first)}`;
for (const c of chunks) {
  const block = new RegExp(`(/\\* [^*]* \\*/\\n)?const __${c} = makeLoad\\([\\s\\S]*?\\n, \\[[^\\]]*\\]\\);\\n`);
  if (!block.test(loader)) throw new Error(`join-app-part: the loader has no ${c}`);
  loader = loader.replace(block, '');
}
const held = new Set(chunks.map((c) => `__${c}`));
loader = loader.replace(/\n, \[([^\]]*)\]/g, (_, list) => {
  const deps = list.split(',').map((v) => v.trim()).filter(Boolean);
  const kept = deps.filter((v) => !held.has(v));
  return `\n, [${(kept.length < deps.length ? [`__${PART}`, ...kept] : kept).join(', ')}]`;
});
writeFileSync(join(outDir, '__wasm_split.js'), loader);
console.error(`join-app-part: the ${PART} part and ${chunks.length} chunks are one file`);
