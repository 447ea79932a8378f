// The reference server against the attacks of its hardening issue, measured (not tested:
// the tests are server/tests/attacks.rs). Prints three figures:
//   1. a beacon flood from one client: the ranking before and after, and most-read latency;
//   2. 1,100 half-sent request heads from one client: how long another client waits;
//   3. the comment limiter holding 150,000 clients: POST latency before and after.
// Loopback only, bounded in count and time.
// Usage: node bench/attacks.mjs [--server target/release/news-server] [--dist dist]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SERVER = arg('server', join(ROOT, 'target/release/news-server'));
const DIST = arg('dist', join(ROOT, 'dist'));
const KHOI = 'khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022';
const HOI_AN = 'pho-co-hoi-an-lung-linh-dem-ram-thang-gieng';
const UNREAD = 'tiep-nhan-hon-500-don-vi-mau-trong-ngay-hoi-xuan-hong';

async function start(args) {
  const dir = mkdtempSync(join(tmpdir(), 'news-attacks-'));
  const child = spawn(SERVER, ['serve', '--addr', '127.0.0.1:0', '--dist', DIST,
    '--content', join(ROOT, 'public/api'), '--db', join(dir, 'news.db'), ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  const origin = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) ok(m[1]);
    });
    child.on('exit', (code) => fail(new Error(`news-server exited with ${code}`)));
  });
  const { port } = new URL(origin);
  return { origin, port: Number(port), stop: () => { child.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }); } };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
function req(port, method, path, { headers = {}, body = '', localAddress } = {}) {
  return new Promise((ok, fail) => {
    const started = process.hrtime.bigint();
    const r = http.request({ host: '127.0.0.1', port, method, path, headers: { 'content-length': Buffer.byteLength(body), ...headers }, agent: localAddress ? undefined : agent, localAddress }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, body: Buffer.concat(chunks).toString(), ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    r.on('error', fail);
    r.end(body);
  });
}
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
async function latency(port, method, path, n, opts) {
  const ms = [];
  for (let k = 0; k < n; k += 1) ms.push((await req(port, method, path, opts)).ms);
  return `p50 ${pct(ms, 50).toFixed(2)} ms, p99 ${pct(ms, 99).toFixed(2)} ms`;
}
const ranking = async (port) => JSON.parse((await req(port, 'GET', '/api/most-read.json')).body).items.map((x) => x.slug);

// 1. Beacon flood.
{
  const s = await start(['--trusted-proxy', '127.0.0.1', '--ranking-refresh-secs', '5']);
  for (const [slug, reader] of [[KHOI, '198.51.100.1'], [KHOI, '198.51.100.2'], [HOI_AN, '198.51.100.3']]) {
    await req(s.port, 'POST', `/api/articles/${slug}/views`, { headers: { 'x-forwarded-for': reader } });
  }
  await new Promise((ok) => setTimeout(ok, 5100));
  const before = await latency(s.port, 'GET', '/api/most-read.json', 500);
  const top = (await ranking(s.port))[0];
  const counts = {};
  const t0 = Date.now();
  const N = 100000;
  for (let k = 0; k < N; k += 8) {
    const batch = await Promise.all(Array.from({ length: 8 }, () =>
      req(s.port, 'POST', `/api/articles/${UNREAD}/views`, { headers: { 'x-forwarded-for': '203.0.113.66' } })));
    for (const r of batch) counts[r.status] = (counts[r.status] || 0) + 1;
  }
  const secs = (Date.now() - t0) / 1000;
  await new Promise((ok) => setTimeout(ok, 5100));
  const after = await latency(s.port, 'GET', '/api/most-read.json', 500);
  const ranked = await ranking(s.port);
  console.log(`beacon flood: ${N} beacons from one client in ${secs.toFixed(1)} s, answers ${JSON.stringify(counts)}`);
  console.log(`  rank 1 before: ${top}; after: ${ranked[0]}; the flooded article at rank ${ranked.indexOf(UNREAD) + 1}`);
  console.log(`  GET most-read.json: before ${before}; after ${after}`);
  s.stop();
}

// 2. Half-sent request heads from one client.
{
  const s = await start(['--read-timeout-secs', '10']);
  const sockets = [];
  for (let k = 0; k < 1100; k += 1) {
    const c = net.connect({ host: '127.0.0.1', port: s.port, localAddress: '127.0.0.2' });
    c.on('error', () => {});
    c.on('connect', () => c.write('GET /api/latest.json HTTP/1.1\r\nHost: x\r\n'));
    sockets.push(c);
  }
  await new Promise((ok) => setTimeout(ok, 1000));
  const open = sockets.filter((c) => !c.destroyed && c.readyState === 'open').length;
  const other = await latency(s.port, 'GET', '/api/latest.json', 200, { localAddress: '127.0.0.3' });
  console.log(`slow heads: 1,100 half-sent heads from 127.0.0.2 (${open} still open after 1 s: the per-client cap); another client: ${other}`);
  for (const c of sockets) c.destroy();
  s.stop();
}

// 3. The comment limiter at 150,000 clients (honeypot posts: a slot each, nothing stored).
{
  const s = await start(['--trusted-proxy', '127.0.0.1', '--rate-limit', '5']);
  const path = `/api/articles/${KHOI}/comments`;
  const spam = JSON.stringify({ author_name: 'Bot', body: 'x', website: 'http://spam.example' });
  const post = (ip) => req(s.port, 'POST', path, { headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: spam });
  const ip = (n) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const sample = async () => {
    const ms = [];
    for (let k = 0; k < 500; k += 1) ms.push((await post(`192.0.2.${k % 250}`)).ms);
    return `p50 ${pct(ms, 50).toFixed(2)} ms, p99 ${pct(ms, 99).toFixed(2)} ms`;
  };
  const before = await sample();
  const t0 = Date.now();
  for (let n = 0; n < 150000; n += 16) await Promise.all(Array.from({ length: 16 }, (_, k) => post(ip(n + k))));
  const fill = (Date.now() - t0) / 1000;
  const after = await sample();
  console.log(`limiter: POST comment with 1 client known: ${before}; with 150,000 (filled in ${fill.toFixed(1)} s): ${after}`);
  s.stop();
}
agent.destroy();
