// The search of issue 26, measured (a step of bench/run.mjs, `--skip search` leaves it out).
//
// The reference server on the synthetic archive (`news-server archive`, 100,000 articles by
// default, written once into target/archive-bench/api, the folder scripts/archive-bench.sh
// writes, and reused while it holds at least that many articles):
// 1. the search index's build at start: the server's own log line («search index: N articles
//    in M ms»), and, from outside, how long `search.json` answers 503 after `listening`;
//    the server's resident memory (RSS) at `listening`, once the index is filled (its growth
//    is the index's size in memory) and its peak;
// 2. the time for an article written into the content folder to be found by `search.json`,
//    and for a removed one to be gone (the watcher's promise: within a second);
// 3. p50 and p99 of `search.json` for one- and two-syllable queries, with and without marks,
//    common, title-only and rare, at 1 and 32 concurrent clients (bench/load.mjs, Node), with
//    every answer that is not 200 counted; the RSS after it.
//
// Searches are rate-limited per client (30 at once, then one a second: `search::
// SEARCHES_PER_CLIENT`, no flag). The server runs behind a "proxy" it trusts (`--trusted-proxy
// 127.0.0.1`) and the requests name 65,536 clients in turn in X-Forwarded-For, as a portal's
// readers behind its proxy would: every request goes through the limiter and none is refused.
//
// Each part of the search is one section of the result (`server` here). The static index on a
// CDN (bytes fetched per query, time to results on the throttled phone) is another section
// beside it: measured in its own function, returned as `static`, printed by its own lines in
// `searchTable` and described in `SEARCH_METHOD`.
//
//   node bench/run.mjs --skip bytes,cold,trace,click,memory,lighthouse,load,soak   # this step alone
//   [--search-articles 100000] [--search-archive DIR] [--search-seconds 5]
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DIST, ROOT, RESULTS, SERVER, arg, log, sleep } from './config.mjs';
import { launch, newContext, throttledPage } from './browser.mjs';
import { startCdn } from './cdn-server.mjs';
import { nodeLoad } from './load.mjs';
import { round } from './stats.mjs';

const ARTICLES = Number(arg('search-articles', 100_000));
const ARCHIVE = resolve(arg('search-archive', join(ROOT, 'target/archive-bench/api')));
const SECONDS = Number(arg('search-seconds', 5));
const CONCURRENCY = [1, 32];
// How many articles are written (then removed) to time the watcher.
const WRITES = 5;
// The bench's own articles in the archive's folder (removed at the end, and at the start if
// a run was stopped half-way).
const OWN_PREFIX = 'bench-search-';

// The queries: one and two syllables, with and without marks, at three frequencies in the
// archive. Its words are few (archive.rs: titles of 4 to 8 of 30 two-syllable `WORDS`, leads
// and bodies of 14 `SENTENCE_PARTS`), so every word of it is in a fifth of the articles or
// more: «năm» (and, folded, «nam», which Quảng Nam adds to) and «nông nghiệp» are in almost
// every body; «quảng» and «Quảng Nam» only in titles. The rare ones, «bàn» and «Điện Bàn», are
// in no article of the archive: the bench adds one that has them (1 hit).
const QUERIES = [
  { q: 'năm', syllables: 1, marks: true, kind: 'common' },
  { q: 'nam', syllables: 1, marks: false, kind: 'common' },
  { q: 'nông nghiệp', syllables: 2, marks: true, kind: 'common' },
  { q: 'nong nghiep', syllables: 2, marks: false, kind: 'common' },
  { q: 'quảng', syllables: 1, marks: true, kind: 'titles' },
  { q: 'quang', syllables: 1, marks: false, kind: 'titles' },
  { q: 'Quảng Nam', syllables: 2, marks: true, kind: 'titles' },
  { q: 'quang nam', syllables: 2, marks: false, kind: 'titles' },
  { q: 'bàn', syllables: 1, marks: true, kind: 'rare' },
  { q: 'ban', syllables: 1, marks: false, kind: 'rare' },
  { q: 'Điện Bàn', syllables: 2, marks: true, kind: 'rare' },
  { q: 'dien ban', syllables: 2, marks: false, kind: 'rare' },
];

const searchPath = (q) => `/api/search.json?q=${encodeURIComponent(q)}`;

// A new client for every request (see above): 65,536 addresses in turn, 10.0.x.y, so that
// each asks far less than once a second at any rate this machine reaches, and the limiter
// holds at most that many entries.
let clientNo = 0;
const nextClient = () => {
  const n = clientNo++ % 65_536;
  return { 'x-forwarded-for': `10.0.${n >> 8}.${n & 255}` };
};

// ---------------------------------------------------------------------------- the archive
const articlesDir = () => join(ARCHIVE, 'articles');
const articleFiles = () => readdirSync(articlesDir()).filter((f) => f.endsWith('.json'));

function removeOwnArticles() {
  if (!existsSync(articlesDir())) return;
  for (const f of articleFiles()) if (f.startsWith(OWN_PREFIX)) rmSync(join(articlesDir(), f), { force: true });
}

/** The archive's folder with at least ARTICLES articles: reused, or written (seed 1). */
function ensureArchive() {
  removeOwnArticles();
  const count = existsSync(articlesDir()) ? articleFiles().length : 0;
  if (count >= ARTICLES) {
    log(`search: reusing the archive in ${relative(ROOT, ARCHIVE)} (${count} articles)`);
    return { articles: count, written_now: false, seconds: null };
  }
  log(`search: writing a ${ARTICLES}-article archive into ${relative(ROOT, ARCHIVE)} (once; about 1.1 GB at 100,000)`);
  rmSync(ARCHIVE, { recursive: true, force: true });
  mkdirSync(ARCHIVE, { recursive: true });
  const t = performance.now();
  execFileSync(SERVER, ['archive', '--out', ARCHIVE, '--articles', String(ARTICLES), '--seed', '1'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { articles: articleFiles().length, written_now: true, seconds: round((performance.now() - t) / 1000, 1) };
}

/** An article of the contract (as scripts/archive-bench.sh writes one) with these words. */
function writeArticle(slug, title, text) {
  const article = {
    slug,
    title,
    category: { slug: 'xa-hoi', name: 'Xã Hội' },
    published_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    authors: [{ name: 'Phóng viên' }],
    lead: text,
    body: [{ type: 'paragraph', html: text }],
  };
  writeFileSync(join(articlesDir(), `${slug}.json`), JSON.stringify(article));
}

// ----------------------------------------------------------------------------- the server
const ANSI = /\x1b\[[0-9;]*m/g;

function startServer(dist, db) {
  const t0 = performance.now();
  const child = spawn(
    SERVER,
    ['serve', '--addr', '127.0.0.1:0', '--dist', dist, '--content', ARCHIVE, '--db', db, '--trusted-proxy', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines = [];
  const waiters = [];
  createInterface({ input: child.stderr }).on('line', (raw) => {
    const line = raw.replace(ANSI, '');
    lines.push({ t: performance.now() - t0, line });
    for (const w of [...waiters]) {
      const m = w.re.exec(line);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.ok({ t: performance.now() - t0, m });
      }
    }
  });
  const logLine = (re) => {
    const seen = lines.find((l) => re.test(l.line));
    if (seen) return Promise.resolve({ t: seen.t, m: re.exec(seen.line) });
    return new Promise((ok) => waiters.push({ re, ok }));
  };
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('news-server did not start in 120 s')), 120_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /listening on http:\/\/(127\.0\.0\.1):(\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        ok({ child, t0, listening: performance.now() - t0, host: m[1], port: Number(m[2]), origin: `http://${m[1]}:${m[2]}`, lines, logLine });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`news-server exited with ${code}: ${lines.slice(-5).map((l) => l.line).join(' | ')}`));
    });
  });
}

function stopServer(child) {
  return new Promise((ok) => {
    if (child.exitCode != null || child.signalCode != null) return ok();
    child.once('exit', ok);
    child.kill('SIGTERM');
  });
}

/** The process's resident memory now and at its peak (MB), and its CPU seconds so far. */
function proc(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s*(\\d+) kB`).exec(status)?.[1] ?? NaN);
  // /proc/PID/stat: utime and stime are fields 14 and 15, in clock ticks (100 a second).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rss_mb: round(kb('VmRSS') / 1024, 1), peak_mb: round(kb('VmHWM') / 1024, 1), cpu_s: (Number(fields[11]) + Number(fields[12])) / 100 };
}

// One GET as a new client: status, body (parsed when JSON), time in ms.
function get(agent, server, path) {
  return new Promise((ok, fail) => {
    const t = performance.now();
    const req = request({ agent, host: server.host, port: server.port, path, headers: nextClient() }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {}
        ok({ status: res.statusCode, json, bytes: text.length, ms: performance.now() - t, at: performance.now() });
      });
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`${path}: no answer in 10 s`)));
    req.on('error', fail);
    req.end();
  });
}

/** Asks `path` every `everyMs` until `done(answer)`; the answer and how many were asked. */
async function pollUntil(agent, server, path, done, { everyMs = 10, timeoutMs = 30_000, onEach } = {}) {
  const start = performance.now();
  let polls = 0;
  for (;;) {
    const a = await get(agent, server, path);
    polls++;
    onEach?.(a);
    if (done(a)) return { ...a, polls };
    if (performance.now() - start > timeoutMs) throw new Error(`${path}: not done after ${timeoutMs / 1000} s (last ${a.status})`);
    await sleep(everyMs);
  }
}

// ------------------------------------------------------------------- the reference server
async function serverSearch() {
  const archive = ensureArchive();
  const dir = join(RESULTS, 'search');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'dist'), { recursive: true });
  // The app's shell only: no page of the archive is asked for.
  writeFileSync(join(dir, 'dist/index.html'), '<!doctype html><div data-news-app></div>');
  const db = join(dir, 'news.db');

  // A first start imports the archive's comments into the new database (seconds, and
  // memory the measured start should not carry); it is stopped as soon as it listens.
  log('search: a first start imports the archive\'s comments into a new database');
  const first = await startServer(join(dir, 'dist'), db);
  const importSecs = round(first.listening / 1000, 1);
  await stopServer(first.child);

  const load0 = loadavg().map((x) => round(x, 2));
  log('search: start; search.json polled every 100 ms until it answers 200');
  const server = await startServer(join(dir, 'dist'), db);
  const pid = server.child.pid;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const rare = { slug: `${OWN_PREFIX}dien-ban`, written: false };
  let result;
  try {
    const atListening = proc(pid);
    const statuses = {};
    let peakSeen = atListening.rss_mb;
    const ready = await pollUntil(agent, server, searchPath('nam'), (a) => a.status !== 503, {
      everyMs: 100,
      timeoutMs: 600_000,
      onEach: (a) => {
        statuses[a.status] = (statuses[a.status] || 0) + 1;
        peakSeen = Math.max(peakSeen, proc(pid).rss_mb);
      },
    });
    const readyAt = ready.at - server.t0;
    const atReady = proc(pid);
    const logged = await Promise.race([
      server.logLine(/search index: (\d+) articles in (\d+) ms/),
      sleep(10_000).then(() => null),
    ]);
    const content = server.lines.map((l) => /content index: (\d+) articles in (\d+) ms/.exec(l.line)).find(Boolean);
    await sleep(2000);
    const settled = proc(pid);
    const build = {
      measured_by: 'the server\'s log line «search index: N articles in M ms» (the fill, on its own thread); and search.json?q=nam asked every 100 ms from `listening` until it answered other than 503',
      content_index: content ? { articles: Number(content[1]), ms: Number(content[2]) } : null,
      listening_ms: round(server.listening),
      log: logged ? { articles: Number(logged.m[1]), ms: Number(logged.m[2]), at_ms: round(logged.t) } : null,
      first_answer_ms: round(readyAt),
      first_answer_status: ready.status,
      answered_503_for_ms: round(readyAt - server.listening),
      polls: statuses,
      server_cpu_s_listening_to_ready: round(atReady.cpu_s - atListening.cpu_s, 1),
    };
    const memory = {
      at_listening_mb: atListening.rss_mb,
      index_ready_mb: atReady.rss_mb,
      settled_2s_mb: settled.rss_mb,
      peak_mb: Math.max(settled.peak_mb, peakSeen),
      index_growth_mb: round(settled.rss_mb - atListening.rss_mb, 1),
    };
    log(`search: index of ${build.log?.articles} articles in ${build.log?.ms} ms (log); 503 for ${build.answered_503_for_ms} ms after listening; RSS ${memory.at_listening_mb} → ${memory.settled_2s_mb} MB`);

    // 2. A new article found; a removed one gone.
    const stamp = Date.now().toString(36);
    const writes = [];
    for (let i = 0; i < WRITES; i++) {
      const word = `dotim${stamp}x${i}`;
      const slug = `${OWN_PREFIX}${stamp}-${i}`;
      const path = searchPath(word);
      const before = await get(agent, server, path);
      if (before.status !== 200 || before.json?.total !== 0) throw new Error(`${word}: found before it was written (${before.status})`);
      const t = performance.now();
      writeArticle(slug, `Bài đo tìm kiếm ${word}`, `Nội dung bài viết vừa đăng có từ ${word}.`);
      const found = await pollUntil(agent, server, path, (a) => a.status === 200 && a.json?.total >= 1, { timeoutMs: 30_000 });
      const foundMs = found.at - t;
      const t2 = performance.now();
      rmSync(join(articlesDir(), `${slug}.json`));
      const gone = await pollUntil(agent, server, path, (a) => a.status === 200 && a.json?.total === 0, { timeoutMs: 30_000 });
      writes.push({ word, found_ms: round(foundMs), found_polls: found.polls, gone_ms: round(gone.at - t2), gone_polls: gone.polls });
      log(`search: written article ${i + 1}/${WRITES} found after ${round(foundMs)} ms, removed gone after ${round(gone.at - t2)} ms`);
      await sleep(300);
    }

    // 3. Latency. The rare words' article first (found before the load starts).
    writeArticle(rare.slug, 'Khánh thành cầu Điện Bàn', 'Cây cầu nối hai bờ sông ở thị xã Điện Bàn đã thông xe.');
    rare.written = true;
    await pollUntil(agent, server, searchPath('Điện Bàn'), (a) => a.status === 200 && a.json?.total >= 1);
    const queries = [];
    for (const query of QUERIES) {
      const a = await get(agent, server, searchPath(query.q));
      if (a.status !== 200) throw new Error(`«${query.q}»: ${a.status}`);
      // A few to warm the path (and the articles' files the first page reads).
      for (let i = 0; i < 10; i++) await get(agent, server, searchPath(query.q));
      queries.push({ ...query, total: a.json.total, first_page: a.json.items.length, page_bytes: a.bytes, runs: {} });
    }
    for (const c of CONCURRENCY) {
      for (const query of queries) {
        const { json: r } = await nodeLoad({ url: server.origin + searchPath(query.q), connections: c, seconds: SECONDS, headers: nextClient });
        const non200 = Object.entries(r.statuses).filter(([s]) => s !== '200').reduce((n, [, k]) => n + k, 0);
        const socketErrors = r.errors.connect + r.errors.read + r.errors.timeout;
        query.runs[c] = {
          requests: r.requests,
          rps: round(r.requests / (r.duration_us / 1e6)),
          p50_ms: round(r.latency_us.p50 / 1000, 2),
          p90_ms: round(r.latency_us.p90 / 1000, 2),
          p99_ms: round(r.latency_us.p99 / 1000, 2),
          max_ms: round(r.latency_us.max / 1000, 2),
          statuses: r.statuses,
          non_200: non200,
          socket_errors: socketErrors,
        };
        log(`search: «${query.q}» × ${c}: p50 ${query.runs[c].p50_ms} ms, p99 ${query.runs[c].p99_ms} ms, ${query.runs[c].rps}/s, non-200 ${non200}`);
      }
    }
    const after = proc(pid);
    memory.after_load_mb = after.rss_mb;
    memory.peak_mb = Math.max(memory.peak_mb, after.peak_mb);
    const errors = queries.reduce((n, q) => n + Object.values(q.runs).reduce((m, r) => m + r.non_200 + r.socket_errors, 0), 0);
    const found = writes.map((w) => w.found_ms).sort((a, b) => a - b);
    const goneMs = writes.map((w) => w.gone_ms).sort((a, b) => a - b);
    result = {
      server: relative(ROOT, SERVER),
      build: /\/release\//.test(SERVER) ? 'release' : /\/debug\//.test(SERVER) ? 'debug' : 'unknown',
      archive: { folder: relative(ROOT, ARCHIVE), ...archive, comments_import_start_s: importSecs },
      client: `bench/load.mjs (Node ${process.version}, keep-alive, one connection per client); 65,536 clients in turn (X-Forwarded-For, --trusted-proxy 127.0.0.1)`,
      seconds_per_row: SECONDS,
      loadavg: { start: load0, end: loadavg().map((x) => round(x, 2)) },
      index: build,
      memory,
      new_article: {
        runs: writes,
        found_ms: { median: found[Math.floor(found.length / 2)], min: found[0], max: found.at(-1) },
        gone_ms: { median: goneMs[Math.floor(goneMs.length / 2)], min: goneMs[0], max: goneMs.at(-1) },
        polled_every_ms: 10,
      },
      queries,
      errors,
    };
  } finally {
    agent.destroy();
    await stopServer(server.child);
    if (rare.written) rmSync(join(articlesDir(), `${rare.slug}.json`), { force: true });
    removeOwnArticles();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

// ------------------------------------------------------------------ the static index, on a CDN
// The queries of a static host: what a reader types, with and without marks; a name (two
// rare-ish syllables in titles) and the commonest words of the archive.
const STATIC_QUERIES = [
  { q: 'quảng', syllables: 1, marks: true, kind: 'titles' },
  { q: 'Quảng Nam', syllables: 2, marks: true, kind: 'titles (a name)' },
  { q: 'quang nam', syllables: 2, marks: false, kind: 'titles (a name)' },
  { q: 'Điện Bàn', syllables: 2, marks: true, kind: 'rare (a name)' },
  { q: 'năm', syllables: 1, marks: true, kind: 'common' },
  { q: 'nông nghiệp', syllables: 2, marks: true, kind: 'common' },
  { q: 'nong nghiep', syllables: 2, marks: false, kind: 'common' },
];

/** Files, bytes and brotli bytes (the siblings written beside them) under `dir`, by folder. */
function indexSize(dir) {
  const out = {};
  for (const kind of readdirSync(dir)) {
    const full = join(dir, kind);
    const names = kind.includes('.') ? [kind] : readdirSync(full).map((f) => join(kind, f));
    const own = names.filter((f) => !/\.(br|gz)$/.test(f));
    const size = (f) => statSync(join(dir, f)).size;
    const br = (f) => (existsSync(join(dir, `${f}.br`)) ? size(`${f}.br`) : size(f));
    const key = kind.replace(/\..*$/, '');
    out[key] = { files: own.length, bytes: own.reduce((a, f) => a + size(f), 0), brotli: own.reduce((a, f) => a + br(f), 0) };
  }
  return out;
}

/** `news-server search-index` over the archive into `api`: its wall time and its line. */
function writeIndex(api) {
  const t = performance.now();
  const line = execFileSync(SERVER, ['search-index', '--content', ARCHIVE, '--out', api], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  // «… N files written»: the line names this machine's folders, the results only the count.
  return { seconds: round((performance.now() - t) / 1000, 1), files_written: Number(/(\d+) files written/.exec(line)?.[1]) };
}

/**
 * The static index prerender writes, on the archive: its build (from nothing, again with
 * nothing changed, again after one new article), its size, and in the browser on the
 * throttled phone profile, from a CDN (the build in DIST, the archive's index mounted over
 * its own `api/search/`, no search.json): for each query, the index's bytes fetched and the
 * time to results.
 */
async function staticSearch() {
  const archive = ensureArchive();
  const dir = join(RESULTS, 'search-static');
  rmSync(dir, { recursive: true, force: true });
  const api = join(dir, 'api');
  mkdirSync(api, { recursive: true });
  // A name no other article has (the «rare» query), removed at the end.
  writeArticle(`${OWN_PREFIX}dien-ban`, 'Nông dân Điện Bàn ra đồng', 'Nông dân thị xã Điện Bàn ra đồng chăm sóc lúa.');
  const result = { archive: { folder: relative(ROOT, ARCHIVE), ...archive } };
  let browser;
  let cdn;
  try {
    log('search (static): news-server search-index over the archive, from nothing');
    const first = writeIndex(api);
    log('search (static): again, nothing changed');
    const again = writeIndex(api);
    writeArticle(`${OWN_PREFIX}moi`, 'Bài mới về Hội An', 'Một bài viết mới.');
    log('search (static): again, one article more');
    const oneMore = writeIndex(api);
    rmSync(join(articlesDir(), `${OWN_PREFIX}moi.json`), { force: true });
    writeIndex(api);
    result.build = { first, unchanged: again, one_more: oneMore };
    result.size = indexSize(join(api, 'search'));

    cdn = await startCdn({ dir: DIST, mounts: [{ prefix: '/api/search/', dir: join(api, 'search'), precompressed: true }] });
    browser = await launch();
    result.queries = [];
    for (const query of STATIC_QUERIES) {
      const runs = [];
      for (let i = 0; i < 3; i += 1) {
        const context = await newContext(browser, 'block');
        const page = await throttledPage(context);
        await page.goto(`${cdn.origin}/tim-kiem?q=${encodeURIComponent(query.q)}`);
        const found = await page.waitForFunction(() => {
          const t = document.querySelector('.na-search-page')?.textContent ?? '';
          if (!/Tìm thấy|Không tìm thấy/.test(t)) return false;
          return { at: performance.now(), text: t };
        }, null, { polling: 'raf', timeout: 120_000 });
        const { at, text } = await found.jsonValue();
        const timing = await page.evaluate(() =>
          performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd, body: e.encodedBodySize })),
        );
        const index = timing.filter((e) => e.name.includes('/api/search/'));
        const asked = timing.find((e) => e.name.includes('/api/search.json'));
        runs.push({
          results_ms: round(at),
          search_ms: asked ? round(at - asked.start) : null,
          index_bytes: index.reduce((a, e) => a + e.body, 0),
          files: index.map((e) => new URL(e.name).pathname.replace('/api/search/', '')),
          total: Number(/Tìm thấy ([\d.,]+)/.exec(text)?.[1].replace(/[.,]/g, '') ?? 0),
        });
        await context.close();
      }
      runs.sort((a, b) => a.results_ms - b.results_ms);
      const mid = runs[1];
      result.queries.push({ ...query, total: mid.total, index_bytes: mid.index_bytes, files: mid.files, results_ms: mid.results_ms, search_ms: mid.search_ms, runs: runs.length });
    }
  } finally {
    await browser?.close();
    await cdn?.close();
    removeOwnArticles();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

/** The step: the reference server's search, then the static index's. */
export async function searchBench() {
  return { server: await serverSearch(), static: await staticSearch() };
}

/** Search's targets (bench/run.mjs lists them with the others). */
export function searchTargets(r) {
  const s = r.server;
  if (!s) return [];
  return [
    { name: 'search: a newly written article found within 1 s (slowest of the writes)', value: `${s.new_article.found_ms.max} ms`, target: '1000 ms', met: s.new_article.found_ms.max < 1000 },
    { name: 'search: every search.json under load answered 200', value: `${s.errors} not`, target: '0', met: s.errors === 0 },
  ];
}

// ------------------------------------------------------------------------------ the table
const n = (x) => (x == null ? '–' : x.toLocaleString('en'));

export function searchTable(r) {
  const L = [];
  const pad = (s, k) => String(s ?? '–').padEnd(k);
  const lpad = (s, k) => String(s ?? '–').padStart(k);
  const s = r.server;
  if (s) {
    const b = s.index;
    const m = s.memory;
    L.push('', `Search on the reference server (bench/search.mjs): ${n(s.archive.articles)} articles (${s.archive.folder}), ${s.build} build (${s.server}), loopback; load avg ${s.loadavg.start.join(' ')} → ${s.loadavg.end.join(' ')}`);
    L.push(`  index build: listening after ${n(b.listening_ms)} ms (content index ${n(b.content_index?.articles)} articles in ${n(b.content_index?.ms)} ms);`);
    L.push(`    search index ${n(b.log?.articles)} articles in ${n(b.log?.ms)} ms (server log); search.json answered 503 for ${n(b.answered_503_for_ms)} ms after listening (${n(b.first_answer_ms)} ms after start), server CPU meanwhile ${b.server_cpu_s_listening_to_ready} s`);
    L.push(`  memory (RSS): ${m.at_listening_mb} MB at listening, ${m.index_ready_mb} MB at the first 200, ${m.settled_2s_mb} MB 2 s later (+${m.index_growth_mb} MB: the index), ${m.after_load_mb} MB after the queries below; peak ${m.peak_mb} MB`);
    const w = s.new_article;
    L.push(`  an article written into the content folder found after ${w.found_ms.median} ms (median of ${w.runs.length}, ${w.found_ms.min}–${w.found_ms.max}); removed, gone after ${w.gone_ms.median} ms (${w.gone_ms.min}–${w.gone_ms.max}); polled every ${w.polled_every_ms} ms`);
    L.push(`  search.json, first page (30), ${s.seconds_per_row} s a row; ms p50 / p99 (req/s); not 200 (socket errors)`);
    L.push(`  ${pad('query', 14)}${pad('syl.', 5)}${pad('marks', 6)}${pad('in', 8)}${lpad('hits', 8)}${CONCURRENCY.map((c) => lpad(`${c} client${c > 1 ? 's' : ''}`, 30)).join('')}`);
    for (const q of s.queries) {
      const cells = CONCURRENCY.map((c) => {
        const x = q.runs[c];
        return lpad(`${x.p50_ms} / ${x.p99_ms} (${n(x.rps)}/s) ${x.non_200}${x.socket_errors ? ` (${x.socket_errors})` : ''}`, 30);
      });
      L.push(`  ${pad(`«${q.q}»`, 14)}${pad(q.syllables, 5)}${pad(q.marks ? 'yes' : 'no', 6)}${pad(q.kind, 8)}${lpad(n(q.total), 8)}${cells.join('')}`);
    }
    L.push(`  not answered 200 under load: ${s.errors}`);
  }
  const t = r.static;
  if (t) {
    const b = t.build;
    L.push('', `Search on a static host (the static index, news-server search-index): ${n(t.archive.articles)} articles`);
    L.push(`  build: ${b.first.seconds} s from nothing; ${b.unchanged.seconds} s again with nothing changed; ${b.one_more.seconds} s after one new article (${n(b.one_more.files_written)} files written of ${n(b.first.files_written)})`);
    L.push(`  size: ${Object.entries(t.size).map(([k, v]) => `${k} ${n(v.files)} files, ${n(v.bytes)} B (${n(v.brotli)} B brotli)`).join('; ')}`);
    L.push('  in Chromium on the throttled phone (cold, service worker blocked; median of 3): the index\'s bytes fetched (brotli), the time to results from navigation and from the search.json request');
    L.push(`  ${pad('query', 15)}${pad('syl.', 5)}${pad('marks', 6)}${pad('in', 17)}${lpad('hits', 8)}${lpad('index B', 10)}${lpad('results ms', 12)}${lpad('search ms', 11)}`);
    for (const q of t.queries) {
      L.push(`  ${pad(`«${q.q}»`, 15)}${pad(q.syllables, 5)}${pad(q.marks ? 'yes' : 'no', 6)}${pad(q.kind, 17)}${lpad(n(q.total), 8)}${lpad(n(q.index_bytes), 10)}${lpad(n(q.results_ms), 12)}${lpad(n(q.search_ms), 11)}`);
    }
  }
  return L;
}

// How it was measured, for bench/results.md.
export const SEARCH_METHOD = `- the reference server (\`news-server serve\`, SQLite, the archive's comments imported by a
  first start that is stopped once it listens) on the synthetic archive of \`news-server archive
  --articles ${ARTICLES} --seed 1\`, written once into \`${relative(ROOT, ARCHIVE)}\` and reused; the
  server and the Node client share the machine's cores (and the machine with other developers);
- the index's build: the server's own log line (the fill's time on its thread), and from
  outside \`search.json?q=nam\` asked every 100 ms from \`listening\` until it stops answering 503;
  its size: the growth of the server's RSS from \`listening\` to 2 s after the index is ready
  (tantivy in RAM; nothing else grows meanwhile);
- a new article: its JSON (a unique word in the title, lead and body) written into
  \`articles/\`, \`search.json\` asked every 10 ms until it finds it; then the file removed,
  asked until it is gone; five times;
- latency: each query's first page (30 results), one connection per client, each sending its
  next request when the last is answered, ${SECONDS} s a row, after ten warm-up requests (a row
  of few requests, a slow query at one client, has a p99 close to its slowest answer);
  searches are rate-limited per client (30, then one a second), so the server trusts
  \`127.0.0.1\` as a proxy and the requests name 65,536 clients in turn in
  \`X-Forwarded-For\`: the limiter is on the path, nothing is refused;
- the queries: the archive's words are few, every word of it is in a fifth of the articles or
  more (*common*: nearly every body; *titles*: title words only); the *rare* words are in one
  article the bench adds;
- the static index: \`news-server search-index\` (what \`prerender\` writes into a build) over the
  same archive, timed from outside, from nothing, again unchanged, again with one article
  more; its size from its files and the brotli siblings it writes (quality 9); then served by
  bench/cdn-server.mjs (the build in \`--dist\`, the index mounted over its \`api/search/\`
  with its own siblings, no \`search.json\`: 404) to Chromium on the throttled phone profile,
  a fresh profile a run, service worker blocked, \`/tim-kiem?q=…\` opened cold: the bytes of
  \`api/search/\` the page fetched (encoded body sizes from Resource Timing) and the time until
  the results' count is on the page, from navigation and from the \`search.json\` request
  (the app, then its search part, then the index); median of 3.`;
