// The reader's comforts on the release build: reading time, share (links, clipboard, the
// system's sheet), listening, text size, dark mode, print; axe in both schemes; embedded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ADOPTED, DIST, SEED, SEED_PATH, useBrowser } from './harness.mjs';

const HOST = fileURLToPath(new URL('../host', import.meta.url));
const ctx = useBrowser({ dir: DIST, more: [{ prefix: '/portal/', dir: HOST }] });
const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const AUDIO_PATH = '/van-hoa/pho-co-hoi-an-lung-linh-dem-ram-thang-gieng';
const SERVED = '[data-news-app][data-na-tools]';
const article = (slug) =>
  JSON.parse(readFileSync(new URL(`../../public/api/articles/${slug}.json`, import.meta.url), 'utf8'));

/** A page in its own context (permissions, scheme), with its errors recorded. */
async function open(path, options = {}, init) {
  const { permissions, ...contextOptions } = options;
  const context = await ctx.browser.newContext(contextOptions);
  if (permissions) await context.grantPermissions(permissions, { origin: ctx.origin });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  if (init) await page.addInitScript(init);
  await page.goto(ctx.base + path);
  await page.waitForFunction(ADOPTED);
  await page.locator(SERVED).waitFor({ state: 'attached' });
  return page;
}

async function close(page) {
  assert.deepEqual(page.errors, []);
  await page.context().close();
}

async function assertAxe(page, what, within) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const { violations, incomplete } = await page.evaluate(
    ([values, within]) =>
      window.axe.run(within ? document.querySelector(within) : document, {
        runOnly: { type: 'tag', values },
        resultTypes: ['violations', 'incomplete'],
      }),
    [TAGS, within],
  );
  violations.push(...incomplete.filter((r) => r.id === 'color-contrast'));
  const report = violations.map(
    (v) => `\n${v.id} [${v.impact}] ${v.help}` + v.nodes.map((n) => `\n    ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`).join(''),
  );
  assert.equal(violations.length, 0, `${what}: ${violations.length} axe violation(s):${report.join('')}`);
}

test('the reading time beside the date: the body’s words at 200 a minute, rounded up', async () => {
  const a = article(SEED);
  const words = a.body
    .map((b) => (b.type === 'paragraph' ? b.html.replace(/<[^>]*>/g, ' ') : b.type === 'heading' ? b.text : b.type === 'quote' ? `${b.text} ${b.cite ?? ''}` : ''))
    .join(' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const page = await open(SEED_PATH);
  const shown = await page.locator('.na-meta .na-reading').textContent();
  assert.equal(shown, `${Math.max(1, Math.ceil(words / 200))} phút đọc`);
  // In the page as prerendered too (no script).
  const html = readFileSync(`${DIST}${SEED_PATH}/index.html`, 'utf8');
  assert.match(html, new RegExp(`<span class="?na-reading"?>${shown}</span>`));
  await close(page);
});

test('share: «Facebook», «Zalo» and «Sao chép liên kết» under the title and at the end; the clipboard, announced', async () => {
  const page = await open(SEED_PATH, { permissions: ['clipboard-read', 'clipboard-write'] });
  const address = ctx.base + SEED_PATH;
  for (const group of await page.locator('.na-share').all()) {
    assert.ok(await group.isVisible());
    assert.equal(await group.getByRole('button', { name: 'Chia sẻ', exact: true }).isVisible(), false);
    const fb = group.getByRole('link', { name: 'Facebook' });
    assert.equal(await fb.getAttribute('href'), `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(address)}`);
    assert.equal(await fb.getAttribute('target'), '_blank');
    const zalo = group.getByRole('link', { name: 'Zalo' });
    assert.match(await zalo.getAttribute('href'), /^https:\/\/button-share\.zalo\.me\/share_external\?/);
    assert.ok((await zalo.getAttribute('href')).endsWith(`href=${encodeURIComponent(address)}`));
  }
  assert.equal(await page.locator('.na-share').count(), 2);
  // By keyboard: the copy button of the end's group, then Enter.
  const end = page.locator('.na-footer .na-share');
  await end.getByRole('button', { name: 'Sao chép liên kết' }).focus();
  await page.keyboard.press('Enter');
  await end.getByRole('status').filter({ hasText: 'Đã sao chép liên kết' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), address);
  await close(page);
});

test('share with the Web Share API: one «Chia sẻ» that sends the title and the address', async () => {
  const page = await open(SEED_PATH, {}, () => {
    navigator.share = async (data) => {
      window.__shared = data;
    };
  });
  await page.locator('[data-na-share="native"]').waitFor({ state: 'attached' });
  const top = page.locator('.na-header .na-share');
  assert.equal(await top.getByRole('link', { name: 'Facebook' }).isVisible(), false);
  assert.equal(await top.getByRole('button', { name: 'Sao chép liên kết' }).isVisible(), false);
  await top.getByRole('button', { name: 'Chia sẻ', exact: true }).click();
  await page.waitForFunction(() => window.__shared);
  assert.deepEqual(await page.evaluate(() => window.__shared), { title: article(SEED).title, url: ctx.base + SEED_PATH });
  await close(page);
});

test('listen: «Nghe bài viết» plays the article’s recording, pauses it, and it stops on navigation', async () => {
  const page = await open(AUDIO_PATH);
  const button = page.locator('.na-tools').getByRole('button', { name: 'Nghe bài viết' });
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  await button.click();
  await page.waitForFunction(() => document.querySelector('audio.na-audio').currentTime > 0.3);
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  // Its player (position, duration, play/pause) is shown, labelled.
  assert.ok(await page.locator('audio.na-audio').isVisible());
  assert.equal(await page.locator('audio.na-audio').getAttribute('aria-label'), 'Bản ghi âm bài viết');
  await button.click();
  await page.waitForFunction(() => document.querySelector('audio.na-audio').paused);
  await page.locator('.na-tools [data-na-act="listen"][aria-pressed="false"]').waitFor({ state: 'attached' });
  // Playing again, then another article: the recording stops.
  await button.click();
  await page.waitForFunction(() => (window.__audio = document.querySelector('audio.na-audio')) && !window.__audio.paused);
  await page.locator(`.na-most-read .na-rank a:not([href$="${AUDIO_PATH}"])`).first().click();
  await page.waitForFunction((p) => location.pathname !== p, AUDIO_PATH);
  await page.waitForFunction(() => window.__audio.paused);
  await close(page);
});

test('listen without a recording: speech synthesis only with a Vietnamese voice', async () => {
  const page = await open(SEED_PATH);
  const vi = await page.evaluate(() => speechSynthesis.getVoices().some((v) => v.lang.toLowerCase().startsWith('vi')));
  assert.equal(await page.locator('.na-tools').getByRole('button', { name: 'Nghe bài viết' }).isVisible(), vi);
  assert.equal(await page.locator('audio').count(), 0);
  await close(page);
});

test('text size: «A+» and «A−» in four steps, remembered across a reload with no layout shift', async () => {
  const page = await open(SEED_PATH, {}, () => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const body = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.na-body p')).fontSize));
  const base = await body();
  const larger = page.locator('.na-header').getByRole('button', { name: 'Tăng cỡ chữ' });
  const smaller = page.locator('.na-header').getByRole('button', { name: 'Giảm cỡ chữ' });
  await smaller.click();
  assert.ok((await body()) < base);
  assert.equal(await smaller.getAttribute('aria-disabled'), 'true');
  await larger.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Enter');
  assert.equal(await larger.getAttribute('aria-disabled'), 'true');
  const largest = await body();
  assert.ok(largest > base * 1.3, `${base} → ${largest}`);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.naSize), '3');
  await page.reload();
  await page.waitForFunction(ADOPTED);
  // Applied before the first paint (boot.js): the size is there, and nothing moved.
  assert.equal(await body(), largest);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__cls), 0);
  await close(page);
});

test('the largest text size with text at 200% on a phone: nothing scrolls sideways', async () => {
  const page = await open(SEED_PATH, { viewport: { width: 390, height: 800 } }, () => localStorage.setItem('na-text-size', '3'));
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  const problems = await page.evaluate(() => {
    const out = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) out.push(`the page scrolls: ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of document.querySelectorAll('.na-title, .na-body > p, .na-tool, .na-meta, .na-lead')) {
      const r = el.getBoundingClientRect();
      if (r.width && (r.left < -1 || r.right > width + 1)) out.push(`${el.className} «${el.textContent.slice(0, 20)}» ${r.left}–${r.right}`);
    }
    return out;
  });
  assert.deepEqual(problems, []);
  await close(page);
});

test('dark mode: the system’s preference, the switch (remembered), axe in both schemes', async () => {
  const dark = await open(SEED_PATH, { colorScheme: 'dark' });
  assert.equal(await dark.evaluate(() => document.documentElement.dataset.naTheme), 'dark');
  assert.equal(await dark.evaluate(() => getComputedStyle(document.querySelector('.news-app')).backgroundColor), 'rgb(18, 18, 18)');
  const sw = dark.locator('.na-header').getByRole('button', { name: 'Giao diện tối' });
  assert.equal(await sw.getAttribute('aria-pressed'), 'true');
  await assertAxe(dark, 'dark by preference');
  await close(dark);

  const page = await open(SEED_PATH, { colorScheme: 'light' });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.naTheme), 'light');
  await assertAxe(page, 'light, the controls served');
  const toggle = page.locator('.na-header').getByRole('button', { name: 'Giao diện tối' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.naTheme), 'dark');
  await page.reload();
  await page.waitForFunction(ADOPTED);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.naTheme), 'dark');
  await page.locator(SERVED).waitFor({ state: 'attached' });
  await assertAxe(page, 'dark by the switch');
  await page.locator('.na-header').getByRole('button', { name: 'Giao diện tối' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.naTheme), 'light');
  await close(page);
});

test('print: the article, its byline, address and date; no controls, share links, form, comments or sidebar', async () => {
  const page = await open(SEED_PATH);
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.na-aside', '.na-comments', '.na-tools', '.na-share', '.na-comment-form', 'button', '.na-breadcrumb']) {
    for (const el of await page.locator(hidden).all()) assert.equal(await el.isVisible(), false, `${hidden} is not printed`);
  }
  for (const shown of ['.na-title', '.na-meta time', '.na-byline', '.na-body p', '.na-print-url']) {
    assert.ok(await page.locator(shown).first().isVisible(), `${shown} is printed`);
  }
  // «Địa chỉ bài viết:» and, after it, the address shared.
  assert.equal(await page.locator('.na-print-url').textContent(), 'Địa chỉ bài viết:');
  assert.equal(await page.locator('.na-print-url').getAttribute('data-href'), ctx.base + SEED_PATH);
  const printed = await page.evaluate(() => getComputedStyle(document.querySelector('.na-print-url'), '::after').content);
  assert.ok(printed === `" ${ctx.base + SEED_PATH}"` || printed.includes('attr(data-href)'), printed);
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.locator('.na-print-url').isVisible(), false);
  await close(page);
});

test('embedded: the portal decides the scheme (light by default, no switch); its data-site-url is what is shared', async () => {
  const portal = readFileSync(new URL('../host/portal.html', import.meta.url), 'utf8');
  const context = await ctx.browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(`${ctx.origin}/portal/portal.html`);
  await page.locator(SERVED).waitFor({ state: 'attached' });
  const mount = page.locator('[data-news-app]');
  assert.equal(await mount.getAttribute('data-na-theme'), 'light');
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-na-theme')), false);
  assert.equal(await page.locator('.na-header').getByRole('button', { name: 'Giao diện tối' }).isVisible(), false);
  // Nothing else known: the portal page's own address.
  const fb = page.locator('.na-header').getByRole('link', { name: 'Facebook' });
  assert.ok((await fb.getAttribute('href')).endsWith(encodeURIComponent(`${ctx.origin}/portal/portal.html`)));

  const custom = portal.replace(
    '<div data-news-app ',
    '<div data-news-app data-site-url="https://baoquangnam.example.vn/" data-theme="auto" data-theme-switch ',
  );
  await page.route('**/portal/custom.html', (route) => route.fulfill({ contentType: 'text/html', body: custom }));
  await page.goto(`${ctx.origin}/portal/custom.html`);
  await page.locator(SERVED).waitFor({ state: 'attached' });
  assert.equal(await mount.getAttribute('data-na-theme'), 'dark');
  assert.equal(
    await fb.getAttribute('href'),
    `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(`https://baoquangnam.example.vn/chinh-tri/${SEED}`)}`,
  );
  const sw = page.locator('.na-header').getByRole('button', { name: 'Giao diện tối' });
  assert.equal(await sw.getAttribute('aria-pressed'), 'true');
  await sw.click();
  assert.equal(await mount.getAttribute('data-na-theme'), 'light');
  await assertAxe(page, 'embedded, light by the switch', '[data-news-app]');
  assert.deepEqual(page.errors, []);
  await context.close();
});
