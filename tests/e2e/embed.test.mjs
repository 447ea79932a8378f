// The app embedded in a mock portal page (tests/host/) under the CSP docs/deploy.md documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ADOPTED, DIST, newPage, SEED, useBrowser } from './harness.mjs';
import { assertAppLook, assertPortalUntouched, CSP, PORTAL_TITLE } from './portal.mjs';
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

test('the article renders inside the portal page and the page stays the portal’s', async () => {
  const page = await hostPage();
  assert.match(await page.locator('.news-app h1').textContent(), /^Khối thi đua/);
  assert.ok(await page.locator('.news-app .na-body p').count() >= 3);
  // The host's own heading, links, body margin, URL and title are untouched, and the
  // host's element rules do not reach the app's own look.
  await assertPortalUntouched(page, `${ctx.origin}/portal/portal.html`);
  await assertAppLook(page);
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
  assert.notEqual(await page.title(), PORTAL_TITLE);
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
