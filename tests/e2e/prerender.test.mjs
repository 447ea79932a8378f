// The article pages that `news-server prerender` writes into the build: the article is in the
// HTML, readable before (and without) any script, and the app takes the page over with the
// same article, without a shift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ADOPTED, asShell, assertNoIdTwice, newPage, SEED, SEED_PATH, useBrowser, watchIds } from './harness.mjs';
import { recordWasmStart } from '../wasm-started.mjs';

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
  const count = comments.items.reduce((n, c) => n + (c.replies?.total ?? 0), comments.total);
  assert.equal(await page.locator('.na-comments h2').textContent(), `Bình luận (${count})`);
  assert.deepEqual(
    await page.locator('.na-comment-body').allTextContents(),
    comments.items.flatMap((c) => [c.body, ...(c.replies?.items ?? []).map((r) => r.body)]),
  );
  // Nothing that only a running app could honour: no form but the search box, which asks
  // for the results by itself, no loading line, no JS notice.
  assert.equal(await page.locator('form:not([role=search]), .na-status, noscript').count(), 0);
  assert.equal(await page.getByRole('search').getAttribute('action'), '/tim-kiem');
  assert.ok(await page.locator('h1').isVisible());
  await context.close();
});

test('the app adopts the page in place: same article, no id twice at any moment, no shift, selection kept', async () => {
  const page = await newPage(ctx);
  await watchIds(page);
  await page.addInitScript(() => {
    window.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    document.addEventListener('DOMContentLoaded', () => {
      const article = document.querySelector('[data-news-static] article');
      window.__article = article;
      window.__html = article && article.innerHTML;
      // The reader selects the lead before the app has started.
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('.na-lead'));
      getSelection().addRange(range);
    });
  });
  await page.goto(ctx.base + SEED_PATH, { takeover: false });
  assert.ok((await page.evaluate(() => window.__html)).includes(seed.title.slice(0, 20)), 'the HTML carried the article');
  await page.waitForFunction(ADOPTED);
  // The form is the app's, in the page.
  await page.locator('.na-comment-form, form').first().waitFor();
  assert.ok(await page.evaluate(() => document.querySelector('.news-app article') === window.__article), 'the same node');
  // Not rewritten: the same markup, but for the attributes the comforts island sets on its
  // controls (the share links' address, the printed address, the buttons' states).
  assert.ok(
    await page.evaluate(() => {
      const bare = (html) => html.replace(/ (href|data-href|aria-pressed|aria-disabled)="[^"]*"/g, '');
      return bare(document.querySelector('.news-app article').innerHTML) === bare(window.__html);
    }),
  );
  assert.equal(await page.evaluate(() => getSelection().toString()), seed.lead);
  await assertNoIdTwice(page);
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('#na-title, #na-comments-title, #na-most-read-title').count(), 3);
  assert.equal(await page.locator('.news-app').count(), 1);
  assert.equal(await page.locator('.na-rank li').count(), mostRead.length);
  assert.equal(await page.evaluate(() => window.__shifts), 0);
  assert.deepEqual(page.errors, []);
  // The first in-app link hands the page to the whole app.
  await page.locator('.na-rank li a').nth(1).click();
  await page.waitForFunction(() => !document.querySelector('[data-news-static]'));
  // The whole app is in the page at once; the article follows its JSON (a loading line
  // meanwhile, without a heading).
  await page.locator('h1', { hasText: mostRead[1].title }).waitFor();
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.title(), mostRead[1].title);
  await page.close();
});

test('the head of a prerendered page, structured data included, is the one the app writes for the same article', async () => {
  const head = (p) =>
    p.evaluate(() =>
      [...document.head.querySelectorAll('title, meta[name="description"], meta[property^="og:"], link[rel="canonical"], script[type="application/ld+json"]')]
        .map((el) => `${el.tagName} ${el.getAttribute('name') || el.getAttribute('property') || el.getAttribute('rel') || ''} ${el.getAttribute('content') || el.getAttribute('href') || el.textContent}`)
        .sort(),
    );
  const context = await ctx.browser.newContext({ javaScriptEnabled: false });
  const served = await context.newPage();
  await served.goto(ctx.base + SEED_PATH);
  const written = await head(served);
  await context.close();
  const page = await newPage(ctx);
  await asShell(page, ctx.base, SEED_PATH);
  await page.goto(ctx.base + SEED_PATH);
  await page.locator('h1').waitFor();
  assert.ok(written.some((t) => t.startsWith('META og:title')), JSON.stringify(written));
  // The structured data too (its addresses need the site's, which this build does not know).
  assert.ok(written.some((t) => t.startsWith('SCRIPT  {"@context":"https://schema.org","@type":"NewsArticle"')), JSON.stringify(written));
  assert.deepEqual(await head(page), written);
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

test("if the app's part of the wasm does not come, the shell's article stays readable; a page it did not draw says so", async () => {
  const page = await newPage(ctx);
  await asShell(page, ctx.base, SEED_PATH);
  await page.route('**/news-app-split_app-*.wasm', (route) => route.fulfill({ status: 503, body: 'down' }));
  const failed = page.waitForEvent('console', (m) => m.type() === 'error');
  await page.goto(ctx.base + SEED_PATH, { takeover: false });
  await failed;
  await page.waitForTimeout(300);
  assert.equal(await page.locator('[data-news-drawn] h1').textContent(), seed.title);
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  await page.close();
  const front = await newPage(ctx);
  await front.route('**/news-app-split_app-*.wasm', (route) => route.fulfill({ status: 503, body: 'down' }));
  await front.goto(ctx.base + '/', { takeover: false });
  assert.match(await front.getByRole('alert').textContent(), /Không tải được trang/);
  await front.close();
});

test("a page that holds its article has its first frame before the app's JSON and code start; the shell starts them at once", async () => {
  const timing = async (shell) => {
    const page = await newPage(ctx);
    if (shell) await asShell(page, ctx.base, SEED_PATH);
    await page.addInitScript(recordWasmStart);
    // Before boot.js runs: this frame callback is the first frame's first.
    await page.addInitScript(() => requestAnimationFrame(() => (window.__frame = performance.now())));
    await page.goto(ctx.base + SEED_PATH);
    await page.locator('.news-app h1').waitFor();
    await page.waitForFunction(() => window.__wasmStarted);
    const t = await page.evaluate((slug) => ({
      frame: window.__frame,
      json: performance.getEntriesByType('resource').find((r) => r.name.endsWith(`/articles/${slug}.json`))?.startTime,
      wasm: window.__wasmStarted,
    }), SEED);
    assert.deepEqual(page.errors, []);
    await page.close();
    return t;
  };
  const page = await timing(false);
  assert.ok(page.frame > 0 && page.json > 0, JSON.stringify(page));
  assert.ok(page.json >= page.frame, `the JSON after the first frame: ${JSON.stringify(page)}`);
  assert.ok(page.wasm >= page.frame, `the wasm after the first frame: ${JSON.stringify(page)}`);
  // The shell's first frame shows its loading line; its article waits for the JSON, asked
  // at once (boot.js blocks rendering: it runs before any frame).
  const shell = await timing(true);
  assert.ok(shell.json < shell.frame, `the shell asks first: ${JSON.stringify(shell)}`);
});

test('an article the build did not prerender still opens from the app shell', async () => {
  const page = await newPage(ctx);
  await asShell(page, ctx.base, SEED_PATH);
  await page.goto(ctx.base + SEED_PATH);
  // The page the shell's first stage drew from the JSON (src/shell.rs), adopted by the app;
  // none the network sent.
  assert.equal(await page.locator('[data-news-static]:not([data-news-drawn])').count(), 0);
  assert.equal(await page.locator('[data-news-drawn][data-news-ready]').count(), 1);
  assert.equal(await page.locator('h1').textContent(), seed.title);
  assert.equal(await page.title(), seed.title);
  await page.close();
});

test("the shell's first screen on a phone: the article drawn from the JSON boot.js read, painted before «Đọc nhiều», then all laid out without a shift", async () => {
  const page = await newPage(ctx, { viewport: { width: 412, height: 823 }, isMobile: true });
  await asShell(page, ctx.base, SEED_PATH);
  await page.addInitScript(() => {
    // What each frame shows, from the first on (this callback runs before the app's own).
    window.__frames = [];
    window.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    const frame = () => {
      const root = document.querySelector('.news-app');
      window.__frames.push({
        article: Boolean(document.querySelector('.news-app h1')),
        loading: Boolean(document.querySelector('.na-main > .na-status')),
        // What is below the article laid out only when near (style/base.css): the app's
        // first screen, or the page the shell's first stage drew until the app adopts it.
        first: Boolean(root && (root.hasAttribute('data-news-first') || (root.hasAttribute('data-news-static') && !root.hasAttribute('data-news-ready')))),
        ranked: document.querySelectorAll('.na-rank li').length,
      });
      if (window.__frames.length < 2000) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.addInitScript(recordWasmStart);
  await page.goto(ctx.base + SEED_PATH);
  await page.locator('aside .na-rank li').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-news-first], [data-news-static]:not([data-news-ready])'));
  const frames = await page.evaluate(() => window.__frames);
  const shown = frames.findIndex((f) => f.article);
  assert.ok(shown >= 0, 'a frame showed the article');
  assert.deepEqual(
    { first: frames[shown].first, ranked: frames[shown].ranked },
    { first: true, ranked: 0 },
    'the frame that first shows the article has nothing of «Đọc nhiều» yet, and lays out only what is near it',
  );
  assert.ok(frames.slice(shown).some((f) => f.ranked === mostRead.length && !f.first), 'then «Đọc nhiều», and everything laid out');
  assert.equal(await page.locator('.na-rank li').count(), mostRead.length);
  assert.equal(await page.evaluate(() => window.__shifts), 0, 'no shift');
  // The JSON came (and boot.js read it) before the wasm started: then no frame shows the
  // article's loading line, the wasm drawing the article in the task it starts in.
  const timing = await page.evaluate((slug) => ({
    json: performance.getEntriesByType('resource').find((r) => r.name.endsWith(`/articles/${slug}.json`))?.responseEnd,
    wasm: window.__wasmStarted,
  }), SEED);
  assert.ok(timing.json != null && timing.wasm != null, JSON.stringify(timing));
  if (timing.json + 20 < timing.wasm) assert.ok(!frames.slice(0, shown).some((f) => f.loading), 'no frame with the loading line');
  else console.log(`# the JSON (${timing.json} ms) came too close to the wasm's start (${timing.wasm} ms) to tell`);
  assert.deepEqual(page.errors, []);
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
