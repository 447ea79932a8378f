// Contract v3's video block in Chromium, on the release build and the plain static server:
// the poster and the duration before play with no byte of video fetched, playing with
// captions once the reader presses play, one video at a time, stopped when the reader
// leaves the article in the app, and the prerendered page adopted with no id twice and
// no axe violation. The demo's video article is «Tam Kỳ ra quân…» (public/api, its files
// made by scripts/make-demo-video.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertAxe, assertNoIdTwice, asShell, newPage, useBrowser, watchIds } from './harness.mjs';

const ctx = useBrowser();
const SLUG = 'tam-ky-ra-quan-lam-sach-bai-bien-tam-thanh';
const PATH = `/xa-hoi/${SLUG}`;
const API = new URL('../../public/api/', import.meta.url);
const ARTICLE = JSON.parse(readFileSync(new URL(`articles/${SLUG}.json`, API), 'utf8'));
const VIDEO = ARTICLE.body.find((b) => b.type === 'video');
// The captions' first cue, as the file says it.
const FIRST_CUE = readFileSync(new URL(VIDEO.captions[0].src, API), 'utf8').split('\n')[4];
const MOST_READ = JSON.parse(readFileSync(new URL('most-read.json', API), 'utf8')).items;

/** A page that records every request for a video's files (not its captions, nor poster). */
async function watched() {
  const page = await newPage(ctx);
  page.videoBytes = [];
  page.on('request', (r) => {
    if (/\/api\/video\/[^?]*\.(mp4|webm|m3u8)/.test(r.url())) page.videoBytes.push(r.url());
  });
  return page;
}

/** Presses play as a person does with the keyboard: focus on the player, then Space. */
async function pressPlay(page, player) {
  await player.focus();
  await page.keyboard.press('Space');
}

test('the prerendered video article: poster and duration before play, no video fetched, adopted with no id twice, axe clean', async () => {
  const page = await watched();
  await watchIds(page);
  await page.goto(ctx.base + PATH);
  // The served page held the player before any script: the app adopted it.
  assert.ok(await page.evaluate(() => !!document.querySelector('[data-news-static][data-news-ready] video')));
  const player = page.getByLabel(VIDEO.poster.alt);
  assert.ok(await player.isVisible());
  assert.equal(await player.getAttribute('poster'), `/api/${VIDEO.poster.src}`);
  assert.equal(await player.getAttribute('preload'), 'none');
  // Its box is the poster's shape before anything loads.
  const box = await player.boundingBox();
  assert.ok(Math.abs(box.width / box.height - 16 / 9) < 0.02, `${box.width}×${box.height}`);
  // The duration, in words and machine-readable.
  const duration = page.getByText('Video · 0:10');
  assert.ok(await duration.isVisible());
  assert.equal(await duration.locator('time').getAttribute('datetime'), 'PT10S');
  await page.waitForTimeout(500);
  assert.deepEqual(page.videoBytes, [], 'no byte of video before play');
  await assertNoIdTwice(page);
  await assertAxe(page, 'the video article');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('pressing play plays it with its Vietnamese captions; leaving the article in the app stops it', async () => {
  const page = await watched();
  await page.goto(ctx.base + PATH);
  const player = page.getByLabel(VIDEO.poster.alt);
  await pressPlay(page, player);
  await page.waitForFunction(() => document.querySelector('video').currentTime > 1.2, null, { timeout: 15_000 });
  assert.ok(page.videoBytes.length > 0, 'its file fetched once the reader pressed play');
  // The captions are on (the first track is the default) and say what the file says.
  const track = await page.evaluate(() => {
    const t = document.querySelector('video').textTracks[0];
    return { mode: t.mode, lang: t.language, label: t.label, cues: t.cues?.length ?? 0 };
  });
  assert.deepEqual(track, { mode: 'showing', lang: 'vi', label: 'Tiếng Việt', cues: 3 });
  const seen = await page.evaluate(() => {
    const t = document.querySelector('video').textTracks[0];
    return [...(t.cues ?? [])].map((c) => c.text);
  });
  assert.equal(seen[0], FIRST_CUE);
  await page.waitForFunction(
    () => [...document.querySelector('video').textTracks[0].activeCues].length > 0,
    null,
    { timeout: 10_000 },
  );
  // Another article from «Đọc nhiều», by its name: the video stops.
  await page.evaluate(() => (window.__video = document.querySelector('video')));
  assert.equal(await page.evaluate(() => window.__video.paused), false);
  await page.locator('.na-most-read').getByRole('link', { name: MOST_READ[0].title }).click();
  await page.waitForFunction((p) => location.pathname !== p, PATH);
  await page.waitForFunction(() => window.__video.paused);
  assert.equal(await page.evaluate(() => document.querySelector('video')), null);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('one video plays at a time: playing a second pauses the first (an article the app draws)', async () => {
  const page = await watched();
  // An article with two videos, published after the build: the app draws it from its JSON.
  const two = structuredClone(ARTICLE);
  const second = structuredClone(VIDEO);
  second.poster.alt = 'Video thứ hai';
  second.caption = 'Video thứ hai của bài';
  two.body.push(second);
  await asShell(page, ctx.base, PATH);
  await page.route(`${ctx.base}/api/articles/${SLUG}.json`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(two) }),
  );
  await page.goto(ctx.base + PATH);
  const first = page.getByLabel(VIDEO.poster.alt);
  const other = page.getByLabel('Video thứ hai');
  assert.equal(await page.locator('video').count(), 2);
  await pressPlay(page, first);
  await page.waitForFunction(() => document.querySelectorAll('video')[0].currentTime > 0.5, null, { timeout: 15_000 });
  await pressPlay(page, other);
  await page.waitForFunction(() => document.querySelectorAll('video')[1].currentTime > 0.5, null, { timeout: 15_000 });
  const paused = await page.evaluate(() => [...document.querySelectorAll('video')].map((v) => v.paused));
  assert.deepEqual(paused, [true, false]);
  assert.deepEqual(page.errors, []);
  await page.close();
});
