// What this machine's WebKitGTK does with the web features the app leans on, printed as JSON
// (docs/testing.md has the findings): not a test, a probe to run again when WebKitGTK moves.
//   cd tests && node engines/webkit-probe.mjs
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../static-server.mjs';
import { ADOPTED, DIST, SEED_PATH } from '../e2e/harness.mjs';
import { open } from './drivers/webkit.mjs';

// A page and a worker of the probe's own, beside the build: the worker says what its install
// event offers, and answers one address itself, so the page can tell it is controlled.
const probe = mkdtempSync(join(tmpdir(), 'news-webkit-probe-'));
writeFileSync(join(probe, 'page.html'), '<!doctype html><title>probe</title><p>probe</p>');
writeFileSync(
  join(probe, 'sw.js'),
  `let routes = 'none';
  self.addEventListener('install', (e) => {
    routes = typeof e.addRoutes === 'function' ? 'addRoutes' : 'none';
    if (routes === 'addRoutes') {
      e.waitUntil(e.addRoutes([{ condition: { urlPattern: '/probe/routed.txt' }, source: 'network' }])
        .then(() => (routes = 'addRoutes accepted'), (err) => (routes = 'addRoutes refused: ' + err)));
    }
    self.skipWaiting();
  });
  self.addEventListener('activate', (e) => e.waitUntil(clients.claim()));
  self.addEventListener('fetch', (e) => {
    if (e.request.url.endsWith('/probe/who')) e.respondWith(new Response(routes));
  });`,
);
writeFileSync(join(probe, 'frame.html'), `<!doctype html><script>
  document.cookie = 'x=1; SameSite=None; Secure';
  document.cookie = 'y=1';
  let storage = 'ok';
  try { localStorage.setItem('k', '1'); } catch (e) { storage = String(e); }
  parent.postMessage({ cookie: document.cookie, storage, origin: location.origin }, '*');
</script>`);

const server = await serve({ dir: DIST, more: [{ prefix: '/probe/', dir: probe }] });
const port = server.address().port;
const origin = `http://127.0.0.1:${port}`;
const other = `http://localhost:${port}`;
const out = {};
const timed = async (what, fn) => {
  const t = Date.now();
  const v = await fn();
  out.times = { ...out.times, [what]: Date.now() - t };
  return v;
};

let s = await timed('open (Xvfb, WebKitWebDriver, MiniBrowser)', open);
try {
  await timed('first load of the seed page', () => s.goto(origin + SEED_PATH));
  out.features = await s.eval(() => {
    const link = document.createElement('link');
    return {
      userAgent: navigator.userAgent,
      serviceWorker: 'serviceWorker' in navigator,
      blockingRender: 'blocking' in link && link.blocking.supports('render'),
      scriptBlockingRender: 'blocking' in HTMLScriptElement.prototype,
      bootScript: document.querySelector('script[src*="boot"]')?.outerHTML ?? null,
      contentVisibility: CSS.supports('content-visibility', 'auto'),
      contentVisibilityOnPage: [...document.querySelectorAll('*')].some((e) => getComputedStyle(e).contentVisibility === 'auto'),
      speechSynthesis: 'speechSynthesis' in window,
      darkScheme: matchMedia('(prefers-color-scheme: dark)').matches,
      lightScheme: matchMedia('(prefers-color-scheme: light)').matches,
      workerSourceTiming: 'workerMatchedSourceType' in PerformanceResourceTiming.prototype,
    };
  });
  out.features.voices = await s.eval(() => new Promise((ok) => {
    const n = () => speechSynthesis.getVoices().map((v) => `${v.lang} ${v.name}`);
    if (n().length) return ok(n());
    speechSynthesis.onvoiceschanged = () => ok(n());
    setTimeout(() => ok(n()), 3000);
  }));
  // The app offers «Nghe bài viết» only with a Vietnamese voice (src/comforts/island.rs).
  await s.waitFor(ADOPTED);
  out.features.readAloudOffered = await s.eval(() => document.documentElement.hasAttribute('data-na-speech'));
  out.features.speaks = await s.eval(() => new Promise((ok) => {
    const u = new SpeechSynthesisUtterance('Xin chào');
    u.lang = 'vi-VN';
    u.onstart = () => ok('started');
    u.onerror = (e) => ok(`error: ${e.error}`);
    speechSynthesis.speak(u);
    setTimeout(() => ok('neither start nor error in 3 s'), 3000);
  }));

  // The app's worker (boot.js registers it after the load event).
  out.appWorker = await s.eval(() => new Promise((ok) => {
    const t = setTimeout(() => ok('not ready in 10 s'), 10_000);
    navigator.serviceWorker.ready.then((r) => {
      clearTimeout(t);
      ok({ scope: r.scope, preload: 'navigationPreload' in r });
    });
  }));
  await s.waitFor(async () => (await caches.keys()).includes('news-articles'));
  await s.goto(origin + SEED_PATH);
  out.appWorker.controlsOnReload = await s.eval(() => Boolean(navigator.serviceWorker.controller));
  out.appWorker.routed = await s.eval(() =>
    performance.getEntriesByType('resource').filter((e) => /\.(css|wasm)$/.test(e.name))
      .map((e) => `${e.workerMatchedSourceType}/${e.workerFinalSourceType}`)
      .reduce((n, k) => ({ ...n, [k]: (n[k] || 0) + 1 }), {}));

  // The probe's own worker: does its install event have the static router?
  await s.goto(origin + '/probe/page.html');
  await s.eval(() => navigator.serviceWorker.register('/probe/sw.js', { scope: '/probe/' }).then(() => navigator.serviceWorker.ready));
  out.probeWorker = await s.waitFor(async () => {
    const r = await fetch('/probe/who');
    return r.ok && navigator.serviceWorker.controller ? r.text() : false;
  });

  // A cross-origin frame (localhost vs 127.0.0.1): does it load, talk, keep cookies and storage?
  await s.goto(origin + '/probe/page.html');
  out.crossOriginFrame = await s.eval((src) => new Promise((ok) => {
    addEventListener('message', (e) => ok({ from: e.origin, ...e.data }));
    const f = document.createElement('iframe');
    f.src = src;
    document.body.append(f);
    setTimeout(() => ok('no message in 5 s'), 5000);
  }), other + '/probe/frame.html');
  // The same origin at the top: the frame's storage was its own (partitioned) or shared?
  await s.goto(other + '/probe/page.html');
  out.crossOriginFrame.topLevelSeesFrameStorage = await s.eval(() => localStorage.getItem('k') === '1');
  out.crossOriginFrame.topLevelCookie = await s.eval(() => {
    document.cookie = 'y=1';
    return document.cookie;
  });
  out.errors = s.errors();

  // MiniBrowser's dark mode: the media query, and the theme boot.js gives <html> from it.
  const dark = await open({ dark: true });
  try {
    await dark.goto(origin + SEED_PATH);
    out.darkMode = await dark.eval(() => ({
      darkScheme: matchMedia('(prefers-color-scheme: dark)').matches,
      theme: document.documentElement.dataset.naTheme ?? null,
    }));
  } finally {
    await dark.close();
  }

  // Offline: the server gone, the seed read again through the worker.
  await new Promise((ok) => server.close(ok));
  server.closeAllConnections?.();
  await timed('offline load of the seed page', () => s.goto(origin + SEED_PATH));
  out.offline = await s.eval(() => document.querySelector('h1')?.textContent.slice(0, 30) ?? null);
  out.offlineNotice = await s
    .waitFor(() => document.body.innerText.includes('Bạn đang đọc bản đã lưu'))
    .catch((e) => e.message.slice(0, 80));
} catch (e) {
  out.failed = String(e.stack || e);
} finally {
  await s.close();
  rmSync(probe, { recursive: true });
}

console.log(JSON.stringify(out, null, 2));
