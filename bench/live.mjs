// The `live` step (issue 28): a live article with 500 entries, written into a copy of the
// build and the demo's content in a temp folder (the demo's live article, its entries
// generated), prerendered by `news-server prerender` (the bench's `--server`, config.mjs)
// and served by the benchmark's CDN.
// 1. Its first paint, cold, on the throttled phone profile, against the article-alone floor
//    of the same article (its `<article>` and the stylesheet, no script, no entries: what
//    the entries and the app add to the paint).
// 2. The bytes on the wire of a poll that finds nothing new: the whole HTTP exchange of a
//    conditional GET answered 304 by the reference server (`news-server serve`, brotli
//    accepted, as a browser asks), request and answer, read off the socket.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { launch, loadAndMeasure, newContext, throttledPage } from './browser.mjs';
import { startCdn } from './cdn-server.mjs';
import { DIST, ROOT, RUNS, SERVER, log } from './config.mjs';
import { stat } from './stats.mjs';

export const LIVE_SLUG = 'bao-do-bo-vao-bo-bien-quang-nam-cap-nhat-tung-gio';
const PATH = `/xa-hoi/${LIVE_SLUG}`;
const ENTRIES = 500;

/** `n` entries, newest first, a minute apart, each a title and two paragraphs. */
function entries(n) {
  const start = Date.parse('2023-11-15T06:00:00+07:00');
  return Array.from({ length: n }, (_, i) => {
    const k = n - i;
    const at = new Date(start + k * 60_000).toISOString().replace(/\.000Z$/, 'Z');
    return {
      id: `e-${k}`,
      at,
      title: `Cập nhật ${k}: mưa lớn tiếp diễn ở vùng ven biển`,
      body: [
        { type: 'paragraph', html: `Lúc này, lực lượng chức năng tiếp tục hỗ trợ người dân ở điểm sơ tán số ${k}; <strong>mực nước</strong> sông Thu Bồn được theo dõi từng giờ.` },
        { type: 'paragraph', html: 'Người dân không ra khỏi nhà khi không cần thiết, theo dõi thông báo của chính quyền địa phương.' },
      ],
    };
  });
}

/** The copy of the build and content, with the live article's 500 entries, prerendered. */
function prepare(dir) {
  const dist = join(dir, 'dist');
  const content = join(dir, 'content');
  cpSync(DIST, dist, { recursive: true });
  cpSync(join(ROOT, 'public/api'), content, { recursive: true });
  const doc = JSON.stringify({ status: 'live', entries: entries(ENTRIES) });
  for (const api of [content, join(dist, 'api')]) {
    mkdirSync(join(api, 'articles', LIVE_SLUG), { recursive: true });
    writeFileSync(join(api, 'articles', LIVE_SLUG, 'live.json'), doc);
  }
  execFileSync(SERVER, ['prerender', '--dist', dist, '--content', content], { stdio: 'ignore' });
  return { dist, content, docBytes: Buffer.byteLength(doc) };
}

/** The article-alone floor of the live article: its `<article>` as prerendered, no script. */
function writeFloor(dist, dir) {
  const html = readFileSync(join(dist, PATH.slice(1), 'index.html'), 'utf8');
  const article = html.match(/<article class="na-article"[\s\S]*?<\/article>/)[0];
  const css = [...html.matchAll(/<link[^>]*rel=["']?stylesheet[^>]*>/g)].map((m) => m[0]).join('');
  const title = html.match(/<title>([^<]*)<\/title>/)[1];
  const page =
    '<!doctype html><html lang=vi><head><meta charset=utf-8>' +
    '<meta name=viewport content="width=device-width,initial-scale=1">' +
    `<title>${title}</title><link rel=icon href="data:,">${css}</head><body>` +
    '<main class="na-page"><div class="news-app" lang="vi"><div class="na-layout"><div class="na-main">' +
    article +
    '</div></div></div></main></body></html>';
  const folder = join(dir, 'floor-live');
  mkdirSync(join(folder, PATH.slice(1)), { recursive: true });
  writeFileSync(join(folder, PATH.slice(1), 'index.html'), page);
  return { folder, pageBytes: Buffer.byteLength(html) };
}

const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Cold loads of `url`, each in a fresh context (no worker), throttled. */
async function cold(browser, url, isApp, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const context = await newContext(browser, 'block');
    const page = await throttledPage(context);
    out.push(await loadAndMeasure(page, url, { isApp }));
    await context.close();
  }
  return out;
}

/** One HTTP/1.1 exchange on a fresh socket: the bytes sent and the bytes received. */
function exchange(port, request) {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks = [];
    socket.on('data', (d) => {
      chunks.push(d);
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text)?.[1] ?? 0);
      if (text.length >= end + 4 + length) socket.end();
    });
    socket.on('end', () => ok({ sent: Buffer.byteLength(request), received: Buffer.concat(chunks) }));
    socket.on('error', fail);
  });
}

/** The poll's exchanges against the reference server: the first (200) and one with its ETag. */
async function pollBytes(dir, content) {
  const server = spawn(
    SERVER,
    ['serve', '--addr', '127.0.0.1:0', '--dist', join(dir, 'dist'), '--content', content, '--db', join(dir, 'news.db')],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  try {
    const port = await new Promise((ok, fail) => {
      let out = '';
      server.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/listening on http:\/\/[^:]+:(\d+)/);
        if (m) ok(Number(m[1]));
      });
      server.on('exit', (code) => fail(new Error(`news-server exited with ${code}`)));
    });
    // What Chromium sends for the app's fetch, less its cookies (none here).
    const ask = (extra = '') =>
      `GET /api/articles/${LIVE_SLUG}/live.json HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
      'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\n' +
      `Accept: */*\r\nAccept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: vi-VN,vi;q=0.9\r\n${extra}Connection: close\r\n\r\n`;
    const first = await exchange(port, ask());
    const head = first.received.toString('latin1');
    const etag = /\r\netag: *([^\r\n]+)/i.exec(head)[1];
    const poll = await exchange(port, ask(`If-None-Match: ${etag}\r\n`));
    const answer = poll.received.toString('latin1');
    return {
      first_status: Number(head.split(' ')[1]),
      first_bytes: first.received.length,
      status: Number(answer.split(' ')[1]),
      request_bytes: poll.sent,
      response_bytes: poll.received.length,
      response: answer.trim().split('\r\n'),
    };
  } finally {
    server.kill('SIGKILL');
  }
}

export async function liveBench() {
  const dir = mkdtempSync(join(tmpdir(), 'news-live-bench-'));
  try {
    log(`live: ${ENTRIES} entries, prerendered into a copy of ${DIST}`);
    const { dist, content, docBytes } = prepare(dir);
    const floor = writeFloor(dist, dir);
    const html = readFileSync(join(dist, PATH.slice(1), 'index.html'));
    const cdn = await startCdn({ dir: dist, mounts: [{ dir: floor.folder, prefix: '/floor-live/' }] });
    const browser = await launch();
    const runs = Math.min(RUNS, 5);
    let page;
    let alone;
    try {
      alone = await cold(browser, `${cdn.origin}/floor-live${PATH}`, false, runs);
      page = await cold(browser, cdn.origin + PATH, true, runs);
    } finally {
      await browser.close();
      await cdn.close();
    }
    const pick = (list) => ({
      fcp: stat(list, (r) => r.fcp),
      lcp: stat(list, (r) => r.lcp),
      title_paint: stat(list, (r) => r.title_paint),
      takeover: list.some((r) => r.takeover != null) ? stat(list, (r) => r.takeover) : undefined,
    });
    return {
      entries: ENTRIES,
      runs,
      entries_json_bytes: docBytes,
      page_html: { raw: html.length, brotli: brotli(html) },
      floor: pick(alone),
      page: pick(page),
      poll: await pollBytes(dir, content),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The step's figures as lines for the console. */
export function liveTable(r) {
  const ms = (s) => (s ? `${s.median} ms` : '–');
  return [
    `live article, ${r.entries} entries (median of ${r.runs} cold loads, throttled phone profile):`,
    `  page HTML ${r.page_html.raw} B raw, ${r.page_html.brotli} B brotli; entries JSON ${r.entries_json_bytes} B`,
    `  first contentful paint: ${ms(r.page.fcp)} (article-alone floor ${ms(r.floor.fcp)})`,
    `  title painted: ${ms(r.page.title_paint)} (floor ${ms(r.floor.title_paint)}); LCP ${ms(r.page.lcp)} (floor ${ms(r.floor.lcp)}); taken over ${ms(r.page.takeover)}`,
    `  a poll with nothing new: ${r.poll.status}, ${r.poll.request_bytes} B sent + ${r.poll.response_bytes} B received on the wire (the first fetch: ${r.poll.first_status}, ${r.poll.first_bytes} B received)`,
    ...r.poll.response.map((l) => `    ${l}`),
  ].join('\n');
}
