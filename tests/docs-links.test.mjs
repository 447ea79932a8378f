// Every relative link in README.md and docs/*.md resolves: the file (or folder) exists in the
// repository, and a `#anchor` names a heading of the target, by GitHub's slug rules. Links out
// of the repository (`../shared/`, anything above its root) are refused: it stands alone.
//   node --test tests/docs-links.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Files a doc may name before they are committed (the test skips them while absent).
const PENDING = new Set(['docs/screenshot.png']);

/** The markdown files checked: the README and every file under docs/. */
function docs() {
  const dir = join(ROOT, 'docs');
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.md')) : [];
  return ['README.md', ...names.map((n) => `docs/${n}`)];
}

/** The text outside fenced code blocks and inline code, where links are links. */
function prose(md) {
  return md
    .replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, '')
    .replace(/(`+)[\s\S]*?\1/g, '');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to `-`; letters of any
 * script (Vietnamese included), digits, `-` and `_` kept. */
export function slug(heading) {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link's text
    .replace(/<[^>]+>/g, '') // HTML tags
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}_\- ]/gu, '').replace(/ /g, '-');
}

/** The anchors of a markdown file's headings (a repeated one gets -1, -2, … as on GitHub). */
export function anchors(md) {
  const seen = new Map();
  const out = new Set();
  const text = md.replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, '');
  for (const m of text.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(m[1].replace(/`/g, ''));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  for (const m of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) out.add(m[1]);
  return out;
}

/** Every link target of a markdown file: inline links and images, and reference definitions. */
export function links(md) {
  const text = prose(md);
  const found = [];
  for (const m of text.matchAll(/!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push(m[1]);
  for (const m of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) found.push(m[1]);
  return found;
}

/** Why a link of `file` (a path from the root) does not resolve, or null when it does. */
export function broken(file, target, read = (p) => readFileSync(join(ROOT, p), 'utf8')) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return null; // another site
  const [pathPart, anchor] = target.split('#', 2);
  const path = decodeURIComponent(pathPart);
  const abs = path ? resolve(ROOT, path.startsWith('/') ? path.slice(1) : join(dirname(file), path)) : join(ROOT, file);
  const rel = relative(ROOT, abs).split(sep).join('/');
  if (rel.startsWith('..')) return `${target}: leaves the repository (${rel})`;
  if (!existsSync(abs)) return PENDING.has(rel) ? null : `${target}: no such file (${rel})`;
  if (anchor === undefined || anchor === '') return null;
  if (statSync(abs).isDirectory() || !rel.endsWith('.md')) return `${target}: an anchor into a file that is not markdown`;
  const names = anchors(read(rel));
  return names.has(anchor) ? null : `${target}: no heading with anchor #${anchor} in ${rel}`;
}

test('the slug rules are GitHub’s', () => {
  assert.equal(slug('A newsroom’s archive: 100,000 articles'), 'a-newsrooms-archive-100000-articles');
  assert.equal(slug('The «Đọc nhiều» sidebar'), 'the-đọc-nhiều-sidebar');
  assert.equal(slug('CORS: embedded from another origin'), 'cors-embedded-from-another-origin');
  assert.equal(slug('Bàn kiểm duyệt / moderation desk'), 'bàn-kiểm-duyệt--moderation-desk');
  assert.equal(slug('`news-server` and its_commands'), 'news-server-and-its_commands');
  assert.deepEqual([...anchors('# A\n## A\n```\n# not a heading\n```\n### B?\n')], ['a', 'a-1', 'b']);
});

test('a broken link is found', () => {
  const read = () => '# Title\n## Some part\n';
  assert.match(broken('README.md', 'docs/no-such-file.md'), /no such file/);
  assert.match(broken('README.md', '../shared/api-contract.md'), /leaves the repository/);
  assert.match(broken('docs/contract.md', '../../elsewhere.md'), /leaves the repository/);
  assert.match(broken('README.md', 'README.md#no-such-heading', read), /no heading/);
  assert.equal(broken('README.md', 'README.md#some-part', read), null);
  assert.equal(broken('README.md', 'https://example.com/x#y'), null);
  assert.deepEqual(links('[a](x.md) `[b](y.md)`\n```\n[c](z.md)\n```\n![d](p.png "t")\n[e]: q.md\n'), ['x.md', 'p.png', 'q.md']);
});

for (const file of docs()) {
  test(`every relative link in ${file} resolves`, () => {
    const md = readFileSync(join(ROOT, file), 'utf8');
    const bad = links(md).map((t) => broken(file, t)).filter(Boolean);
    assert.deepEqual(bad, [], `${file}:\n  ${bad.join('\n  ')}`);
  });
}
