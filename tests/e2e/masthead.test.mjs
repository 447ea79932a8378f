// The masthead (issue 26) on the release build on the plain static host: the publication's
// logo linking home, the categories' menu (categories.json), the search box; on a
// prerendered page before any script, where the box works as a plain form; none on a
// portal's page. A topic page named by its list (one request), or by its newest article's
// tag when the list does not name it (an older portal).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIST, newPage, SEED_PATH, useBrowser } from './harness.mjs';

const HOST = fileURLToPath(new URL('../host', import.meta.url));
const ctx = useBrowser({ dir: DIST, more: [{ prefix: '/portal/', dir: HOST }] });
const MENU = JSON.parse(readFileSync(new URL('../../public/api/categories.json', import.meta.url), 'utf8')).items;
const SEED = JSON.parse(
  readFileSync(new URL(`../../public/api/articles/${SEED_PATH.split('/').pop()}.json`, import.meta.url), 'utf8'),
);
// The demo's name (index.html sets no data-site-name), the alternative text of its logo.
const SITE = 'Tin tức';

test('a reader finds the masthead: the logo links home, the menu opens a category in place', async () => {
  const page = await newPage(ctx);
  await page.goto(ctx.base + SEED_PATH);
  const menu = page.getByRole('navigation', { name: 'Chuyên mục' });
  await menu.waitFor();
  assert.deepEqual(await menu.getByRole('link').allTextContents(), MENU.map((c) => c.name));
  const home = page.getByRole('link', { name: SITE, exact: true });
  assert.equal(await home.getAttribute('href'), '/');
  assert.equal(await home.getByRole('img', { name: SITE }).getAttribute('src'), '/logo.svg');
  await page.getByRole('search').getByLabel('Tìm kiếm').waitFor();

  await page.evaluate(() => (window.__stayed = true));
  const target = MENU.find((c) => c.slug !== SEED.category.slug);
  await menu.getByRole('link', { name: target.name }).click();
  await page.getByRole('heading', { level: 1, name: target.name }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/${target.slug}`);
  await home.click();
  await page.getByRole('heading', { level: 1, name: 'Tin mới' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.evaluate(() => window.__stayed), true, 'no reload');
  // One masthead, whichever page drew it.
  assert.equal(await page.getByRole('navigation', { name: 'Chuyên mục' }).count(), 1);
  assert.equal(await page.getByRole('search').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a prerendered page holds the masthead, and its box asks for the results without script', async () => {
  const page = await ctx.browser.newPage({ javaScriptEnabled: false });
  await page.goto(ctx.base + SEED_PATH);
  assert.equal(await page.getByRole('link', { name: SITE, exact: true }).getAttribute('href'), '/');
  const box = page.getByRole('search').getByLabel('Tìm kiếm');
  await box.fill('hội an');
  await box.press('Enter');
  await page.waitForURL((u) => u.pathname === '/tim-kiem');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'hội an');
  await page.close();
});

test('a portal page has its own masthead: the app adds none, nor asks for the menu', async () => {
  const page = await newPage(ctx);
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto(`${ctx.origin}/portal/portal.html`);
  await page.locator('.news-app h1').waitFor();
  await page.locator('.news-app aside .na-rank li').first().waitFor();
  const app = page.locator('.news-app');
  assert.equal(await app.getByRole('navigation', { name: 'Chuyên mục' }).count(), 0);
  assert.equal(await app.getByRole('link', { name: SITE, exact: true }).count(), 0);
  assert.equal(await app.getByRole('search').count(), 0);
  assert.ok(!asked.includes('/api/categories.json'), asked.join(' '));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a topic page is named by its list, in one request; by its newest article when the list has no name', async () => {
  const tag = SEED.tags[0];
  const page = await newPage(ctx);
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto(`${ctx.base}/chu-de/${tag.slug}`);
  await page.getByRole('heading', { level: 1, name: tag.name }).waitFor();
  assert.deepEqual(asked.filter((p) => p.startsWith('/api/articles/')), [], 'no article asked for its name');
  assert.ok(asked.includes(`/api/topics/${tag.slug}.json`));

  // An older portal's list, without `name`.
  const old = await newPage(ctx);
  await old.route('**/api/topics/*.json', async (route) => {
    const res = await route.fetch();
    const { name, ...list } = await res.json();
    assert.equal(name, tag.name);
    await route.fulfill({ response: res, json: list });
  });
  await old.goto(`${ctx.base}/chu-de/${tag.slug}`);
  await old.getByRole('heading', { level: 1, name: tag.name }).waitFor();
  assert.deepEqual([...page.errors, ...old.errors], []);
  await page.close();
  await old.close();
});
