// The benchmark of the news app (run by scripts/bench.sh, which builds first; not part of
// the tests). Prints a table and writes bench/results/latest.json, and bench/results.md: the
// table with its method, the one place the docs take figures from.
//
//   node bench/run.mjs [--dist DIR] [--server BIN] [--runs 7] [--out FILE]
//                      [--skip bytes,cold,trace,click,memory,lighthouse,load,search,soak,video,live] [--lighthouse-runs 1]
//                      [--service-workers both|allow|block] [--search-seconds 5] [--soak-minutes 10]
//                      [--http 2|1.1]   (the CDN's protocol: HTTP/2 over TLS by default)
//
// 1. bytes of the first view (index.html, boot.js, JS glue, wasm, CSS): raw, gzip -9, brotli 11;
// 2. page loads in headless Chromium under Lighthouse's mobile throttling (bench/pages.mjs):
//    the prerendered article page, the app shell, the app embedded in a portal page on another
//    origin with and without the article's included fragment, and two static floors; cold and
//    repeat, with the service worker allowed (page kept, not kept) and blocked; then the same
//    visits with a DevTools trace (bench/traces.mjs);
// 3. click on a most-read link → new title painted, with and without hover prefetch;
// 4. JS heap and wasm memory after 1 and after 100 in-app navigations;
// 5. Lighthouse 12.2.3 on the article page served by the reference server;
// 6. the reference server under wrk: GET article JSON, POST comment, then every acknowledged
//    comment looked up in the database;
// 7. search (bench/search.mjs): the reference server's index on the 100,000-article archive
//    (build time, memory, a new article found), search.json's latency at 1 and 32 clients.
//    Its figures have their own section in bench/results.md, kept when the step is skipped;
//    a run of this step alone (every other one skipped) keeps the latest run's section;
// 8. the soak (bench/soak.mjs): two release servers on one PostgreSQL under a fixed rate of
//    mixed reads and writes for 10 minutes (`--soak-minutes N`): RSS at the start and end,
//    p50/p99 per minute, answers by status. Its own section of bench/results.md, as search's.
// 9. live coverage (bench/live.mjs, issue 28): a live article with 500 entries, its first
//    paint against its article-alone floor, and the bytes on the wire of a poll answered 304.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launch, loadAndMeasure, newContext, throttledPage } from './browser.mjs';
import { liveBench, liveTable } from './live.mjs';
import { CERT_ARGS, startCdn } from './cdn-server.mjs';
import {
  ARTICLE_FLOOR_PREFIX, BENCH, DIST, FLOOR_PREFIX, LH_RUNS, MOBILE, OUT, RESULTS, ROOT, RUNS, SEED, SEED_PATH,
  HTTP, SERVER, SERVICE_WORKERS, SKIP, arg, log, sleep,
} from './config.mjs';
import { writeFloor } from './floors.mjs';
import { nodeLoad } from './load.mjs';
import { LOADS_METHOD, loadTargets, loadsTable, pageLoads, pagesOf } from './pages.mjs';
import { startPortal } from './portal.mjs';
import { SEARCH_METHOD, searchBench, searchTable, searchTargets } from './search.mjs';
import { SOAK_METHOD, soakBench, soakTable, soakTargets } from './soak.mjs';
import { median, round, stat } from './stats.mjs';
import { traces, tracesTable } from './traces.mjs';
import { videoBench, videoTable } from './video.mjs';
import { CHROME_ARGS, CHROMIUM } from '../tests/chromium.mjs';

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
  await loadAndMeasure(page, cdn.origin + SEED_PATH, { isApp: true });
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
  await loadAndMeasure(page, cdn.origin + SEED_PATH, { isApp: true });
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
          `--chrome-flags=--headless=new ${[...CHROME_ARGS, ...CERT_ARGS].join(' ')}`,
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
  if (r.loads) L.push('', ...loadsTable(r.loads));
  if (r.traces) L.push(...tracesTable(r.traces, r.pages));
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
  if (r.search) L.push(...searchTable(r.search));
  if (r.soak) L.push('', ...soakTable(r.soak));
  if (r.targets?.length) L.push('', 'Targets', ...targetLines(r.targets));
  return L.join('\n');
}

// `shown`: a figure held against a target that is not one (yet).
const targetLines = (targets) =>
  targets.map((t) => `  ${t.shown ? 'shown  ' : t.met ? 'met    ' : 'NOT met'} ${t.name}: ${t.value} (${t.shown ? 'not a target' : 'target'} ${t.target})`);
const isSearchTarget = (t) => t.name.startsWith('search:');
const isSoakTarget = (t) => t.name.startsWith('soak:');

// --------------------------------------------------------------------------- results.md
// bench/results.md: this run's table and how it was measured; then the search step's section
// (bench/search.mjs) and the soak's (bench/soak.mjs), each replaced only by a run that
// measured it; then everything from the
// heading «## Other benchmarks» on (figures of bench/attacks.mjs, bench/database.mjs and
// scripts/archive-bench.sh, copied there by hand), kept as it is. A run of the search step
// alone keeps the latest run's section too.
const RESULTS_MD = join(BENCH, 'results.md');
const LATEST = '\n## The latest run';
const SEARCH = '\n## Search';
const SOAK = '\n## Soak';
const OTHERS = '\n## Other benchmarks';
// The steps of the latest run's section (all but search).
const RUN_STEPS = ['bytes', 'cold', 'trace', 'click', 'memory', 'lighthouse', 'load'];
/** The part of `text` from the heading `from` to the next of `to` (or its end); '' without it. */
function section(text, from, to) {
  const i = text.indexOf(from);
  if (i < 0) return '';
  const ends = to.map((h) => text.indexOf(h, i + from.length)).filter((j) => j >= 0);
  return text.slice(i, ends.length ? Math.min(...ends) : text.length);
}
function resultsMarkdown(r, text) {
  const old = existsSync(RESULTS_MD) ? readFileSync(RESULTS_MD, 'utf8') : '';
  const others = old.includes(OTHERS) ? old.slice(old.indexOf(OTHERS)) : '';
  const latest = RUN_STEPS.every((s) => SKIP.has(s)) && old.includes(LATEST) ? section(old, LATEST, [SEARCH, SOAK, OTHERS]) : latestMarkdown(r, text);
  const search = r.search ? searchMarkdown(r) : section(old, SEARCH, [SOAK, OTHERS]);
  const soak = r.soak ? soakMarkdown(r) : section(old, SOAK, [OTHERS]);
  return `# Benchmark results

Written by \`bench/run.mjs\` (run by \`bash scripts/bench.sh\`) at the end of its latest run;
each run replaces this part. Earlier figures: \`git log -p bench/results.md\`.
${latest}${search}${soak}${others}`;
}
function soakMarkdown(r) {
  return `
## Soak: ${r.started}

Written by the soak step of \`bench/run.mjs\` (\`bench/soak.mjs\`), replaced only by a run that
measures it (\`--skip soak\` keeps it). Method:
${SOAK_METHOD}

\`\`\`text
${[...soakTable(r.soak), '', 'Targets', ...targetLines(r.targets.filter(isSoakTarget))].join('\n')}
\`\`\`
`;
}
function searchMarkdown(r) {
  return `
## Search (issue 26): ${r.started}

Written by the search step of \`bench/run.mjs\` (\`bench/search.mjs\`), replaced only by a run
that measures it (\`--skip search\` keeps it). Method:
${SEARCH_METHOD}

\`\`\`text
${[...searchTable(r.search).slice(1), '', 'Targets', ...targetLines(r.targets.filter(isSearchTarget))].join('\n')}
\`\`\`
`;
}
function latestMarkdown(r, text) {
  const m = r.machine;
  const skipped = [...SKIP].join(',') || 'none';
  return `
## The latest run: ${r.started}

Method:
- machine: ${m.nproc} cores (${m.cpu_model}), ${m.memory_gib} GiB, ${m.kernel}; ${m.chromium}; Node ${m.node};
  load average ${m.loadavg_start.join(' ')} at the start, ${m.loadavg_end?.join(' ')} at the end
  (the machine is shared: timings are noisy, compare medians of one run);
- build: commit \`${m.git_commit}\`${m.app_sources_modified ? ' with uncommitted changes to the app' : ''}, prerendered;
  parts skipped: ${skipped}; service workers: ${SERVICE_WORKERS}; ${RUNS} rounds, each a
  load of every page in every condition, interleaved; the article's fragment: ${r.loads?.fragment ?? '–'};
- the pages are served by \`bench/cdn-server.mjs\` as a CDN would (brotli 11 precompressed,
  strong ETags with 304, hashed files \`immutable\`, the rest \`no-cache\`, CORS open to every
  origin, ${HTTP === '2' ? 'HTTP/2 over TLS' : 'HTTP/1.1'} on loopback: \`--http\`);
- each reader's visits in headless Chromium, a new browser context, 412×823, Lighthouse's mobile
  throttling through the DevTools protocol: 150 ms latency, 1.6 Mbps down, 750 kbps up, CPU 4×
  slower (the service worker gets the page's network conditions, not its CPU);
${LOADS_METHOD}

\`\`\`text
${text}
\`\`\`
`;
}

// ------------------------------------------------------------------------------------- main
mkdirSync(RESULTS, { recursive: true });
const t0 = Date.now();
results.machine = machine();
results.settings = { runs: RUNS, throttle: { latency_ms: 150, download_bps: 1.6e6, upload_bps: 750e3, cpu_slowdown: 4, via: 'CDP Network.emulateNetworkConditions (the page and its service worker) + Emulation.setCPUThrottlingRate (the page)' }, viewport: MOBILE, dist: DIST, seed: SEED_PATH, http: `${HTTP === '2' ? 'HTTP/2 over TLS' : 'HTTP/1.1'} on loopback, brotli 11 precompressed, ETag + 304` };
// The steps in the browser (and Lighthouse's), on the build in DIST.
const BROWSER_STEPS = ['bytes', 'cold', 'trace', 'click', 'memory', 'lighthouse', 'video'];
if (RUN_STEPS.some((s) => !SKIP.has(s)) && !existsSync(join(DIST, 'index.html'))) throw new Error(`no build in ${DIST}`);

if (BROWSER_STEPS.some((s) => !SKIP.has(s))) {
  const browser = await launch();
  results.machine.chromium_playwright = browser.version();
  results.machine.service_workers = SERVICE_WORKERS;
  const cdn = await startCdn({ dir: DIST });
  const shellCdn = await startCdn({ dir: DIST, shellOnly: true });
  const portal = await startPortal(cdn, shellCdn);
  try {
    log(`serving ${DIST} at ${cdn.origin} (and without the prerendered pages at ${shellCdn.origin})`);
    const floor = await writeFloor(browser, shellCdn);
    cdn.addMount(floor.dir, FLOOR_PREFIX);
    cdn.addMount(floor.articleDir, ARTICLE_FLOOR_PREFIX);
    results.floor = { markup: 'the whole rendered layout (article, comments, most-read sidebar) of the app shell, taken from the DOM after it rendered; same stylesheet links; no script', file: join(floor.dir, SEED_PATH.slice(1), 'index.html') };
    if (!SKIP.has('bytes')) results.bytes = bytes(floor.html);
    const pages = pagesOf(cdn, shellCdn, portal);
    results.pages = pages.map(({ cdn: _, ...p }) => p);
    if (!SKIP.has('cold')) results.loads = { fragment: portal.fragment, ...(await pageLoads(browser, pages)) };
    // The floor is the whole layout: the article alone is the one the traces compare with.
    if (!SKIP.has('trace')) results.traces = await traces(browser, pages.filter((p) => p.name !== 'floor'));
    if (!SKIP.has('click')) results.click = await clickToPaint(browser, cdn);
    if (!SKIP.has('memory')) {
      log('memory: 100 in-app navigations');
      results.memory = await memory(browser, cdn);
    }
    // Issue 28: the video article's bytes before play and its first frame (bench/video.mjs).
    if (!SKIP.has('video')) {
      results.video = await videoBench(browser, cdn);
      log(videoTable(results.video));
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
    await portal.close();
  }
}
if (!SKIP.has('lighthouse')) {
  log('lighthouse: the reference server');
  results.lighthouse = await lighthouse();
}
if (!SKIP.has('load')) results.load = await serverLoad();
if (!SKIP.has('search')) {
  log('search: the reference server\'s index on the archive (bench/search.mjs)');
  results.search = await searchBench();
}
if (!SKIP.has('soak')) {
  log('soak: two servers on one PostgreSQL at a fixed rate (bench/soak.mjs)');
  results.soak = await soakBench();
}
if (!SKIP.has('live')) {
  log('live: a live article with 500 entries (bench/live.mjs)');
  results.live = await liveBench();
  console.log(liveTable(results.live));
}

results.machine.loadavg_end = loadavg().map((x) => round(x, 2));
results.seconds = round((Date.now() - t0) / 1000);
const targets = [];
if (results.bytes) targets.push({ name: 'first view ≤ 100 KB brotli (shell; prerendered page)', value: `${results.bytes.total.brotli} B; ${results.bytes.prerendered?.total_brotli} B`, target: '100000 B', met: results.bytes.within_budget });
if (results.loads) targets.push(...loadTargets(results.loads));
if (results.load) {
  targets.push({ name: 'server: zero 5xx under load', value: results.load.get_article.status_5xx + results.load.post_comment.status_5xx, target: 0, met: results.load.get_article.status_5xx + results.load.post_comment.status_5xx === 0 });
  targets.push({ name: 'server: every acknowledged comment stored', value: `${results.load.post_comment.db_check.acknowledged_missing} missing`, target: '0 missing', met: results.load.post_comment.db_check.ok });
}
if (results.search) targets.push(...searchTargets(results.search));
if (results.soak) targets.push(...soakTargets(results.soak));
results.targets = targets;
writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');
writeFileSync(OUT.replace(/\.json$/, '.txt'), table(results) + '\n');
// The search step's and the soak's figures and targets are in their own sections of results.md.
const ownSection = (t) => isSearchTarget(t) || isSoakTarget(t);
writeFileSync(RESULTS_MD, resultsMarkdown(results, table({ ...results, search: undefined, soak: undefined, targets: targets.filter((t) => !ownSection(t)) })));
console.log(table(results));
console.log(`\nsaved ${OUT} and ${RESULTS_MD} (${results.seconds} s)`);
// The server's correctness under load is a failure, not a figure.
if (targets.some((t) => (t.name.startsWith('server:') || isSoakTarget(t)) && !t.met)) process.exitCode = 1;
