// Paged lists (contract v2 `SummaryPage`): the front and category pages show the first page of
// their list, «Xem thêm» adds the next in place (focus on its first article, a live region
// says what came), the address keeps how many pages are shown (`?trang=N`) so that Back and a
// reload come back to them; a portal without `categories/{slug}.json` filters `latest.json`.
// The release build on the plain static server, with a content folder whose lists are paged:
// the demo's own articles, `latest.json` 3 a page and each category 2 a page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, newPage, useBrowser } from './harness.mjs';

const API = fileURLToPath(new URL('../../public/api', import.meta.url));
const LATEST = JSON.parse(readFileSync(join(API, 'latest.json'), 'utf8')).items;

/** Writes `items` as pages of `size` named `{stem}.json`, `{stem}-2.json`… under `dir`. */
function pages(dir, stem, items, size) {
  const count = Math.ceil(items.length / size);
  for (let i = 0; i < count; i++) {
    const name = (n) => (n === 1 ? `${stem}.json` : `${stem}-${n}.json`);
    const page = { items: items.slice(i * size, (i + 1) * size) };
    if (i + 1 < count) page.next = name(i + 2);
    const file = join(dir, name(i + 1));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify(page));
  }
}

const CONTENT = mkdtempSync(join(tmpdir(), 'news-paged-'));
cpSync(API, CONTENT, { recursive: true });
pages(CONTENT, 'latest', LATEST, 3);
const CATEGORIES = [...new Set(LATEST.map((s) => s.category.slug))];
for (const c of CATEGORIES) pages(CONTENT, `categories/${c}`, LATEST.filter((s) => s.category.slug === c), 2);

const ctx = useBrowser({ dir: DIST, more: [{ prefix: '/api/', dir: CONTENT }] });
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));

/** axe-core as a11y.test.mjs runs it (WCAG 2.x A/AA, best practices): no violation. */
async function assertAxe(page) {
  await page.addScriptTag({ path: AXE });
  const values = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
  const { violations } = await page.evaluate((values) => window.axe.run(document, { runOnly: { type: 'tag', values } }), values);
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
}

async function phone() {
  const page = await newPage(ctx);
  await page.setViewportSize({ width: 390, height: 700 });
  page.lists = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\/api\/(latest|categories\/)/.test(path)) page.lists.push(path.replace('/api/', ''));
  });
  return page;
}

// A title as it reads, without the word a screen reader hears for its format (v3, «Video»).
const titles = (page) =>
  page.locator('.na-list .na-list-title').evaluateAll((els) =>
    els.map((el) => [...el.querySelector('a').childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join('')),
  );
const focused = (page) => page.evaluate(() => document.activeElement?.textContent);
const more = (page) => page.getByRole('button', { name: 'Xem thêm' });
const status = (page) => page.locator('.na-list-status');

/** Presses «Xem thêm» and waits for the list to reach `count` items. */
async function pressMore(page, count) {
  await more(page).click();
  await page.waitForFunction((n) => document.querySelectorAll('.na-list li').length === n, count);
}

test('the front page: «Xem thêm» adds each page in place, and Back returns to the pages shown', async () => {
  const page = await phone();
  await page.goto(ctx.base + '/');
  await page.locator('.na-list li').first().waitFor();
  assert.deepEqual(await titles(page), LATEST.slice(0, 3).map((s) => s.title));
  assert.deepEqual(page.lists, ['latest.json'], 'the first page only');

  await pressMore(page, 6);
  assert.deepEqual(await titles(page), LATEST.slice(0, 6).map((s) => s.title));
  assert.equal(await focused(page), LATEST[3].title, 'the focus is on the first article added');
  assert.equal(await status(page).textContent(), 'Đã tải thêm 3 bài viết');
  assert.equal(await status(page).getAttribute('role'), 'status');
  assert.equal(page.url(), `${ctx.base}/?trang=2`);
  await assertAxe(page);

  await pressMore(page, 9);
  assert.equal(await focused(page), LATEST[6].title);
  assert.equal(page.url(), `${ctx.base}/?trang=3`);
  // The rest, a page at a time, to the last (however many articles the demo has).
  const pages = Math.ceil(LATEST.length / 3);
  for (let n = 4; n <= pages; n++) {
    await pressMore(page, Math.min(n * 3, LATEST.length));
    assert.equal(await focused(page), LATEST[(n - 1) * 3].title);
    assert.equal(page.url(), `${ctx.base}/?trang=${n}`);
  }
  assert.equal(await status(page).textContent(), `Đã tải thêm ${LATEST.length - (pages - 1) * 3} bài viết`);
  assert.equal(await more(page).count(), 0, 'the last page: no «Xem thêm»');
  assert.deepEqual(page.lists, ['latest.json', ...Array.from({ length: pages - 1 }, (_, i) => `latest-${i + 2}.json`)]);

  // An article from far down the list, then Back: every page shown, at the same place.
  const link = page.locator('.na-list a', { hasText: LATEST[8].title });
  await link.scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => scrollY);
  assert.ok(y > 300, `scrolled down the list (${y})`);
  await link.click();
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, LATEST[8].title);
  assert.equal(page.url(), `${ctx.base}/${LATEST[8].category.slug}/${LATEST[8].slug}`);
  await page.goBack();
  await page.waitForFunction((n) => document.querySelectorAll('.na-list li').length === n, LATEST.length);
  assert.equal(page.url(), `${ctx.base}/?trang=${pages}`);
  assert.deepEqual(await titles(page), LATEST.map((s) => s.title));
  await page.waitForFunction((y) => Math.abs(scrollY - y) < 2, y);

  // The address alone (a reload, a shared link) shows the same pages.
  await page.goto(`${ctx.base}/?trang=2`);
  await page.waitForFunction(() => document.querySelectorAll('.na-list li').length === 6);
  assert.ok(await more(page).isVisible());
  assert.equal(page.url(), `${ctx.base}/?trang=2`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a category page reads its own list, a page at a time, and Back returns to it', async () => {
  const page = await phone();
  const economy = LATEST.filter((s) => s.category.slug === 'kinh-te');
  await page.goto(ctx.base + '/kinh-te');
  await page.locator('.na-list li').first().waitFor();
  assert.equal(await page.locator('h1').textContent(), 'Kinh Tế');
  assert.deepEqual(await titles(page), economy.slice(0, 2).map((s) => s.title));
  assert.deepEqual(page.lists, ['categories/kinh-te.json']);
  await pressMore(page, 3);
  assert.equal(await focused(page), economy[2].title);
  assert.equal(await status(page).textContent(), 'Đã tải thêm 1 bài viết');
  assert.equal(await more(page).count(), 0);
  assert.equal(page.url(), `${ctx.base}/kinh-te?trang=2`);

  await page.locator('.na-list a', { hasText: economy[2].title }).click();
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, economy[2].title);
  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll('.na-list li').length === 3);
  assert.equal(page.url(), `${ctx.base}/kinh-te?trang=2`);
  assert.equal(await page.locator('h1').textContent(), 'Kinh Tế');
  // Forward and Back again: the same.
  await page.goForward();
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, economy[2].title);
  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll('.na-list li').length === 3);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('without category files a category page filters the newest, page after page', async () => {
  const page = await phone();
  await page.route('**/api/categories/**', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  // Chính Trị is not on the first page of the newest: the app reads on until it has some.
  // Where its articles are among the newest, a page of three each, as the demo has them.
  const politics = LATEST.filter((s) => s.category.slug === 'chinh-tri');
  const pageOf = (s) => Math.floor(LATEST.indexOf(s) / 3) + 1;
  const first = pageOf(politics[0]);
  const last = pageOf(politics.at(-1));
  assert.ok(first > 1 && last === first + 1 && pageOf(LATEST.at(-1)) > last, 'the layout this test reads');
  await page.goto(ctx.base + '/chinh-tri');
  await page.locator('.na-list li').first().waitFor();
  assert.equal(await page.locator('h1').textContent(), 'Chính Trị');
  const onFirst = politics.filter((s) => pageOf(s) === first);
  assert.deepEqual(await titles(page), onFirst.map((s) => s.title));
  const newest = (n) => ['latest.json', ...Array.from({ length: n - 1 }, (_, i) => `latest-${i + 2}.json`)];
  assert.deepEqual(page.lists, ['categories/chinh-tri.json', ...newest(first)]);
  await pressMore(page, politics.length);
  assert.deepEqual(await titles(page), politics.map((s) => s.title));
  assert.equal(page.url(), `${ctx.base}/chinh-tri?trang=${last}`);
  // The last page of the newest has none of them: said, and «Xem thêm» goes.
  await more(page).click();
  await page.waitForFunction(() => document.querySelector('.na-list-status')?.textContent === 'Đã tải thêm 0 bài viết');
  assert.equal(await more(page).count(), 0);
  assert.deepEqual(await titles(page), politics.map((s) => s.title));
  // The address gives the same list.
  await page.goto(`${ctx.base}/chinh-tri?trang=${last}`);
  await page.waitForFunction((n) => document.querySelectorAll('.na-list li').length === n, politics.length);
  // The 404s are the test's (the portal without category files), said by the console.
  assert.deepEqual(page.errors.filter((e) => !e.includes('/api/categories/chinh-tri.json')), []);
  await page.close();
});

test('a page that fails is said in the live region; «Xem thêm» stays and tries again', async () => {
  const page = await phone();
  let fail = true;
  await page.route('**/api/latest-2.json', (route) =>
    fail ? route.fulfill({ status: 503, body: 'down' }) : route.continue(),
  );
  await page.goto(ctx.base + '/');
  await page.locator('.na-list li').first().waitFor();
  await more(page).click();
  await page.waitForFunction(() => /Mã lỗi: 503/.test(document.querySelector('.na-list-status')?.textContent));
  assert.equal(await page.locator('.na-list li').count(), 3);
  assert.equal(page.url(), `${ctx.base}/`);
  fail = false;
  await pressMore(page, 6);
  assert.equal(page.url(), `${ctx.base}/?trang=2`);
  // The 503 is the test's: the console's line for it is expected.
  assert.deepEqual(page.errors.filter((e) => !e.includes('503')), []);
  await page.close();
});
