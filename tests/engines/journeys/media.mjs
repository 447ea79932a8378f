// Contract v3's media in every engine: a photo story's grid laid out by the media blocks'
// stylesheet, and its dialog (`showModal`, the arrow keys, Escape, the focus given back).
import assert from 'node:assert/strict';
import { api, open } from './common.mjs';

const SLUG = 'soi-noi-le-hoi-dua-ghe-tren-song-thu-bon';
const STORY = api(`articles/${SLUG}.json`);
const IMAGES = STORY.body.find((b) => b.type === 'gallery').images;

/** The dialog open at `place` («2/10»). */
const showing = (session, place) =>
  session.waitFor((p) => {
    const d = document.querySelector('dialog[open]');
    return d && d.querySelector('.na-lightbox-count')?.textContent === p;
  }, place);

export async function photoStory(session, env) {
  await open(session, `${env.origin}/${STORY.category.slug}/${SLUG}`);
  // The grid is the media stylesheet's (a page without media does not load it).
  await session.waitFor(() => {
    const grid = document.querySelector('.na-gallery-grid');
    return grid && getComputedStyle(grid).display === 'grid';
  });
  // The gallery's island has wired the thumbnails.
  await session.waitFor(() => !!document.querySelector('[data-news-app][data-na-photos]'));
  const n = IMAGES.length;
  await session.click({ role: 'img', name: IMAGES[1].alt, exact: true });
  await showing(session, `2/${n}`);
  await session.press('ArrowRight');
  await showing(session, `3/${n}`);
  await session.press('Escape');
  await session.waitFor(() => !document.querySelector('dialog[open]'));
  const back = await session.waitFor(
    (alt) => document.activeElement?.querySelector('img')?.alt === alt,
    IMAGES[1].alt,
  );
  assert.ok(back, 'the focus is back on the thumbnail that opened it');
  assert.deepEqual(session.errors(), []);
}
