// The mock portal (tests/host/portal.html) as the embedding tests check it: its CSPs, and
// that the app left the portal's page alone and has its own look inside it.
import assert from 'node:assert/strict';

/** docs/deploy.md's CSP, the app on the page's own origin. */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; base-uri 'self'; object-src 'none'";

/** docs/deploy.md's CSP with the CDN origin `cdn` added where it says. */
export function cdnCsp(cdn) {
  return (
    `default-src 'self'; script-src 'self' ${cdn} 'wasm-unsafe-eval'; style-src 'self' ${cdn}; ` +
    `img-src 'self' data: ${cdn}; connect-src 'self' ${cdn}; base-uri 'self'; object-src 'none'`
  );
}

/** The title of tests/host/portal.html. */
export const PORTAL_TITLE = 'Báo Quảng Nam — Thời sự';

const style = (page, selector, prop) => page.$eval(selector, (el, p) => getComputedStyle(el)[p], prop);

/**
 * The page is still tests/host/portal.html at `url`: its URL, title, the attributes of its
 * <html>, and its own heading, links, body margin and paragraph as its stylesheet has them.
 */
export async function assertPortalUntouched(page, url) {
  assert.equal(page.url(), url);
  assert.equal(await page.title(), PORTAL_TITLE);
  const htmlAttrs = await page.evaluate(() => [...document.documentElement.attributes].map((a) => [a.name, a.value]));
  assert.deepEqual(htmlAttrs, [['lang', 'vi']]);
  assert.equal(await style(page, 'header.site h1', 'color'), 'rgb(128, 0, 0)');
  assert.equal(await style(page, 'header.site h1', 'fontSize'), '40px');
  assert.equal(await style(page, '#host-link', 'color'), 'rgb(0, 128, 0)');
  assert.equal(await style(page, 'body', 'marginTop'), '24px');
  assert.equal(await style(page, 'p.intro', 'textIndent'), '48px');
}

/** The portal's element rules do not reach the app's own look (its stylesheet applies). */
export async function assertAppLook(page) {
  assert.equal(await style(page, '.news-app h1', 'color'), 'rgb(26, 26, 26)');
  assert.equal(await style(page, '.news-app h1', 'textTransform'), 'none');
  assert.equal(await style(page, '.news-app .na-body p', 'textIndent'), '0px');
  assert.equal(await style(page, '.news-app figure img', 'borderTopWidth'), '0px');
  assert.equal(await style(page, '.news-app .na-breadcrumb a', 'color'), 'rgb(85, 85, 85)');
  assert.equal(await style(page, '.news-app .na-rank', 'listStyleType'), 'none');
}
