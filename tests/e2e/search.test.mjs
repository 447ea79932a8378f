// Search and topics (issue 26) against the reference server (its search.json and
// topics/{slug}.json) with the demo content: the box on the app's pages, a query typed
// without diacritics, the marks, «Xem thêm»-less results and none, Back to the results,
// a tag's link to its topic page, and both pages' deep links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newPage, SEED_PATH } from './harness.mjs';
import { useNewsServer } from './news-server.mjs';

const ctx = useNewsServer();

/** Resolves once the server's first search index is built (it answers 503 until then). */
async function searchReady(server) {
  for (let i = 0; i < 200; i += 1) {
    if ((await fetch(`${server.base}/api/search.json?q=a`)).status !== 503) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('the search index was never built');
}
const API = fileURLToPath(new URL('../../public/api', import.meta.url));
const ARTICLES = readdirSync(join(API, 'articles'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(API, 'articles', f), 'utf8')));

const results = (page) => page.locator('.na-results > li');

test('the box finds «Hội An» for «hoi an», marks the words that matched, keeps the query; Back returns', async () => {
  await searchReady(ctx);
  const page = await newPage(ctx);
  await page.goto(ctx.base + '/');
  const box = page.getByRole('search').getByLabel('Tìm kiếm');
  assert.equal(await box.getAttribute('type'), 'search');
  assert.match(await box.getAttribute('placeholder'), /từ khóa/);

  // An empty box goes nowhere and keeps what was typed.
  await box.fill('   ');
  await box.press('Enter');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await box.inputValue(), '   ');

  await box.fill('hoi an');
  await box.press('Enter');
  await page.getByText(/^Tìm thấy \d+ kết quả cho “hoi an”$/).waitFor();
  const url = new URL(page.url());
  assert.equal(url.pathname, '/tim-kiem');
  assert.equal(url.searchParams.get('q'), 'hoi an');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Tìm kiếm');
  assert.equal(await box.inputValue(), 'hoi an', 'the query stays in the box');

  const hoiAn = ARTICLES.find((a) => a.title.includes('Hội An'));
  const first = results(page).first();
  assert.equal(await first.getByRole('link').first().textContent(), hoiAn.title);
  assert.deepEqual(await first.locator('h2 mark').allTextContents(), ['Hội', 'An']);
  // Every mark is a word of the query, whatever its diacritics (a result matched in its
  // body alone has none in its title and lead).
  const marks = (await page.locator('.na-results mark').allTextContents()).map((m) =>
    m.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').toLowerCase(),
  );
  assert.ok(marks.length >= 2 && marks.every((m) => m === 'hoi' || m === 'an'), marks.join(','));
  assert.equal(await first.locator('.na-category').textContent(), hoiAn.category.name);
  assert.equal(await first.locator('time').count(), 1);
  assert.equal(await page.title(), 'Tìm kiếm: hoi an');

  // To the article and Back: the same results, the query in the box.
  await first.getByRole('link').first().click();
  await page.getByRole('heading', { level: 1, name: hoiAn.title }).waitFor();
  await page.goBack();
  await page.getByText(/^Tìm thấy \d+ kết quả cho “hoi an”$/).waitFor();
  assert.equal(await results(page).first().locator('h2 mark').count(), 2);
  assert.equal(await box.inputValue(), 'hoi an');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a served article's box, before any navigation, opens the results in place", async () => {
  await searchReady(ctx);
  // The server's page holds the masthead and the box, which asks for the results by itself.
  const html = await (await fetch(ctx.base + SEED_PATH)).text();
  assert.match(html, /<form class="na-search" role="search" action="\/tim-kiem" method="get">/);
  const page = await newPage(ctx);
  await page.goto(ctx.base + SEED_PATH);
  await page.evaluate(() => (window.__stayed = true));
  const box = page.getByRole('search').getByLabel('Tìm kiếm');
  await box.fill('hoi an');
  await box.press('Enter');
  await page.getByText(/^Tìm thấy \d+ kết quả cho “hoi an”$/).waitFor();
  assert.equal(new URL(page.url()).pathname, '/tim-kiem');
  assert.equal(await page.evaluate(() => window.__stayed), true, 'served in place, no reload');
  assert.equal(await box.inputValue(), 'hoi an');
  assert.equal(await page.getByRole('search').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a search deep link loads directly; nothing found says so with a hint', async () => {
  const page = await newPage(ctx);
  await page.goto(ctx.base + '/tim-kiem?q=' + encodeURIComponent('Tam Kỳ'));
  await page.getByText(/^Tìm thấy \d+ kết quả cho “Tam Kỳ”$/).waitFor();
  const expected = ARTICLES.filter((a) => `${a.title} ${a.lead ?? ''}`.includes('Tam Kỳ')).length;
  assert.ok((await results(page).count()) >= expected && expected > 0);
  assert.equal(await page.getByRole('search').getByLabel('Tìm kiếm').inputValue(), 'Tam Kỳ');

  await page.goto(ctx.base + '/tim-kiem?q=zzqxw');
  await page.getByText('Không tìm thấy kết quả phù hợp').waitFor();
  await page.getByText(/gõ không dấu/).waitFor();
  assert.equal(await results(page).count(), 0);
  // Markup typed in the box is text, on the page and in the box.
  await page.goto(ctx.base + '/tim-kiem?q=' + encodeURIComponent('<img src=x onerror=alert(1)>'));
  await page.getByText('Không tìm thấy kết quả phù hợp').waitFor();
  assert.equal(await page.locator('.na-main img').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a tag's link leads to its topic page: the tag's name, only its articles, newest first", async () => {
  const seed = ARTICLES.find((a) => SEED_PATH.endsWith(a.slug));
  const tag = seed.tags.find((t) => ARTICLES.filter((a) => a.tags?.some((u) => u.slug === t.slug)).length > 1);
  const page = await newPage(ctx);
  await page.goto(ctx.base + SEED_PATH);
  await page.getByRole('list', { name: 'Từ khóa' }).getByRole('link', { name: tag.name }).click();
  await page.getByRole('heading', { level: 1, name: tag.name }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/chu-de/${tag.slug}`);
  const tagged = ARTICLES.filter((a) => a.tags?.some((t) => t.slug === tag.slug))
    .sort((a, b) => Date.parse(b.published_at) - Date.parse(a.published_at))
    .map((a) => a.title);
  assert.deepEqual(await page.locator('.na-list .na-list-title').allTextContents(), tagged);
  assert.equal(await page.title(), tag.name);
  const data = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.equal(data['@type'], 'CollectionPage');
  assert.equal(data.name, tag.name);

  // Its deep link loads directly, on a page of its own.
  const direct = await newPage(ctx);
  const res = await direct.goto(`${ctx.base}/chu-de/${tag.slug}`);
  assert.equal(res.status(), 200);
  await direct.getByRole('heading', { level: 1, name: tag.name }).waitFor();
  assert.deepEqual(await direct.locator('.na-list .na-list-title').allTextContents(), tagged);
  // The search box is on it, as on every page of the app.
  await direct.getByRole('search').getByLabel('Tìm kiếm').waitFor();
  assert.deepEqual([...page.errors, ...direct.errors], []);
  await page.close();
  await direct.close();
});

test('the front page says it can be searched (WebSite and SearchAction)', async () => {
  const page = await newPage(ctx);
  await page.goto(ctx.base + '/');
  await page.locator('.na-front .na-list li').first().waitFor();
  const data = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.equal(data['@type'], 'WebSite');
  assert.equal(data.potentialAction['@type'], 'SearchAction');
  assert.equal(data.potentialAction.target, `${ctx.base}/tim-kiem?q={search_term_string}`);
  assert.equal(data.potentialAction['query-input'], 'required name=search_term_string');
  await page.close();
});

// The same server paging its lists and results 2 by 2: «Xem thêm» on the results.
const paged = useNewsServer(['--page-size', '2']);

test('«Xem thêm» adds the next page of results, says so, keeps it in the address', async () => {
  await searchReady(paged);
  const page = await newPage(paged);
  await page.goto(paged.base + '/tim-kiem?q=tam+ky');
  const count = await page.getByText(/^Tìm thấy \d+ kết quả cho “tam ky”$/).textContent();
  const total = Number(count.match(/\d+/)[0]);
  assert.ok(total > 2, `${total} results for «tam ky»`);
  assert.equal(await results(page).count(), 2);
  await page.getByRole('button', { name: 'Xem thêm' }).click();
  await page.getByRole('status').filter({ hasText: /^Đã tải thêm \d+ bài viết$/ }).waitFor();
  assert.equal(await results(page).count(), Math.min(total, 4));
  assert.equal(new URL(page.url()).searchParams.get('trang'), '2');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'tam ky');
  // The focus on the first result that came.
  assert.equal(
    await page.evaluate(() => document.activeElement.closest('li') === document.querySelectorAll('.na-results > li')[2]),
    true,
  );
  // A reload comes back to both pages.
  await page.reload();
  await page.getByText(count).waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('.na-results > li').length === n, Math.min(total, 4));
  assert.deepEqual(page.errors, []);
  await page.close();
});
