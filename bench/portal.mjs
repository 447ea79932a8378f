// The portal of the embedded and included rows: a page on another origin than the app's CDN,
// embedding the article as docs/deploy.md («Embedding in a portal page») says, served by a
// second bench/cdn-server.mjs. /embedded/: the mount element and boot.js (which takes the
// article's fragment from the CDN); /drawn/: the same from the CDN without prerendered
// pages and fragments, where the wasm draws the article; /included/: the mount element
// with the article's HTML fragment inside, as an nginx SSI include would put it (composed
// once at start).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCdn } from './cdn-server.mjs';
import { DIST, RESULTS, SEED, SEED_PATH, log } from './config.mjs';

// The fragment `news-server prerender` writes: the stylesheet link, then the article's
// `.news-app` root. Before a build has it, the same from the prerendered page: its head's
// stylesheet link and its mount element's content.
function fragment() {
  const file = join(DIST, `api/articles/${SEED}.html`);
  if (existsSync(file)) return { html: readFileSync(file, 'utf8'), source: `api/articles/${SEED}.html` };
  const page = readFileSync(join(DIST, SEED_PATH.slice(1), 'index.html'), 'utf8');
  const css = page.match(/<link[^>]*rel=["']?stylesheet[^>]*>/)?.[0];
  const inner = page.match(/<[a-z]+[^>]*\bdata-news-app\b[^>]*>([\s\S]*)<\/main>/)?.[1];
  if (!css || !inner) throw new Error('the prerendered page has no stylesheet or mount element');
  return { html: css + inner, source: 'derived from the prerendered page (the build has no fragment file)' };
}

// Root-relative addresses name the host they are served from: on the portal they would
// point at the portal, so they become the CDN's (absolute ones stay).
const onCdn = (html, cdnOrigin) => html.replace(/\b(href|src)=(["']?)\/(?!\/)/g, `$1=$2${cdnOrigin}/`);

// A portal's page: its own header and footer, light styles of its own, the article between.
const portalPage = (cdnOrigin, inside) => `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Báo Quảng Nam — Thời sự</title>
<link rel="icon" href="data:,">
<style>body { margin: 0 12px; font-family: Georgia, serif; } header, footer { font-size: 14px; padding: 8px 0; }</style>
</head>
<body>
<header><b>Báo Quảng Nam</b> · <a href="/">Thời sự</a> · <a href="/">Kinh tế</a></header>
<div data-news-app data-article="${SEED}">${inside}</div>
<script async src="${cdnOrigin}/boot.js"></script>
<footer><a href="/">Liên hệ</a></footer>
</body>
</html>
`;

/** Writes the portal's pages for `cdn` and `shellCdn` and serves them; resolves to the server. */
export async function startPortal(cdn, shellCdn) {
  const f = fragment();
  const dir = join(RESULTS, 'portal');
  const write = (name, html) => {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'index.html'), html);
  };
  write('embedded', portalPage(cdn.origin, ''));
  write('drawn', portalPage(shellCdn.origin, ''));
  write('included', portalPage(cdn.origin, onCdn(f.html, cdn.origin)));
  const portal = await startCdn({ dir });
  log(`portal at ${portal.origin} (/embedded/, /drawn/, /included/: fragment ${f.source})`);
  portal.fragment = f.source;
  return portal;
}
