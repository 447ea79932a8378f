// The static floors the page loads are compared with: the whole layout as the app rendered
// it, and the article alone; the same stylesheet, no script.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAndMeasure, newContext, throttledPage } from './browser.mjs';
import { DIST, RESULTS, SEED_PATH, sleep } from './config.mjs';

const esc = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Renders the article once (unthrottled) in the app shell and writes the static floor pages
 * from its markup. */
export async function writeFloor(browser, cdn) {
  const context = await newContext(browser);
  const page = await throttledPage(context, false);
  await loadAndMeasure(page, cdn.origin + SEED_PATH, { isApp: true });
  // Wait for the comments and the sidebar too: the floor is the whole page as rendered.
  await page.waitForSelector('aside .na-rank a', { timeout: 30_000 });
  await sleep(500);
  const { markup, article, title, description } = await page.evaluate(() => ({
    markup: document.querySelector('[data-news-app]').outerHTML,
    article: document.querySelector('.news-app article').outerHTML,
    title: document.title,
    description: document.querySelector('meta[name=description]')?.getAttribute('content') ?? '',
  }));
  await context.close();
  const index = readFileSync(join(DIST, 'index.html'), 'utf8');
  const css = [...index.matchAll(/<link[^>]*rel=["']?stylesheet[^>]*>/g)].map((m) => m[0]).join('');
  const page_ = (body) =>
    '<!doctype html><html lang=vi><head><meta charset=utf-8>' +
    '<meta name=viewport content="width=device-width,initial-scale=1">' +
    `<title>${esc(title)}</title><meta name=description content="${esc(description)}">` +
    `<link rel=icon href="data:,">${css}</head><body>` +
    body.split(cdn.origin).join('') +
    '</body></html>';
  const html = page_(markup);
  const articleHtml = page_(
    '<main class="na-page"><div class="news-app" lang="vi"><div class="na-layout"><div class="na-main">' +
      article +
      '</div></div></div></main>',
  );
  const write = (folder, content) => {
    const dir = join(RESULTS, folder, SEED_PATH.slice(1));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), content);
    return join(RESULTS, folder);
  };
  return { html, dir: write('floor', html), articleHtml, articleDir: write('floor-article', articleHtml) };
}
