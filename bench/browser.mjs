// One throttled page load in headless Chromium and what it measured: the browser contexts,
// the phone's throttling (the page's and its service worker's), the probe that runs in the
// page, and the figures derived from it.
import { chromium } from 'playwright-core';
import { CHROME_ARGS, CHROMIUM } from '../tests/chromium.mjs';
import { recordWasmStart } from '../tests/wasm-started.mjs';
import { CERT_ARGS } from './cdn-server.mjs';
import { MOBILE, NETWORK, SEED, THROTTLE, log, sleep } from './config.mjs';

const READY = 'news:bench-ready';

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROME_ARGS, ...CERT_ARGS] });
}

// Runs in every page before its own scripts (the floor has none): records the LCP candidates
// with their element, the layout shifts and the takeover, and says when the page is ready.
function probe(readyWord) {
  const b = (window.__bench = { lcp: [] });
  const describe = (el) => {
    if (!el) return null;
    const cls = el.getAttribute && el.getAttribute('class');
    return el.tagName.toLowerCase() + (cls ? '.' + cls.trim().split(/\s+/).join('.') : '');
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        // inMount: the app's, not a portal's own text around it.
        const inMount = Boolean(e.element?.closest?.('[data-news-app]'));
        b.lcp.push({ t: e.startTime, render: e.renderTime, load: e.loadTime, size: e.size, el: describe(e.element), inMount });
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
  // Cumulative layout shift (all shifts without recent input: loads here have no input).
  b.cls = 0;
  b.shifts = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        b.cls += e.value;
        b.shifts.push({ t: e.startTime, value: e.value, el: (e.sources || []).map((s) => describe(s.node)).filter(Boolean) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  // The word loadAndMeasure waits for: the app drew its article (src/article marks it) and
  // has taken over a page that held it.
  const ready = () => {
    if (b.ready || !performance.getEntriesByName('news:article').length) return;
    if (document.querySelector('[data-news-static]:not([data-news-ready])')) return;
    b.ready = true;
    console.debug(readyWord);
  };
  try {
    new PerformanceObserver(ready).observe({ type: 'mark' });
  } catch {}
  // A page that holds its article: when the app adopted it (src/takeover.rs marks the page
  // `data-news-ready` once its comments and form are in place, or replaces it whole). A
  // prerendered page or an included fragment holds it from the start; the shell once its
  // first stage has drawn it (src/shell.rs), which the app adopts likewise.
  document.addEventListener('DOMContentLoaded', () => {
    const sent = document.querySelector('[data-news-static]');
    b.prerendered = Boolean(sent);
    const mo = new MutationObserver(() => {
      const shown = sent || document.querySelector('[data-news-static]');
      if (shown && (!shown.isConnected || shown.hasAttribute('data-news-ready'))) {
        b.takeover = performance.now();
        mo.disconnect();
        ready();
      }
    });
    mo.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-news-ready'] });
  });
}

/** A new browser context (a reader's fresh profile), its service workers allowed or blocked. */
export async function newContext(browser, workers = 'allow') {
  const context = await browser.newContext({ ...MOBILE, serviceWorkers: workers });
  context.workers = workers;
  await context.addInitScript(recordWasmStart);
  await context.addInitScript(probe, READY);
  return context;
}

export async function throttledPage(context, throttle = true) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  if (throttle) {
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpu });
    if (context.workers === 'allow') await throttleWorkers(cdp);
  }
  page.cdp = cdp;
  return page;
}

// The network throttling is per target: the service worker's requests (the page it fetches
// network-first, the JSON it revalidates) would go at loopback speed. Each worker of the
// page's context gets the page's conditions (a link of its own, not shared with the page's):
// one already running (the repeat visit's, started by the cold visit) is attached now, since
// the page's auto-attach reaches it only once the page has navigated into its scope, too late
// for that navigation; one that starts while the page is open waits until it is throttled
// (waitForDebuggerOnStart). Not flattened: Playwright's CDPSession cannot address a child
// session. Chromium throttles the CPU of pages only.
async function throttleWorkers(cdp) {
  let id = 0;
  const replies = new Map();
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message);
    replies.get(m.id)?.(m);
    replies.delete(m.id);
  });
  const send = (sessionId, method, params = {}) =>
    new Promise((ok, fail) => {
      replies.set(++id, (m) => (m.error ? fail(new Error(`${method}: ${m.error.message}`)) : ok(m.result)));
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(fail);
    });
  const throttle = async (sessionId, waiting) => {
    await send(sessionId, 'Network.emulateNetworkConditions', NETWORK);
    if (waiting) await send(sessionId, 'Runtime.runIfWaitingForDebugger');
  };
  // Attached by either way below, the event comes before attachToTarget's answer.
  const throttled = new Map();
  cdp.on('Target.attachedToTarget', (e) => {
    const done = throttle(e.sessionId, e.waitingForDebugger).catch((err) => log('worker throttling:', String(err)));
    throttled.set(e.sessionId, done);
  });
  const workers = { type: 'service_worker' };
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false, filter: [workers] });
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [workers] });
  for (const t of targetInfos.filter((t) => t.browserContextId === targetInfo.browserContextId)) {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
    await (throttled.get(sessionId) ?? throttle(sessionId, false));
  }
}

/** Everything the page knows about its own load, in ms since navigation start. */
function collect() {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
  const mark = performance.getEntriesByName('news:article')[0]?.startTime ?? null;
  const res = performance.getEntriesByType('resource').map((r) => ({
    path: new URL(r.name).pathname,
    type: r.initiatorType,
    start: r.startTime,
    request: r.requestStart,
    response: r.responseStart,
    end: r.responseEnd,
    worker: r.workerStart,
    // Where the service worker's static router took it from (Chromium), e.g. "cache".
    router: r.workerFinalSourceType || null,
    blocking: r.renderBlockingStatus ?? null,
    transfer: r.transferSize,
    encoded: r.encodedBodySize,
  }));
  const title = document.querySelector('.news-app h1, h1');
  const lead = document.querySelector('.na-lead');
  return {
    html_end: nav?.responseEnd ?? null,
    html_transfer: nav?.transferSize ?? null,
    dcl: nav?.domContentLoadedEventEnd ?? null,
    load: nav?.loadEventEnd ?? null,
    fcp: paint['first-contentful-paint'] ?? null,
    mark,
    wasm_started: window.__wasmStarted ?? null,
    prerendered: window.__bench?.prerendered ?? false,
    takeover: window.__bench?.takeover ?? null,
    lcp_entries: window.__bench?.lcp ?? [],
    cls: window.__bench?.cls ?? null,
    shifts: window.__bench?.shifts ?? [],
    resources: res,
    worker: Boolean(navigator.serviceWorker?.controller),
    title: title?.textContent ?? null,
    lead: Boolean(lead && lead.textContent.trim()),
  };
}

// Title and lead painted: on a page that holds its article (prerendered, the worker's kept
// copy, a floor, an included fragment), the first LCP candidate, the first paint of the
// article's text; for the app shell and an embedded app, the first LCP candidate at or after
// the frame the article entered the DOM (its mark), else the mark. On a portal page only
// candidates inside the mount element count (not the portal's own text).
function titlePaint(raw, isApp, portal) {
  const lcp = portal ? raw.lcp_entries.filter((e) => e.inMount) : raw.lcp_entries;
  if (isApp && !raw.prerendered) {
    const hit = raw.mark == null ? null : lcp.find((e) => e.t >= raw.mark);
    return { t: hit ? hit.t : raw.mark, el: hit?.el ?? null };
  }
  return { t: lcp[0]?.t ?? (portal ? null : raw.fcp), el: lcp[0]?.el ?? null };
}

// What the first paint waits for: the stylesheet and boot.js (render-blocking on the app's
// own pages), with where each came from.
const BLOCKING = /(\.css|\/boot(-[0-9a-f]{15,16})?\.js)$/;
function origin(r) {
  if (r.router) return `worker's router: ${r.router}`;
  if (r.worker > 0) return r.transfer ? 'worker, network' : 'worker';
  // A 304's transfer is its head alone, less than the body the cache had.
  if (!r.transfer) return 'HTTP cache';
  return r.transfer > r.encoded ? 'network' : 'network, 304';
}

/** The derived figures of one load. */
function figures(raw, isApp, portal) {
  const lcp = raw.lcp_entries;
  const final = lcp[lcp.length - 1] ?? null;
  const title = titlePaint(raw, isApp, portal);
  const find = (re) => raw.resources.filter((r) => re.test(r.path));
  const endOf = (re) => {
    const l = find(re);
    return l.length ? Math.max(...l.map((r) => r.end)) : null;
  };
  const startOf = (re) => {
    const l = find(re);
    return l.length ? Math.min(...l.map((r) => r.start)) : null;
  };
  const json = new RegExp(`/api/articles/${SEED}\\.json$`);
  return {
    title_paint: title.t,
    title_el: title.el,
    lcp: final?.t ?? null,
    lcp_el: final?.el ?? null,
    fcp: raw.fcp,
    mark: raw.mark,
    html_end: raw.html_end,
    css_end: endOf(/\.css$/),
    js_end: endOf(/news-app-[0-9a-f]+\.js$/),
    boot_end: endOf(/\/boot(-[0-9a-f]{15,16})?\.js$/),
    wasm_start: startOf(/_bg\.wasm$/),
    wasm_end: endOf(/_bg\.wasm$/),
    json_start: startOf(json),
    json_end: endOf(json),
    wasm_started: raw.wasm_started,
    takeover: raw.takeover,
    prerendered: raw.prerendered,
    load: raw.load,
    cls: raw.cls,
    shifts: raw.shifts,
    transfer: raw.resources.reduce((s, r) => s + (r.transfer || 0), 0) + (raw.html_transfer || 0),
    requests: raw.resources.length + 1,
    title_ok: Boolean(raw.title) && raw.lead,
    worker: raw.worker,
    blocking: find(BLOCKING).map((r) => ({
      path: r.path,
      start: r.start,
      response: r.response,
      end: r.end,
      from: origin(r),
      render_blocking: r.blocking,
    })),
    waterfall: raw.resources.map((r) => `${Math.round(r.start)}–${Math.round(r.end)} ms ${r.transfer} B ${r.path}`),
  };
}

// Loads `url` and, for the app, waits for the probe's word that the article is drawn and,
// on a page that held it, taken over (until then its links are plain links). The page says
// so on the console: nothing of the harness runs in it meanwhile. Playwright's waitForFunction
// first compiles Playwright's own script (339 KB) in the page's main thread, over 100 ms at
// 4x CPU, which for the shell fell between the load event and the article's paint: the
// harness slowed the page it timed. A page the app never takes over (a build that cannot
// adopt it) is measured after 30 s, not failed: its "took over" stays empty.
export async function loadAndMeasure(page, url, { isApp, portal = false }) {
  const ready =
    isApp &&
    page
      .waitForEvent('console', { predicate: (m) => m.text() === READY, timeout: 30_000 })
      .catch(() => log(`${url}: the app did not draw and take over its article within 30 s`));
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  if (ready) await ready;
  await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => {});
  await sleep(200);
  return figures(await page.evaluate(collect), isApp, portal);
}

// The repeat visit is a reader's coming back later: the worker the first visit installed has
// finished its work by then. Without this wait it was at times still fetching the build's
// files or keeping the article when the repeat visit started, and competed with it for the
// machine's two cores (or did not serve it at all).
export async function workerSettled(page) {
  const settled = await page
    .evaluate(async () => {
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        const kept = navigator.serviceWorker.controller && (await (await caches.open('news-articles')).match(location.href));
        if (kept) return true;
        await new Promise((ok) => setTimeout(ok, 100));
      }
      return false;
    })
    .catch(() => false);
  if (!settled) log('the service worker did not keep the page within 30 s');
  await sleep(500);
}

// "Not kept": the article leaves the worker's keep as public/sw.js's keep() evicts the oldest
// of its 50 articles: every address its index lists for the article (the page, the JSON, the
// first comment page, the images) deleted, and the article out of the index. The build's
// files and the lists stay: the worker is installed and controls the page.
export async function evictArticle(page, slug) {
  const gone = await page.evaluate(async (slug) => {
    const scope = (await navigator.serviceWorker.ready).scope;
    const c = await caches.open('news-articles');
    const indexUrl = scope + '__news-articles';
    const index = await (await c.match(indexUrl))?.json();
    const urls = index?.[slug]?.urls ?? [];
    await Promise.all(urls.map((u) => c.delete(u)));
    delete index?.[slug];
    if (index) await c.put(indexUrl, new Response(JSON.stringify(index)));
    return urls.length;
  }, slug);
  if (!gone) log('evicting the article: the worker kept nothing of it');
}
