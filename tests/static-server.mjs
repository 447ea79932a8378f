// A plain static file server, as a CDN would be: it knows nothing of the app except that an
// unknown path answers with 404.html (status 404), which is how deep links work on static hosts.
// Usage: node tests/static-server.mjs [--dir dist] [--port 8080] [--prefix /sub/path/]
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Content types by file extension. */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  // Contract v3's video block: its files and captions.
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
};
// Trunk's hashes are 16 hex digits, or 15 when the hash starts with a zero.
/** A file named by its content hash, to be cached for good. */
export const HASHED = /-[0-9a-f]{15,16}(_bg)?\.(js|wasm|css)$/;

async function file(path) {
  try {
    const s = await stat(path);
    if (s.isDirectory()) return file(join(path, 'index.html'));
    return { path, body: await readFile(path) };
  } catch {
    return null;
  }
}

/**
 * Starts serving `dir` under `prefix` (and each of `more`, `[{prefix, dir}]`, e.g. a host
 * page); `headers` are added to every answer (a CSP, say); with `etag`, every answer has a
 * strong ETag of its bytes, and a matching If-None-Match gets 304. Resolves once it listens;
 * `server.seen` lists the paths asked for.
 */
export function serve({ dir, port = 0, host = '127.0.0.1', prefix = '/', more = [], headers = {}, etag = false }) {
  const root = resolve(dir);
  const mounts = [...more.map((m) => ({ prefix: m.prefix, root: resolve(m.dir) })), { prefix, root }];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    server.seen.push(url.pathname);
    let found = null;
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = '/';
    }
    const mount = mounts.find((m) => pathname.startsWith(m.prefix) || pathname + '/' === m.prefix);
    if (mount) {
      const rel = normalize(pathname.slice(mount.prefix.length) || '/');
      const full = join(mount.root, rel);
      if (full.startsWith(mount.root)) found = await file(full);
    }
    let status = 200;
    if (!found) {
      status = 404;
      found = await file(join(root, '404.html'));
    }
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const type = TYPES[extname(found.path)] || 'application/octet-stream';
    const cache = HASHED.test(found.path)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache';
    const tag = etag ? { etag: `"${createHash('sha256').update(found.body).digest('hex').slice(0, 16)}"` } : {};
    if (etag && status === 200 && req.headers['if-none-match'] === tag.etag) {
      res.writeHead(304, { ...headers, ...tag, 'cache-control': cache }).end();
      return;
    }
    res.writeHead(status, { ...headers, ...tag, 'content-type': type, 'cache-control': cache });
    res.end(req.method === 'HEAD' ? undefined : found.body);
  });
  /** The paths asked for, in order: a test empties it and reads what a visit fetched. */
  server.seen = [];
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const prefix = arg('prefix', '/');
  const server = await serve({
    dir: arg('dir', 'dist'),
    port: Number(arg('port', 8080)),
    host: arg('host', '127.0.0.1'),
    prefix: prefix.endsWith('/') ? prefix : prefix + '/',
  });
  const { address, port } = server.address();
  console.log(`Serving ${arg('dir', 'dist')} at http://${address}:${port}${prefix}`);
}
