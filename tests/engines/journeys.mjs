// The reader's journeys, each `(session, env)`: the same steps in every engine (a Session of
// session.mjs; `env` from env.mjs). They find what a person finds (role and name, label,
// text) and act with the engine's own clicks and keys.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ADOPTED, SEED, SEED_PATH } from '../e2e/harness.mjs';

const api = (path) => JSON.parse(readFileSync(new URL(`../../public/api/${path}`, import.meta.url), 'utf8'));
const ARTICLE = api(`articles/${SEED}.json`);
const WEEKDAYS = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** How the article shows `iso` (any offset): its weekday, date and time in Vietnam (UTC+7). */
export function vietnamTime(iso) {
  const t = new Date(Date.parse(iso) + 7 * 3600_000);
  const two = (n) => String(n).padStart(2, '0');
  const date = `${two(t.getUTCDate())}/${two(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
  return `${WEEKDAYS[t.getUTCDay()]}, ${date}, ${two(t.getUTCHours())}:${two(t.getUTCMinutes())} (GMT+7)`;
}

/** Opens `url` and waits until the app runs the page (a wasm that never starts fails here). */
async function open(session, url) {
  await session.goto(url);
  await session.waitFor(ADOPTED);
}

/** The text of the element `selector` finds (for what has no person-facing handle). */
const textOf = (session, selector) =>
  session.eval((s) => document.querySelector(s)?.textContent.replace(/\s+/g, ' ').trim() ?? null, selector);

export async function articleFromJson(session, env) {
  await open(session, env.origin + SEED_PATH);
  await session.waitFor((t) => document.querySelector('h1')?.textContent === t, ARTICLE.title);
  assert.equal(await session.eval(() => document.title), ARTICLE.title);
  const time = await session.eval(() => {
    const t = document.querySelector('header time');
    return { text: t.textContent, datetime: t.getAttribute('datetime') };
  });
  assert.equal(time.text, vietnamTime(ARTICLE.published_at));
  assert.equal(Date.parse(time.datetime), Date.parse(ARTICLE.published_at));

  const image = ARTICLE.body.find((b) => b.type === 'image');
  await session.click({ role: 'img', name: image.alt });
  const figure = await session.waitFor(() => {
    const img = document.querySelector('.na-body figure img');
    return img?.complete && img.naturalWidth > 0 && {
      alt: img.alt,
      caption: img.closest('figure').querySelector('figcaption')?.textContent ?? '',
    };
  });
  assert.equal(figure.alt, image.alt);
  assert.ok(figure.caption.includes(image.caption), `the caption: ${figure.caption}`);
  assert.deepEqual(session.errors(), []);
}

export async function inPlaceNavigation(session, env) {
  const from = env.origin + SEED_PATH;
  await open(session, from);
  const next = api('most-read.json').items.find((i) => i.slug !== SEED && !ARTICLE.related.some((r) => r.slug === i.slug));
  await session.waitFor(
    (t) => [...document.querySelectorAll('a[href]')].some((a) => a.textContent.includes(t)),
    next.title,
  );
  await session.eval(() => (window.__sameDocument = 'yes'));
  await session.click({ role: 'link', name: next.title });
  await session.waitFor((t) => document.querySelector('h1')?.textContent === t, next.title);
  const url = new URL(await session.url());
  assert.equal(url.origin, env.origin);
  assert.ok(url.pathname.endsWith(`/${next.slug}`), url.pathname);
  assert.equal(await session.eval(() => window.__sameDocument), 'yes', 'no page load');

  // The browser's Back: the seed again, in the same document.
  await session.eval(() => history.back());
  await session.waitFor((t) => document.querySelector('h1')?.textContent === t, ARTICLE.title);
  assert.equal(await session.url(), from);
  assert.equal(await session.eval(() => window.__sameDocument), 'yes', 'Back loaded no page either');
  assert.deepEqual(session.errors(), []);
}

/** The journeys in the order they run: `[title, journey]`. */
export const JOURNEYS = [
  ['the article from the JSON: heading, Vietnam time, the figure and its caption', articleFromJson],
  ['a «Đọc nhiều» link opens its article in place; Back returns', inPlaceNavigation],
];
