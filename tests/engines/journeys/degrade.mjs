// What the product uses that an engine may lack: each journey detects the feature in the
// page and asserts the behaviour that goes with it, so each can fail in every engine.
import assert from 'node:assert/strict';
import { withHeadScript } from '../head-script.mjs';
import { api, ARTICLE, heading, open, SEED_PATH } from './common.mjs';

/** An article of the demo with its recording. */
const RECORDED = api('most-read.json').items.find((i) => api(`articles/${i.slug}.json`).audio);

/** «Nghe bài viết» for an article without a recording: speech synthesis with a Vietnamese voice. */
export async function listenBySpeech(session, env) {
  await open(session, env.origin + SEED_PATH);
  await session.waitFor(() => Boolean(document.querySelector('[data-news-app][data-na-tools]')));
  const speech = await session.eval(async () => {
    if (!('speechSynthesis' in window)) return { api: false, vi: false };
    // Voices may arrive after the page: the app asks again on `voiceschanged`, so does this.
    let voices = speechSynthesis.getVoices();
    if (!voices.length) {
      await new Promise((ok) => {
        speechSynthesis.addEventListener('voiceschanged', ok, { once: true });
        setTimeout(ok, 1000);
      });
      voices = speechSynthesis.getVoices();
    }
    return { api: true, vi: voices.some((v) => v.lang.toLowerCase().startsWith('vi')) };
  });
  const shown = () =>
    session.eval(() => {
      const b = [...document.querySelectorAll('.na-tools button')].find((b) => b.textContent.trim() === 'Nghe bài viết');
      return Boolean(b && b.getBoundingClientRect().width > 0 && getComputedStyle(b).visibility !== 'hidden');
    });
  if (!speech.vi) {
    assert.equal(await shown(), false, `no Vietnamese voice (${JSON.stringify(speech)}): no «Nghe bài viết»`);
  } else {
    assert.equal(await shown(), true, 'a Vietnamese voice: «Nghe bài viết»');
    await session.click({ role: 'button', name: 'Nghe bài viết', exact: true });
    await session.waitFor(() => speechSynthesis.speaking || speechSynthesis.pending);
    await session.click({ role: 'button', name: 'Nghe bài viết', exact: true });
  }
  assert.equal(await session.eval(() => document.querySelectorAll('audio').length), 0);
  assert.deepEqual(session.errors(), []);
  return `speechSynthesis: ${speech.api ? 'yes' : 'no'}, a Vietnamese voice: ${speech.vi ? 'yes' : 'no'}`;
}

/** «Nghe bài viết» for an article with its recording (2 s): the engine's own player, in every engine. */
export async function listenToRecording(session, env) {
  await open(session, `${env.origin}/${RECORDED.category.slug}/${RECORDED.slug}`);
  // What the button said while it played: a recording this short may end before a poll.
  await session.eval(() => {
    window.__pressed = [];
    new MutationObserver(() => {
      const b = document.querySelector('.na-tools [data-na-act][aria-pressed="true"]');
      if (b) window.__pressed.push(b.textContent.trim());
    }).observe(document.querySelector('.na-tools'), { subtree: true, attributes: true });
  });
  await session.click({ role: 'button', name: 'Nghe bài viết', exact: true });
  const ended = () => {
    const audio = document.querySelector('audio');
    const pressed = document.querySelector('.na-tools [data-na-act][aria-pressed="true"]');
    return audio?.ended && !pressed && { played: audio.played.length ? audio.played.end(audio.played.length - 1) : 0, said: window.__pressed };
  };
  // Up to three waits: on a loaded machine with no sound device, WebKit's player once took
  // longer than one wait to play these 2 s, while it still played them to the end.
  let played;
  for (let wait = 1; !played; wait++) {
    try {
      played = await session.waitFor(ended);
    } catch (e) {
      if (wait === 3) throw e;
    }
  }
  assert.ok(played.played > 1.5, `played to its end: ${played.played} s`);
  assert.ok(played.said.includes('Nghe bài viết'), `pressed while playing: ${played.said}`);
  assert.deepEqual(session.errors(), []);
}

/**
 * Runs first in the page: at the first frame that shows the article (the stylesheet loaded, as
 * it blocks rendering), the reader's scheme; at the first frame that has the comments below
 * it, the article and how those comments are laid out before the app. A frame may come before
 * the parser reaches the article (seen in Chromium on a busy machine): it shows nothing, so
 * it is not the one that counts.
 */
function watchFirstFrame() {
  let frames = 0;
  const look = () => {
    const h1 = document.querySelector('h1');
    const comments = document.querySelector('.na-comments');
    const theme = document.documentElement.dataset.naTheme ?? null;
    if (h1 && !window.__articleFrame) window.__articleFrame = { theme };
    if (!comments && ++frames < 600) {
      requestAnimationFrame(look);
      return;
    }
    window.__firstFrame = {
      theme: window.__articleFrame ? window.__articleFrame.theme : theme,
      h1: Boolean(h1),
      adopted: Boolean(document.querySelector('[data-news-ready]')),
      visibility: comments && getComputedStyle(comments).contentVisibility,
      height: comments ? comments.getBoundingClientRect().height : 0,
    };
  };
  requestAnimationFrame(look);
}

/**
 * A prerendered page holds its first frame for boot.js (`blocking="render"`), which applies the
 * reader's scheme: where the engine has render-blocking, the first frame is already dark;
 * where not, the page still paints its article, and the scheme follows.
 */
export async function renderBlocking(session, env) {
  const host = await withHeadScript(env.origin, watchFirstFrame);
  try {
    await open(session, host.origin + SEED_PATH);
    await session.click({ role: 'button', name: 'Giao diện tối' });
    await session.waitFor(() => document.documentElement.dataset.naTheme === 'dark');
    await open(session, host.origin + SEED_PATH);
    const seen = await session.waitFor(() => window.__firstFrame && { blocking: 'blocking' in HTMLScriptElement.prototype, first: window.__firstFrame });
    if (seen.blocking) {
      assert.deepEqual([seen.first?.theme, seen.first?.h1], ['dark', true], 'the first frame in the reader’s scheme');
    } else {
      assert.equal(seen.first?.h1, true, 'the first frame shows the article');
      await session.waitFor(() => document.documentElement.dataset.naTheme === 'dark');
    }
    await heading(session, ARTICLE.title);
    assert.deepEqual(session.errors(), []);
    return `blocking="render": ${seen.blocking ? 'yes' : 'no'}`;
  } finally {
    await host.close();
  }
}

/**
 * Before the app adopts a prerendered page, what is below the first screen is laid out only
 * near the viewport (`content-visibility: auto`); an engine without it lays it all out. Either
 * way the comments are there, and laid out whole once the app has the page.
 */
export async function contentVisibility(session, env) {
  const host = await withHeadScript(env.origin, watchFirstFrame);
  try {
    await open(session, host.origin + SEED_PATH);
    const seen = await session.waitFor(() => window.__firstFrame && ({
      supported: CSS.supports('content-visibility', 'auto'),
      before: window.__firstFrame,
      after: getComputedStyle(document.querySelector('.na-comments')).contentVisibility,
    }));
    assert.equal(seen.before.adopted, false, 'watched before the app');
    assert.ok(seen.before.height > 0, 'the comments take their room');
    if (seen.supported) {
      assert.equal(seen.before.visibility, 'auto');
      assert.equal(seen.after, 'visible');
    } else {
      assert.equal(seen.before.visibility, undefined);
      assert.equal(seen.after, undefined);
    }
    assert.deepEqual(session.errors(), []);
    return `content-visibility: ${seen.supported ? 'yes' : 'no'}`;
  } finally {
    await host.close();
  }
}
