// Shared by the end-to-end tests: the release build served by the plain static server, and
// Debian's Chromium driven by playwright-core.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../static-server.mjs';
import { CHROME_ARGS, CHROMIUM } from '../chromium.mjs';

export const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
export const SEED = 'khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022';
export const SEED_PATH = `/chinh-tri/${SEED}`;
/** The seed's first comment page in the demo content (what the server imports too). */
export const SEED_COMMENTS = JSON.parse(
  readFileSync(new URL(`../../public/api/articles/${SEED}/comments.json`, import.meta.url), 'utf8'),
);
/** The seed's «Bình luận (N)»: its comments and the replies to them. */
export const SEED_COUNT = SEED_COMMENTS.items.reduce((n, c) => n + (c.replies?.total ?? 0), SEED_COMMENTS.total);

/** Launches Chromium the way this machine allows (root, no GPU, closed network). */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROME_ARGS });
}

/**
 * Serves `dist/` (or what `options` says: see `serve` in static-server.mjs) and opens one
 * browser for the test file; `ctx.base` (also `ctx.origin`) is the server's origin.
 */
export function useBrowser(options = { dir: DIST }) {
  const ctx = {};
  before(async () => {
    ctx.server = await serve(options);
    ctx.base = ctx.origin = `http://127.0.0.1:${ctx.server.address().port}`;
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await new Promise((ok) => ctx.server?.close(ok));
  });
  return ctx;
}

/**
 * True once no static page waits for the app (adopted, replaced, or none at all), and the
 * mount element no longer holds only what came before any script: the shell's loading line,
 * or a portal's empty element (the shell's first stage, src/shell.rs, then draws the
 * article as a static page, which the app adopts).
 */
export const ADOPTED = () =>
  !document.querySelector('[data-news-static]:not([data-news-ready]), [data-news-app] > .na-boot, [data-news-app]:empty');

/**
 * A new page that records uncaught errors (a dead wasm shows up here). `options` are the
 * context's (Playwright's `browser.newPage`). The service worker of offline reading is
 * blocked unless `{ serviceWorkers: 'allow' }` is passed (offline.test.mjs does): the
 * requests a worker makes escape `page.route`, with which these tests make the network
 * fail (Playwright's advice: block workers where routes are used).
 */
export async function newPage(ctx, options = {}) {
  const page = await ctx.browser.newPage({ serviceWorkers: 'block', ...options });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => {
    // A deep link is answered by the host's 404.html fallback: that 404 is the design.
    const fallback = m.text().startsWith('Failed to load resource') && m.location().url === page.url();
    if (m.type() === 'error' && !fallback) page.errors.push(`${m.text()} (${m.location().url})`);
  });
  // A prerendered article page shows its article before the app runs; the app then adopts
  // it (src/takeover.rs: the page stays, the app's comments and form take their place, and
  // the root gets `data-news-ready`). These tests are about the app: `goto` waits for that
  // (a wasm that never starts fails them here), unless `{ takeover: false }` is passed;
  // `reload` likewise.
  for (const name of ['goto', 'reload']) {
    const original = page[name].bind(page);
    page[name] = async (...args) => {
      const options = (name === 'goto' ? args[1] : args[0]) || {};
      const { takeover = true, ...rest } = options;
      const res = await (name === 'goto' ? original(args[0], rest) : original(rest));
      if (takeover) await page.waitForFunction(ADOPTED);
      return res;
    };
  }
  return page;
}

/**
 * Makes the host answer `path` with the app shell (index.html), as it does for an article
 * published after the build (not prerendered): the article then comes from the app alone.
 */
export async function asShell(page, base, path) {
  const shell = await (await fetch(base + '/index.html')).text();
  await page.route(base + path, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: shell }));
}

/**
 * Watches every change to `page`'s document from its first parse on, for an id there twice
 * at any moment (an adopted page and the app's copy of it side by side): before `goto`.
 */
export async function watchIds(page) {
  await page.addInitScript(() => {
    window.__doubled = [];
    new MutationObserver(() => {
      const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
      const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (twice.length) window.__doubled.push(...twice);
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
  });
}

/** No id is in the document twice, nor was at any moment since `watchIds`, if it was called. */
export async function assertNoIdTwice(page, what = 'the page') {
  const { now, ever } = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    return { now: ids.filter((id, i) => ids.indexOf(id) !== i), ever: window.__doubled ?? [] };
  });
  assert.deepEqual(now, [], `${what}: no id twice`);
  assert.deepEqual(ever, [], `${what}: no id twice at any moment`);
}

const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Runs axe on the whole document; a failure lists what to fix, rule by rule and node by node.
 * `overlay`: something floats over the text on purpose (the live coverage's «N cập nhật mới»),
 * so a contrast axe cannot decide under it is left undecided rather than failed.
 */
export async function assertAxe(page, what, { overlay = false } = {}) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const { violations, incomplete } = await page.evaluate(
    (values) => window.axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations', 'incomplete'] }),
    AXE_TAGS,
  );
  // A contrast axe could not decide (text over an image, say) is not a pass either.
  if (!overlay) violations.push(...incomplete.filter((r) => r.id === 'color-contrast'));
  const report = violations.map(
    (v) =>
      `\n${v.id} [${v.impact}] ${v.help} (${v.helpUrl})` +
      v.nodes.map((n) => `\n    ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`).join(''),
  );
  assert.equal(violations.length, 0, `${what}: ${violations.length} axe violation(s):${report.join('')}`);
}
