// What the journeys need around the engine: the release build on a plain static host (with
// CORS, as docs/deploy.md asks of a host a portal embeds from), the mock portal on another
// origin, and the reference server for comments. Started once for all engines.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serve } from '../static-server.mjs';
import { DIST } from '../e2e/harness.mjs';
import { startNewsServer } from '../e2e/news-server.mjs';

const HOST = fileURLToPath(new URL('../host/', import.meta.url));
const DIST_SUB = fileURLToPath(new URL('../../dist-sub', import.meta.url));
const CORS = { 'access-control-allow-origin': '*' };

const origin = (server, host = '127.0.0.1') => `http://${host}:${server.address().port}`;
const closing = (server) =>
  new Promise((ok) => {
    server.closeAllConnections();
    server.close(ok);
  });

/**
 * The portal's page (tests/host/portal.html) with its embedding snippet pointing at the app
 * on `app` (another origin), as docs/deploy.md's snippet for a CDN has it.
 */
function portalServer(app) {
  const page = readFileSync(`${HOST}portal.html`, 'utf8').replace('src="/boot.js"', `src="${app}/boot.js"`);
  return createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/portal.html') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    const type = { '/portal.css': 'text/css', '/other.html': 'text/html; charset=utf-8' }[path];
    if (!type) return res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    res.writeHead(200, { 'content-type': type }).end(readFileSync(HOST + path.slice(1)));
  });
}

/**
 * Starts everything; resolves to the `env` each journey gets:
 *   origin     the static host of dist/
 *   portal     the portal page's URL, on another origin (localhost, not 127.0.0.1)
 *   news       the reference server's origin; `newsCli(...args)` its CLI on the same database
 *   serveDist() a static host of dist/ of the journey's own, to take away: { origin, close() }
 *   sub        the static host of dist-sub/ (the prerendered build under /tin-tuc/ban-doc/)
 *   stop()     stops them all
 */
export async function startEnv() {
  const dist = await serve({ dir: DIST, headers: CORS });
  const env = { origin: origin(dist) };
  const portal = portalServer(env.origin);
  await new Promise((ok) => portal.listen(0, '127.0.0.1', ok));
  // 'localhost' and '127.0.0.1' are two origins to a browser.
  env.portal = `${origin(portal, 'localhost')}/portal.html`;
  const sub = await serve({ dir: DIST_SUB, prefix: '/tin-tuc/ban-doc/' });
  env.sub = `${origin(sub)}/tin-tuc/ban-doc`;
  const news = await startNewsServer();
  env.news = news.base;
  env.newsCli = news.cli;
  const own = [];
  env.serveDist = async () => {
    const server = await serve({ dir: DIST });
    own.push(server);
    return { origin: origin(server), close: () => closing(server) };
  };
  env.stop = async () => {
    news.stop();
    await Promise.all([dist, portal, sub, ...own].map((s) => (s.listening ? closing(s) : null)));
  };
  return env;
}
