// The benchmark's static host, as a CDN would serve dist/: every file read and compressed
// once at start (brotli quality 11, gzip level 9), chosen by Accept-Encoding; a strong ETag
// on every file and 304 on a matching If-None-Match; hashed files `immutable`, everything else
// `no-cache` (revalidated each time), as docs/deploy.md («A static host or CDN») asks.
//
// Paths: a file of `dir` under `/`; any other path without an extension is the app's page
// (index.html, 200: the SPA rewrite of docs/deploy.md's Netlify note, so that a deep link is cached
// and revalidated like any page); `mounts` add other folders under a prefix (the static
// floor page). Every answer allows every origin (`Access-Control-Allow-Origin: *`, as
// docs/deploy.md «CORS» asks of a CDN a portal embeds the app from) and shows its timings to
// every origin (`Timing-Allow-Origin: *`, else the portal page's resource timings are empty).
// Every request is counted (`stats`) so the bench can show what a repeat visit
// fetched. The protocol is the bench's `--http` (config.mjs): HTTP/2 over TLS, with a
// certificate made for the run that the bench's Chromium accepts (`CERT_ARGS`), or
// HTTP/1.1 in the clear.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { HASHED, TYPES } from '../tests/static-server.mjs';
import { HTTP } from './config.mjs';

// The run's certificate for 127.0.0.1, made by Debian's openssl: a browser speaks HTTP/2
// only over TLS.
function certificate() {
  const dir = mkdtempSync(join(tmpdir(), 'news-bench-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const TLS = HTTP === '2' ? certificate() : null;

/**
 * Chromium's arguments that trust the run's certificate, and it alone (by its public key's
 * hash), so that its pages are a secure context with a service worker as on a real CDN.
 */
export const CERT_ARGS = TLS
  ? [`--ignore-certificate-errors-spki-list=${createHash('sha256').update(new X509Certificate(TLS.cert).publicKey.export({ type: 'spki', format: 'der' })).digest('base64')}`]
  : [];

const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.json', '.svg']);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/**
 * Reads and precompresses every file of `dir` into a map from URL path to entry; with
 * `shellOnly`, without the prerendered article pages (`{category}/{slug}/index.html`) and
 * fragments (`api/articles/{slug}.html`), so that every page is the app shell and the
 * app draws every article, as for an article published after the build.
 */
export function load(dir, prefix = '/', shellOnly = false, precompressed = false) {
  const root = resolve(dir);
  const files = new Map();
  for (const full of walk(root)) {
    // A folder written with its siblings (`prerender`'s, at the quality it writes them):
    // served as it would be, without compressing its thousands of files again.
    if (precompressed && /\.(br|gz)$/.test(full)) continue;
    const url = prefix + relative(root, full).split(sep).join('/');
    if (shellOnly && url !== prefix + 'index.html' && url.endsWith('/index.html')) continue;
    if (shellOnly && /\/api\/articles\/[^/]+\.html$/.test(url)) continue;
    const ext = extname(full);
    const raw = readFileSync(full);
    const entry = {
      raw,
      etag: '"' + createHash('sha256').update(raw).digest('base64url').slice(0, 22) + '"',
      type: TYPES[ext] || 'application/octet-stream',
      cache: HASHED.test(full) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (precompressed) {
      const sibling = (e) => (existsSync(`${full}.${e}`) ? readFileSync(`${full}.${e}`) : undefined);
      entry.br = sibling('br');
      entry.gzip = sibling('gz');
    } else if (COMPRESSIBLE.has(ext) && raw.length > 256) {
      entry.br = brotliCompressSync(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      });
      entry.gzip = gzipSync(raw, { level: 9 });
    }
    files.set(url, entry);
  }
  return files;
}

/** Starts the host on 127.0.0.1; resolves to `{server, origin, stats, resetStats}`. */
export async function startCdn({ dir, mounts = [], shellOnly = false }) {
  const files = load(dir, '/', shellOnly);
  for (const m of mounts) for (const [k, v] of load(m.dir, m.prefix, false, m.precompressed)) files.set(k, v);
  const page = files.get('/index.html');
  const stats = [];
  const handle = (req, res) => {
    const url = new URL(req.url, 'http://x');
    let path;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = '/';
    }
    let entry = files.get(path) || files.get(path.replace(/\/?$/, '/index.html'));
    let status = 200;
    if (!entry && !extname(path)) entry = page;
    if (!entry) {
      status = 404;
      entry = files.get('/404.html');
      if (!entry) return res.writeHead(404).end();
    }
    const headers = {
      'content-type': entry.type,
      'cache-control': entry.cache,
      etag: entry.etag,
      vary: 'Accept-Encoding',
      'access-control-allow-origin': '*',
      'timing-allow-origin': '*',
    };
    const record = { path, status, bytes: 0 };
    stats.push(record);
    if (status === 200 && req.headers['if-none-match'] === entry.etag) {
      record.status = 304;
      res.writeHead(304, headers).end();
      return;
    }
    const accept = String(req.headers['accept-encoding'] || '');
    let body = entry.raw;
    if (entry.br && /\bbr\b/.test(accept)) {
      body = entry.br;
      headers['content-encoding'] = 'br';
    } else if (entry.gzip && /\bgzip\b/.test(accept)) {
      body = entry.gzip;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    record.bytes = body.length;
    res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : body);
  };
  const server = TLS ? createSecureServer({ ...TLS, allowHTTP1: true }, handle) : createServer(handle);
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    server,
    origin: `${TLS ? 'https' : 'http'}://127.0.0.1:${server.address().port}`,
    stats,
    resetStats: () => stats.splice(0, stats.length),
    /** Serves `dir` under `prefix` from now on (read and compressed now). */
    addMount: (mountDir, prefix) => {
      for (const [k, v] of load(mountDir, prefix)) files.set(k, v);
    },
    close: () => new Promise((ok) => server.close(ok)),
  };
}
