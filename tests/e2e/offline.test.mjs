// Offline reading (public/sw.js, registered by boot.js): an opened article read again
// offline with «Bạn đang đọc bản đã lưu», one never opened with the offline message, a
// comment typed offline kept as a draft, a new build taking over on reload without a stale
// mix, no worker for an embedded app, and the same under a sub-path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, newPage, SEED, SEED_PATH, useBrowser } from './harness.mjs';
import { useNewsServer } from './news-server.mjs';

const SAVED = 'Bạn đang đọc bản đã lưu';
const OFFLINE = 'Không kết nối được';
const OTHER = '/van-hoa/pho-co-hoi-an-lung-linh-dem-ram-thang-gieng';
const DIST_SUB = fileURLToPath(new URL('../../dist-sub', import.meta.url));
const SUB = '/tin-tuc/ban-doc';

// A copy of the build the update test replaces with a "second build" while it is served.
const COPY = mkdtempSync(join(tmpdir(), 'news-offline-'));
cpSync(DIST, COPY, { recursive: true });

// A copy whose article the newsroom edits between two visits.
const EDITED = mkdtempSync(join(tmpdir(), 'news-offline-edited-'));
cpSync(DIST, EDITED, { recursive: true });

// A copy without one article's prerendered page: the host answers it with the shell
// (404.html), as for an article published after the build.
const SHELLED = mkdtempSync(join(tmpdir(), 'news-offline-shelled-'));
cpSync(DIST, SHELLED, { recursive: true });
rmSync(join(SHELLED, OTHER.slice(1)), { recursive: true });

const root = useBrowser({ dir: DIST, more: [{ prefix: '/portal/', dir: fileURLToPath(new URL('../host', import.meta.url)) }] });
const sub = useBrowser({ dir: DIST_SUB, prefix: SUB + '/' });
const copy = useBrowser({ dir: COPY });
// With ETags, as a CDN sends them: the worker does not write again a page it kept as is.
const edited = useBrowser({ dir: EDITED, etag: true });
const shelled = useBrowser({ dir: SHELLED });
const server = useNewsServer();

/** Offline, failed loads are expected: only errors other than network ones count. */
function realErrors(page) {
  return page.errors.filter((e) => !/Failed to load resource|net::ERR_|FetchEvent|Failed to fetch/.test(e));
}

/** Polls `fn` (async, in the page) until it is true: `waitForFunction` takes a promise for true. */
async function until(page, fn, arg) {
  for (let i = 0; i < 150; i++) {
    if (await page.evaluate(fn, arg)) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`never true: ${fn}`);
}

/** Opens `url` and waits until the worker controls the page and has kept the article. */
async function visit(ctx, url, slug = SEED) {
  const page = await newPage(ctx, { serviceWorkers: 'allow' });
  await page.goto(url);
  await page.locator('h1').waitFor();
  await until(page, async (slug) => {
    if (!navigator.serviceWorker.controller) return false;
    const keys = await caches.keys();
    if (!keys.includes('news-articles')) return false;
    const c = await caches.open('news-articles');
    const kept = await c.keys();
    return kept.some((r) => r.url.endsWith(`/articles/${slug}.json`)) && kept.some((r) => r.url.endsWith(`/articles/${slug}/comments.json`));
  }, slug);
  return page;
}

/** The page's hashed files (by path) with where the worker's router sent them and where they came from. */
function routedFiles(page) {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => [new URL(e.name).pathname, e.workerMatchedSourceType, e.workerFinalSourceType])
      .filter(([f]) => /-[0-9a-f]{15,16}(_bg)?\.(js|wasm|css)$/.test(f)),
  );
}

/** Reloads `page` without its memory cache, from which a reload would take the stylesheet. */
async function reloadUncached(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.reload();
  await page.locator('h1').waitFor();
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.detach();
}

test('an opened article reads offline with «Bạn đang đọc bản đã lưu»; one never opened shows the offline message', async () => {
  const page = await visit(root, root.base + SEED_PATH);
  assert.equal(await page.locator('.na-saved').count(), 0, 'online: no notice');
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, root.base + '/');
  // A page's request is not held up by a stopped worker's start: navigation preload.
  const preload = await page.evaluate(async () => (await navigator.serviceWorker.ready).navigationPreload.getState());
  assert.equal(preload.enabled, true);
  // The build's files come from its cache without the worker's script (the static router);
  // one missing from the cache comes from the network.
  await page.reload();
  await page.locator('.na-comments form').waitFor();
  const files = await routedFiles(page);
  assert.ok(files.some(([f]) => f.endsWith('.css')) && files.some(([f]) => f.endsWith('_bg.wasm')), JSON.stringify(files));
  assert.deepEqual(files.filter(([, matched, final]) => matched !== 'cache' || final !== 'cache'), [], 'every hashed file from the cache');
  const css = files.find(([f]) => f.endsWith('.css'))[0];
  // Takes the stylesheet out of the build's cache, or puts it back.
  const keepCss = (keep) => page.evaluate(async ([css, keep]) => {
    const c = await caches.open((await caches.keys()).find((k) => k.startsWith('news-files-')));
    return keep ? c.add(css) : c.delete(css);
  }, [css, keep]);
  assert.equal(await keepCss(false), true);
  await reloadUncached(page);
  assert.deepEqual((await routedFiles(page)).find(([f]) => f === css), [css, 'cache', 'network'], 'missing: from the network');
  const ink = await page.evaluate(() => getComputedStyle(document.querySelector('.news-app')).getPropertyValue('--na-ink'));
  assert.equal(ink, '#1a1a1a', 'the stylesheet applies');
  await keepCss(true);

  await page.context().setOffline(true);
  await page.reload();
  await page.locator('article .na-saved').filter({ hasText: SAVED }).waitFor();
  assert.match(await page.locator('h1').textContent(), /^Khối thi đua/);
  assert.equal(await page.locator('.na-saved').getAttribute('role'), 'status');
  // The comments as last seen, and the form.
  await page.locator('.na-comments form').waitFor();
  // Another article, never opened: the shell from the worker, and the app's offline message.
  await page.goto(root.base + OTHER);
  await page.getByText(OFFLINE).waitFor();
  assert.equal(await page.locator('.na-saved').count(), 0);
  await page.getByRole('button', { name: 'Thử lại' }).waitFor();
  // Back online, the same article is the network's again (no notice).
  await page.context().setOffline(false);
  await page.goto(root.base + SEED_PATH);
  await page.locator('h1').waitFor();
  assert.equal(await page.locator('.na-saved').count(), 0);
  assert.deepEqual(realErrors(page), []);
  await page.close();
});

test('a comment typed offline stays a draft across a reload', async () => {
  const page = await visit(root, root.base + SEED_PATH);
  await page.context().setOffline(true);
  await page.reload();
  await page.locator('.na-saved').waitFor();
  await page.getByLabel('Bình luận của bạn').fill('Viết khi không có mạng');
  await page.getByLabel('Tên của bạn').fill('Hòa');
  await page.getByRole('button', { name: 'Gửi bình luận' }).click();
  await page.locator('.na-comment-form [role="status"]').filter({ hasText: 'Chưa gửi được bình luận' }).waitFor();
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#na-comment-body')?.value !== '');
  assert.equal(await page.getByLabel('Bình luận của bạn').inputValue(), 'Viết khi không có mạng');
  assert.equal(await page.getByLabel('Tên của bạn').inputValue(), 'Hòa');
  await page.close();
});

/** Makes COPY a second build: every hashed name (and the worker's build id) changed. */
function rebuild() {
  const old = readdirSync(COPY).filter((f) => /-[0-9a-f]{15,16}(_bg)?\.(js|wasm|css)$/.test(f));
  const hashes = [...new Set(old.map((f) => f.match(/-([0-9a-f]{15,16})(?:_bg)?\.\w+$/)[1]))];
  const sw = readFileSync(join(COPY, 'sw.js'), 'utf8');
  const id = sw.match(/"?id"?:"([0-9a-f]+)"/)[1];
  const swap = [...hashes, id].map((h) => [h, [...h].map((c) => ((parseInt(c, 16) + 1) % 16).toString(16)).join('')]);
  const patch = (text) => swap.reduce((t, [a, b]) => t.split(a).join(b), text);
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.(br|gz)$/.test(e.name)) rmSync(path);
      else if (/\.(html|js|css)$/.test(e.name)) writeFileSync(path, patch(readFileSync(path, 'utf8')));
    }
  };
  walk(COPY);
  for (const f of old) renameSync(join(COPY, f), join(COPY, patch(f)));
  return { old, fresh: old.map(patch), id: swap.at(-1)[1] };
}

test('a new build replaces the old one on reload, without a stale mix', async () => {
  const page = await visit(copy, copy.base + SEED_PATH);
  const { old, fresh, id } = rebuild();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname.slice(1)));
  await page.reload();
  await page.locator('h1').waitFor();
  const js = fresh.find((f) => /^news-app-[0-9a-f]+\.js$/.test(f));
  assert.ok(requested.includes(js), `the new JS is loaded: ${requested.join(' ')}`);
  assert.deepEqual(requested.filter((f) => old.includes(f)), [], 'no file of the old build');
  // The new worker takes over and keeps only its own build's files.
  await until(page, async (id) => {
    const keys = (await caches.keys()).filter((k) => k.startsWith('news-files-'));
    return keys.length === 1 && keys[0] === 'news-files-' + id;
  }, id);
  // Reloaded again, under the new worker: still only the new build's files, all of them kept.
  requested.length = 0;
  await page.reload();
  await page.locator('.na-comments form').waitFor();
  assert.ok(requested.includes(js));
  assert.deepEqual(requested.filter((f) => old.includes(f)), []);
  const cached = await page.evaluate(async (id) => (await (await caches.open('news-files-' + id)).keys()).map((r) => new URL(r.url).pathname.slice(1)), id);
  assert.deepEqual(cached.filter((f) => f !== 'index.html').sort(), [...fresh].sort(), JSON.stringify(cached));
  // And offline it is the new build that runs.
  await page.context().setOffline(true);
  requested.length = 0;
  await page.reload();
  await page.locator('.na-saved').waitFor();
  assert.deepEqual(requested.filter((f) => old.includes(f)), []);
  await page.close();
  rmSync(COPY, { recursive: true, force: true });
});

test('an article edited since the last visit: the page just sent keeps its text, not the worker\'s copy', async () => {
  const page = await visit(edited, edited.base + SEED_PATH);
  const before = await page.locator('h1').textContent();
  // The kept page, marked here (the same bytes and headers, and one more): a reload of the
  // same page leaves the mark (it is not written again), an edited page replaces it.
  const keptPage = () => page.evaluate(async () => {
    const c = await caches.open('news-articles');
    const hit = await c.match(location.href.split('?')[0]);
    return hit && { marked: hit.headers.has('x-test-mark'), etag: hit.headers.get('x-news-etag'), html: await hit.text() };
  });
  await until(page, async () => Boolean(await (await caches.open('news-articles')).match(location.href.split('?')[0])));
  await page.evaluate(async () => {
    const c = await caches.open('news-articles');
    const url = location.href.split('?')[0];
    const hit = await c.match(url);
    const headers = new Headers(hit.headers);
    headers.set('x-test-mark', '1');
    await c.put(url, new Response(await hit.text(), { headers }));
  });
  const sent = await (await fetch(edited.base + SEED_PATH)).headers.get('etag');
  // When the article was last kept (the worker's index of kept articles).
  const keptAt = () => page.evaluate(async (slug) => {
    const c = await caches.open('news-articles');
    const index = await (await c.match(new URL('__news-articles', (await navigator.serviceWorker.ready).scope).href)).json();
    return index[slug].t;
  }, SEED);
  const t = await keptAt();
  edited.server.seen.length = 0;
  await page.reload();
  await page.locator('[data-news-ready]').waitFor({ state: 'attached' });
  // The article's JSON kept again after the page's answer: whatever the worker did with the page is done.
  for (let i = 0; i < 100 && (await keptAt()) <= t; i++) await page.waitForTimeout(100);
  assert.ok((await keptAt()) > t, 'the article kept again');
  await page.waitForTimeout(300);
  const same = await keptPage();
  assert.deepEqual([same.marked, same.etag], [true, sent], 'the same page: not written again');
  // Under the worker from the start, the page does not ask it to fetch anything again.
  const twice = (p) => edited.server.seen.filter((s) => s === p).length;
  assert.deepEqual([twice(SEED_PATH), twice(`/api/articles/${SEED}.json`)], [1, 1], edited.server.seen.join(' '));
  // The newsroom edits the title: the JSON and the prerendered page alike.
  const edit = (file) => {
    const path = join(EDITED, file);
    writeFileSync(path, readFileSync(path, 'utf8').split(before).join(`Đã sửa: ${before}`));
    rmSync(`${path}.br`, { force: true });
    rmSync(`${path}.gz`, { force: true });
  };
  edit(`api/articles/${SEED}.json`);
  edit(`${SEED_PATH.slice(1)}/index.html`);
  // The page comes from the network, the JSON from the worker's copy at once (the edit is
  // kept for the next visit): the app adopts the page without putting the old title back.
  await page.reload();
  await page.locator('[data-news-ready]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('h1').textContent(), `Đã sửa: ${before}`);
  // The edited page replaces the kept one: offline, it is what shows.
  await until(page, async () => {
    const hit = await (await caches.open('news-articles')).match(location.href.split('?')[0]);
    return hit && !hit.headers.has('x-test-mark');
  });
  const fresh = await keptPage();
  assert.ok(fresh.html.includes(`Đã sửa: ${before}`) && fresh.etag !== sent, fresh.etag);
  await page.context().setOffline(true);
  await page.reload();
  await page.locator('.na-saved').waitFor();
  assert.equal(await page.locator('h1').textContent(), `Đã sửa: ${before}`);
  await page.close();
});

test('an article the build did not prerender: the next visit paints it from the page the app wrote, before the wasm, and the app adopts it', async () => {
  const url = shelled.base + OTHER;
  const slug = OTHER.split('/').pop();
  const page = await visit(shelled, url, slug);
  const title = await page.locator('h1').textContent();
  const written = async (url) => {
    const hit = await (await caches.open('news-articles')).match(url);
    return hit && hit.headers.get('X-News-Kept') ? hit.text() : null;
  };
  await until(page, written, url);
  const html = await page.evaluate(written, url);
  assert.ok(html.includes(`data-news-static="${slug}"`) && html.includes('data-news-kept'), 'the static layout, marked as the app\'s');
  assert.ok(html.includes(`<title>${title}</title>`), 'the head the app gave the article');
  assert.ok(!html.includes('<form') && !html.includes('na-boot') && !/<html[^>]*data-na-/.test(html), 'no form, no loading line, no reader\'s choice');
  assert.ok(html.includes('<header class="na-masthead"></header>'), 'the masthead\'s room, which the app fills');

  // Before any code of the app has run, the page holds the article.
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      window.__early = document.querySelector('[data-news-kept] h1')?.textContent ?? null;
    }),
  );
  const answer = await page.goto(url);
  assert.equal(answer.headers()['x-news-kept'], '1');
  assert.equal(await page.evaluate(() => window.__early), title);
  // Adopted: the app's comments with the form, «Đọc nhiều», the tab's title.
  assert.equal(await page.locator('[data-news-kept][data-news-ready]').count(), 1);
  await page.locator('.na-comments form').waitFor();
  assert.ok((await page.locator('aside .na-rank li').count()) > 0);
  assert.equal(await page.title(), title);
  assert.deepEqual(realErrors(page), []);

  // The build now has the article's page: the network's wins over the app's.
  cpSync(join(DIST, OTHER.slice(1)), join(SHELLED, OTHER.slice(1)), { recursive: true });
  const sent = await page.goto(url);
  assert.equal(sent.headers()['x-news-kept'], undefined);
  assert.equal(await page.locator('[data-news-static]:not([data-news-kept])').count(), 1);
  assert.equal(await page.locator('h1').textContent(), title);
  await page.close();
  rmSync(SHELLED, { recursive: true, force: true });
});

test('an embedded app registers no service worker', async () => {
  const page = await newPage(root, { serviceWorkers: 'allow' });
  await page.goto(`${root.origin}/portal/portal.html`);
  await page.locator('.news-app h1').waitFor();
  await page.waitForLoadState('load');
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  await page.close();
});

test('under a sub-path: the worker at the base path, an opened article offline', async () => {
  const url = `${sub.origin}${SUB}/chinh-tri/${SEED}`;
  const page = await visit(sub, url);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope), `${sub.origin}${SUB}/`);
  // The router's paths are the base path's.
  await reloadUncached(page);
  const files = await routedFiles(page);
  assert.ok(files.length > 3 && files.every(([f, matched, final]) => f.startsWith(SUB + '/') && matched === 'cache' && final === 'cache'), JSON.stringify(files));
  await page.context().setOffline(true);
  await page.reload();
  await page.locator('.na-saved').filter({ hasText: SAVED }).waitFor();
  assert.match(await page.locator('h1').textContent(), /^Khối thi đua/);
  await page.goto(`${sub.origin}${SUB}${OTHER}`);
  await page.getByText(OFFLINE).waitFor();
  await page.close();
});

test('the reference server serves the worker no-cache, and its pages\' CSP lets it run', async () => {
  const res = await fetch(server.base + '/sw.js');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  assert.match(res.headers.get('content-type'), /javascript/);
  const page = await newPage(server, { serviceWorkers: 'allow' });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const answer = await page.goto(server.base + SEED_PATH);
  assert.match(answer.headers()['content-security-policy'], /script-src 'self'/);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await page.close();
});
