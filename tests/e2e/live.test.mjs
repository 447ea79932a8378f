// Live coverage (issue 28, contract v3): a live article's entries polled while the page is
// visible, against the reference server on a copy of the demo's content, an editor adding
// and ending with `news-server live add|end` while the page is open. The server answers
// `max-age=30`; the test's route gives the same answers with `max-age=1`, which the app
// takes as its floor of 5 seconds (a fixture's short max-age, not a switch of the app's).
// Then the prerendered page on the plain static host, adopted. Then a coverage of 45 entries,
// longer than a page holds (`page::live::SHOWN`, 20): the older ones appended when asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADOPTED, assertAxe, assertNoIdTwice, DIST, launch, newPage, watchIds } from './harness.mjs';
import { SERVER, useNewsServer } from './news-server.mjs';
import { serve } from '../static-server.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SLUG = 'bao-do-bo-vao-bo-bien-quang-nam-cap-nhat-tung-gio';
const PATH = `/xa-hoi/${SLUG}`;
const ENTRIES = JSON.parse(readFileSync(join(ROOT, `public/api/articles/${SLUG}/live.json`), 'utf8'));

const ctx = useNewsServer([], (ctx) => {
  ctx.content = join(ctx.dir, 'content');
  cpSync(join(ROOT, 'public/api'), ctx.content, { recursive: true });
});

/** `news-server live …` on the test's content folder. */
function live(...args) {
  return execFileSync(SERVER, ['live', ...args, '--content', ctx.content, '--slug', SLUG], { encoding: 'utf8' });
}

/** A page whose polls of the entries are counted and answered with `max-age=1`. */
async function livePage() {
  // axe is injected: the server's CSP would refuse it.
  const page = await newPage(ctx, { bypassCSP: true });
  page.polls = [];
  await page.route('**/live.json', async (route) => {
    const res = await route.fetch();
    page.polls.push({ status: res.status(), inm: route.request().headers()['if-none-match'] ?? null });
    await route.fulfill({ response: res, headers: { ...res.headers(), 'cache-control': 'public, max-age=1' } });
  });
  return page;
}


/** Makes the page hidden or visible as a tab in the background is (`document.hidden`). */
async function setHidden(page, hidden) {
  await page.evaluate((hidden) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

test('a live article: a new entry announced, shown only when asked, nothing moved; paused when hidden; stopped when ended', async () => {
  const page = await livePage();
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.goto(ctx.base + PATH);
  // The badge in the header, and the entries as the server had them, newest first.
  assert.ok(await page.locator('header.na-header').getByText('Trực tiếp', { exact: true }).isVisible());
  const list = page.getByRole('region', { name: 'Diễn biến' }).getByRole('listitem');
  assert.equal(await list.count(), ENTRIES.entries.length);
  assert.ok((await list.first().textContent()).includes(ENTRIES.entries[0].title));
  // The page opened: the entries fetched once, nothing new.
  for (let i = 0; i < 50 && page.polls.length === 0; i++) await sleep(100);
  assert.equal(page.polls[0]?.inm, null, 'the first fetch has no validator');

  // The reader scrolls down to an older entry's paragraph and reads it.
  const reading = page.getByText(ENTRIES.entries[5].body[0].html.slice(0, 40));
  await reading.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const top = () => reading.evaluate((el) => el.getBoundingClientRect().top);
  const before = await top();
  assert.ok(
    (await page.locator('.na-live-list').evaluate((ol) => ol.getBoundingClientRect().top)) < 0,
    'the list begins above the window: an entry put at its top would push the paragraph down',
  );

  // An editor adds an entry while the page is open.
  const body = join(ctx.dir, 'entry.txt');
  writeFileSync(body, 'Lúc 22 giờ 30, mưa đã giảm ở TP.Tam Kỳ; nước sông Trường Giang bắt đầu rút.');
  live('add', '--body-file', body, '--title', 'Mưa giảm ở Tam Kỳ', '--at', '2023-11-15T22:30:00+07:00');
  const button = page.getByRole('button', { name: '1 cập nhật mới' });
  await button.waitFor({ timeout: 15_000 });
  const since = page.polls.length;
  // Announced politely, not shown, and nothing moved.
  assert.equal(await button.evaluate((b) => b.closest('[aria-live]')?.getAttribute('aria-live')), 'polite');
  assert.equal(await page.getByText('Mưa giảm ở Tam Kỳ').count(), 0, 'not shown before the reader asks');
  assert.equal(await list.count(), ENTRIES.entries.length);
  assert.ok(Math.abs((await top()) - before) < 1, `the paragraph read stays put (${before} → ${await top()})`);
  await assertAxe(page, 'a live article with «1 cập nhật mới»', { overlay: true });

  // Pressed: the entry at the top with its time; the paragraph read still where it was;
  // the focus on the newest entry.
  await button.click();
  assert.equal(await list.count(), ENTRIES.entries.length + 1);
  const newest = list.first();
  assert.ok((await newest.textContent()).includes('Mưa giảm ở Tam Kỳ'));
  assert.equal(await newest.locator('time').textContent(), '15/11/2023 22:30');
  assert.equal(await newest.locator('time').getAttribute('datetime'), '2023-11-15T22:30:00+07:00');
  assert.ok(Math.abs((await top()) - before) < 1, `the paragraph read stays put after pressing (${before} → ${await top()})`);
  assert.ok(await newest.evaluate((li) => document.activeElement === li), 'the focus on the newest entry');
  assert.equal(await button.count(), 0, 'the button gone');

  // Hidden: no poll for longer than the interval; visible again: a poll at once.
  await sleep(6_000);
  assert.ok(page.polls.length > since, 'polling on while visible');
  assert.ok(page.polls.slice(since).every((p) => p.inm !== null && p.status === 304), 'asked with If-None-Match: 304');
  await setHidden(page, true);
  await sleep(500);
  const hiddenAt = page.polls.length;
  await sleep(7_000);
  assert.equal(page.polls.length, hiddenAt, 'no request while hidden');
  await setHidden(page, false);
  await sleep(1_000);
  assert.equal(page.polls.length, hiddenAt + 1, 'one request as soon as visible again');

  // Ended: said, the badge gone, and no more requests.
  live('end');
  await page.getByText('Đã kết thúc tường thuật').waitFor({ timeout: 15_000 });
  assert.equal(await page.getByRole('status').filter({ hasText: 'Đã kết thúc tường thuật' }).count(), 1);
  assert.ok(!(await page.locator('header.na-header').getByText('Trực tiếp', { exact: true }).isVisible()));
  const endedAt = page.polls.length;
  await sleep(7_000);
  assert.equal(page.polls.length, endedAt, 'no request once ended');
  await assertNoIdTwice(page, 'the live article');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('leaving a live article in the app stops its polling', async () => {
  const page = await livePage();
  // A fresh coverage: the previous test ended it.
  const file = join(ctx.content, `articles/${SLUG}/live.json`);
  writeFileSync(file, JSON.stringify({ ...ENTRIES, status: 'live' }));
  await page.goto(ctx.base + PATH);
  for (let i = 0; i < 50 && page.polls.length === 0; i++) await sleep(100);
  assert.equal(page.polls.length, 1);
  // «Trang chủ» in the breadcrumb: an in-app navigation.
  await page.getByRole('navigation', { name: /./ }).getByRole('link', { name: 'Trang chủ' }).first().click();
  await page.waitForFunction(() => !document.querySelector('.na-live'));
  const left = page.polls.length;
  await sleep(7_000);
  assert.equal(page.polls.length, left, 'no request after leaving');
  await page.close();
});

test('a photo story in a live entry opens in the gallery\'s dialog, as in an article; Escape gives the focus back', async () => {
  // A gallery from the demo's photo story, as the newest entry of a coverage still live.
  const story = JSON.parse(readFileSync(join(ROOT, 'public/api/articles/soi-noi-le-hoi-dua-ghe-tren-song-thu-bon.json'), 'utf8'));
  const gallery = story.body.find((b) => b.type === 'gallery');
  const entry = { id: 'anh-hien-truong', at: '2023-11-15T22:00:00+07:00', title: 'Ảnh: hiện trường', body: [gallery] };
  writeFileSync(join(ctx.content, `articles/${SLUG}/live.json`), JSON.stringify({ ...ENTRIES, status: 'live', entries: [entry, ...ENTRIES.entries] }));
  const page = await livePage();
  await page.goto(ctx.base + PATH);
  await page.waitForFunction(ADOPTED);
  // Its thumbnails served once the coverage's first answer came (as gallery.test.mjs waits
  // for an article's): until then a thumbnail is a link to its picture.
  await page.locator('[data-news-app][data-na-photos]').waitFor({ state: 'attached' });
  const first = gallery.images[0];
  const thumb = page.locator('.na-live').getByRole('link', { name: first.alt, exact: true });
  await thumb.click();
  const dialog = page.getByRole('dialog', { name: 'Xem ảnh' });
  await dialog.getByText(`1/${gallery.images.length}`, { exact: true }).waitFor();
  assert.ok(await dialog.getByRole('img', { name: first.alt, exact: true }).isVisible());
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.ok(await thumb.evaluate((el) => el === document.activeElement), 'the focus back on the thumbnail');
  assert.equal(new URL(page.url()).pathname, PATH, 'still on the article');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the prerendered live article: its entries before any script, adopted with no id twice, axe clean', async () => {
  const server = await serve({ dir: DIST });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  try {
    // Without script: the article with its badge and entries.
    const bare = await browser.newPage({ javaScriptEnabled: false });
    await bare.goto(base + PATH);
    assert.equal(await bare.locator('.na-live-entry').count(), ENTRIES.entries.length);
    assert.ok(await bare.locator('header.na-header').getByText('Trực tiếp', { exact: true }).isVisible());
    await bare.close();
    const page = await newPage({ browser });
    await watchIds(page);
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        window.__section = document.querySelector('.na-live');
      });
    });
    await page.goto(base + PATH);
    await page.waitForFunction(ADOPTED);
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('live.json')));
    assert.ok(await page.evaluate(() => document.querySelector('.na-live') === window.__section), 'the same section');
    assert.equal(await page.locator('.na-live').count(), 1);
    assert.equal(await page.locator('.na-live-entry').count(), ENTRIES.entries.length);
    await assertNoIdTwice(page);
    await assertAxe(page, 'the prerendered live article');
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }
});

test('a long coverage: the newest 20 in the page, the older ones appended below when asked, a new entry still announced as new', async () => {
  // 45 entries, a minute apart: e-45 (06:45) to e-1.
  const entries = Array.from({ length: 45 }, (_, i) => {
    const k = 45 - i;
    return {
      id: `e-${k}`,
      at: `2023-11-15T06:${String(k).padStart(2, '0')}:00+07:00`,
      title: `Cập nhật số ${k}`,
      body: [{ type: 'paragraph', html: `Diễn biến thứ ${k} của cơn bão ở vùng ven biển.` }],
    };
  });
  writeFileSync(join(ctx.content, `articles/${SLUG}/live.json`), JSON.stringify({ status: 'live', entries }));
  const ids = (list) => list.evaluateAll((lis) => lis.map((li) => li.dataset.naEntry));
  const range = (from, to) => Array.from({ length: from - to + 1 }, (_, i) => `e-${from - i}`);

  // Without script: the newest 20, and the rest said as text, nothing to press.
  const bare = await ctx.browser.newPage({ javaScriptEnabled: false });
  await bare.goto(ctx.base + PATH);
  assert.deepEqual(await ids(bare.locator('.na-live-entry')), range(45, 26));
  assert.ok(await bare.getByText('Còn 25 cập nhật trước', { exact: true }).isVisible());
  assert.equal(await bare.getByRole('button').filter({ hasText: 'cập nhật trước' }).count(), 0);
  await bare.close();

  const page = await livePage();
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.goto(ctx.base + PATH);
  const list = page.getByRole('region', { name: 'Diễn biến' }).getByRole('listitem');
  assert.deepEqual(await ids(list), range(45, 26), 'the newest 20, newest first');
  // The island makes the text a button once it has the entries.
  const older = page.getByRole('button', { name: 'Xem 20 cập nhật trước' });
  await older.waitFor({ timeout: 15_000 });
  assert.equal(await page.getByText('Còn 25 cập nhật trước').count(), 0);

  // The reader at the bottom of the list: the oldest shown and the button in view.
  await older.evaluate((b) => b.scrollIntoView({ block: 'end' }));
  const oldest = page.locator('[data-na-entry="e-26"]');
  const top = () => oldest.evaluate((el) => el.getBoundingClientRect().top);
  const [before, scrolled] = [await top(), await page.evaluate(() => scrollY)];
  await older.click();
  assert.deepEqual(await ids(list), range(45, 6), 'the next 20 appended below');
  assert.ok(Math.abs((await top()) - before) < 1, `what the reader looked at stays put (${before} → ${await top()})`);
  assert.equal(await page.evaluate(() => scrollY), scrolled, 'no scroll');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.naEntry), 'e-25', 'the focus on the first appended');
  const rest = page.getByRole('button', { name: 'Xem 5 cập nhật trước' });
  assert.ok(await rest.isVisible(), 'the button says how many are left');
  await assertAxe(page, 'a long coverage, older entries appended');

  // An entry added now is new, not older: announced at the top, the older button unchanged.
  const body = join(ctx.dir, 'entry-long.txt');
  writeFileSync(body, 'Lúc 22 giờ 30, nước sông Trường Giang bắt đầu rút.');
  live('add', '--body-file', body, '--title', 'Nước bắt đầu rút', '--at', '2023-11-15T22:30:00+07:00');
  const fresh = page.getByRole('button', { name: '1 cập nhật mới' });
  await fresh.waitFor({ timeout: 15_000 });
  assert.ok(await rest.isVisible(), 'still «Xem 5 cập nhật trước»');
  assert.equal(await list.count(), 40);
  await rest.click();
  assert.deepEqual(await ids(list), range(45, 1), 'the oldest five');
  assert.equal(await page.getByRole('button', { name: /cập nhật trước/ }).count(), 0, 'nothing older: the button gone');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.naEntry), 'e-5');
  await fresh.click();
  assert.equal(await list.count(), 46);
  assert.ok((await list.first().textContent()).includes('Nước bắt đầu rút'));
  await assertNoIdTwice(page, 'a long coverage');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a live article opened in the app shows its newest 20, the rest when asked', async () => {
  const page = await livePage();
  await page.goto(ctx.base + '/');
  await page.waitForFunction(ADOPTED);
  // From the front page's list: an in-app navigation, the island makes the section.
  await page.getByRole('link', { name: 'Bão đổ bộ vào bờ biển Quảng Nam: cập nhật từng giờ' }).first().click();
  const list = page.getByRole('region', { name: 'Diễn biến' }).getByRole('listitem');
  await page.locator('.na-live[data-na-made] .na-live-entry').first().waitFor({ timeout: 15_000 });
  assert.equal(await list.count(), 20);
  assert.ok((await list.first().textContent()).includes('Nước bắt đầu rút'), 'the newest first');
  await page.getByRole('button', { name: 'Xem 20 cập nhật trước' }).click();
  assert.equal(await list.count(), 40);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.naEntry), 'e-26');
  await page.getByRole('button', { name: 'Xem 6 cập nhật trước' }).click();
  assert.equal(await list.count(), 46);
  assert.equal(await page.getByRole('button', { name: /cập nhật trước/ }).count(), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});
