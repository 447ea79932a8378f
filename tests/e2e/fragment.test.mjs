// An article included in a portal's page by the portal's server (docs/deploy.md, "An
// included fragment"): the mock portal (tests/host/portal.html) on http://localhost:P, whose
// server, as nginx's SSI would, replaces `<!--#include virtual="/tin-tuc/api/articles/….html" -->`
// with what the app's reference server on http://127.0.0.1:S (another origin, its
// `--site-url`) answers for `api/articles/{slug}.html`. The article is on screen, styled,
// before the app's code runs; the app then adopts that same HTML in place.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ADOPTED, newPage, SEED } from './harness.mjs';
import { useNewsServer } from './news-server.mjs';
import { assertAppLook, assertPortalUntouched, cdnCsp } from './portal.mjs';

const HOST = fileURLToPath(new URL('../host/', import.meta.url));
/** Where the portal's server proxies the app (nginx: `location /tin-tuc/ { proxy_pass … }`). */
const PROXIED = '/tin-tuc/';

const ctx = useNewsServer(
  (c) => ['--site-url', `http://${c.addr}/`, '--allow-origin', c.portalOrigin, '--auto-publish'],
  async (c) => {
    c.addr = `127.0.0.1:${await freePort()}`;
    c.portal = await portalServer(`http://${c.addr}`);
    // 'localhost' and '127.0.0.1' are two origins to a browser.
    c.portalOrigin = `http://localhost:${c.portal.address().port}`;
  },
);
after(() => new Promise((ok) => (ctx.portal ? ctx.portal.close(ok) : ok())));

function freePort() {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * The portal's page with docs/deploy.md's markup for an included article in place of its
 * embedding snippet (between its `news-app` comments), `cdn` the app's origin.
 */
function template(cdn) {
  const page = readFileSync(`${HOST}portal.html`, 'utf8');
  const markup =
    `<div data-news-app data-article="${SEED}" data-base-path="/">` +
    `<!--#include virtual="${PROXIED}api/articles/${SEED}.html" --></div>\n` +
    `  <script async src="${cdn}/boot.js"></script>`;
  return page.replace(/(<!-- news-app -->)[\s\S]*(<!-- \/news-app -->)/, `$1\n  ${markup}\n  $2`);
}

/** What an SSI module does with the template: each include is what `cdn` answers for it. */
async function include(html, cdn) {
  const parts = html.split(/<!--#include virtual="([^"]+)" -->/);
  for (let i = 1; i < parts.length; i += 2) {
    const res = await fetch(cdn + '/' + parts[i].slice(PROXIED.length));
    assert.equal(res.status, 200, parts[i]);
    parts[i] = await res.text();
  }
  return parts.join('');
}

/** The portal: `/bai-viet.html` made with the include, its own files from tests/host. */
function portalServer(cdn) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    try {
      if (path === '/bai-viet.html') {
        const html = await include(template(cdn), cdn);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': cdnCsp(cdn) });
        return res.end(html);
      }
      const name = { '/portal.css': 'text/css', '/other.html': 'text/html; charset=utf-8' }[path];
      if (!name) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': name }).end(readFileSync(HOST + path.slice(1)));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Ids that appear more than once in the document. */
const duplicateIds = (page) =>
  page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });

test('the included article paints before the app, which adopts it in place', async () => {
  const page = await newPage(ctx);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  // The app's code waits until the page has been looked at without it.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(/\/news-app-[0-9a-f]{15,16}\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  const url = `${ctx.portalOrigin}/bai-viet.html`;
  // Not `load`: the held code's preload would hold it.
  await page.goto(url, { takeover: false, waitUntil: 'domcontentloaded' });

  // Before the app: the article on screen, styled by the app's stylesheet, from the
  // portal's HTML alone.
  const heading = page.getByRole('heading', { level: 1, name: /^Khối thi đua/ });
  await heading.waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => /news-app-/.test(l.href) && l.sheet),
  );
  const box = await heading.boundingBox();
  assert.ok(box.y + box.height <= page.viewportSize().height, 'in the first screen');
  assert.equal(await page.evaluate(() => Boolean(window.__newsWasm)), false, 'the app has not run');
  await assertAppLook(page);
  await heading.evaluate((el) => (el.__seenBeforeTheApp = true));
  assert.deepEqual(await duplicateIds(page), []);

  release();
  await page.waitForFunction(ADOPTED);
  // The same heading node: adopted in place, not drawn again.
  assert.equal(await heading.evaluate((el) => el.__seenBeforeTheApp === true), true, 'the same element');
  await page.locator('[data-news-static][data-news-ready]').waitFor({ state: 'attached', timeout: 5000 });
  assert.deepEqual(await duplicateIds(page), []);
  await assertPortalUntouched(page, url);
  const sheets = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.href).filter((h) => /news-app-/.test(h)),
  );
  assert.equal(sheets.length, 1, `one stylesheet of the app: ${sheets}`);
  assert.ok(sheets[0].startsWith(`${ctx.base}/`), 'at the app’s address');

  const mostRead = page.getByRole('region', { name: 'Đọc nhiều' });
  assert.ok((await mostRead.getByRole('link').count()) >= 3);

  // A reader's comment through the app's form (published at once: --auto-publish).
  const body = `Bình luận từ trang cổng thông tin lúc ${Date.now()}`;
  await page.getByLabel('Bình luận của bạn').fill(body);
  await page.getByLabel('Tên của bạn').fill('Độc giả cổng');
  await page.getByRole('button', { name: 'Gửi bình luận' }).click();
  await page.getByRole('listitem').filter({ hasText: body }).first().waitFor();

  assert.deepEqual(await duplicateIds(page), []);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});
