// A click on a «Đọc nhiều» link as early as the link exists (issue 27): the prerendered page
// shows the list before the app has started, so a reader can click it before the app's
// handler is there. The click is then either the app's (the article opens in place) or the
// browser's (a normal navigation to the article's own page), never lost and never both.
//
// Told apart from outside: a browser navigation is a document request for the target and a
// new window (a marker set before the click is gone); in place, neither. Both at once would
// leave two history entries (the app's pushState, then the browser's), and lost leaves the
// seed on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADOPTED, newPage, SEED_PATH, useBrowser } from './harness.mjs';

const ctx = useBrowser();

/**
 * Opens the seed's prerendered page on a phone-slow CPU (so the app's start is long enough
 * to click into), runs `click(page, link)` on the first «Đọc nhiều» link once it exists, and
 * returns how the article was opened.
 */
async function earlyClick(click, { holdWasm = false } = {}) {
  const page = await newPage(ctx);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let release = () => {};
  if (holdWasm) {
    const held = new Promise((ok) => { release = ok; });
    await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  }
  await page.goto(ctx.base + SEED_PATH, { takeover: false, waitUntil: 'commit' });
  // The first ranked article other than the one on screen (the seed ranks first).
  const links = page.getByRole('region', { name: 'Đọc nhiều' }).getByRole('link');
  await links.first().waitFor();
  const other = await links.evaluateAll((all) => all.findIndex((a) => a.href !== location.href));
  assert.ok(other >= 0, 'another article is ranked');
  const link = links.nth(other);
  const href = await link.evaluate((a) => a.href);
  // Its name as a person hears it: the rank's number is aria-hidden.
  const title = (await link.locator('[aria-hidden="true"]').evaluate((n) => n.parentElement.textContent.replace(n.textContent, ''))).trim();
  const documents = [];
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) documents.push(r.url());
  });
  await page.evaluate(() => { window.beforeClick = true; });
  const historyBefore = await page.evaluate(() => history.length);
  await click(page, link);
  release();
  // Opened: the target's address and its heading, whichever way.
  await page.waitForURL(href);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.waitForFunction(ADOPTED);
  const inPlace = await page.evaluate(() => window.beforeClick === true);
  const state = {
    inPlace,
    documents: documents.filter((u) => u === href).length,
    history: (await page.evaluate(() => history.length)) - historyBefore,
    url: page.url(),
    errors: page.errors,
  };
  await page.close();
  return { ...state, href };
}

/** One way or the other, once: the assertions every timing shares. */
function openedOnce(r, what) {
  assert.equal(r.url, r.href, `${what}: the article's address`);
  assert.equal(r.history, 1, `${what}: one history entry (${JSON.stringify(r)})`);
  assert.equal(r.documents, r.inPlace ? 0 : 1, `${what}: in place without a page load, or one page load (${JSON.stringify(r)})`);
  assert.deepEqual(r.errors, [], what);
}

test('a click before the app has started is the browser\'s: one page load of the article', async () => {
  const r = await earlyClick((page, link) => link.click(), { holdWasm: true });
  openedOnce(r, 'before the wasm');
  assert.equal(r.inPlace, false, 'the browser followed the link');
});

test('a click at every moment of the app\'s start opens the article once, in place or by the browser', async (t) => {
  const ways = [];
  for (const wait of [0, 150, 400, 900, 2500]) {
    const r = await earlyClick(async (page, link) => {
      await page.waitForTimeout(wait);
      await link.click();
    });
    openedOnce(r, `${wait} ms after the link appeared`);
    ways.push(r.inPlace ? 'in place' : 'browser');
  }
  t.diagnostic(`0, 150, 400, 900, 2500 ms: ${ways.join(', ')}`);
  // Late enough, the app has the click: the last timing is past its start on this CPU.
  assert.equal(ways.at(-1), 'in place', ways.join(', '));
});

test('a press that starts before the app and ends after it has adopted the page is still a click', async () => {
  const r = await earlyClick(async (page, link) => {
    const box = await link.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForFunction(ADOPTED);
    await page.mouse.up();
  });
  openedOnce(r, 'pressed across the adoption');
  assert.equal(r.inPlace, true, 'the app, adopted, had the click');
});
