// The database under growth (issue 12): the reference server on SQLite and on PostgreSQL,
// each seeded at two sizes — 1,000 views and 1,000 comments, then 1,000,000 views and
// 100,000 comments — and, at each, the latency (p50/p99 of 500 requests one after the
// other) and the throughput (16 connections for 3 s) of GET most-read, GET a comment page
// in each order and POST a comment. Seeding writes rows straight into the database (SQL
// from python3's sqlite3 and psql), as a newsroom's years of readers would have left them.
//
//   node bench/database.mjs --server target/release/news-server --pg postgres://…/postgres
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Agent, request } from 'node:http';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SERVER = resolve(arg('server', 'target/release/news-server'));
const CONTENT = resolve(arg('content', 'public/api'));
const PG = arg('pg', process.env.NEWS_TEST_DATABASE_URL);
const SIZES = [
  { name: '1k', views: 1_000, comments: 1_000 },
  { name: '1M', views: 1_000_000, comments: 100_000 },
];
const SLUGS = readdirSync(join(CONTENT, 'articles'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5));
// The article whose comment pages are read: it takes comments.
const READ = 'khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022';

const now = Math.floor(Date.now() / 1000);

function seedSqlite(file, { views, comments }) {
  const script = `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
slugs = sys.argv[2].split(',')
views, comments, now = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
db.execute("CREATE TEMP TABLE s (i INTEGER PRIMARY KEY, slug TEXT)")
db.executemany("INSERT INTO s VALUES (?, ?)", enumerate(slugs))
n = len(slugs)
with db:
    db.execute("""WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i + 1 < ?)
      INSERT OR IGNORE INTO article_views (slug, client, at)
      SELECT (SELECT slug FROM s WHERE s.i = (g.i * g.i + g.i / 7) % ?), 'bench-' || g.i, ? - g.i % 500000 FROM g""",
      (views, n, now))
    db.execute("""WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i + 1 < ?)
      INSERT INTO comments (id, slug, author_name, body, created_at, status, client, likes)
      SELECT 'b-' || g.i, (SELECT slug FROM s WHERE s.i = g.i % ?), 'Bạn đọc', 'Ý kiến số ' || g.i,
        strftime('%Y-%m-%dT%H:%M:%SZ', ? - g.i * 7, 'unixepoch'), 'published', 'seed-' || (g.i % 5000), g.i % 37
      FROM g""", (comments, n, now))
db.execute("ANALYZE")
db.close()
`;
  execFileSync('python3', ['-c', script, file, SLUGS.join(','), views, comments, now], { stdio: 'inherit' });
}

function seedPostgres(url, { views, comments }) {
  const slugs = `ARRAY[${SLUGS.map((s) => `'${s}'`).join(',')}]`;
  const n = SLUGS.length;
  const sql = `
    INSERT INTO article_views (slug, client, at)
      SELECT (${slugs})[1 + ((i * i + i / 7) % ${n})], 'bench-' || i, ${now} - i % 500000
      FROM generate_series(0::bigint, ${views - 1}) i ON CONFLICT DO NOTHING;
    INSERT INTO comments (id, slug, author_name, body, created_at, status, client, likes)
      SELECT 'b-' || i, (${slugs})[1 + i % ${n}], 'Bạn đọc', 'Ý kiến số ' || i,
        to_char(to_timestamp(${now} - i * 7) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'published', 'seed-' || (i % 5000), i % 37
      FROM generate_series(0::bigint, ${comments - 1}) i;
    VACUUM ANALYZE;`;
  execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', url, '-c', sql.replace(/VACUUM ANALYZE;/, '')], { stdio: 'inherit' });
  execFileSync('psql', ['-q', url, '-c', 'VACUUM ANALYZE'], { stdio: 'inherit' });
}

async function start(dbArgs, extra = []) {
  const dist = mkdtempSync(join(tmpdir(), 'news-bench-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div data-news-app></div>');
  const child = spawn(
    SERVER,
    ['serve', '--addr', '127.0.0.1:0', '--dist', dist, '--content', CONTENT, '--auto-publish',
      '--rate-limit', '0', '--like-rate-limit', '0', ...dbArgs, ...extra],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', ok);
    child.once('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
  const addr = line.replace('listening on http://', '').trim();
  return { child, addr, stop: () => { child.kill('SIGTERM'); rmSync(dist, { recursive: true, force: true }); } };
}

let posted = 0;
function one(agent, addr, what) {
  const [host, port] = addr.split(':');
  const post = what.method === 'POST';
  const body = post
    ? JSON.stringify({ author_name: 'Đo tải', body: `Bình luận đo tải số ${posted++} ${process.pid}`, website: '' })
    : '';
  return new Promise((ok, fail) => {
    const t = process.hrtime.bigint();
    const req = request(
      { agent, host, port, path: what.path, method: what.method,
        headers: post ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== what.status) fail(new Error(`${what.path}: ${res.statusCode}`));
          else ok(Number(process.hrtime.bigint() - t) / 1e6);
        });
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

async function measure(addr, what) {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  for (let i = 0; i < 30; i++) await one(agent, addr, what);
  const times = [];
  for (let i = 0; i < 500; i++) times.push(await one(agent, addr, what));
  times.sort((a, b) => a - b);
  // Throughput: 16 connections, each sending its next request when the last is answered.
  let done = 0;
  const end = performance.now() + 3000;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < end) {
        await one(agent, addr, what);
        done++;
      }
    }),
  );
  agent.destroy();
  return { p50: pct(times, 50), p99: pct(times, 99), rps: done / 3 };
}

const ENDPOINTS = [
  { name: 'GET most-read', method: 'GET', path: '/api/most-read.json', status: 200 },
  { name: 'GET comments, newest', method: 'GET', path: `/api/articles/${READ}/comments.json`, status: 200 },
  { name: 'GET comments, most liked', method: 'GET', path: `/api/articles/${READ}/comments-top.json`, status: 200 },
  { name: 'POST a comment', method: 'POST', path: `/api/articles/${READ}/comments`, status: 201 },
];

const results = [];
const engines = [['SQLite', null]];
if (PG) engines.push(['PostgreSQL', PG]);
else console.error('[database] no --pg: PostgreSQL is left out');
for (const [engine, admin] of engines) {
  for (const size of SIZES) {
    let dbArgs;
    let cleanup;
    if (admin) {
      const name = `news_bench_${size.name.toLowerCase()}`;
      execFileSync('psql', ['-q', admin, '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
      execFileSync('psql', ['-q', admin, '-c', `CREATE DATABASE ${name}`]);
      const url = admin.replace(/\/[^/]*$/, `/${name}`);
      dbArgs = ['--database-url', url];
      cleanup = () => execFileSync('psql', ['-q', admin, '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'news-bench-db-'));
      dbArgs = ['--db', join(dir, 'news.db')];
      cleanup = () => rmSync(dir, { recursive: true, force: true });
    }
    // The server makes the schema; the rows go in beside it; the server is started again.
    const first = await start(dbArgs);
    first.stop();
    await new Promise((ok) => first.child.once('exit', ok));
    const seeded = performance.now();
    if (admin) seedPostgres(dbArgs[1], size);
    else seedSqlite(dbArgs[1], size);
    const seedSecs = (performance.now() - seeded) / 1000;
    const server = await start(dbArgs);
    const row = { engine, size: size.name, seedSecs, endpoints: {} };
    for (const what of ENDPOINTS) row.endpoints[what.name] = await measure(server.addr, what);
    server.stop();
    await new Promise((ok) => server.child.once('exit', ok));
    // The ranking itself (done off the requests, once per refresh): timed with no refresh
    // period, so that every request ranks.
    const ranking = await start(dbArgs, ['--ranking-refresh-secs', '0']);
    const agent = new Agent({ keepAlive: true });
    const times = [];
    for (let i = 0; i < 7; i++) times.push(await one(agent, ranking.addr, ENDPOINTS[0]));
    times.sort((a, b) => a - b);
    row.rankingMs = times[3];
    agent.destroy();
    ranking.stop();
    await new Promise((ok) => ranking.child.once('exit', ok));
    cleanup();
    results.push(row);
    console.error(`[database] ${engine} ${size.name}: seeded in ${seedSecs.toFixed(1)} s`);
  }
}

const fmt = (n) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const lines = ['| engine, rows | ' + ENDPOINTS.map((e) => e.name).join(' | ') + ' | ranking (every refresh) |',
  '|---|' + ENDPOINTS.map(() => '---:').join('|') + '|---:|'];
for (const r of results) {
  const cells = ENDPOINTS.map((e) => {
    const m = r.endpoints[e.name];
    return `${fmt(m.p50)} / ${fmt(m.p99)} ms, ${Math.round(m.rps).toLocaleString('en')}/s`;
  });
  lines.push(`| ${r.engine}, ${r.size} | ${cells.join(' | ')} | ${fmt(r.rankingMs)} ms |`);
}
console.log('\nThe database (p50 / p99 of 500 sequential requests, throughput with 16 connections):\n');
console.log(lines.join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/database.json', JSON.stringify(results, null, 2));
