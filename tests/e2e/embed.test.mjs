// The app embedded in a mock portal page (tests/host/) under the CSP docs/deploy.md documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ADOPTED, DIST, newPage, SEED, useBrowser } from './harness.mjs';

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; base-uri 'self'; object-src 'none'";
const HOST = fileURLToPath(new URL('../host', import.meta.url));
const ctx = useBrowser({
  dir: DIST,
  more: [{ prefix: '/portal/', dir: HOST }],
  headers: { 'content-security-policy': CSP },
});

async function hostPage() {
  const page = await newPage(ctx);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(`${ctx.origin}/portal/portal.html`);
  await page.locator('.news-app h1').waitFor();
  await page.locator('.news-app aside .na-rank li').first().waitFor();
  return page;
}

const style = (page, selector, prop) =>
  page.$eval(selector, (el, p) => getComputedStyle(el)[p], prop);

test('the article renders inside the portal page and the page stays the portal’s', async () => {
  const page = await hostPage();
  assert.match(await page.locator('.news-app h1').textContent(), /^Khối thi đua/);
  assert.ok(await page.locator('.news-app .na-body p').count() >= 3);
  // The host's own heading, links, body margin, URL and title are untouched.
  assert.equal(await page.url(), `${ctx.origin}/portal/portal.html`);
  assert.equal(await page.title(), 'Báo Quảng Nam — Thời sự');
  assert.equal(await style(page, 'header.site h1', 'color'), 'rgb(128, 0, 0)');
  assert.equal(await style(page, 'header.site h1', 'fontSize'), '40px');
  assert.equal(await style(page, '#host-link', 'color'), 'rgb(0, 128, 0)');
  assert.equal(await style(page, 'body', 'marginTop'), '24px');
  assert.equal(await style(page, 'p.intro', 'textIndent'), '48px');
  // The host's element rules do not reach the app's own look.
  assert.equal(await style(page, '.news-app h1', 'color'), 'rgb(26, 26, 26)');
  assert.equal(await style(page, '.news-app h1', 'textTransform'), 'none');
  assert.equal(await style(page, '.news-app .na-body p', 'textIndent'), '0px');
  assert.equal(await style(page, '.news-app figure img', 'borderTopWidth'), '0px');
  assert.equal(await style(page, '.news-app .na-breadcrumb a', 'color'), 'rgb(85, 85, 85)');
  assert.equal(await style(page, '.news-app .na-rank', 'listStyleType'), 'none');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a host link still navigates normally', async () => {
  const page = await hostPage();
  await page.click('#host-link');
  await page.waitForURL(`${ctx.origin}/portal/other.html`);
  assert.equal(await page.title(), 'Báo Quảng Nam — Trang khác');
  await page.close();
});

test('embedded, the app leaves the URL alone: its links are plain links', async () => {
  const page = await hostPage();
  const link = page.locator('.news-app aside .na-rank li a').first();
  const href = await link.getAttribute('href');
  await link.click();
  // A full navigation to the app's own page for that article, not an in-place swap.
  await page.waitForURL(ctx.origin + href);
  // That page is prerendered: the app adopts it once running.
  await page.waitForFunction(ADOPTED);
  await page.locator('.news-app h1').waitFor();
  assert.notEqual(await page.title(), 'Báo Quảng Nam — Thời sự');
  await page.close();
});

test('the standalone page runs under the same CSP without a violation', async () => {
  const page = await newPage(ctx);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(`${ctx.origin}/chinh-tri/${SEED}`);
  await page.locator('.news-app h1').waitFor();
  await page.locator('.news-app figure img').scrollIntoViewIfNeeded();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});
