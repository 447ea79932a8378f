// The byte budget of the first view, measured on the release build: deterministic, so a test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { DIST, SEED_PATH } from './harness.mjs';

// Everything a reader downloads for the first view, brotli-compressed. The product's budget
// is 100 KB (counted as 100,000 bytes, the stricter reading). These are the figures reached
// with every feature in, plus under 1%: growth must be a decision that moves a line, never an
// accident.
const PRODUCT_BUDGET = 100_000;
// The app shell (index.html) and its code: an article the build did not prerender shows once
// the wasm has drawn it (82,751 B reached; 83,686 B with offline reading: the worker's
// registration in boot.js, the notice «Bạn đang đọc bản đã lưu» in the wasm and its style;
// the worker itself, sw.js, loads after the page). The comments are not in it: they are an
// island, a part of the wasm of their own fetched once the article is on screen (below).
const SHELL_BUDGET = 84_300;
// A prerendered article page and the app's code, which adopts it: 85,552 B reached (86,488 B
// with offline reading), of which the page's HTML, the article with its comments and their
// first replies, is 3,185 B.
const PRERENDERED_BUDGET = 87_100;
// What a prerendered page needs before its article shows: its HTML and the stylesheet
// (5,063 B reached; the line moved from 5,000 for the seed's replies and their style).
const PAINT_BUDGET = 5_200;
// The comments island (the section, its form, replies, likes and order), fetched after the
// first view: 34,616 B reached with its loader.
const ISLAND_BUDGET = 35_500;

const brotli = (buf) =>
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The page and the files it references, with their brotli sizes. */
function weigh(page) {
  const html = readFileSync(join(DIST, page), 'utf8');
  const refs = [...html.matchAll(/(?:href|src)=["']?\/([^"' >]+\.(?:js|wasm|css))/g)].map(
    (m) => m[1],
  );
  const files = [page, ...new Set(refs)];
  assert.ok(files.some((f) => f.endsWith('.wasm')), 'the wasm is referenced');
  assert.ok(files.some((f) => /^boot-[0-9a-f]{16}\.js$/.test(f)), 'the loader is referenced');
  const sizes = Object.fromEntries(files.map((f) => [f, brotli(readFileSync(join(DIST, f)))]));
  for (const [f, size] of Object.entries(sizes)) console.log(`${f}: ${size} B brotli`);
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  console.log(`${page}: ${total} B brotli with its files`);
  return { sizes, total };
}

test(`the app shell's first view (HTML, JS, wasm, CSS) stays within ${SHELL_BUDGET} bytes brotli`, () => {
  const { total } = weigh('index.html');
  assert.ok(SHELL_BUDGET <= PRODUCT_BUDGET);
  assert.ok(total <= SHELL_BUDGET, `${total} B > ${SHELL_BUDGET} B`);
});

test(`a prerendered article page stays within ${PRERENDERED_BUDGET} B with the app, ${PAINT_BUDGET} B before its article shows`, () => {
  const { sizes, total } = weigh(`${SEED_PATH.slice(1)}/index.html`);
  assert.ok(PRERENDERED_BUDGET <= PRODUCT_BUDGET);
  assert.ok(total <= PRERENDERED_BUDGET, `${total} B > ${PRERENDERED_BUDGET} B`);
  const beforePaint = Object.entries(sizes)
    .filter(([f]) => f.endsWith('.html') || f.endsWith('.css'))
    .reduce((s, [, size]) => s + size, 0);
  console.log(`before the article shows: ${beforePaint} B brotli`);
  assert.ok(beforePaint <= PAINT_BUDGET, `${beforePaint} B > ${PAINT_BUDGET} B`);
});

test(`the comments island, fetched after the first view, stays within ${ISLAND_BUDGET} B`, () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const js = html.match(/news-app-[0-9a-f]+\.js/)[0];
  const hash = js.match(/-([0-9a-f]+)\.js$/)[1];
  const parts = readdirSync(DIST).filter((f) => f.endsWith(`-${hash}.wasm`) && !f.endsWith('_bg.wasm'));
  assert.ok(parts.some((f) => f.includes('comments')), `the comments part is built: ${parts}`);
  const loader = `news-app-split-${hash}.js`;
  assert.ok(readFileSync(join(DIST, js), 'utf8').includes(loader), 'the main part imports its loader');
  const total = [loader, ...parts].reduce((sum, f) => {
    const size = brotli(readFileSync(join(DIST, f)));
    console.log(`${f}: ${size} B brotli`);
    return sum + size;
  }, 0);
  console.log(`the comments island: ${total} B brotli`);
  assert.ok(total <= ISLAND_BUDGET, `${total} B > ${ISLAND_BUDGET} B`);
});
