// Page loads: every page a reader may get the article in, cold and repeat, with offline
// reading's service worker allowed and blocked, interleaved round by round so that the
// machine's noise falls on all alike; the spread of each figure, its ratio to the article
// alone in the same condition, and the targets of issue 25.
import { evictArticle, loadAndMeasure, newContext, throttledPage, workerSettled } from './browser.mjs';
import { ARTICLE_FLOOR_PREFIX, FLOOR_PREFIX, RUNS, SEED, SEED_PATH, WORKER_MODES, log } from './config.mjs';
import { median, round, stat } from './stats.mjs';

/** The pages, each on the host that serves it; `worker`: the app's own pages, which register one. */
export function pagesOf(cdn, shellCdn, portal) {
  const floorUrl = (prefix) => cdn.origin + prefix + SEED_PATH.slice(1);
  return [
    { name: 'app', label: 'app', url: cdn.origin + SEED_PATH, isApp: true, worker: true, cdn },
    { name: 'shell', label: 'shell', url: shellCdn.origin + SEED_PATH, isApp: true, worker: true, cdn: shellCdn },
    { name: 'embedded', label: 'embedded', url: portal.origin + '/embedded/', isApp: true, portal: true, cdn },
    { name: 'drawn', label: 'embedded, drawn', short: 'drawn', url: portal.origin + '/drawn/', isApp: true, portal: true, cdn: shellCdn },
    { name: 'included', label: 'included', url: portal.origin + '/included/', isApp: true, portal: true, cdn },
    { name: 'floor', label: 'floor', url: floorUrl(FLOOR_PREFIX), isApp: false, cdn },
    { name: 'article_floor', label: 'article alone', short: 'article', url: floorUrl(ARTICLE_FLOOR_PREFIX), isApp: false, cdn },
  ];
}

// The conditions a reader comes in. Pages without a worker (floors, portal pages) are the
// same whether it is allowed or not: measured once, their cold and repeat serve every column.
export const CONDITIONS = [
  { key: 'cold_allowed', visit: 'cold', workers: 'allow', label: 'cold, allowed' },
  { key: 'cold_blocked', visit: 'cold', workers: 'block', label: 'cold, blocked' },
  { key: 'repeat_not_kept', visit: 'repeat', workers: 'allow', label: 'repeat, not kept' },
  { key: 'repeat_kept', visit: 'repeat', workers: 'allow', label: 'repeat, kept' },
  { key: 'repeat_blocked', visit: 'repeat', workers: 'block', label: 'repeat, blocked' },
].filter((c) => WORKER_MODES.includes(c.workers));

/** Where a page's figures of condition `c` are kept. */
export const keyOf = (page, c) => (page.worker ? c.key : c.visit);
/** The worker modes a page is loaded in each round. */
export const modesOf = (page) => (page.worker ? WORKER_MODES : WORKER_MODES.slice(0, 1));

/** What the CDN answered during one visit: 304 for revalidated files, nothing for immutable ones. */
function serverView(stats) {
  return {
    requests: stats.map((s) => `${s.status} ${s.path}`),
    status_200: stats.filter((s) => s.status === 200).length,
    status_304: stats.filter((s) => s.status === 304).length,
    bytes_sent: stats.reduce((n, s) => n + s.bytes, 0),
  };
}

// One reader's visits to `page` in a fresh browser context, each measured by
// `measure(tab, page)`: a cold visit, then the repeat visits. With the worker allowed on the
// app's own pages, two: once the worker has settled (kept the page), the article evicted
// from its keep (not kept), then, the worker having kept it again, with it kept. The
// repeats are the second and third loads of the context either way: what the HTTP cache
// holds differs only by that (the page and JSON revalidated with 304 in both).
export async function visits(browser, page, workers, measure) {
  const context = await newContext(browser, workers);
  const figures = {};
  const seen = {};
  const keeps = page.worker && workers === 'allow';
  let tab = await throttledPage(context);
  const visit = async (key) => {
    page.cdn.resetStats();
    figures[key] = await measure(tab, page);
    seen[key] = serverView(page.cdn.stats);
    if (tab.errors.length) log(`${page.name} ${key}: page errors:`, tab.errors);
  };
  const next = async () => {
    await tab.close();
    tab = await throttledPage(context);
  };
  try {
    await visit(page.worker ? (keeps ? 'cold_allowed' : 'cold_blocked') : 'cold');
    if (keeps) {
      await workerSettled(tab);
      await evictArticle(tab, SEED);
      await next();
      await visit('repeat_not_kept');
      await workerSettled(tab);
      await next();
      await visit('repeat_kept');
    } else {
      await next();
      await visit(page.worker ? 'repeat_blocked' : 'repeat');
    }
  } finally {
    await context.close();
  }
  return { figures, seen };
}

function summarize(runs) {
  const keys = ['title_paint', 'lcp', 'fcp', 'mark', 'takeover', 'html_end', 'css_end', 'boot_end', 'js_end', 'wasm_start', 'wasm_end', 'json_start', 'json_end', 'wasm_started', 'load', 'transfer', 'requests'];
  const out = {};
  for (const k of keys) if (runs.some((r) => r[k] != null)) out[k] = stat(runs, (r) => r[k]);
  out.cls = stat(runs, (r) => r.cls, 3);
  out.shifted = [...new Set(runs.flatMap((r) => r.shifts.flatMap((x) => x.el)))];
  const els = {};
  for (const r of runs) els[r.lcp_el] = (els[r.lcp_el] || 0) + 1;
  out.lcp_elements = els;
  out.title_elements = [...new Set(runs.map((r) => r.title_el))];
  out.served_by_worker = runs.filter((r) => r.worker).length;
  out.all_titles_painted = runs.every((r) => r.title_ok);
  return out;
}

/** The title paint of one round, page by page, for the log. */
function roundLine(pages, runs, i) {
  return pages
    .map((p) => {
      const keys = Object.keys(runs[p.name]);
      return `${p.label} ${keys.map((k) => round(runs[p.name][k][i]?.title_paint)).join('/')}`;
    })
    .join(' · ');
}

export async function pageLoads(browser, pages) {
  const runs = Object.fromEntries(pages.map((p) => [p.name, {}]));
  const seen = {};
  for (let i = 0; i < RUNS; i++) {
    for (const page of pages) {
      for (const workers of modesOf(page)) {
        const v = await visits(browser, page, workers, (tab, p) => loadAndMeasure(tab, p.url, p));
        for (const [key, f] of Object.entries(v.figures)) (runs[page.name][key] ??= []).push(f);
        // What the CDN saw in the last round's repeat visits.
        Object.assign((seen[page.name] ??= {}), v.seen);
      }
    }
    log(`loads ${i + 1}/${RUNS}, title painted (ms): ${roundLine(pages, runs, i)}`);
  }
  const summary = {};
  for (const p of pages) summary[p.name] = Object.fromEntries(Object.entries(runs[p.name]).map(([k, r]) => [k, summarize(r)]));
  // Against the article alone in the same condition (cold vs cold, repeat vs repeat).
  const ratio = {};
  const base = pages.find((p) => p.name === 'article_floor');
  for (const p of pages) {
    ratio[p.name] = {};
    for (const c of CONDITIONS) {
      const of = (pg, k) => summary[pg.name][keyOf(pg, c)]?.[k]?.median;
      const a = of(base, 'title_paint');
      ratio[p.name][c.key] = { title_paint: div(of(p, 'title_paint'), a), took_over: div(of(p, 'takeover'), a) };
    }
  }
  return { pages: pages.map(({ cdn, ...p }) => p), conditions: CONDITIONS, summary, ratio, repeat_server_view: seen, runs };
}

const div = (a, b) => (a != null && b ? round(a / b, 2) : null);

// Issue 25's targets, title paint against the article alone in the same condition: the
// prerendered page in every condition; the included fragment; the shell and the embedded app
// cold, and repeat with no worker. The embedded app drawn by the wasm (a CDN without
// fragments) is shown against the shell's figures, not a target: `prerender` writes a
// fragment for every article, so a portal's reader meets it only where a pipeline writes
// the JSON alone.
const TARGETS = [
  ['app', ['cold_allowed', 'cold_blocked', 'repeat_not_kept', 'repeat_kept', 'repeat_blocked'], 1.1],
  ['included', ['cold', 'repeat'], 1.15],
  ['shell', ['cold_allowed', 'cold_blocked'], 1.6],
  ['shell', ['repeat_blocked'], 1.5],
  ['embedded', ['cold'], 1.6],
  ['embedded', ['repeat'], 1.5],
  ['drawn', ['cold'], 1.6, 'shown'],
  ['drawn', ['repeat'], 1.5, 'shown'],
];

export function loadTargets(loads) {
  const out = [];
  const label = (name) => loads.pages.find((p) => p.name === name).label;
  for (const [name, keys, max, shown] of TARGETS) {
    for (const key of keys) {
      const c = CONDITIONS.find((x) => x.key === key || x.visit === key);
      if (!c) continue;
      const r = loads.ratio[name][c.key].title_paint;
      const when = key === c.visit ? key : c.label;
      const met = r != null && r <= max;
      out.push({ name: `${label(name)}, ${when}: title paint ≤ ${max}× the article alone`, value: `${r}×`, target: `${max}×`, met, shown });
    }
  }
  // No layout shift on the app's pages; the embedded app shifts what the portal put after
  // its empty mount element (the portal's to reserve room), shown but not a target.
  const worst = (names) => Math.max(...names.flatMap((n) => Object.values(loads.summary[n]).map((s) => s.cls.max ?? 0)));
  const cls = worst(['app', 'shell', 'included']);
  out.push({ name: 'CLS 0 in every load of app, shell, included', value: round(cls, 3), target: 0, met: cls === 0 });
  return out;
}

// ------------------------------------------------------------------------------------ table
const pad = (s, n) => String(s ?? '–').padEnd(n);
const lpad = (s, n) => String(s ?? '–').padStart(n);
const whole = (x) => (x == null ? '–' : Math.round(x));
/** median (p25–p75, min–max), in whole ms. */
const spread = (s) => (s?.median == null ? '–' : `${whole(s.median)} (${whole(s.p25)}–${whole(s.p75)}, ${whole(s.min)}–${whole(s.max)})`);

/** Rows by page, columns by condition: `cell(summary, page, condition)`. */
function matrix(L, title, loads, names, cell, width = 28) {
  L.push(`  ${pad(title, 16)}${loads.conditions.map((c) => pad(c.label, width)).join('')}`);
  for (const p of loads.pages.filter((x) => names.includes(x.name))) {
    const cells = loads.conditions.map((c) => pad(cell(loads.summary[p.name][keyOf(p, c)], p, c), width));
    L.push(`  ${pad(p.label, 16)}${cells.join('')}`);
  }
}

const DETAIL = [
  ['title + lead painted', 'title_paint'],
  ['LCP (final)', 'lcp'],
  ['FCP', 'fcp'],
  ['mark news:article', 'mark'],
  ['app took over', 'takeover'],
  ['HTML response end', 'html_end'],
  ['CSS response end', 'css_end'],
  ['boot.js response end', 'boot_end'],
  ['JS glue response end', 'js_end'],
  ['wasm request start', 'wasm_start'],
  ['wasm response end', 'wasm_end'],
  ['article JSON start', 'json_start'],
  ['article JSON end', 'json_end'],
  ['wasm started', 'wasm_started'],
];

/** The medians of every figure, one column per measurement of `visit` (cold or repeat). */
function detail(L, loads, visit) {
  const cols = loads.pages.flatMap((p) =>
    [...new Set(loads.conditions.filter((c) => c.visit === visit).map((c) => keyOf(p, c)))].map((key) => ({
      p,
      key,
      head: p.worker ? loads.conditions.find((c) => c.key === key).label.split(', ')[1] : '',
    })),
  );
  L.push(`  ${pad(visit.toUpperCase(), 22)}${cols.map((c) => lpad(c.p.short ?? c.p.label, 10)).join('')}`);
  L.push(`  ${pad('', 22)}${cols.map((c) => lpad(c.head, 10)).join('')}`);
  for (const [label, k] of DETAIL) {
    L.push(`  ${pad(label, 22)}${cols.map((c) => lpad(whole(loads.summary[c.p.name][c.key][k]?.median), 10)).join('')}`);
  }
}

export function loadsTable(loads) {
  const L = [];
  const all = loads.pages.map((p) => p.name);
  L.push(`Page loads, ${RUNS} rounds, mobile throttling via CDP (150 ms, 1.6/0.75 Mbps, CPU 4x), 412x823; ms, median (p25–p75, min–max)`);
  L.push('  app = the prerendered article page; shell = the same URL answered with index.html; embedded = a portal page on another');
  L.push('  origin with the mount element and boot.js; included = the same with the article\'s HTML fragment inside the mount;');
  L.push('  floor = the whole layout, static; article alone = the article\'s element, static. Worker: kept = it keeps the page,');
  L.push('  not kept = installed and controlling, the article evicted; blocked = no worker. Pages without one: one measurement a visit.');
  matrix(L, 'title painted', loads, all, (s) => spread(s.title_paint));
  matrix(L, 'app took over', loads, ['app', 'shell', 'included'], (s) => spread(s.takeover));
  L.push('  × the article alone, title paint (took over)');
  matrix(L, '', loads, all.filter((n) => n !== 'article_floor'), (s, p, c) => {
    const r = loads.ratio[p.name][c.key];
    return `${r.title_paint ?? '–'}×` + (r.took_over ? ` (${r.took_over}×)` : '');
  });
  matrix(L, 'CLS, max', loads, all, (s) => `${s.cls.max}${s.shifted.length ? ' ' + s.shifted.join(' ') : ''}`);
  matrix(L, 'by the worker', loads, ['app', 'shell'], (s) => `${s.served_by_worker}/${s.title_paint?.n}`);
  L.push('', 'Page loads, medians of every figure (ms)');
  detail(L, loads, 'cold');
  detail(L, loads, 'repeat');
  L.push('  what the CDN answered in the last round\'s repeat visits (304 = revalidated; immutable files are not asked):');
  for (const p of loads.pages.filter((x) => x.isApp)) {
    for (const [key, v] of Object.entries(loads.repeat_server_view[p.name]).filter(([k]) => k.startsWith('repeat'))) {
      L.push(`    ${pad(`${p.label}, ${key.replace(/_/g, ' ')}`, 28)}${v.status_304} × 304, ${v.status_200} × 200, ${v.bytes_sent} B`);
    }
  }
  return L;
}

// --------------------------------------------------------------------------- results.md
export const LOADS_METHOD = `- the pages: **app** (the article's page as built: prerendered, then adopted by the app),
  **shell** (the same URL answered with \`index.html\`, as for an article the build did not
  prerender), **embedded** (a portal page on another origin, served by a second
  \`bench/cdn-server.mjs\`, with \`<div data-news-app data-article>\` and \`<script async
  src="{cdn}/boot.js">\`: \`boot.js\` takes the article's fragment from the CDN and the app
  adopts it; no worker there), **embedded, drawn** (the same page from a CDN without
  prerendered pages and fragments, as for an article published after the build: the
  wasm draws the article from its JSON),
  **included** (the same portal page with the article's HTML fragment,
  \`api/articles/{slug}.html\`, inside the mount element as an SSI include would put it, its
  root-relative addresses made the CDN's; derived from the prerendered page when the build
  has no such file), and two floors without script and with the same stylesheet: **floor**
  (the whole layout as the app rendered it) and **article alone** (the article's own element);
- the conditions: *cold* is a new browser context; a *repeat* visit is a later load in the
  same context. The app's own pages are loaded with the service worker **allowed** and
  **blocked** (two contexts each round); allowed, there are two repeats: **not kept**, the
  worker installed and controlling but the article evicted from its keep as \`public/sw.js\`
  evicts the oldest of its 50 (its page, JSON, first comment page and images, and its index
  entry; the build's files and the lists stay), then **kept**, once the worker has kept the
  page again; both after the worker settled, the second and third loads of the context (the
  HTTP cache holds the page and its JSON in both: revalidated, 304). Pages that never have a worker (floors, portal
  pages) are loaded once a round, and their cold and repeat serve every condition;
- rows: *title + lead painted* is the first largest-contentful-paint candidate (for the shell
  and the embedded app, the first at or after the \`news:article\` mark; on a portal page only
  candidates inside the mount element); *app took over* is \`data-news-ready\` (the form and
  in-app links work); each figure: median (p25–p75, min–max);
- targets (issue 25), title paint against the article alone in the same condition: app
  ≤ 1.1× cold and repeat in every worker condition; included ≤ 1.15× cold and repeat; shell
  and embedded ≤ 1.6× cold, ≤ 1.5× repeat with no worker (embedded, drawn: shown against the
  same figures, not a target); CLS 0 on the app's pages and the
  included one; the first view ≤ 100 KB brotli.`;
