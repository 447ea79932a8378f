// The app where a portal puts it (embedded on another origin), and on a prerendered page it
// adopts (watched from the first parse, through head-script.mjs).
import assert from 'node:assert/strict';
import { withHeadScript } from '../head-script.mjs';
import { ADOPTED, api, ARTICLE, heading, open, SEED_PATH } from './common.mjs';

/** The title of tests/host/portal.html. */
const PORTAL_TITLE = 'Báo Quảng Nam — Thời sự';

export async function embedded(session, env) {
  await session.goto(env.portal);
  await session.waitFor(ADOPTED);
  await heading(session, 'Báo Quảng Nam'); // the portal's own, first in the page
  await session.waitFor((t) => document.querySelector('.news-app h1')?.textContent === t, ARTICLE.title);
  // «Đọc nhiều» comes from the app's origin too (CORS).
  await session.waitFor(() => document.querySelectorAll('.news-app .na-rank li a').length > 0);
  const page = await session.eval(() => ({
    title: document.title,
    html: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`),
    portalInk: getComputedStyle(document.querySelector('header.site h1')).color,
    appInk: getComputedStyle(document.querySelector('.news-app h1')).color,
    indent: getComputedStyle(document.querySelector('.news-app .na-body p')).textIndent,
  }));
  assert.deepEqual(page, {
    title: PORTAL_TITLE,
    html: ['lang=vi'],
    portalInk: 'rgb(128, 0, 0)',
    appInk: 'rgb(26, 26, 26)',
    indent: '0px',
  });
  assert.equal(await session.url(), env.portal, 'the app leaves the portal’s address alone');
  // The portal's own link still navigates as a plain link.
  await session.click({ role: 'link', name: 'Thời sự', exact: true });
  await session.waitFor(() => document.title === 'Báo Quảng Nam — Trang khác');
  assert.deepEqual(session.errors(), []);
}

/** Runs first in the page: records any id there twice, from the first parse on, and the article node. */
export function watchIds() {
  window.__doubled = [];
  new MutationObserver(() => {
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    window.__doubled.push(...ids.filter((id, i) => ids.indexOf(id) !== i));
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
  document.addEventListener('DOMContentLoaded', () => {
    window.__static = document.querySelector('[data-news-static] article');
    window.__staticText = window.__static?.querySelector('h1')?.textContent;
  });
}

export async function prerenderedAdopted(session, env) {
  const host = await withHeadScript(env.origin, watchIds);
  try {
    await open(session, host.origin + SEED_PATH);
    assert.equal(await session.eval(() => window.__staticText), ARTICLE.title, 'the page came with its article');
    // The app's form, in the page, once adopted.
    await session.waitFor(() => Boolean(document.querySelector('.na-comments form')));
    const after = await session.eval(() => ({
      same: document.querySelector('.news-app article') === window.__static,
      doubled: window.__doubled,
      h1: document.querySelectorAll('h1').length,
      apps: document.querySelectorAll('.news-app').length,
      named: ['na-title', 'na-comments-title', 'na-most-read-title'].map((id) => document.querySelectorAll(`[id="${id}"]`).length),
      ranked: document.querySelectorAll('.na-rank li').length,
    }));
    assert.deepEqual(after, {
      same: true,
      doubled: [],
      h1: 1,
      apps: 1,
      named: [1, 1, 1],
      ranked: api('most-read.json').items.length,
    });
    assert.deepEqual(session.errors(), []);
  } finally {
    await host.close();
  }
}
