// The gallery block (contract v3) on the release build: the demo's photo story, its grid
// prerendered and adopted, a thumbnail opening the dialog, paging by keys, buttons and a
// swipe, closing by Escape, «Đóng» and Back with focus returned, Tab kept inside, axe with
// the dialog closed and open, the links without script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ADOPTED, assertAxe, assertNoIdTwice, asShell, DIST, newPage, SEED, SEED_PATH, useBrowser, watchIds } from './harness.mjs';

const HOST = fileURLToPath(new URL('../host', import.meta.url));
const ctx = useBrowser({ dir: DIST, more: [{ prefix: '/portal/', dir: HOST }] });
const SLUG = 'soi-noi-le-hoi-dua-ghe-tren-song-thu-bon';
const PATH = `/van-hoa/${SLUG}`;
const STORY = JSON.parse(readFileSync(new URL(`../../public/api/articles/${SLUG}.json`, import.meta.url), 'utf8'));
const GALLERY = STORY.body.find((b) => b.type === 'gallery');
const IMAGES = GALLERY.images;
const N = IMAGES.length;
/** The island has wired the thumbnails (src/gallery/island.rs). */
const SERVED = '[data-news-app][data-na-photos]';

/** The photo story, adopted, its gallery served; touch on, so that a swipe can be made. */
async function open(path = PATH, setup) {
  const page = await newPage(ctx, { hasTouch: true });
  if (setup) await setup(page);
  await page.goto(ctx.base + path);
  await page.locator(SERVED).waitFor({ state: 'attached' });
  return page;
}

const dialog = (page) => page.getByRole('dialog', { name: 'Xem ảnh' });
const thumbnail = (page, i) => page.getByRole('link', { name: IMAGES[i].alt, exact: true });

/** The dialog shows the `i`-th image: its place, its caption, its picture. */
async function assertShows(page, i) {
  const d = dialog(page);
  await d.getByText(`${i + 1}/${N}`, { exact: true }).waitFor();
  assert.match(await d.locator('figcaption').textContent(), new RegExp(`^${IMAGES[i].caption}`));
  const img = d.getByRole('img', { name: IMAGES[i].alt, exact: true });
  assert.ok((await img.getAttribute('src')).endsWith(IMAGES[i].src));
  assert.match(await img.getAttribute('srcset'), /-400\.svg 400w, .+ 800w$/);
}

/** The grid is laid out by the media blocks' stylesheet (not the first view's): it came. */
const laidOut = (page) =>
  page.waitForFunction(() => {
    const grid = document.querySelector('.na-gallery-grid');
    return grid && getComputedStyle(grid).display === 'grid';
  });

const focused = (locator) => locator.evaluate((el) => el === document.activeElement);
const inDialog = (page) =>
  page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));


/** A finger dragged sideways by `dx` CSS pixels across the dialog's image (CDP touch). */
async function swipe(page, dx) {
  const box = await dialog(page).locator('figure img').boundingBox();
  const y = box.y + box.height / 2;
  const x0 = box.x + box.width / 2;
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, x) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  await touch('touchStart', x0);
  for (let step = 1; step <= 5; step++) await touch('touchMove', x0 + (dx * step) / 5);
  await touch('touchEnd', x0 + dx);
  await cdp.detach();
}

test('the prerendered photo story holds its grid: links to the full images, sizes, the caption and the count', async () => {
  const html = readFileSync(`${DIST}${PATH}/index.html`, 'utf8');
  assert.equal(html.match(/data-na-photo/g)?.length, N);
  assert.match(html, new RegExp(`${GALLERY.caption} <span class="?na-gallery-count"?>${N} ảnh</span>`));
  // Without script a thumbnail is a link to its picture, which the host serves.
  const context = await ctx.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ctx.base + PATH);
  const link = thumbnail(page, 2);
  const href = await link.getAttribute('href');
  assert.ok(href.endsWith(IMAGES[2].src), href);
  const img = link.getByRole('img');
  assert.equal(await img.getAttribute('loading'), 'lazy');
  assert.equal(await img.getAttribute('width'), String(IMAGES[2].width));
  assert.match(await img.getAttribute('srcset'), /400w/);
  assert.ok(await img.getAttribute('sizes'));
  await Promise.all([page.waitForURL(`**${IMAGES[2].src}`), link.click()]);
  const res = await page.request.get(page.url());
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /svg/);
  await context.close();
});

test('only a page with media links the media stylesheet, which lays out the grid', async () => {
  const css = /news-app-media-[0-9a-f]+\.css/;
  assert.match(readFileSync(`${DIST}${PATH}/index.html`, 'utf8'), css);
  assert.doesNotMatch(readFileSync(`${DIST}${SEED_PATH}/index.html`, 'utf8'), css);
  const page = await newPage(ctx);
  const asked = [];
  page.on('request', (r) => asked.push(r.url()));
  // The front page, which has no media block, neither links nor fetches it...
  await page.goto(`${ctx.base}/`);
  // Named with its format's word too («Ảnh …»).
  const story = page.getByRole('link', { name: new RegExp(STORY.title) }).first();
  await story.waitFor();
  assert.deepEqual(asked.filter((u) => css.test(u)), []);
  // ...and the app links it once the reader opens the photo story.
  await story.click();
  await laidOut(page);
  assert.equal(asked.filter((u) => css.test(u)).length, 1);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the page is adopted with no id twice, and its gallery then opens in the dialog', async () => {
  const page = await newPage(ctx);
  await watchIds(page);
  await page.goto(ctx.base + PATH);
  assert.equal(await page.locator('[data-news-static][data-news-ready]').count(), 1, 'the served page adopted');
  await page.locator(SERVED).waitFor({ state: 'attached' });
  await thumbnail(page, 0).click();
  await assertShows(page, 0);
  await assertNoIdTwice(page);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a thumbnail opens the dialog: «1/N» and the caption; arrows, buttons and a swipe page; Escape closes; focus back', async () => {
  const page = await open();
  const first = thumbnail(page, 0);
  await first.click();
  await assertShows(page, 0);
  assert.ok(await inDialog(page), 'focus moved into the dialog');
  assert.equal(page.url(), ctx.base + PATH, 'the address stays');

  await page.keyboard.press('ArrowRight');
  await assertShows(page, 1);
  await page.keyboard.press('ArrowLeft');
  await assertShows(page, 0);
  // Round from the first to the last.
  await page.keyboard.press('ArrowLeft');
  await assertShows(page, N - 1);

  await dialog(page).getByRole('button', { name: 'Ảnh sau' }).click();
  await assertShows(page, 0);
  await dialog(page).getByRole('button', { name: 'Ảnh sau' }).click();
  await assertShows(page, 1);
  await dialog(page).getByRole('button', { name: 'Ảnh trước' }).click();
  await assertShows(page, 0);

  // A finger moving left brings the next image, moving right the previous; a short move
  // (a tap) pages nothing.
  await swipe(page, -150);
  await assertShows(page, 1);
  await swipe(page, 150);
  await assertShows(page, 0);
  await swipe(page, -20);
  await assertShows(page, 0);

  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'hidden' });
  assert.ok(await focused(first), 'focus is back on the thumbnail that opened it');
  // The dialog's history entry is left: Back now leaves the article, as before it opened.
  await page.waitForFunction(() => history.state !== 'na-dialog');
  assert.equal(page.url(), ctx.base + PATH);

  // Opened by the keyboard (Enter on a focused thumbnail), closed by «Đóng».
  const third = thumbnail(page, 2);
  await third.focus();
  await page.keyboard.press('Enter');
  await assertShows(page, 2);
  await dialog(page).getByRole('button', { name: 'Đóng' }).click();
  await dialog(page).waitFor({ state: 'hidden' });
  assert.ok(await focused(third));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('Back on an open dialog closes it and the article stays; Tab stays inside the dialog', async () => {
  const page = await open();
  const link = thumbnail(page, 3);
  await link.click();
  await assertShows(page, 3);
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await inDialog(page), `Tab ${i + 1} stays in the dialog`);
  }
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Shift+Tab');
    assert.ok(await inDialog(page), `Shift+Tab ${i + 1} stays in the dialog`);
  }
  await page.goBack();
  await dialog(page).waitFor({ state: 'hidden' });
  assert.equal(page.url(), ctx.base + PATH, 'the same address');
  await page.getByRole('heading', { level: 1, name: STORY.title }).waitFor();
  assert.ok(await focused(link), 'focus back on its thumbnail');
  // The page was not drawn again: still the served page the app adopted.
  assert.equal(await page.locator('[data-news-static][data-news-ready]').count(), 1);
  // And the dialog opens again.
  await link.click();
  await assertShows(page, 3);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('axe: the photo story with its dialog closed and open', async () => {
  const page = await open();
  await page.waitForFunction(() => !document.querySelector('.news-app .na-status'));
  await assertAxe(page, 'dialog closed');
  await thumbnail(page, 4).click();
  await assertShows(page, 4);
  await assertAxe(page, 'dialog open');
  await page.close();
});

test('an article the build did not prerender: the app puts in the gallery the first stage left, and it opens', async () => {
  const page = await open(PATH, (p) => asShell(p, ctx.base, PATH));
  await page.waitForFunction(ADOPTED);
  // The first stage's place for it is gone: the app's view drew the gallery there, and
  // linked the stylesheet that lays it out.
  assert.equal(await page.locator('.na-pending').count(), 0);
  await laidOut(page);
  assert.equal(await page.locator('[data-na-photo]').count(), N);
  await thumbnail(page, N - 1).click();
  await assertShows(page, N - 1);
  await page.keyboard.press('ArrowRight');
  await assertShows(page, 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('embedded in a portal, the dialog leaves the portal’s history alone: Escape closes it, focus back', async () => {
  const page = await newPage(ctx, { hasTouch: true });
  const portal = `${ctx.origin}/portal/portal.html`;
  // The mock portal, embedding the photo story instead of the seed.
  const html = readFileSync(`${HOST}/portal.html`, 'utf8').replace(`data-article="${SEED}"`, `data-article="${SLUG}"`);
  await page.route(portal, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.goto(portal);
  await page.locator(SERVED).waitFor({ state: 'attached' });
  await laidOut(page);
  const entries = await page.evaluate(() => history.length);
  const link = thumbnail(page, 1);
  await link.click();
  await assertShows(page, 1);
  await page.keyboard.press('ArrowRight');
  await assertShows(page, 2);
  assert.equal(await page.evaluate(() => history.length), entries, 'no entry in the portal’s history');
  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'hidden' });
  assert.ok(await focused(link));
  assert.equal(page.url(), portal);
  assert.equal(await page.evaluate(() => history.length), entries);
  assert.deepEqual(page.errors, []);
  await page.close();
});
