// The article pages that `news-server prerender` writes into the build: the article is in the
// HTML, readable before (and without) any script, and the app takes the page over with the
// same article, without a shift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { asShell, newPage, SEED, SEED_PATH, useBrowser } from './harness.mjs';

const ctx = useBrowser();
const api = (path) => JSON.parse(readFileSync(new URL(`../../public/api/${path}`, import.meta.url), 'utf8'));
const seed = api(`articles/${SEED}.json`);
const mostRead = api('most-read.json').items;
const comments = api(`articles/${SEED}/comments.json`);

test('without JavaScript the article, its comments and «Đọc nhiều» are all there', async () => {
  const context = await ctx.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const res = await page.goto(ctx.base + SEED_PATH);
  assert.equal(res.status(), 200);
  assert.equal(await page.title(), seed.title);
  assert.equal(await page.getAttribute('meta[name="description"]', 'content'), seed.lead);
  assert.equal(await page.locator('meta[name="description"]').count(), 1);
  assert.equal(await page.locator('h1').textContent(), seed.title);
  assert.equal(await page.locator('.na-lead').textContent(), seed.lead);
  assert.equal(await page.locator('.na-body > p').count(), seed.body.filter((b) => b.type === 'paragraph').length);
  assert.deepEqual(
    await page.locator('.na-rank .na-rank-title').allTextContents(),
    mostRead.map((s) => s.title),
  );
  assert.equal(await page.locator('.na-comments h2').textContent(), `Bình luận (${comments.total})`);
  assert.deepEqual(
    await page.locator('.na-comment-body').allTextContents(),
    comments.items.map((c) => c.body),
  );
  // Nothing that only a running app could honour: no form, no loading line, no JS notice.
  assert.equal(await page.locator('form, .na-status, noscript').count(), 0);
  assert.ok(await page.locator('h1').isVisible());
  await context.close();
});

test('the app takes the page over with the same article, nothing shifts, nothing doubles', async () => {
  const page = await newPage(ctx);
  await page.addInitScript(() => {
    window.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    document.addEventListener('DOMContentLoaded', () => {
      const el = document.querySelector('[data-news-static] article');
      window.__static = el && el.innerHTML;
    });
  });
  await page.goto(ctx.base + SEED_PATH, { takeover: false });
  const prerendered = await page.evaluate(() => window.__static);
  assert.ok(prerendered && prerendered.includes(seed.title.slice(0, 20)), 'the HTML carried the article');
  await page.waitForFunction(() => !document.querySelector('[data-news-static]'));
  await page.locator('.na-comment-form, form').first().waitFor();
  const taken = await page.evaluate(() => document.querySelector('.news-app article').innerHTML);
  // The app writes image URLs absolute (resolved against its API base), the page as paths;
  // Leptos leaves an empty comment as a marker.
  assert.equal(taken.split(ctx.base).join('').replaceAll('<!---->', ''), prerendered);
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('#na-title, #na-comments-title, #na-most-read-title').count(), 3);
  assert.equal(await page.locator('.na-rank li').count(), mostRead.length);
  assert.equal(await page.evaluate(() => window.__shifts), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('if the wasm cannot start, the prerendered article stays readable', async () => {
  const page = await newPage(ctx);
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 503, body: 'down' }));
  const failed = page.waitForEvent('pageerror');
  await page.goto(ctx.base + SEED_PATH, { takeover: false });
  await failed;
  assert.equal(await page.locator('[data-news-static] h1').textContent(), seed.title);
  assert.ok(await page.locator('h1').isVisible());
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  await page.close();
});

test('an article the build did not prerender still opens from the app shell', async () => {
  const page = await newPage(ctx);
  await asShell(page, ctx.base, SEED_PATH);
  await page.goto(ctx.base + SEED_PATH);
  assert.equal(await page.locator('[data-news-static]').count(), 0);
  assert.equal(await page.locator('h1').textContent(), seed.title);
  assert.equal(await page.title(), seed.title);
  await page.close();
});

test('a server error keeps the prerendered article on screen; a removed article is not found', async () => {
  const page = await newPage(ctx);
  let status = 500;
  await page.route(`**/api/articles/${SEED}.json`, (route) =>
    route.fulfill({ status, contentType: 'text/plain', body: 'no' }),
  );
  await page.goto(ctx.base + SEED_PATH, { takeover: false });
  await page.waitForFunction(() => performance.getEntriesByName('news:article').length === 0 && window.__newsWasm);
  // The app has started and failed to get the article: the reader keeps reading.
  await page.waitForTimeout(300);
  assert.equal(await page.locator('[data-news-static] h1').textContent(), seed.title);
  assert.ok(await page.locator('[data-news-static] h1').isVisible());
  assert.equal(await page.locator('[role="alert"]:visible').count(), 0);
  assert.equal(await page.title(), seed.title);
  status = 404;
  await page.reload({ takeover: false });
  await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
  assert.equal(await page.locator('[data-news-static]').count(), 0);
  assert.equal(await page.locator('h1:visible').count(), 1);
  await page.close();
});
