// The soak (a step of bench/run.mjs, `--skip soak` leaves it out): two release news-server
// instances on one throw-away PostgreSQL cluster (scripts/postgres.sh), under a fixed rate of
// mixed reads and writes for 10 minutes (`--soak-minutes N`, `--soak-rate R`), as a portal's
// readers would load them through a balancer for hours: does memory creep, does latency
// drift, does anything fail?
//
// The load is open: request k is sent at k / rate seconds whatever the answers before it
// (a slow server is not given a rest, as a closed loop would), alternately to each instance,
// over keep-alive connections, each naming one of 4,096 readers in X-Forwarded-For (behind a
// proxy the servers trust) so that no reader's allowance is the limit measured. The mix, per
// 100 requests: 35 an article's JSON, 20 a comments page (newest or most liked first), 10
// most-read (ranked by the readers' views, from the database), 15 a search, 10 a comment
// (auto-published), 10 a like of a comment posted before. Figures: each instance's resident
// memory (RSS, /proc) at the start (after a warm-up of 100 requests) and each minute; p50
// and p99 of the answers sent in each minute; the answers by status; the machine's load
// average each minute; and, after it, every comment acknowledged with 201 looked up in the
// database.
//
//   node bench/run.mjs --skip bytes,cold,trace,click,memory,lighthouse,load,search   # this step alone
//   [--soak-minutes 10] [--soak-rate 40]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, SERVER, arg, log, sleep } from './config.mjs';
import { round } from './stats.mjs';

const MINUTES = Number(arg('soak-minutes', 10));
const RATE = Number(arg('soak-rate', 40));
const CONTENT = join(ROOT, 'public/api');
const SLUGS = readdirSync(join(CONTENT, 'articles'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5));
// Articles that take comments (the demo has one closed).
const OPEN = SLUGS.filter((s) => JSON.parse(readFileSync(join(CONTENT, 'articles', `${s}.json`), 'utf8')).comments?.enabled !== false);
const QUERIES = ['hội', 'tết', 'Quảng Nam', 'giao thông', 'hien mau', 'lúa', 'Hội An', 'đảng', 'trường', 'bài chòi'];

export const SOAK_METHOD = `- two release \`news-server\` instances (\`--auto-publish\`, \`--trusted-proxy 127.0.0.1\`) on one
  throw-away PostgreSQL cluster on loopback (\`scripts/postgres.sh\`: Debian's, the durability
  settings its defaults), the demo content;
- an open load at a fixed rate (request k sent at k / rate s, whatever the answers before it),
  alternately to each instance, keep-alive, 4,096 readers named in X-Forwarded-For; per 100
  requests: 35 article JSON, 20 comments pages (newest, most liked), 10 most-read, 15 searches,
  10 comments posted, 10 likes;
- RSS from /proc at the start (after 100 warm-up requests) and each minute; p50/p99 of the
  answers sent in each minute (Node's client on the same 2 cores, so they include its own
  delays); the machine's load average each minute (it is shared with other work: the figures
  are noisy); after the load, every comment answered 201 looked up in the database.`;

function startCluster() {
  const out = execFileSync('bash', [join(ROOT, 'scripts/postgres.sh'), 'start'], { encoding: 'utf8' });
  const value = (name) => new RegExp(`export ${name}=(\\S+)`).exec(out)[1];
  return { dir: value('NEWS_PG_DIR'), url: value('NEWS_TEST_DATABASE_URL') };
}

function startServer(dist, url) {
  const args = ['serve', '--addr', '127.0.0.1:0', '--dist', dist, '--content', CONTENT, '--database-url', url, '--auto-publish', '--trusted-proxy', '127.0.0.1'];
  const child = spawn(SERVER, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('news-server did not start')), 30_000);
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      m ? ok({ child, origin: m[1] }) : fail(new Error(`unexpected first line ${line}`));
    });
    child.once('exit', (code) => fail(new Error(`news-server exited with ${code}`)));
  });
}

const rssMb = (pid) => round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024, 1);
const pick = (xs, n) => xs[n % xs.length];

/** The k-th request of the mix: method, path, headers, body. */
function nth(k, liked) {
  const reader = { 'x-forwarded-for': `198.18.${(k * 7919) % 4096 >> 8}.${((k * 7919) % 4096) & 255}` };
  const slug = pick(SLUGS, k * 31 + 7);
  const slot = k % 100;
  if (slot < 35) return { method: 'GET', path: `/api/articles/${slug}.json`, headers: reader };
  if (slot < 55) return { method: 'GET', path: `/api/articles/${slug}/${slot % 2 ? 'comments.json' : 'comments-top.json'}`, headers: reader };
  if (slot < 65) return { method: 'GET', path: '/api/most-read.json', headers: reader };
  if (slot < 80) return { method: 'GET', path: `/api/search.json?q=${encodeURIComponent(pick(QUERIES, k))}`, headers: reader };
  if (slot < 90 || !liked.length) {
    const body = JSON.stringify({ author_name: 'Bạn đọc thử tải', body: `Ý kiến số ${k} của phép đo dài hạn.`, website: '' });
    return { method: 'POST', path: `/api/articles/${pick(OPEN, k)}/comments`, headers: { ...reader, 'content-type': 'application/json' }, body, comment: true };
  }
  const [likedSlug, id] = pick(liked, k * 13);
  return { method: 'POST', path: `/api/articles/${likedSlug}/comments/${id}/likes`, headers: { ...reader, 'x-reader-token': `soak-reader-${k % 4096}-token` } };
}

function send(agent, origin, r) {
  const url = new URL(origin);
  const t = performance.now();
  return new Promise((ok) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: r.path, method: r.method, headers: { ...r.headers, ...(r.body ? { 'content-length': Buffer.byteLength(r.body) } : {}) }, timeout: 30_000 },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode, ms: performance.now() - t, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => ok({ status: e.message === 'timeout' ? 'timeout' : 'error', ms: performance.now() - t, body: '' }));
    req.end(r.body);
  });
}

function quantile(sorted, q) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * q + 0.5))];
}

export async function soakBench() {
  const cluster = startCluster();
  const dist = mkdtempSync(join(tmpdir(), 'news-soak-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div data-news-app></div>');
  const servers = [];
  // Whatever ends this process (an exception included), the servers and the cluster go.
  const cleanUp = () => {
    for (const s of servers) if (s.child.exitCode == null) s.child.kill('SIGKILL');
    execFileSync('bash', [join(ROOT, 'scripts/postgres.sh'), 'stop', cluster.dir]);
  };
  process.once('exit', cleanUp);
  try {
    for (let i = 0; i < 2; i++) servers.push(await startServer(dist, cluster.url));
    const agents = servers.map(() => new Agent({ keepAlive: true, maxSockets: 64 }));
    const liked = [];
    const acked = [];
    const statuses = {};
    const minutes = [];
    const run = async (k, record) => {
      const r = nth(k, liked);
      const a = await send(agents[k % 2], servers[k % 2].origin, r);
      if (r.comment && a.status === 201) {
        const id = JSON.parse(a.body).comment.id;
        acked.push(id);
        liked.push([r.path.split('/')[3], id]);
      }
      record?.(a);
    };
    // Warm-up: every kind of request once or more, comments to like.
    for (let k = 0; k < 100; k++) await run(k);
    const rssStart = servers.map((s) => rssMb(s.child.pid));
    log(`soak: ${MINUTES} min at ${RATE} req/s on ${servers.map((s) => s.origin).join(' and ')}; RSS ${rssStart.join(', ')} MB`);
    const total = Math.round(MINUTES * 60 * RATE);
    const t0 = performance.now();
    let inflight = 0;
    const loadStart = round(loadavg()[0], 2);
    // A last minute cut short (`--soak-minutes 0.5`) is a minute of its own.
    const count = Math.max(1, Math.ceil(MINUTES));
    for (let m = 0; m < count; m++) minutes.push({ minute: m + 1, ms: [], load: null, rss: null });
    const endMinute = (m) => {
      m.load = round(loadavg()[0], 2);
      m.rss = servers.map((s) => rssMb(s.child.pid));
      log(`soak: minute ${m.minute}, load ${m.load}, RSS ${m.rss.join(', ')} MB`);
    };
    let failure = null;
    for (let k = 0; k < total; k++) {
      const at = t0 + (k * 1000) / RATE;
      const wait = at - performance.now();
      if (wait > 0) await sleep(wait);
      const minute = minutes[Math.min(count - 1, Math.floor(k / (60 * RATE)))];
      inflight++;
      run(100 + k, (a) => {
        statuses[a.status] = (statuses[a.status] || 0) + 1;
        minute.ms.push(a.ms);
      })
        .catch((e) => (failure ??= e))
        .finally(() => inflight--);
      if ((k + 1) % (60 * RATE) === 0) endMinute(minute);
    }
    while (inflight > 0) await sleep(20);
    if (failure) throw failure;
    if (minutes.at(-1).rss == null) endMinute(minutes.at(-1));
    const elapsed = (performance.now() - t0) / 1000;
    const rssEnd = servers.map((s) => rssMb(s.child.pid));
    const stored = Number(
      execFileSync('psql', ['-tA', cluster.url, '-c', `SELECT COUNT(*) FROM comments WHERE id = ANY(ARRAY[${acked.map((id) => `'${id}'`).join(',') || "''"}])`], { encoding: 'utf8' }).trim(),
    );
    return {
      minutes_asked: MINUTES,
      rate_per_s: RATE,
      requests: total,
      achieved_rate_per_s: round(total / elapsed, 1),
      load_1min_start: loadStart,
      statuses,
      rss_start_mb: rssStart,
      rss_end_mb: rssEnd,
      per_minute: minutes.map(({ minute, ms, load, rss }) => {
        const v = ms.sort((a, b) => a - b);
        return { minute, answers: v.length, p50_ms: round(quantile(v, 0.5), 1), p99_ms: round(quantile(v, 0.99), 1), max_ms: round(v.at(-1), 1), load_1min: load, rss_mb: rss };
      }),
      comments_acknowledged: acked.length,
      comments_missing: acked.length - stored,
    };
  } finally {
    for (const s of servers) {
      s.child.kill('SIGTERM');
      await new Promise((ok) => (s.child.exitCode != null ? ok() : s.child.once('exit', ok)));
    }
    rmSync(dist, { recursive: true, force: true });
    process.removeListener('exit', cleanUp);
    cleanUp();
  }
}

/** The soak's lines of the printed table. */
export function soakTable(s) {
  const byStatus = Object.entries(s.statuses)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return [
    `Soak: ${s.minutes_asked} min at ${s.rate_per_s} req/s (achieved ${s.achieved_rate_per_s}), ${s.requests} requests, two instances on one PostgreSQL`,
    `  the machine's load average (1 min): ${s.load_1min_start} at the start, each minute's below`,
    `  RSS at the start ${s.rss_start_mb.join(' / ')} MB, at the end ${s.rss_end_mb.join(' / ')} MB (instance 1 / 2)`,
    `  answers by status: ${byStatus}`,
    `  comments acknowledged: ${s.comments_acknowledged}, missing from the database: ${s.comments_missing}`,
    '  minute  answers  p50 ms  p99 ms  max ms  load(1 min)  RSS MB (1 / 2)',
    ...s.per_minute.map((m) => `  ${String(m.minute).padStart(6)}  ${String(m.answers).padStart(7)}  ${String(m.p50_ms).padStart(6)}  ${String(m.p99_ms).padStart(6)}  ${String(m.max_ms).padStart(6)}  ${String(m.load_1min).padStart(11)}  ${m.rss_mb?.join(' / ')}`),
  ];
}

/** Its targets: no 5xx or failed request, nothing acknowledged lost. */
export function soakTargets(s) {
  const failed = Object.entries(s.statuses)
    .filter(([k]) => !(Number(k) < 500))
    .reduce((n, [, v]) => n + v, 0);
  return [
    { name: 'soak: zero 5xx, timeouts or connection errors', value: failed, target: 0, met: failed === 0 },
    { name: 'soak: every acknowledged comment stored', value: `${s.comments_missing} missing`, target: '0 missing', met: s.comments_missing === 0 },
  ];
}
