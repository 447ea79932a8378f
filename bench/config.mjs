// The bench's settings: its command line, where things are, and the phone it emulates. One
// place, so that every part of the bench (bench/*.mjs) reads the same.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(BENCH, '..');
export const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
export const DIST = resolve(arg('dist', join(ROOT, 'dist')));
export const SERVER = resolve(arg('server', join(ROOT, 'target/release/news-server')));
export const RUNS = Number(arg('runs', 7));
export const LH_RUNS = Number(arg('lighthouse-runs', 3));
export const OUT = resolve(arg('out', join(BENCH, 'results/latest.json')));
export const RESULTS = dirname(OUT);
export const SKIP = new Set(String(arg('skip', '')).split(',').filter(Boolean));
// The service worker of offline reading (public/sw.js): every page is loaded with it allowed
// and with it blocked (`both`, readers have either); `allow` or `block` restricts a run to one.
export const SERVICE_WORKERS = arg('service-workers', 'both');
export const WORKER_MODES = SERVICE_WORKERS === 'both' ? ['allow', 'block'] : [SERVICE_WORKERS];
if (!WORKER_MODES.every((m) => m === 'allow' || m === 'block')) throw new Error('--service-workers: allow, block or both');

// The CDN's protocol (bench/cdn-server.mjs): `2`, HTTP/2 over TLS as a CDN serves a site
// (every file of a page on one connection), or `1.1`, as a plain host does (six connections,
// one file at a time each).
export const HTTP = arg('http', '2');
if (!['1.1', '2'].includes(HTTP)) throw new Error('--http: 1.1 or 2');

export const SEED = 'khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022';
export const SEED_PATH = `/chinh-tri/${SEED}`;
export const FLOOR_PREFIX = '/floor/';
// The strictest floor: the article alone (its own element, the same stylesheet; no script,
// no sidebar, no comments), what a phone's first screen needs.
export const ARTICLE_FLOOR_PREFIX = '/floor-article/';

// Lighthouse's mobile settings (its default): the throttling figures, and the Moto G Power
// screen it emulates, used here for every page load so that the largest element is the one
// a phone shows.
export const THROTTLE = { latency: 150, down: 1.6e6 / 8, up: 750e3 / 8, cpu: 4 };
export const NETWORK = { offline: false, latency: THROTTLE.latency, downloadThroughput: THROTTLE.down, uploadThroughput: THROTTLE.up };
export const MOBILE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
};

export const log = (...a) => console.error('[bench]', ...a);
export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
