// The build's joining of the wasm's parts (scripts/join-parts.mjs), run again on this
// release build's own splitter output: a chunk whose data could be written would be reset
// by a second copy, so it must stay one file that each part sharing it fetches. (That every
// part is one file when no chunk has such data: budget.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SPLIT = join(resolve(process.env.CARGO_TARGET_DIR || join(ROOT, 'target')), 'wasm-bindgen/release/split');
const BIN = join(ROOT, 'tests/node_modules/.bin');
const FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-multivalue', '--enable-reference-types'];
const tool = (name, args) => execFileSync(join(BIN, name), [...args, ...FEATURES], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });

test('a chunk with writable data is not copied into the islands: it stays a file each of them fetches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'news-join-'));
  try {
    const input = join(dir, 'split');
    cpSync(SPLIT, input, { recursive: true });
    const loader = readFileSync(join(input, '__wasm_split.js'), 'utf8');
    // A chunk the comforts and the comments islands share, and no other part.
    const chunk = loader.match(/\/\* comforts, comments \*\/\nconst __(chunk_\d+) = /)?.[1];
    assert.ok(chunk, 'the build has a chunk the comforts and the comments alone share');
    const wat = tool('wasm-dis', [join(input, `${chunk}.wasm`)]);
    const written = wat.replace(/^( \(data \$\.data \([^)]*\) )""\)$/m, '$1"\\01")');
    assert.notEqual(written, wat, `${chunk} has a .data segment to give a byte`);
    writeFileSync(join(dir, 'chunk.wat'), written);
    tool('wasm-as', [join(dir, 'chunk.wat'), '-o', join(input, `${chunk}.wasm`)]);

    const out = join(dir, 'out');
    execFileSync('node', [join(ROOT, 'scripts/join-parts.mjs'), input, out], {
      env: { ...process.env, PATH: `${BIN}:${process.env.PATH}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const joined = readFileSync(join(out, '__wasm_split.js'), 'utf8');
    const needs = (part) => joined.match(new RegExp(`__wasm_split_load_${part} = wrapAsyncCb\\(makeLoad\\([\\s\\S]*?\\n, \\[([^\\]]*)\\]`))?.[1].split(', ');
    assert.ok(existsSync(join(out, `${chunk}.wasm`)), `${chunk} is a file of its own`);
    assert.match(joined, new RegExp(`const __${chunk} = makeLoad\\(`));
    for (const part of ['comforts', 'comments']) assert.deepEqual(needs(part), ['__app', `__${chunk}`], `the ${part} part's files`);
    // The others are still one file each, the app's first of all.
    assert.match(joined, /export const __wasm_split_load_app = wrapAsyncCb\(__app\);/);
    for (const part of ['search', 'live', 'gallery', 'lists', 'kept']) assert.deepEqual(needs(part), ['__app'], `the ${part} part's files`);
    assert.equal((joined.match(/fetch\(new URL\("\.\/chunk_/g) ?? []).length, 1, 'one chunk left as a file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
