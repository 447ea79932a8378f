// The benchmark of the news app (run by scripts/bench.sh, which builds first; not part of
// the tests). Prints a table and writes bench/results/latest.json, and bench/results.md: the
// table with its method, the one place the docs take figures from.
//
//   node bench/run.mjs [--dist DIR] [--server BIN] [--runs 7] [--out FILE]
//                      [--skip bytes,cold,trace,click,memory,lighthouse,load] [--lighthouse-runs 1]
//                      [--service-workers allow|block]
//
// 1. bytes of the first view (index.html, boot.js, JS glue, wasm, CSS): raw, gzip -9, brotli 11;
// 2. cold loads in headless Chromium under Lighthouse's mobile throttling (through the DevTools
//    protocol: 150 ms latency, 1.6 Mbps down, 750 kbps up, CPU 4x slower; the service
//    worker's requests get the same network), each in a new
//    browser context: the app's article page as built (prerendered by `news-server
//    prerender`), the same page as the bare app shell (an article the build did not
//    prerender: everything comes from the wasm), and a static page of the same article with
//    the same CSS and no script (the floor); then a repeat visit in the same context;
// 3. click on a most-read link → new title painted, with and without hover prefetch;
// 4. JS heap and wasm memory after 1 and after 100 in-app navigations;
// 5. Lighthouse 12.2.3 on the article page served by the reference server;
// 6. the reference server under wrk: GET article JSON, POST comment, then every acknowledged
//    comment looked up in the database.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startCdn } from './cdn-server.mjs';
import { nodeLoad } from './load.mjs';
import { CHROME_ARGS, CHROMIUM } from '../tests/chromium.mjs';
import { recordWasmStart } from '../tests/wasm-started.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const DIST = resolve(arg('dist', join(ROOT, 'dist')));
const SERVER = resolve(arg('server', join(ROOT, 'target/release/news-server')));
const RUNS = Number(arg('runs', 7));
const LH_RUNS = Number(arg('lighthouse-runs', 3));
const OUT = resolve(arg('out', join(BENCH, 'results/latest.json')));
const SKIP = new Set(String(arg('skip', '')).split(',').filter(Boolean));
// The service worker of offline reading (public/sw.js) serves the app's repeat visits. Its
// own requests (the page, the JSON it revalidates) are throttled like the page's
// (throttleWorkers), else they would favour the app's repeat visits over the floors' (they
// have no worker); its CPU is not. `block` loads every page without it.
const SERVICE_WORKERS = arg('service-workers', 'allow');
const RESULTS = dirname(OUT);
const SEED = 'khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022';
const SEED_PATH = `/chinh-tri/${SEED}`;
const FLOOR_PREFIX = '/floor/';
// The strictest floor: the article alone (its own element, the same stylesheet; no script,
// no sidebar, no comments), what a phone's first screen needs.
const ARTICLE_FLOOR_PREFIX = '/floor-article/';
// Lighthouse's mobile settings (its default): the throttling figures, and the Moto G Power
// screen it emulates, used here for every page load so that the largest element is the one
// a phone shows.
const THROTTLE = { latency: 150, down: 1.6e6 / 8, up: 750e3 / 8, cpu: 4 };
const NETWORK = { offline: false, latency: THROTTLE.latency, downloadThroughput: THROTTLE.down, uploadThroughput: THROTTLE.up };
const MOBILE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
};

const log = (...a) => console.error('[bench]', ...a);
const READY = 'news:bench-ready';
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const round = (x, d = 0) => (x == null || Number.isNaN(x) ? null : Number(x.toFixed(d)));
function median(xs) {
  const v = xs.filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
/** Median, min and max of one field over runs. */
function stat(runs, pick) {
  const v = runs.map(pick).filter((x) => x != null && !Number.isNaN(x));
  return { median: round(median(v), 1), min: round(Math.min(...v), 1), max: round(Math.max(...v), 1), n: v.length };
}

const results = { schema: 1, started: new Date().toISOString() };

// ---------------------------------------------------------------------------------- machine
function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? cpus()[0]?.model;
  const status = sh('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src', 'style', 'crates', 'index.html', 'public', 'Cargo.toml', 'Trunk.toml']);
  return {
    nproc: Number(sh('nproc', [])) || cpus().length,
    memory_gib: round(totalmem() / 2 ** 30, 1),
    cpu_model: model,
    chromium: sh(CHROMIUM, ['--version'])?.split('\n').pop(),
    node: process.version,
    kernel: sh('uname', ['-sr']),
    git_commit: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    app_sources_modified: Boolean(status),
    loadavg_start: loadavg().map((x) => round(x, 2)),
    shared: 'two other developers build and test in the same checkout at the same time: timings are noisy',
  };
}

// ------------------------------------------------------------------------------------ bytes
function firstViewFiles() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:href|src)=["']?\/([^"' >]+\.(?:js|wasm|css))/g)].map((m) => m[1]);
  return ['index.html', ...new Set(refs)];
}
const sizes = (buf) => ({
  raw: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
function kind(f) {
  if (f.endsWith('.html')) return 'html';
  if (f.endsWith('.wasm')) return 'wasm';
  if (f.endsWith('.css')) return 'css';
  return 'js';
}
function bytes(floorHtml) {
  const files = firstViewFiles().map((f) => ({ file: f, kind: kind(f), ...sizes(readFileSync(join(DIST, f))) }));
  const sum = (list, k) => list.reduce((s, x) => s + x[k], 0);
  const total = { raw: sum(files, 'raw'), gzip: sum(files, 'gzip'), brotli: sum(files, 'brotli') };
  const byKind = {};
  for (const k of ['html', 'js', 'wasm', 'css']) {
    const l = files.filter((f) => f.kind === k);
    byKind[k] = { raw: sum(l, 'raw'), gzip: sum(l, 'gzip'), brotli: sum(l, 'brotli') };
  }
  // The JSON the first view fetches (not in the total: it is the content, the floor has it too).
  const data = [`api/articles/${SEED}.json`, 'api/most-read.json', `api/articles/${SEED}/comments.json`]
    .filter((f) => existsSync(join(DIST, f)))
    .map((f) => ({ file: f, ...sizes(readFileSync(join(DIST, f))) }));
  const css = files.filter((f) => f.kind === 'css');
  // The article's page as built: its HTML replaces index.html; the code and CSS are the same.
  const pagePath = join(DIST, SEED_PATH.slice(1), 'index.html');
  const page = existsSync(pagePath) ? sizes(readFileSync(pagePath)) : null;
  const prerendered = page && {
    html: page,
    total_brotli: total.brotli - files[0].brotli + page.brotli,
    before_paint_brotli: page.brotli + sum(css, 'brotli'),
  };
  const floor = floorHtml
    ? { html: sizes(Buffer.from(floorHtml)), with_css_brotli: sizes(Buffer.from(floorHtml)).brotli + sum(css, 'brotli') }
    : null;
  return {
    files, by_kind: byKind, total, budget_brotli: 100_000, data, floor, prerendered,
    within_budget: total.brotli <= 100_000 && (!prerendered || prerendered.total_brotli <= 100_000),
  };
}

// ---------------------------------------------------------------------------------- browser
async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROME_ARGS });
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
        b.lcp.push({ t: e.startTime, render: e.renderTime, load: e.loadTime, size: e.size, el: describe(e.element) });
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
  // has taken over a prerendered page.
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
  // prerendered page holds it from the start; the shell once its first stage has drawn it
  // (src/shell.rs), which the app adopts likewise.
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

async function newContext(browser) {
  const context = await browser.newContext({ ...MOBILE, serviceWorkers: SERVICE_WORKERS });
  await context.addInitScript(recordWasmStart);
  await context.addInitScript(probe, READY);
  return context;
}

async function throttledPage(context, throttle = true) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  if (throttle) {
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpu });
    if (SERVICE_WORKERS === 'allow') await throttleWorkers(cdp);
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
    end: r.responseEnd,
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

/** The derived figures of one load. */
function figures(raw, isApp) {
  const lcp = raw.lcp_entries;
  const final = lcp[lcp.length - 1] ?? null;
  // Title and lead painted: for the app shell, the first LCP candidate painted at or after the
  // frame the article entered the DOM (its mark), i.e. the article's text; the mark itself if
  // the article made no LCP candidate. For the floor and a prerendered page: the first LCP
  // candidate, the first paint of the article's text (title, lead and body are in the HTML).
  let titlePaint = null;
  let titleEl = null;
  if (isApp && !raw.prerendered) {
    const hit = raw.mark == null ? null : lcp.find((e) => e.t >= raw.mark);
    titlePaint = hit ? hit.t : raw.mark;
    titleEl = hit?.el ?? null;
  } else {
    titlePaint = lcp[0]?.t ?? raw.fcp;
    titleEl = lcp[0]?.el ?? null;
  }
  const find = (re) => raw.resources.filter((r) => re.test(r.path));
  const endOf = (re) => {
    const l = find(re);
    return l.length ? Math.max(...l.map((r) => r.end)) : null;
  };
  const startOf = (re) => {
    const l = find(re);
    return l.length ? Math.min(...l.map((r) => r.start)) : null;
  };
  return {
    title_paint: titlePaint,
    title_el: titleEl,
    lcp: final?.t ?? null,
    lcp_el: final?.el ?? null,
    fcp: raw.fcp,
    mark: raw.mark,
    html_end: raw.html_end,
    css_end: endOf(/\.css$/),
    js_end: endOf(/news-app-[0-9a-f]+\.js$/),
    boot_end: endOf(/\/boot(-[0-9a-f]{16})?\.js$/),
    wasm_start: startOf(/_bg\.wasm$/),
    wasm_end: endOf(/_bg\.wasm$/),
    json_start: startOf(new RegExp(`/api/articles/${SEED}\\.json$`)),
    json_end: endOf(new RegExp(`/api/articles/${SEED}\\.json$`)),
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
    waterfall: raw.resources.map((r) => `${Math.round(r.start)}–${Math.round(r.end)} ms ${r.transfer} B ${r.path}`),
  };
}

// Loads `url` and, for the app, waits for the probe's word that the article is drawn and,
// on a prerendered page, taken over (until then its links are plain links). The page says
// so on the console: nothing of the harness runs in it meanwhile. Playwright's waitForFunction
// first compiles Playwright's own script (339 KB) in the page's main thread, over 100 ms at
// 4x CPU, which for the shell fell between the load event and the article's paint: the
// harness slowed the page it timed.
async function loadAndMeasure(page, url, isApp) {
  const ready = isApp && page.waitForEvent('console', { predicate: (m) => m.text() === READY, timeout: 120_000 });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  if (ready) await ready;
  await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => {});
  await sleep(200);
  return figures(await page.evaluate(collect), isApp);
}

// The repeat visit is a reader's coming back later: the worker the first visit installed has
// finished its work by then. Without this wait it was at times still fetching the build's
// files or keeping the article when the repeat visit started, and competed with it for the
// machine's two cores (or did not serve it at all).
async function workerSettled(page) {
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

function summarize(runs) {
  const keys = ['title_paint', 'lcp', 'fcp', 'mark', 'takeover', 'html_end', 'css_end', 'boot_end', 'js_end', 'wasm_start', 'wasm_end', 'json_start', 'json_end', 'wasm_started', 'load', 'cls', 'transfer', 'requests'];
  const out = {};
  for (const k of keys) if (runs.some((r) => r[k] != null)) out[k] = stat(runs, (r) => r[k]);
  if (out.cls) out.cls = { median: round(median(runs.map((r) => r.cls)), 3), min: round(Math.min(...runs.map((r) => r.cls)), 3), max: round(Math.max(...runs.map((r) => r.cls)), 3), n: runs.length };
  out.shifted = [...new Set(runs.flatMap((r) => r.shifts.flatMap((x) => x.el)))];
  const els = {};
  for (const r of runs) els[r.lcp_el] = (els[r.lcp_el] || 0) + 1;
  out.lcp_elements = els;
  out.title_elements = [...new Set(runs.map((r) => r.title_el))];
  out.served_by_worker = runs.filter((r) => r.worker).length;
  out.all_titles_painted = runs.every((r) => r.title_ok);
  return out;
}

/** Renders the article once (unthrottled) in the app shell and writes the static floor page
 * from its markup. */
async function writeFloor(browser, cdn) {
  const context = await newContext(browser);
  const page = await throttledPage(context, false);
  await loadAndMeasure(page, cdn.origin + SEED_PATH, true);
  // Wait for the comments and the sidebar too: the floor is the whole page as rendered.
  await page.waitForSelector('aside .na-rank a', { timeout: 30_000 });
  await sleep(500);
  const { markup, article, title, description } = await page.evaluate(() => ({
    markup: document.querySelector('[data-news-app]').outerHTML,
    article: document.querySelector('.news-app article').outerHTML,
    title: document.title,
    description: document.querySelector('meta[name=description]')?.getAttribute('content') ?? '',
  }));
  await context.close();
  const index = readFileSync(join(DIST, 'index.html'), 'utf8');
  const css = [...index.matchAll(/<link[^>]*rel=["']?stylesheet[^>]*>/g)].map((m) => m[0]).join('');
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const page_ = (body) =>
    '<!doctype html><html lang=vi><head><meta charset=utf-8>' +
    '<meta name=viewport content="width=device-width,initial-scale=1">' +
    `<title>${esc(title)}</title><meta name=description content="${esc(description)}">` +
    `<link rel=icon href="data:,">${css}</head><body>` +
    body.split(cdn.origin).join('') +
    '</body></html>';
  const html = page_(markup);
  const articleHtml = page_(
    '<main class="na-page"><div class="news-app" lang="vi"><div class="na-layout"><div class="na-main">' +
      article +
      '</div></div></div></main>',
  );
  const write = (folder, content) => {
    const dir = join(RESULTS, folder, SEED_PATH.slice(1));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), content);
    return join(RESULTS, folder);
  };
  return { html, dir: write('floor', html), articleHtml, articleDir: write('floor-article', articleHtml) };
}

async function coldAndRepeat(browser, cdn, shellCdn) {
  const variants = {
    app: { url: cdn.origin + SEED_PATH, isApp: true, cdn },
    shell: { url: shellCdn.origin + SEED_PATH, isApp: true, cdn: shellCdn },
    floor: { url: cdn.origin + FLOOR_PREFIX + SEED_PATH.slice(1), isApp: false, cdn },
    article_floor: { url: cdn.origin + ARTICLE_FLOOR_PREFIX + SEED_PATH.slice(1), isApp: false, cdn },
  };
  const runs = {};
  const requests = {};
  for (const name of Object.keys(variants)) {
    runs[name] = { cold: [], repeat: [] };
    requests[name] = [];
  }
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so that the other developers' load on the machine falls on all alike.
    for (const [name, v] of Object.entries(variants)) {
      const context = await newContext(browser);
      let page = await throttledPage(context);
      runs[name].cold.push(await loadAndMeasure(page, v.url, v.isApp));
      if (v.isApp && SERVICE_WORKERS === 'allow') await workerSettled(page);
      await page.close();
      v.cdn.resetStats();
      page = await throttledPage(context);
      runs[name].repeat.push(await loadAndMeasure(page, v.url, v.isApp));
      requests[name].push(v.cdn.stats.map((s) => ({ ...s })));
      if (page.errors.length) log('page errors:', page.errors);
      await context.close();
    }
    const t = (name, kind) => round(runs[name][kind][i].title_paint);
    log(`load ${i + 1}/${RUNS}: app ${t('app', 'cold')} / shell ${t('shell', 'cold')} / floor ${t('floor', 'cold')} / article ${t('article_floor', 'cold')} ms cold, ` +
      `${t('app', 'repeat')} / ${t('shell', 'repeat')} / ${t('floor', 'repeat')} / article ${t('article_floor', 'repeat')} ms repeat`);
  }
  // What the server saw during the repeat visits (the last run): 304 for revalidated files,
  // nothing at all for the immutable ones.
  const seen = (list) => {
    const last = (list[list.length - 1] || []).filter(
      (s) => !(s.path.startsWith(FLOOR_PREFIX) || s.path.startsWith(ARTICLE_FLOOR_PREFIX)) || list === requests.floor || list === requests.article_floor,
    );
    return {
      requests: last.map((s) => `${s.status} ${s.path}`),
      status_200: last.filter((s) => s.status === 200).length,
      status_304: last.filter((s) => s.status === 304).length,
      bytes_sent: last.reduce((s, x) => s + x.bytes, 0),
    };
  };
  const out = { repeat_server_view: {}, runs };
  for (const name of Object.keys(variants)) {
    out[name] = { cold: summarize(runs[name].cold), repeat: summarize(runs[name].repeat) };
    out.repeat_server_view[name] = seen(requests[name]);
  }
  const ratio = (a, b) => (a && b ? round(a / b, 2) : null);
  const r = (name, kind, key) => ratio(out[name][kind][key].median, out.floor[kind][key].median);
  const a = (name, kind, key, base = key) => ratio(out[name][kind][key].median, out.article_floor[kind][base].median);
  // Against the article alone (issue «Faster against the strictest floor»).
  out.ratio_article = {
    cold_title_paint: a('app', 'cold', 'title_paint'),
    repeat_title_paint: a('app', 'repeat', 'title_paint'),
    shell_cold_title_paint: a('shell', 'cold', 'title_paint'),
    shell_repeat_title_paint: a('shell', 'repeat', 'title_paint'),
    cold_interactive: a('app', 'cold', 'takeover', 'title_paint'),
  };
  out.ratio = {
    cold_title_paint: r('app', 'cold', 'title_paint'),
    repeat_title_paint: r('app', 'repeat', 'title_paint'),
    cold_lcp: r('app', 'cold', 'lcp'),
    repeat_lcp: r('app', 'repeat', 'lcp'),
    shell_cold_title_paint: r('shell', 'cold', 'title_paint'),
    shell_repeat_title_paint: r('shell', 'repeat', 'title_paint'),
  };
  return out;
}

// ------------------------------------------------------------------------------- traces
// What the main thread does before the article's text is painted: one cold and one repeat
// load of each page with a DevTools trace (the same throttling), its renderer main thread's
// tasks summed by kind from navigation start to the first paint of the article's title.
const TRACE_KINDS = {
  'HTML parse': ['ParseHTML'],
  'style (recalc + sheets)': ['UpdateLayoutTree', 'ParseAuthorStyleSheet'],
  layout: ['Layout'],
  'paint (pre-paint, paint, layers)': ['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit'],
  'script (evaluate + compile)': ['EvaluateScript', 'v8.evaluateModule', 'v8.compile', 'v8.compileModule', 'CompileScript'],
  'wasm compile': ['v8.wasm.compileLazy', 'wasm.CompileLazy', 'v8.wasm.streamFromResponseCallback', 'wasm.SyncCompile', 'v8.wasm.compileConsume', 'wasm.ProcessModuleHeader'],
  'function calls (events, timers, wasm)': ['FunctionCall', 'TimerFire', 'EventDispatch', 'FireAnimationFrame'],
};

async function traceOnce(page, url, isApp) {
  const chunks = [];
  page.cdp.on('Tracing.dataCollected', (e) => chunks.push(...e.value));
  const done = new Promise((ok) => page.cdp.once('Tracing.tracingComplete', ok));
  await page.cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink.user_timing', 'loading', 'toplevel'] },
  });
  const f = await loadAndMeasure(page, url, isApp);
  await page.cdp.send('Tracing.end');
  await done;
  const start = chunks.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame);
  if (!start) return null;
  const main = chunks.filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X' && e.dur != null);
  const from = start.ts;
  const until = from + f.title_paint * 1000;
  const within = main.filter((e) => e.ts >= from && e.ts < until);
  const ms = (list) => round(list.reduce((a, e) => a + Math.min(e.dur, until - e.ts), 0) / 1000, 1);
  const out = { title_paint: round(f.title_paint), busy: ms(within.filter((e) => e.name === 'RunTask')) };
  for (const [kind, names] of Object.entries(TRACE_KINDS)) out[kind] = ms(within.filter((e) => names.includes(e.name)));
  // The longest tasks before the paint, and what they began with.
  out.longest = within
    .filter((e) => e.name === 'RunTask')
    .sort((a, b) => b.dur - a.dur)
    .slice(0, 3)
    .map((t) => {
      const inner = within
        .filter((e) => e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur && !/^(RunTask|ThreadController|BlinkScheduler)/.test(e.name))
        .sort((a, b) => b.dur - a.dur)[0];
      return `${round((t.ts - from) / 1000)} ms: ${round(t.dur / 1000, 1)} ms (${inner?.name ?? '?'})`;
    });
  return out;
}

async function traces(cdn, shellCdn, browser) {
  const variants = {
    app: [cdn.origin + SEED_PATH, true],
    shell: [shellCdn.origin + SEED_PATH, true],
    article_floor: [cdn.origin + ARTICLE_FLOOR_PREFIX + SEED_PATH.slice(1), false],
  };
  const out = {};
  for (const [name, [url, isApp]] of Object.entries(variants)) {
    const context = await newContext(browser);
    let page = await throttledPage(context);
    const cold = await traceOnce(page, url, isApp);
    await page.close();
    page = await throttledPage(context);
    const repeat = await traceOnce(page, url, isApp);
    await context.close();
    out[name] = { cold, repeat };
    log(`trace ${name}: cold ${JSON.stringify(cold)}`);
    log(`trace ${name}: repeat ${JSON.stringify(repeat)}`);
  }
  return out;
}

// ------------------------------------------------------------------------- click to paint
// Resolves, after the next click anywhere, with the click's time, the time the h1 text
// changed, and the time after the following frame (a task queued from that frame's
// requestAnimationFrame runs once the frame is painted).
function armClick() {
  const old = document.querySelector('.news-app h1')?.textContent;
  window.__clicked = new Promise((resolve) => {
    let tClick = null;
    addEventListener('click', (e) => (tClick = e.timeStamp), { capture: true, once: true });
    const mo = new MutationObserver(() => {
      const h = document.querySelector('.news-app h1');
      if (h && h.textContent && h.textContent !== old) {
        mo.disconnect();
        const tDom = performance.now();
        requestAnimationFrame(() => {
          const tRaf = performance.now();
          setTimeout(() => {
            const marks = performance.getEntriesByName('news:article');
            resolve({ tClick, tDom, tRaf, tPaint: performance.now(), mark: marks[marks.length - 1]?.startTime });
          }, 0);
        });
      }
    });
    // The mount element: an adopted page's root is replaced whole at the first navigation.
    mo.observe(document.querySelector('[data-news-app]'), { subtree: true, childList: true, characterData: true });
  });
}

async function clickOnce(browser, cdn, prefetch) {
  const context = await newContext(browser);
  const page = await throttledPage(context);
  await loadAndMeasure(page, cdn.origin + SEED_PATH, true);
  const links = page.locator('aside .na-rank a');
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.pathname));
  const index = hrefs.findIndex((p) => p !== SEED_PATH);
  const link = links.nth(index);
  const slug = hrefs[index].split('/').pop();
  const jsonUrl = `/api/articles/${slug}.json`;
  let prefetched = false;
  if (prefetch) {
    const done = page.waitForEvent('requestfinished', { predicate: (r) => r.url().endsWith(jsonUrl), timeout: 30_000 });
    await link.hover();
    await done;
    prefetched = true;
    await sleep(100);
  }
  let fetchedAfterClick = false;
  page.on('request', (r) => {
    if (r.url().endsWith(jsonUrl)) fetchedAfterClick = true;
  });
  await page.evaluate(armClick);
  await link.evaluate((a) => a.click());
  const t = await page.evaluate(() => window.__clicked);
  await context.close();
  return {
    to: slug,
    prefetched,
    fetched_after_click: fetchedAfterClick,
    click_to_paint: t.tPaint - t.tClick,
    click_to_dom: t.tDom - t.tClick,
    click_to_mark: t.mark != null ? t.mark - t.tClick : null,
  };
}

async function clickToPaint(browser, cdn) {
  const withPrefetch = [];
  const without = [];
  for (let i = 0; i < RUNS; i++) {
    withPrefetch.push(await clickOnce(browser, cdn, true));
    without.push(await clickOnce(browser, cdn, false));
    log(`click ${i + 1}/${RUNS}: ${round(withPrefetch[i].click_to_paint)} ms prefetched, ${round(without[i].click_to_paint)} ms not`);
  }
  const s = (runs) => ({
    click_to_paint: stat(runs, (r) => r.click_to_paint),
    click_to_dom: stat(runs, (r) => r.click_to_dom),
    click_to_mark: stat(runs, (r) => r.click_to_mark),
    json_fetched_after_click: runs.filter((r) => r.fetched_after_click).length,
  });
  return { with_prefetch: s(withPrefetch), without_prefetch: s(without), runs: { withPrefetch, without } };
}

// ---------------------------------------------------------------------------------- memory
async function memory(browser, cdn) {
  const context = await newContext(browser);
  const page = await throttledPage(context, false); // memory does not depend on speed
  await loadAndMeasure(page, cdn.origin + SEED_PATH, true);
  const cdp = page.cdp;
  await cdp.send('Memory.enable').catch(() => {});
  const weigh = async (navs) => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters').catch(() => ({}));
    const wasm = await page.evaluate(() => window.__newsWasm?.memory?.buffer?.byteLength ?? null);
    const history = await page.evaluate(() => history.length);
    return { navigations: navs, js_heap_used: heap.usedSize, js_heap_total: heap.totalSize, wasm_memory: wasm, dom_nodes: dom.nodes ?? null, js_event_listeners: dom.jsEventListeners ?? null, history_length: history };
  };
  const points = [await weigh(0)];
  const hrefs = await page.locator('aside .na-rank a').evaluateAll((as) => [...new Set(as.map((a) => a.pathname))]);
  let k = 0;
  for (let n = 1; n <= 100; n++) {
    const current = await page.evaluate(() => location.pathname);
    let target = hrefs[k++ % hrefs.length];
    if (target === current) target = hrefs[k++ % hrefs.length];
    const old = await page.evaluate(() => document.querySelector('.news-app h1')?.textContent);
    const marks = await page.evaluate(() => performance.getEntriesByName('news:article').length);
    await page.locator(`aside .na-rank a[href$="${target}"]`).first().click();
    await page.waitForFunction(
      ([old, marks]) =>
        document.querySelector('.news-app h1')?.textContent !== old &&
        performance.getEntriesByName('news:article').length > marks,
      [old, marks],
      { polling: 20, timeout: 30_000 },
    );
    if ([1, 10, 50, 100].includes(n)) points.push(await weigh(n));
  }
  const errors = page.errors;
  await context.close();
  const one = points.find((p) => p.navigations === 1);
  const hundred = points.find((p) => p.navigations === 100);
  return {
    points,
    links_cycled: hrefs.length,
    growth: {
      js_heap_used: hundred.js_heap_used - one.js_heap_used,
      wasm_memory: hundred.wasm_memory - one.wasm_memory,
      dom_nodes: hundred.dom_nodes != null ? hundred.dom_nodes - one.dom_nodes : null,
    },
    errors,
  };
}

// ---------------------------------------------------------------------- reference server
function startServer(args) {
  return new Promise((ok, fail) => {
    const child = spawn(SERVER, ['serve', '--addr', '127.0.0.1:0', '--dist', DIST, '--content', join(ROOT, 'public/api'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => fail(new Error('news-server did not start')), 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ child, origin: m[1], stop: () => stop(child) });
      }
    });
    child.stderr.on('data', () => {});
    child.on('exit', (code) => fail(new Error(`news-server exited with ${code}`)));
  });
}
function stop(child) {
  return new Promise((ok) => {
    if (child.exitCode != null) return ok();
    child.once('exit', ok);
    child.kill('SIGTERM');
  });
}

function freshDb(name) {
  const db = join(RESULTS, name);
  for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  return db;
}

/**
 * Runs a command without blocking this process (the benchmark CDN answers from it), in its
 * own process group, which is killed whole on timeout (Lighthouse's Chromium with it).
 */
function run(cmd, args, env, timeoutMs) {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
      fail(new Error(`${cmd}: timed out after ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      code === 0 ? ok() : fail(new Error(`${cmd} exited with ${code}`));
    });
  });
}

/** Lighthouse on the reference server's article page (what the issue asks). */
async function lighthouse() {
  const db = freshDb('lighthouse.db');
  const server = await startServer(['--db', db, '--rate-limit', '0']);
  try {
    return await lighthouseRuns(server.origin + SEED_PATH, 'server', 'reference server (news-server): the build\'s .br/.gz siblings, pages and JSON compressed');
  } finally {
    await server.stop();
  }
}

async function lighthouseRuns(url, name, what) {
  const bin = join(BENCH, 'node_modules/.bin/lighthouse');
  const runs = [];
  {
    for (let i = 0; i < LH_RUNS; i++) {
      const file = join(RESULTS, `lighthouse-${name}-${i + 1}.json`);
      await run(
        bin,
        [
          url,
          `--chrome-flags=--headless=new ${CHROME_ARGS.join(' ')}`,
          '--only-categories=performance,accessibility,best-practices,seo',
          '--output=json',
          `--output-path=${file}`,
          '--quiet',
        ],
        { CHROME_PATH: CHROMIUM },
        180_000,
      );
      const lhr = JSON.parse(readFileSync(file, 'utf8'));
      const score = (c) => (lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100));
      const num = (a) => lhr.audits[a]?.numericValue ?? null;
      const failing = (c) =>
        (lhr.categories[c]?.auditRefs || [])
          .filter((r) => r.weight > 0 && lhr.audits[r.id]?.score != null && lhr.audits[r.id].score < 0.9)
          .map((r) => `${r.id} (${lhr.audits[r.id].displayValue || lhr.audits[r.id].score})`);
      runs.push({
        performance: score('performance'),
        accessibility: score('accessibility'),
        best_practices: score('best-practices'),
        seo: score('seo'),
        fcp: round(num('first-contentful-paint')),
        lcp: round(num('largest-contentful-paint')),
        tbt: round(num('total-blocking-time')),
        cls: round(num('cumulative-layout-shift'), 3),
        speed_index: round(num('speed-index')),
        throttling: lhr.configSettings?.throttlingMethod,
        below_090: {
          performance: failing('performance'),
          accessibility: failing('accessibility'),
          best_practices: failing('best-practices'),
          seo: failing('seo'),
        },
        lighthouse: lhr.lighthouseVersion,
        warnings: lhr.runWarnings,
        // Diagnostics that Lighthouse 12.2.3 cannot compute from this Chromium's trace (no
        // weight in the scores, which come from the metrics).
        errored_audits: Object.entries(lhr.audits).filter(([, a]) => a.scoreDisplayMode === 'error').map(([id]) => id),
        report: file,
      });
      log(`lighthouse ${name} ${i + 1}/${LH_RUNS}: ${runs[i].performance}/${runs[i].accessibility}/${runs[i].best_practices}/${runs[i].seo}`);
    }
  }
  const med = (k) => median(runs.map((r) => r[k]));
  return {
    url_path: SEED_PATH,
    server: what,
    runs: runs.length,
    performance: med('performance'),
    accessibility: med('accessibility'),
    best_practices: med('best_practices'),
    seo: med('seo'),
    fcp: med('fcp'),
    lcp: med('lcp'),
    tbt: med('tbt'),
    cls: med('cls'),
    details: runs,
  };
}

const LOAD_TOOL = arg('load-tool', sh('sh', ['-c', 'command -v wrk']) ? 'wrk' : 'node');

async function hammer(url, post, idsFile) {
  let r;
  if (LOAD_TOOL === 'wrk') {
    const env = { ...process.env, WRK_IDS: idsFile };
    if (post) env.WRK_POST = '1';
    else delete env.WRK_POST;
    const out = execFileSync('wrk', ['-t2', '-c32', '-d10s', '--timeout', '10s', '-s', join(BENCH, 'wrk.lua'), url], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const line = out.split('\n').find((l) => l.startsWith('WRK_JSON '));
    r = JSON.parse(line.slice('WRK_JSON '.length));
  } else {
    const { json, ids } = await nodeLoad({ url, post, connections: 32, seconds: 10 });
    writeFileSync(idsFile, ids.map((id) => id + '\n').join(''));
    r = json;
  }
  const statuses = r.statuses;
  const sum = (pred) => Object.entries(statuses).filter(([s]) => pred(Number(s))).reduce((a, [, n]) => a + n, 0);
  return {
    requests: r.requests,
    seconds: round(r.duration_us / 1e6, 2),
    rps: round(r.requests / (r.duration_us / 1e6)),
    latency_ms: {
      p50: round(r.latency_us.p50 / 1000, 2),
      p90: round(r.latency_us.p90 / 1000, 2),
      p99: round(r.latency_us.p99 / 1000, 2),
      max: round(r.latency_us.max / 1000, 2),
    },
    statuses,
    non_2xx: sum((s) => s < 200 || s > 299),
    status_5xx: sum((s) => s >= 500),
    socket_errors: r.errors,
    acked: r.acked,
  };
}

async function serverLoad() {
  const db = freshDb('load.db');
  const idsFile = join(RESULTS, 'load-acked-ids.txt');
  const server = await startServer(['--db', db, '--rate-limit', '0']);
  let get, post;
  try {
    log('server load: GET article JSON, 10 s');
    get = await hammer(`${server.origin}/api/articles/${SEED}.json`, false, join(RESULTS, 'load-get-ids.txt'));
    log('server load: POST comment, 10 s');
    post = await hammer(`${server.origin}/api/articles/${SEED}/comments`, true, idsFile);
  } finally {
    await server.stop();
  }
  // After the server has stopped: every comment answered 201 must be in the database.
  const pending = execFileSync(SERVER, ['pending', '--db', db], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const stored = new Set(pending.split('\n').filter(Boolean).map((l) => l.split('\t')[0]));
  const acked = readFileSync(idsFile, 'utf8').split('\n').filter(Boolean);
  const missing = acked.filter((id) => !stored.has(id));
  post.db_check = {
    acknowledged_201: acked.length,
    in_database: stored.size,
    acknowledged_missing: missing.length,
    // Requests under way when wrk stopped at 10 s: stored and answered, but the answer was
    // not read. At most one per connection.
    stored_unacknowledged: stored.size - (acked.length - missing.length),
    ok: missing.length === 0,
  };
  return {
    tool: LOAD_TOOL === 'wrk' ? sh('sh', ['-c', 'wrk --version 2>&1 | head -n 1']) : 'bench/load.mjs (Node, keep-alive; wrk not installed)',
    threads: LOAD_TOOL === 'wrk' ? 2 : 1,
    connections: 32,
    seconds: 10,
    note: 'wrk and the server share the 2 cores (and the machine with two other developers)',
    get_article: get,
    post_comment: post,
  };
}

// ------------------------------------------------------------------------------------ table
function table(r) {
  const L = [];
  const pad = (s, n) => String(s ?? '–').padEnd(n);
  const lpad = (s, n) => String(s ?? '–').padStart(n);
  const ms = (s) => (s?.median == null ? '–' : `${Math.round(s.median)} ms`);
  const range = (s) => (s?.median == null ? '' : `(${Math.round(s.min)}–${Math.round(s.max)})`);
  const m = r.machine;
  L.push(`News app benchmark — ${r.started}`);
  L.push(`machine: ${m.nproc} cores ${m.cpu_model}, ${m.memory_gib} GiB, ${m.chromium}, node ${m.node}; load avg ${m.loadavg_start.join(' ')} → ${m.loadavg_end?.join(' ')} (shared machine: noisy); service workers: ${SERVICE_WORKERS}`);
  if (r.bytes) {
    const b = r.bytes;
    L.push('', 'First view bytes (raw / gzip -9 / brotli 11)');
    for (const f of b.files) L.push(`  ${pad(f.file, 40)}${lpad(f.raw, 9)}${lpad(f.gzip, 9)}${lpad(f.brotli, 9)}`);
    for (const k of ['html', 'js', 'wasm', 'css']) {
      const x = b.by_kind[k];
      L.push(`  ${pad(`  all ${k}`, 40)}${lpad(x.raw, 9)}${lpad(x.gzip, 9)}${lpad(x.brotli, 9)}`);
    }
    L.push(`  ${pad('TOTAL', 40)}${lpad(b.total.raw, 9)}${lpad(b.total.gzip, 9)}${lpad(b.total.brotli, 9)}   budget 100000 br: ${b.within_budget ? 'met' : 'NOT met'}`);
    for (const f of b.data) L.push(`  ${pad('(data) ' + f.file.replace(SEED, '<seed>'), 40)}${lpad(f.raw, 9)}${lpad(f.gzip, 9)}${lpad(f.brotli, 9)}`);
    if (b.floor) L.push(`  ${pad('(floor page HTML)', 40)}${lpad(b.floor.html.raw, 9)}${lpad(b.floor.html.gzip, 9)}${lpad(b.floor.html.brotli, 9)}`);
    const p = b.prerendered;
    if (p) {
      L.push(`  ${pad('(prerendered article page HTML)', 40)}${lpad(p.html.raw, 9)}${lpad(p.html.gzip, 9)}${lpad(p.html.brotli, 9)}`);
      L.push(`  prerendered article page: ${p.total_brotli} B brotli with the app's code (instead of index.html); ${p.before_paint_brotli} B (HTML + CSS) before its article shows`);
    }
  }
  if (r.loads) {
    const c = r.loads;
    L.push('', `Page loads, median of ${RUNS} (min–max), mobile throttling via CDP (150 ms, 1.6/0.75 Mbps, CPU 4x), 412x823`);
    L.push('  app = the article page as built (prerendered, then taken over by the app); shell = the app shell alone');
    L.push('  (an article the build did not prerender: the wasm renders it); floor = static HTML, same CSS, no script');
    for (const kind of ['cold', 'repeat']) {
      L.push(`  ${pad(kind === 'cold' ? 'COLD' : 'REPEAT (hashed files cached)', 30)}${pad('app', 22)}${pad('shell', 22)}${pad('floor', 22)}${pad('article alone', 22)}`);
      const row = (label, k) =>
        L.push(`  ${pad(label, 30)}` + ['app', 'shell', 'floor', 'article_floor'].map((v) => pad(`${ms(c[v][kind][k])} ${range(c[v][kind][k])}`, 22)).join(''));
      row('title + lead painted', 'title_paint');
      row('LCP (final)', 'lcp');
      row('FCP', 'fcp');
      row('mark news:article (app drew)', 'mark');
      row('app took over the page', 'takeover');
      row('HTML response end', 'html_end');
      row('CSS response end', 'css_end');
      row('boot.js response end', 'boot_end');
      row('JS glue response end', 'js_end');
      row('wasm request start', 'wasm_start');
      row('wasm response end', 'wasm_end');
      row('article JSON request start', 'json_start');
      row('article JSON response end', 'json_end');
      row('wasm started (boot.js)', 'wasm_started');
    }
    L.push(`  ratio app/floor, title paint: cold ${c.ratio.cold_title_paint}x (target ≤ 2.5x), repeat ${c.ratio.repeat_title_paint}x (target ≤ 1.3x); LCP: cold ${c.ratio.cold_lcp}x, repeat ${c.ratio.repeat_lcp}x`);
    L.push(`  ratio shell/floor, title paint: cold ${c.ratio.shell_cold_title_paint}x, repeat ${c.ratio.shell_repeat_title_paint}x (an article that is not prerendered)`);
    const ra = c.ratio_article;
    L.push(`  against the article alone: app cold ${ra.cold_title_paint}x (target ≤ 1.15x), repeat ${ra.repeat_title_paint}x (≤ 1.1x); shell cold ${ra.shell_cold_title_paint}x (≤ 2.0x), repeat ${ra.shell_repeat_title_paint}x (≤ 1.3x); app interactive (took over), cold ${ra.cold_interactive}x the article's paint (≤ 2.2x)`);
    const cls = (x) => `${x.cls?.median} (${x.cls?.min}–${x.cls?.max})`;
    L.push(`  CLS (own observer): app cold ${cls(c.app.cold)}, app repeat ${cls(c.app.repeat)}, shell cold ${cls(c.shell.cold)}, floor cold ${cls(c.floor.cold)}; shifted: ${[...c.app.cold.shifted, ...c.shell.cold.shifted].join(' ')}`);
    L.push(`  LCP element: app ${JSON.stringify(c.app.cold.lcp_elements)}, shell ${JSON.stringify(c.shell.cold.lcp_elements)}, floor ${JSON.stringify(c.floor.cold.lcp_elements)}`);
    for (const v of ['app', 'shell']) {
      const rv = c.repeat_server_view[v];
      L.push(`  repeat visit, ${v}: ${c[v].repeat.served_by_worker}/${c[v].repeat.title_paint?.n} served by the service worker; ${rv.status_304} × 304, ${rv.status_200} × 200, ${rv.bytes_sent} B sent: ${rv.requests.join(', ')}`);
    }
  }
  if (r.click) {
    const k = r.click;
    L.push('', `Click on a most-read link → new title painted (throttled), median of ${RUNS} (min–max)`);
    L.push(`  with prefetch (hovered, JSON arrived): ${ms(k.with_prefetch.click_to_paint)} ${range(k.with_prefetch.click_to_paint)}; JSON fetched after click in ${k.with_prefetch.json_fetched_after_click}/${RUNS}`);
    L.push(`  without prefetch (click only):         ${ms(k.without_prefetch.click_to_paint)} ${range(k.without_prefetch.click_to_paint)}; JSON fetched after click in ${k.without_prefetch.json_fetched_after_click}/${RUNS}`);
  }
  if (r.memory) {
    const mm = r.memory;
    L.push('', 'Memory after in-app navigations (after GC; unthrottled)');
    L.push(`  ${pad('navigations', 14)}${lpad('JS heap used', 14)}${lpad('wasm memory', 14)}${lpad('DOM nodes', 11)}${lpad('listeners', 11)}`);
    for (const p of mm.points) L.push(`  ${pad(p.navigations, 14)}${lpad(p.js_heap_used, 14)}${lpad(p.wasm_memory, 14)}${lpad(p.dom_nodes, 11)}${lpad(p.js_event_listeners, 11)}`);
    L.push(`  growth from 1 to 100: JS heap ${mm.growth.js_heap_used} B, wasm ${mm.growth.wasm_memory} B, DOM nodes ${mm.growth.dom_nodes} (${mm.links_cycled} most-read links in turn)`);
  }
  for (const h of [r.lighthouse, r.lighthouse_cdn].filter(Boolean)) {
    L.push('', `Lighthouse ${h.details[0]?.lighthouse} (${h.details[0]?.throttling} throttling, mobile), article page on the ${h.server}; median of ${h.runs}`);
    L.push(`  performance ${h.performance}, accessibility ${h.accessibility}, best practices ${h.best_practices}, SEO ${h.seo}; FCP ${h.fcp} ms, LCP ${h.lcp} ms, TBT ${h.tbt} ms, CLS ${h.cls}`);
    const below = Object.entries(h.details[0]?.below_090 || {}).filter(([, l]) => l.length).map(([c, l]) => `${c}: ${l.join(', ')}`);
    if (below.length) L.push(`  audits under 0.9 (first run): ${below.join('; ')}`);
  }
  if (r.load) {
    const s = r.load;
    L.push('', `Reference server under ${LOAD_TOOL} (${s.threads} threads, ${s.connections} connections, ${s.seconds} s each, loopback)`);
    for (const [label, x] of [['GET article JSON', s.get_article], ['POST comment', s.post_comment]]) {
      L.push(`  ${pad(label, 18)} ${lpad(x.rps, 7)} req/s  p50 ${x.latency_ms.p50} ms  p90 ${x.latency_ms.p90} ms  p99 ${x.latency_ms.p99} ms  non-2xx ${x.non_2xx}  5xx ${x.status_5xx}  statuses ${JSON.stringify(x.statuses)}`);
    }
    const d = s.post_comment.db_check;
    L.push(`  database: ${d.acknowledged_201} acknowledged (201), ${d.in_database} stored, ${d.acknowledged_missing} acknowledged but missing (${d.ok ? 'ok' : 'FAIL'}), ${d.stored_unacknowledged} stored with the answer unread when the load stopped`);
  }
  if (r.targets) {
    L.push('', 'Targets');
    for (const t of r.targets) L.push(`  ${t.met ? 'met    ' : 'NOT met'} ${t.name}: ${t.value} (target ${t.target})`);
  }
  return L.join('\n');
}

// --------------------------------------------------------------------------- results.md
// bench/results.md: this run's table and how it was measured. Everything from the heading
// «## Other benchmarks» on (figures of bench/attacks.mjs, bench/database.mjs and
// scripts/archive-bench.sh, copied there by hand) is kept as it is.
const RESULTS_MD = join(BENCH, 'results.md');
const OTHERS = '\n## Other benchmarks';
function resultsMarkdown(r, text) {
  const m = r.machine;
  const old = existsSync(RESULTS_MD) ? readFileSync(RESULTS_MD, 'utf8') : '';
  const others = old.includes(OTHERS) ? old.slice(old.indexOf(OTHERS)) : '';
  const skipped = [...SKIP].join(',') || 'none';
  return `# Benchmark results

Written by \`bench/run.mjs\` (run by \`bash scripts/bench.sh\`) at the end of its latest run;
each run replaces this part. Earlier figures: \`git log -p bench/results.md\`.

## The latest run: ${r.started}

Method:
- machine: ${m.nproc} cores (${m.cpu_model}), ${m.memory_gib} GiB, ${m.kernel}; ${m.chromium}; Node ${m.node};
  load average ${m.loadavg_start.join(' ')} at the start, ${m.loadavg_end?.join(' ')} at the end
  (the machine is shared: timings are noisy, compare medians of one run);
- build: commit \`${m.git_commit}\`${m.app_sources_modified ? ' with uncommitted changes to the app' : ''}, prerendered;
  parts skipped: ${skipped}; service workers: ${SERVICE_WORKERS}; ${RUNS} loads of each page,
  interleaved, median (min–max);
- the pages are served by \`bench/cdn-server.mjs\` as a CDN would (brotli 11 precompressed,
  strong ETags with 304, hashed files \`immutable\`, the rest \`no-cache\`, HTTP/1.1 on loopback);
- each load in headless Chromium, a new browser context, 412×823, Lighthouse's mobile
  throttling through the DevTools protocol: 150 ms latency, 1.6 Mbps down, 750 kbps up, CPU 4×
  slower (the service worker gets the page's network conditions, not its CPU);
- the pages: **app** (the article's page as built: prerendered, then adopted by the app),
  **shell** (the same URL answered with \`index.html\`, as for an article the build did not
  prerender), and two floors without script and with the same stylesheet: **floor** (the whole
  layout as the app rendered it) and **article alone** (the article's own element only);
- rows: *title + lead painted* is the first largest-contentful-paint candidate (for the shell,
  the first at or after its \`news:article\` mark); *app took over* is \`data-news-ready\`
  (the form and in-app links work); a *repeat visit* is a second load in the same context
  (with the worker allowed, once the first visit's worker has kept the page);
- targets against the article alone: app cold ≤ 1.15×, repeat ≤ 1.1×; shell cold ≤ 2.0×,
  repeat ≤ 1.3×; app interactive ≤ 2.2× the article's paint; CLS 0; the first view ≤ 100 KB
  brotli.

\`\`\`text
${text}
\`\`\`
${others}`;
}

// ------------------------------------------------------------------------------------- main
mkdirSync(RESULTS, { recursive: true });
const t0 = Date.now();
results.machine = machine();
results.settings = { runs: RUNS, throttle: { latency_ms: 150, download_bps: 1.6e6, upload_bps: 750e3, cpu_slowdown: 4, via: 'CDP Network.emulateNetworkConditions (the page and its service worker) + Emulation.setCPUThrottlingRate (the page)' }, viewport: MOBILE, dist: DIST, seed: SEED_PATH, http: 'HTTP/1.1 on loopback, brotli 11 precompressed, ETag + 304' };
if (!existsSync(join(DIST, 'index.html'))) throw new Error(`no build in ${DIST}`);

const browser = await launch();
results.machine.chromium_playwright = browser.version();
results.machine.service_workers = SERVICE_WORKERS;
const cdn = await startCdn({ dir: DIST });
const shellCdn = await startCdn({ dir: DIST, shellOnly: true });
try {
  log(`serving ${DIST} at ${cdn.origin} (and without the prerendered pages at ${shellCdn.origin})`);
  const floor = await writeFloor(browser, shellCdn);
  cdn.addMount(floor.dir, FLOOR_PREFIX);
  cdn.addMount(floor.articleDir, ARTICLE_FLOOR_PREFIX);
  results.floor = { markup: 'the whole rendered layout (article, comments, most-read sidebar) of the app shell, taken from the DOM after it rendered; same stylesheet links; no script', file: join(floor.dir, SEED_PATH.slice(1), 'index.html') };
  if (!SKIP.has('bytes')) results.bytes = bytes(floor.html);
  if (!SKIP.has('cold')) results.loads = await coldAndRepeat(browser, cdn, shellCdn);
  if (!SKIP.has('trace')) results.traces = await traces(cdn, shellCdn, browser);
  if (!SKIP.has('click')) results.click = await clickToPaint(browser, cdn);
  if (!SKIP.has('memory')) {
    log('memory: 100 in-app navigations');
    results.memory = await memory(browser, cdn);
  }
  await browser.close();
  if (!SKIP.has('lighthouse')) {
    log('lighthouse: the benchmark CDN (brotli, ETag)');
    results.lighthouse_cdn = await lighthouseRuns(cdn.origin + SEED_PATH, 'cdn', 'benchmark CDN (bench/cdn-server.mjs): brotli, ETag');
  }
} finally {
  await browser.close();
  await cdn.close();
  await shellCdn.close();
}
if (!SKIP.has('lighthouse')) {
  log('lighthouse: the reference server');
  results.lighthouse = await lighthouse();
}
if (!SKIP.has('load')) results.load = await serverLoad();

results.machine.loadavg_end = loadavg().map((x) => round(x, 2));
results.seconds = round((Date.now() - t0) / 1000);
const targets = [];
if (results.bytes) targets.push({ name: 'first view ≤ 100 KB brotli (shell; prerendered page)', value: `${results.bytes.total.brotli} B; ${results.bytes.prerendered?.total_brotli} B`, target: '100000 B', met: results.bytes.within_budget });
if (results.loads) {
  const r = results.loads.ratio;
  targets.push({ name: 'cold title paint ≤ 2.5x the static floor', value: `${r.cold_title_paint}x`, target: '2.5x', met: r.cold_title_paint != null && r.cold_title_paint <= 2.5 });
  targets.push({ name: 'repeat-visit title paint ≤ 1.3x the floor', value: `${r.repeat_title_paint}x`, target: '1.3x', met: r.repeat_title_paint != null && r.repeat_title_paint <= 1.3 });
  // Not targets: the same for an article the build did not prerender (the app shell).
  targets.push({ name: '(shell only) cold title paint ≤ 2.5x the floor', value: `${r.shell_cold_title_paint}x`, target: '2.5x', met: r.shell_cold_title_paint != null && r.shell_cold_title_paint <= 2.5 });
  targets.push({ name: '(shell only) repeat title paint ≤ 1.3x the floor', value: `${r.shell_repeat_title_paint}x`, target: '1.3x', met: r.shell_repeat_title_paint != null && r.shell_repeat_title_paint <= 1.3 });
}
if (results.load) {
  targets.push({ name: 'server: zero 5xx under load', value: results.load.get_article.status_5xx + results.load.post_comment.status_5xx, target: 0, met: results.load.get_article.status_5xx + results.load.post_comment.status_5xx === 0 });
  targets.push({ name: 'server: every acknowledged comment stored', value: `${results.load.post_comment.db_check.acknowledged_missing} missing`, target: '0 missing', met: results.load.post_comment.db_check.ok });
}
results.targets = targets;
writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');
writeFileSync(OUT.replace(/\.json$/, '.txt'), table(results) + '\n');
writeFileSync(RESULTS_MD, resultsMarkdown(results, table(results)));
console.log(table(results));
console.log(`\nsaved ${OUT} and ${RESULTS_MD} (${results.seconds} s)`);
// The server's correctness under load is a failure, not a figure.
if (results.load && targets.some((t) => t.name.startsWith('server:') && !t.met)) process.exitCode = 1;
