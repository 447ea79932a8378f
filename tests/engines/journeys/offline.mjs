// Offline reading (public/sw.js): an article opened with the worker, read again once its host
// is really gone (the server stopped: no request is intercepted). An engine that exposes no
// service worker has its own journey: what its reader gets there.
import assert from 'node:assert/strict';
import { ARTICLE, heading, NotHere, open, realErrors, reload, SEED, SEED_PATH } from './common.mjs';

const SAVED = 'Bạn đang đọc bản đã lưu';
const HASHED = /-[0-9a-f]{15,16}(_bg)?\.(js|wasm|css)$/;

/** Waits until the worker controls the page and has kept the seed's JSON and comments. */
const kept = (session) =>
  session.waitFor(async (slug) => {
    if (!navigator.serviceWorker.controller || !(await caches.keys()).includes('news-articles')) return false;
    const urls = (await (await caches.open('news-articles')).keys()).map((r) => r.url);
    return urls.some((u) => u.endsWith(`/articles/${slug}.json`)) && urls.some((u) => u.endsWith(`/articles/${slug}/comments.json`));
  }, SEED);

const hasWorker = (session) => session.eval(() => 'serviceWorker' in navigator);

/** Opens the seed on a host of the journey's own, the worker allowed: that host. */
async function visit(session, env) {
  const host = await env.serveDist();
  await open(session, host.origin + SEED_PATH);
  if (!(await hasWorker(session))) {
    await host.close();
    throw new NotHere('no service worker in this engine');
  }
  await kept(session);
  return host;
}

export async function offlineSaved(session, env) {
  const host = await visit(session, env);
  assert.equal(await session.eval((t) => document.body.textContent.includes(t), SAVED), false, 'online: no notice');
  await host.close();
  await reload(session);
  await heading(session, ARTICLE.title);
  await session.waitFor((t) => [...document.querySelectorAll('[role=status]')].some((s) => s.textContent.includes(t)), SAVED);
  // The comments as last seen, with the form.
  await session.waitFor(() => Boolean(document.querySelector('.na-comments form') && document.querySelector('.na-comment')));
  assert.deepEqual(realErrors(session), []);
}

export async function offlineWithoutWorker(session, env) {
  const host = await env.serveDist();
  await open(session, host.origin + SEED_PATH);
  if (await hasWorker(session)) {
    await host.close();
    throw new NotHere('this engine runs service workers: see the offline journey');
  }
  // Online the article reads as anywhere, with nothing failing for want of the worker.
  await heading(session, ARTICLE.title);
  assert.deepEqual(session.errors(), []);
  // Offline there is no saved copy: the engine's own error page, not the app.
  await host.close();
  await session.goto(host.origin + SEED_PATH).catch(() => {});
  assert.equal(await session.eval(() => Boolean(document.querySelector('[data-news-app]'))), false);
}

/**
 * The build's files on a repeat visit: from the worker's cache by the browser's static router
 * (`addRoutes`) where the engine has it, which the page sees in Resource Timing's
 * `workerMatchedSourceType`; elsewhere by the worker's fetch handler. Either way they come
 * from the worker's cache once the host is gone (asked past the HTTP cache).
 */
export async function filesFromTheWorker(session, env) {
  const host = await visit(session, env);
  let closed = false;
  try {
    await reload(session);
    const files = await session.eval((source) => {
      const hashed = new RegExp(source);
      return {
        router: 'workerMatchedSourceType' in PerformanceResourceTiming.prototype,
        entries: performance
          .getEntriesByType('resource')
          .filter((e) => hashed.test(new URL(e.name).pathname))
          .map((e) => ({ file: new URL(e.name).pathname, matched: e.workerMatchedSourceType })),
        ink: getComputedStyle(document.querySelector('.news-app')).getPropertyValue('--na-ink').trim(),
      };
    }, HASHED.source);
    assert.ok(files.entries.some((e) => e.file.endsWith('.css')) && files.entries.some((e) => e.file.endsWith('_bg.wasm')), JSON.stringify(files));
    assert.equal(files.ink, '#1a1a1a', 'the stylesheet applies');
    if (files.router) {
      assert.deepEqual(files.entries.filter((e) => e.matched !== 'cache'), [], 'every hashed file routed to the cache');
    }
    await host.close();
    closed = true;
    const offline = await session.eval(async (paths) => {
      const out = [];
      for (const p of paths) {
        const res = await fetch(p, { cache: 'no-store' }).catch((e) => ({ status: String(e) }));
        if (res.status !== 200) out.push(`${p}: ${res.status}`);
      }
      return out;
    }, files.entries.map((e) => e.file));
    assert.deepEqual(offline, [], 'the host gone, the worker answers every file');
    assert.deepEqual(realErrors(session), []);
    return `the static router (addRoutes): ${files.router ? 'yes' : 'no'}`;
  } finally {
    if (!closed) await host.close();
  }
}
