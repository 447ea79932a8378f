// Post-build (scripts/post-build.sh): removes from the wasm the exports that nothing of the
// app uses, then the code only they reached. Leptos enables its server functions' `browser`
// feature unconditionally, and with it wasm-streams' exported stream adapters
// (IntoUnderlyingSource, …Sink, …ByteSource): exports are never dead code to wasm-opt, so
// they and the futures machinery behind them stay in every build. This app never streams
// a response; dropping them saves about 900 B brotli of the first view (89,060 → 88,147 B,
// measured on this app). The JS glue keeps their classes, which only call into the wasm
// when constructed, and nothing constructs them.
//
// Usage: node drop-unused-exports.mjs FILE.wasm — binaryen's wasm-dis, wasm-metadce and
// wasm-opt (npm's binaryen, on PATH) do the work.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const UNUSED = /intounderlying/i;
const FEATURES = [
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-multivalue', '--enable-reference-types',
];

const file = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'news-wasm-'));
try {
  const wat = execFileSync('wasm-dis', [file, ...FEATURES], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const graph = [];
  for (const [, name] of wat.matchAll(/\(export "([^"]+)"/g)) {
    if (!UNUSED.test(name)) graph.push({ name: `export:${name}`, root: true, export: name });
  }
  for (const [, module, base] of wat.matchAll(/\(import "([^"]+)" "([^"]+)"/g)) {
    graph.push({ name: `import:${module}:${base}`, import: [module, base] });
  }
  if (!graph.some((n) => n.export === 'main' || n.export === '__wbindgen_start')) {
    throw new Error(`${file}: no entry point among its exports`);
  }
  const graphFile = join(dir, 'graph.json');
  writeFileSync(graphFile, JSON.stringify(graph));
  const pruned = join(dir, 'pruned.wasm');
  execFileSync('wasm-metadce', [file, '--graph-file', graphFile, '-o', pruned, ...FEATURES], { stdio: ['ignore', 'ignore', 'inherit'] });
  const optimized = join(dir, 'optimized.wasm');
  execFileSync('wasm-opt', ['-Oz', pruned, '-o', optimized, ...FEATURES], { stdio: 'inherit' });
  const before = readFileSync(file).length;
  renameSync(optimized, file);
  console.log(`drop-unused-exports: ${file} ${before} → ${readFileSync(file).length} B`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
