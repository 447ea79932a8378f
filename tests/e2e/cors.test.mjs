// The app embedded from another origin, as portals do: the portal's page on
// http://localhost:P holds docs/deploy.md's embedding snippet, and the app, its JSON and the
// reference server are on http://127.0.0.1:S (another origin: another host name). With the
// portal's origin allowed (`--allow-origin`) everything works under docs/deploy.md's CSP for a
// CDN origin; with it not allowed the app says it could not load, and nothing is stored.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADOPTED, DIST, launch, newPage, SEED, SEED_COUNT } from './harness.mjs';
import { cdnCsp } from './portal.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER = process.env.NEWS_SERVER || join(ROOT, 'target/debug/news-server');
const CONTENT = join(ROOT, 'public/api');
/** The content folder's own ranking: what most-read answers while no view is counted. */
const FILE_MOST_READ = JSON.parse(readFileSync(join(CONTENT, 'most-read.json'), 'utf8'));
/** What the app sends as X-Reader-Token: a random string kept in localStorage. */
const TOKEN = 'portal-reader-0123456789abcdef';
const ctx = { pages: {} };

/** Starts `news-server serve` on a free port with its own database; resolves with its origin. */
async function startServer(...extra) {
  const dir = mkdtempSync(join(tmpdir(), 'news-cors-'));
  const db = join(dir, 'news.db');
  const proc = spawn(
    SERVER,
    // Ranked on every request: the test reads most-read right after the beacon.
    ['serve', '--addr', '127.0.0.1:0', '--dist', DIST, '--content', CONTENT, '--db', db, '--ranking-refresh-secs', '0', ...extra],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const base = await new Promise((ok, fail) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) ok(m[1]);
    });
    proc.on('exit', (code) => fail(new Error(`news-server exited with ${code}`)));
  });
  const cli = (...args) => execFileSync(SERVER, [...args, '--db', db], { encoding: 'utf8' });
  return { proc, dir, base, cli };
}

/** The portal's page: its own heading and docs/deploy.md's snippet with the app's URL on `cdn`. */
function portalPage(cdn) {
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>Cổng thông tin tỉnh</title><link rel="icon" href="data:,"></head>
<body>
  <h1 class="portal">Cổng thông tin tỉnh</h1>
  <div data-news-app data-article="${SEED}" data-base-path="/" data-views-endpoint="articles/{slug}/views"></div>
  <script src="${cdn}/boot.js" defer></script>
</body>
</html>`;
}

before(async () => {
  // The portal: pages the tests register, each under its CSP; anything else is a 404.
  ctx.portal = createServer((req, res) => {
    const page = ctx.pages[new URL(req.url, 'http://x').pathname];
    if (!page) return res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    res
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': cdnCsp(page.cdn),
      })
      .end(portalPage(page.cdn));
  });
  await new Promise((ok) => ctx.portal.listen(0, '127.0.0.1', ok));
  // 'localhost' and '127.0.0.1' are different origins (and different sites) to a browser.
  ctx.portalOrigin = `http://localhost:${ctx.portal.address().port}`;
  ctx.allowed = await startServer('--allow-origin', ctx.portalOrigin);
  ctx.refused = await startServer('--allow-origin', 'https://another-portal.example.vn');
  ctx.pages['/allowed.html'] = { cdn: ctx.allowed.base };
  ctx.pages['/refused.html'] = { cdn: ctx.refused.base };
  ctx.browser = await launch();
});
after(async () => {
  await ctx.browser?.close();
  for (const s of [ctx.allowed, ctx.refused]) {
    s?.proc.kill('SIGKILL');
    if (s) rmSync(s.dir, { recursive: true, force: true });
  }
  await new Promise((ok) => (ctx.portal ? ctx.portal.close(ok) : ok()));
});

/** A page of the portal that records CSP violations; `setup` runs before it loads. */
async function portal(path, setup = () => {}, options = {}) {
  const page = await newPage(ctx);
  await setup(page);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(ctx.portalOrigin + path, options);
  return page;
}

async function json(url) {
  const res = await fetch(url);
  assert.equal(res.status, 200, url);
  return res.json();
}

/** From the page, as the app would: a cross-origin request, no credentials. */
function fetchFromPage(page, url, init) {
  return page.evaluate(
    async ([u, i]) => {
      try {
        const res = await fetch(u, i);
        return { status: res.status, body: await res.text() };
      } catch (e) {
        return { blocked: String(e) };
      }
    },
    [url, init],
  );
}

test('from an allowed origin: article, most-read, comments, a comment posted, a like, a view', async () => {
  const { base, cli } = ctx.allowed;
  const beacons = [];
  const page = await portal('/allowed.html', (p) =>
    p.on('request', (r) => {
      if (r.method() === 'POST' && r.url() === `${base}/api/articles/${SEED}/views`) beacons.push(r);
    }),
  );
  await page.locator('.news-app h1').waitFor();
  assert.match(await page.locator('.news-app h1').textContent(), /^Khối thi đua/);
  await page.locator('.news-app aside .na-rank li a').first().waitFor();
  await page.locator('.news-app .na-comment').first().waitFor();
  assert.equal(await page.locator('.na-comments h2').textContent(), `Bình luận (${SEED_COUNT})`);
  // The page is still the portal's.
  assert.equal(page.url(), `${ctx.portalOrigin}/allowed.html`);
  assert.equal(await page.title(), 'Cổng thông tin tỉnh');
  assert.equal(await page.locator('h1.portal').textContent(), 'Cổng thông tin tỉnh');

  // A comment through the form: a cross-origin POST after a preflight.
  const body = `Gửi từ cổng thông tin lúc ${Date.now()}`;
  await page.getByLabel('Bình luận của bạn').fill(body);
  await page.getByLabel('Tên của bạn').fill('Độc giả ở xa');
  const answer = page.waitForResponse((r) => r.url() === `${base}/api/articles/${SEED}/comments` && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Gửi bình luận' }).click();
  assert.equal((await answer).status(), 201);
  await page.locator('.na-comment-form [role="status"]', { hasText: 'đang chờ duyệt' }).waitFor();
  const line = cli('pending').split('\n').find((l) => l.includes(body));
  assert.ok(line, 'the comment waits for moderation');
  assert.match(line, /Độc giả ở xa/);

  // A like, exactly as the app will send it: the reader's token in a header, no cookie.
  const comment = (await json(`${base}/api/articles/${SEED}/comments.json`)).items[0];
  const before = comment.likes ?? 0;
  const likes = `${base}/api/articles/${SEED}/comments/${comment.id}/likes`;
  const liked = await fetchFromPage(page, likes, { method: 'POST', headers: { 'X-Reader-Token': TOKEN } });
  assert.equal(liked.status, 200, JSON.stringify(liked));
  assert.deepEqual(JSON.parse(liked.body), { likes: before + 1 });
  const again = await fetchFromPage(page, likes, { method: 'POST', headers: { 'X-Reader-Token': TOKEN } });
  assert.deepEqual(JSON.parse(again.body), { likes: before + 1 }, 'one like per reader');
  assert.equal((await json(`${base}/api/articles/${SEED}/comments.json`)).items[0].likes, before + 1);
  const undone = await fetchFromPage(page, likes, { method: 'DELETE', headers: { 'X-Reader-Token': TOKEN } });
  assert.equal(undone.status, 200, JSON.stringify(undone));
  assert.deepEqual(JSON.parse(undone.body), { likes: before });

  // The view beacon (sent without a preflight) was counted: most-read now ranks by views,
  // and the only article viewed is this one.
  let ranked;
  for (let i = 0; i < 100; i += 1) {
    ranked = (await json(`${base}/api/most-read.json`)).items.map((s) => s.slug);
    if (ranked.length === 1) break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.ok(FILE_MOST_READ.items.length > 1);
  assert.deepEqual(ranked, [SEED]);
  assert.equal(beacons.length, 1, 'one beacon per article opened');

  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

// boot.js takes the article's HTML fragment from the app's server (docs/deploy.md,
// "Embedding"), which `serve` answers with root-relative addresses (no --site-url): the
// article is on screen and styled, its image from the app's server, while the wasm is held
// back; let go, the app adopts that same page.
test('embedded, the article comes as its fragment before the app’s code, which then adopts it', async () => {
  const { base } = ctx.allowed;
  let release;
  const held = new Promise((ok) => (release = ok));
  const page = await portal(
    '/allowed.html',
    (p) =>
      p.route('**/*.wasm', async (route) => {
        await held;
        await route.continue();
      }),
    { takeover: false },
  );
  const h1 = page.getByRole('heading', { level: 1, name: /^Khối thi đua/ });
  await h1.waitFor();
  const root = page.locator('.news-app[data-news-static]');
  assert.equal(await root.getAttribute('data-news-static'), SEED);
  assert.equal(await root.getAttribute('data-news-drawn'), null, 'the server’s page, not the wasm’s drawing');
  assert.equal(await root.getAttribute('data-news-ready'), null, 'the app has not run');
  assert.equal(await h1.evaluate((el) => getComputedStyle(el).color), 'rgb(26, 26, 26)', 'the app’s stylesheet applies');
  const img = page.locator('.news-app .na-body figure img').first();
  assert.ok((await img.getAttribute('src')).startsWith(`${base}/`), 'an image of the app’s server, not the portal’s');
  await page.waitForFunction(() => document.querySelector('.news-app .na-body figure img').naturalWidth > 0);
  assert.equal(await page.locator('h1.portal').textContent(), 'Cổng thông tin tỉnh');

  release();
  await page.waitForFunction(ADOPTED);
  await page.locator('.news-app .na-comment').first().waitFor();
  await page.getByRole('button', { name: 'Gửi bình luận' }).waitFor();
  assert.equal(await page.locator('[id]').evaluateAll((els) => els.length - new Set(els.map((e) => e.id)).size), 0, 'no id twice');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

// Without a fragment (an article the server or build has none for), or with one that names
// another build's stylesheet (its addresses may be wrong for this page), the wasm draws the
// article from its JSON as before.
for (const [what, answer] of [
  ['no fragment', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' })],
  [
    'another build’s fragment',
    async (route) => {
      const res = await route.fetch();
      const body = (await res.text()).replace(/href="([^"]*?)[^"/]*\.css"/, 'href="$1style-0000000000000000.css"');
      await route.fulfill({ response: res, body });
    },
  ],
]) {
  test(`embedded, ${what}: the app draws the article from its JSON`, async () => {
    const { base } = ctx.allowed;
    const asked = [];
    const page = await portal('/allowed.html', (p) => {
      p.on('request', (r) => asked.push(r.url()));
      return p.route(`${base}/api/articles/${SEED}.html`, answer);
    });
    assert.ok(asked.includes(`${base}/api/articles/${SEED}.html`), 'boot.js asked for the fragment');
    assert.ok(!asked.some((u) => u.includes('style-0000000000000000')), 'nothing of the other build loads');
    await page.getByRole('heading', { level: 1, name: /^Khối thi đua/ }).waitFor();
    assert.equal(await page.locator('.news-app[data-news-drawn]').count(), 1, 'the wasm’s drawing');
    await page.locator('.news-app .na-comment').first().waitFor();
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    await page.close();
  });
}

test('from an origin the server does not allow: the app says it could not load, nothing is stored', async () => {
  const { base, cli } = ctx.refused;
  const page = await portal('/refused.html');
  const alert = page.locator('[data-news-app][role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /^Không tải được trang/);
  assert.equal(await page.locator('.news-app h1').count(), 0);

  const comment = (await json(`${base}/api/articles/${SEED}/comments.json`)).items[0];
  // A comment and a like need a preflight, which gets no CORS answer: the browser stops them.
  const posted = await fetchFromPage(page, `${base}/api/articles/${SEED}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ author_name: 'Trang lạ', body: 'Không được lưu', website: '' }),
  });
  assert.ok(posted.blocked, JSON.stringify(posted));
  const liked = await fetchFromPage(page, `${base}/api/articles/${SEED}/comments/${comment.id}/likes`, {
    method: 'POST',
    headers: { 'X-Reader-Token': TOKEN },
  });
  assert.ok(liked.blocked, JSON.stringify(liked));
  // A beacon and a no-cors POST go without asking: the server refuses them itself.
  const views = `${base}/api/articles/${SEED}/views`;
  const refusedBeacon = page.waitForResponse((r) => r.url() === views);
  assert.equal(await page.evaluate((u) => navigator.sendBeacon(u), views), true);
  assert.equal((await refusedBeacon).status(), 403);
  const plain = page.waitForResponse((r) => r.url() === views);
  await page.evaluate((u) => fetch(u, { method: 'POST', mode: 'no-cors', body: 'x' }), views);
  assert.equal((await plain).status(), 403);

  assert.equal(cli('pending'), '');
  assert.deepEqual(await json(`${base}/api/most-read.json`), FILE_MOST_READ, 'no view counted');
  assert.equal((await json(`${base}/api/articles/${SEED}/comments.json`)).items[0].likes, comment.likes);
  // The only errors are the blocked requests and the app that could not start because of them.
  assert.ok(page.errors.some((e) => /CORS policy/.test(e)), page.errors.join('\n'));
  const unexpected = page.errors.filter(
    (e) => !/CORS policy|Failed to load resource|Failed to fetch|dynamically imported module/.test(e),
  );
  assert.deepEqual(unexpected, []);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await page.close();
});
