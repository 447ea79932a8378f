// Reading: the article from its JSON, in-place navigation, and the reader's comforts.
import assert from 'node:assert/strict';
import { api, ARTICLE, heading, open, reload, SEED, SEED_PATH } from './common.mjs';

const WEEKDAYS = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** How the article shows `iso` (any offset): its weekday, date and time in Vietnam (UTC+7). */
export function vietnamTime(iso) {
  const t = new Date(Date.parse(iso) + 7 * 3600_000);
  const two = (n) => String(n).padStart(2, '0');
  const date = `${two(t.getUTCDate())}/${two(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
  return `${WEEKDAYS[t.getUTCDay()]}, ${date}, ${two(t.getUTCHours())}:${two(t.getUTCMinutes())} (GMT+7)`;
}

export async function articleFromJson(session, env) {
  await open(session, env.origin + SEED_PATH);
  await heading(session, ARTICLE.title);
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
  // A «Đọc nhiều» item the article's own «Tin liên quan» does not list.
  const next = api('most-read.json').items.find((i) => i.slug !== SEED && !ARTICLE.related.some((r) => r.slug === i.slug));
  await session.eval(() => (window.__sameDocument = 'yes'));
  await session.click({ role: 'link', name: next.title });
  await heading(session, next.title);
  const url = new URL(await session.url());
  assert.equal(url.origin, env.origin);
  assert.ok(url.pathname.endsWith(`/${next.slug}`), url.pathname);
  assert.equal(await session.eval(() => window.__sameDocument), 'yes', 'no page load');

  // The browser's Back: the seed again, in the same document.
  await session.eval(() => history.back());
  await heading(session, ARTICLE.title);
  assert.equal(await session.url(), from);
  assert.equal(await session.eval(() => window.__sameDocument), 'yes', 'Back loaded no page either');
  assert.deepEqual(session.errors(), []);
}

/** The body text's size in px, the scheme the page shows, and the switch's state. */
const comforts = (session) =>
  session.eval(() => ({
    size: parseFloat(getComputedStyle(document.querySelector('.na-body p')).fontSize),
    theme: document.documentElement.dataset.naTheme,
    background: getComputedStyle(document.querySelector('.news-app')).backgroundColor,
    pressed: document.querySelector('.na-header .na-theme')?.getAttribute('aria-pressed'),
  }));

export async function darkModeAndTextSize(session, env) {
  await open(session, env.origin + SEED_PATH);
  const before = await comforts(session);
  // The system's preference is light in every engine's headless profile.
  assert.equal(before.theme, 'light');
  await session.click({ role: 'button', name: 'Giao diện tối' });
  await session.waitFor(() => document.documentElement.dataset.naTheme === 'dark');
  await session.click({ role: 'button', name: 'Tăng cỡ chữ' });
  await session.click({ role: 'button', name: 'Tăng cỡ chữ' });
  const chosen = await comforts(session);
  assert.deepEqual({ theme: chosen.theme, pressed: chosen.pressed }, { theme: 'dark', pressed: 'true' });
  assert.equal(chosen.background, 'rgb(18, 18, 18)');
  assert.ok(chosen.size > before.size, `${before.size} → ${chosen.size}`);

  await reload(session);
  assert.deepEqual(await comforts(session), chosen, 'kept across a reload');
  await session.click({ role: 'button', name: 'Giao diện tối' });
  await session.waitFor(() => document.documentElement.dataset.naTheme === 'light');
  assert.deepEqual(session.errors(), []);
}
