// In-app navigation, most-read, the front page and a sub-path deployment, from the release
// build served by a plain static server that knows only the 404.html fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { asShell, newPage, SEED, useBrowser } from './harness.mjs';

// The test command builds this with `--public-url /tin-tuc/ban-doc/`.
const DIST_SUB = fileURLToPath(new URL('../../dist-sub', import.meta.url));
const BASE = '/tin-tuc/ban-doc';
const ctx = useBrowser({ dir: DIST_SUB, prefix: BASE + '/' });

async function mobilePage() {
  const page = await newPage(ctx);
  await page.setViewportSize({ width: 390, height: 700 });
  page.jsonRequests = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/articles/')) page.jsonRequests.push(new URL(r.url()).pathname);
  });
  return page;
}

test('a deep link under a sub-path, most-read, in-place navigation, Back and Forward', async () => {
  const page = await mobilePage();
  const deep = `${ctx.origin}${BASE}/chinh-tri/${SEED}`;
  await page.goto(deep);
  await page.locator('h1').waitFor();
  const seedTitle = await page.locator('h1').textContent();
  assert.match(seedTitle, /^Khối thi đua/);

  // The sidebar: heading, ranked items, links under the sub-path, thumbnails with a size.
  const aside = page.locator('aside .na-most-read');
  await aside.locator('ol li a').first().waitFor();
  assert.equal(await aside.locator('h2').textContent(), 'Đọc nhiều');
  const ranks = await aside.locator('.na-rank-n').allTextContents();
  assert.deepEqual(ranks, ranks.map((_, i) => String(i + 1)));
  assert.ok(ranks.length >= 5);
  const hrefs = await aside.locator('li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.every((h) => h.startsWith(`${BASE}/`)), hrefs.join(' '));
  const thumb = aside.locator('img').first();
  assert.ok(Number(await thumb.getAttribute('width')) > 0);
  assert.equal(await thumb.getAttribute('loading'), 'lazy');

  // A reader scrolls to the sidebar and follows the second most-read item.
  await page.evaluate(() => (window.__sameDocument = true));
  const target = aside.locator('li a').nth(1);
  const targetTitle = await target.locator('.na-rank-title').textContent();
  const targetHref = await target.getAttribute('href');
  const targetSlug = targetHref.split('/').pop();
  await target.scrollIntoViewIfNeeded();
  const yBefore = await page.evaluate(() => scrollY);
  assert.ok(yBefore > 0, 'the sidebar is below the article on a phone');
  await target.hover();
  // Hovering starts the download before the click.
  await page.waitForFunction(
    (slug) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(`/articles/${slug}.json`)),
    targetSlug,
  );
  await target.click();
  await page.waitForURL(ctx.origin + targetHref);
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, targetTitle);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no document reload');
  assert.equal(await page.title(), targetTitle);
  // Focus moves to the new title (for screen readers) and the page is at its top.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(await page.evaluate(() => scrollY), 0);
  const description = await page.getAttribute('meta[name="description"]', 'content');
  assert.ok(description && description.length > 0);
  assert.equal(await page.getAttribute('meta[property="og:title"]', 'content'), targetTitle);
  assert.equal(
    page.jsonRequests.filter((p) => p.endsWith(`/${targetSlug}.json`)).length,
    1,
    'the hovered download is the one the click used',
  );

  // Back: the seed again, from memory, where the reader was.
  await page.goBack();
  await page.waitForURL(deep);
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, seedTitle);
  await page.waitForFunction((y) => Math.abs(scrollY - y) < 2, yBefore);
  assert.equal(await page.title(), seedTitle);
  assert.equal(page.jsonRequests.filter((p) => p.endsWith(`/${SEED}.json`)).length, 1);

  await page.goForward();
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, targetTitle);
  assert.equal(await page.evaluate(() => window.__sameDocument), true);

  // The breadcrumb's home link goes to the front page in place.
  await page.locator('nav.na-breadcrumb a', { hasText: 'Trang chủ' }).click();
  await page.waitForURL(`${ctx.origin}${BASE}/`);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Tin mới');
  assert.equal(await page.evaluate(() => window.__sameDocument), true);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the front page lists the articles newest first beside the most-read sidebar', async () => {
  const page = await mobilePage();
  await page.goto(`${ctx.origin}${BASE}/`);
  await page.locator('.na-list li').first().waitFor();
  assert.equal(await page.locator('h1').textContent(), 'Tin mới');
  const times = await page.locator('.na-list time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  assert.ok(times.length >= 9, 'every demo article is listed');
  const sorted = [...times].sort((a, b) => Date.parse(b) - Date.parse(a));
  assert.deepEqual(times, sorted);
  await page.locator('aside .na-rank li').first().waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('an unknown route shows the not-found view; the sidebar still loads', async () => {
  const page = await mobilePage();
  await page.goto(`${ctx.origin}${BASE}/a/b/c`);
  await page.locator('h1').waitFor();
  assert.equal(await page.locator('h1').textContent(), 'Không tìm thấy trang');
  assert.equal(await page.getByRole('link', { name: 'Về trang chủ' }).getAttribute('href'), `${BASE}/`);
  await page.locator('aside .na-rank li').first().waitFor();
  await page.close();
});

test('a failing most-read never hides the article, and the reverse', async () => {
  // A page with its article keeps its own ranking when the fresh one fails.
  const page = await mobilePage();
  await page.route('**/api/most-read.json', (r) => r.fulfill({ status: 503, body: '' }));
  await page.goto(`${ctx.origin}${BASE}/chinh-tri/${SEED}`);
  await page.locator('h1').waitFor();
  assert.ok((await page.locator('aside .na-rank li').count()) >= 5);
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  // The app shell (an article not prerendered) says the ranking failed, beside the article.
  const shell = await mobilePage();
  await asShell(shell, ctx.origin + BASE, `/chinh-tri/${SEED}`);
  await shell.route('**/api/most-read.json', (r) => r.fulfill({ status: 503, body: '' }));
  await shell.goto(`${ctx.origin}${BASE}/chinh-tri/${SEED}`);
  await shell.locator('aside [role="alert"]').waitFor();
  assert.match(await shell.locator('aside [role="alert"]').textContent(), /503/);
  // The article comes on its own, whenever its JSON arrives.
  await shell.locator('.na-main h1').waitFor();

  const other = await mobilePage();
  // An article that is not prerendered (a prerendered one stays on screen instead).
  await asShell(other, ctx.origin + BASE, `/chinh-tri/${SEED}`);
  await other.route(`**/api/articles/${SEED}.json`, (r) => r.fulfill({ status: 500, body: '' }));
  await other.goto(`${ctx.origin}${BASE}/chinh-tri/${SEED}`);
  await other.locator('.na-main [role="alert"]').waitFor();
  await other.locator('aside .na-rank li').first().waitFor();
  await page.close();
  await shell.close();
  await other.close();
});

test('in-body, related and breadcrumb links change the page in place too', async () => {
  const page = await mobilePage();
  await page.goto(`${ctx.origin}${BASE}/kinh-te/day-nhanh-tien-do-cac-cong-trinh-giao-thong-trong-diem`);
  await page.locator('h1').waitFor();
  await page.evaluate(() => (window.__sameDocument = true));

  // A link inside a paragraph of the body, written in the JSON as `chinh-tri/<slug>`.
  const inBody = page.locator('.na-body p a[href$="/chinh-tri/quang-nam-day-manh-cai-cach-hanh-chinh-nam-2023"]');
  assert.equal(await inBody.getAttribute('href'), `${BASE}/chinh-tri/quang-nam-day-manh-cai-cach-hanh-chinh-nam-2023`);
  await inBody.click();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.startsWith('Quảng Nam đẩy mạnh cải cách'));
  assert.equal(page.url(), `${ctx.origin}${BASE}/chinh-tri/quang-nam-day-manh-cai-cach-hanh-chinh-nam-2023`);

  // A related article at the end.
  await page.locator('.na-related a').first().click();
  await page.waitForFunction(() => !document.querySelector('h1')?.textContent.startsWith('Quảng Nam đẩy mạnh cải cách'));
  await page.locator('.na-article h1').waitFor();

  // The breadcrumb's category: the list of that category.
  const category = await page.locator('.na-breadcrumb li:nth-child(2) a').textContent();
  await page.locator('.na-breadcrumb li:nth-child(2) a').click();
  await page.waitForFunction((c) => document.querySelector('h1')?.textContent === c, category);
  assert.ok((await page.locator('.na-list li').count()) >= 2);
  assert.equal(await page.evaluate(() => window.__sameDocument), true);
  assert.deepEqual(page.errors, []);
  await page.close();
});
