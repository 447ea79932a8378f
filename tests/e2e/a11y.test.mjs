// Accessibility of every view on the release build: axe-core (WCAG 2.x A and AA, and its
// best practices) on each page and each state of the comment form, a reader who uses only
// the keyboard, and text at 200%.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAxe, asShell, newPage, SEED, SEED_COMMENTS, SEED_PATH, useBrowser } from './harness.mjs';

const ctx = useBrowser();
const POST = `**/api/articles/${SEED}/comments`;
const COMMENTS_OFF = '/chinh-tri/quang-nam-day-manh-cai-cach-hanh-chinh-nam-2023';

const created = (status) => ({
  status: 201,
  contentType: 'application/json',
  body: JSON.stringify({
    status,
    comment: { id: 'c-a11y', author_name: 'Lan', body: 'Bài viết hay', created_at: '2023-02-03T01:00:00Z' },
  }),
});

/** Opens `path` and waits until `ready` (selectors) are all shown and nothing is loading. */
async function open(path, ready, page) {
  page ??= await newPage(ctx);
  await page.goto(ctx.base + path);
  for (const selector of ready) await page.locator(selector).first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.news-app .na-status'));
  return page;
}

const ARTICLE_READY = ['.na-main h1', '.na-most-read .na-rank a', '.na-comment'];


test('axe: the seed article, the front page, a category page, the not-found view, comments off', async () => {
  const views = [
    [SEED_PATH, ARTICLE_READY],
    ['/', ['.na-list li a', '.na-most-read .na-rank a']],
    ['/chinh-tri', ['.na-list li a', '.na-most-read .na-rank a']],
    ['/a/b/c', ['.na-notfound h1', '.na-most-read .na-rank a']],
    [COMMENTS_OFF, ['.na-main h1', '.na-comments-off', '.na-most-read .na-rank a']],
  ];
  for (const [path, ready] of views) {
    const page = await open(path, ready);
    await assertAxe(page, path);
    assert.deepEqual(page.errors, [], path);
    await page.close();
  }
});

test('axe: the error view with «Thử lại»', async () => {
  const page = await newPage(ctx);
  // An article that is not prerendered (a prerendered one stays on screen instead).
  await asShell(page, ctx.base, SEED_PATH);
  await page.route(`**/api/articles/${SEED}.json`, (route) => route.fulfill({ status: 503, body: '' }));
  await page.goto(ctx.base + SEED_PATH);
  await page.getByRole('button', { name: 'Thử lại' }).waitFor();
  await page.locator('.na-most-read .na-rank a').first().waitFor();
  assert.equal(await page.title(), 'Không tải được trang');
  await assertAxe(page, 'article 503');
  await page.close();
});

test('axe: the comment form in each state', async () => {
  const page = await open(SEED_PATH, ARTICLE_READY);
  const body = page.getByLabel('Bình luận của bạn');
  const name = page.getByLabel('Tên của bạn');
  const send = page.getByRole('button', { name: 'Gửi bình luận' });
  const status = page.locator('.na-comment-form [role="status"]');

  await send.click();
  await page.locator('#na-comment-name-error', { hasText: 'Vui lòng nhập tên' }).waitFor();
  await assertAxe(page, 'empty fields (errors shown)');

  // While sending: the answer waits until axe has looked.
  let answer;
  const held = new Promise((ok) => (answer = ok));
  await page.route(POST, async (route) => route.fulfill(await held));
  await body.fill('Bài viết hay');
  await name.fill('Lan');
  await send.click();
  await page.getByRole('button', { name: 'Đang gửi…' }).waitFor();
  await assertAxe(page, 'sending');
  answer({ status: 503, contentType: 'text/plain', body: 'Service Unavailable' });
  await page.getByRole('button', { name: 'Thử lại' }).waitFor();
  await assertAxe(page, 'failed (503, «Thử lại»)');

  await page.unroute(POST);
  await page.route(POST, (route) =>
    route.fulfill({ status: 429, contentType: 'application/json', headers: { 'Retry-After': '30' }, body: '{}' }),
  );
  await send.click();
  await status.filter({ hasText: 'thử lại sau 30 giây' }).waitFor();
  await assertAxe(page, 'too fast (429)');

  await page.unroute(POST);
  await page.route(POST, (route) => route.fulfill(created('pending')));
  await send.click();
  await status.filter({ hasText: 'đang chờ duyệt' }).waitFor();
  await assertAxe(page, 'pending (201)');

  await page.unroute(POST);
  await page.route(POST, (route) => route.fulfill(created('published')));
  await body.fill('Bài viết hay');
  await name.fill('Lan');
  await send.click();
  await status.filter({ hasText: 'đã được đăng' }).waitFor();
  await assertAxe(page, 'published (201)');
  await page.close();
});

/** What the focused element is, where it is, and whether its focus can be seen. */
function describeFocus() {
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: 'BODY' };
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return {
    tag: el.tagName,
    id: el.id,
    name: el.getAttribute('name'),
    text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 60),
    href: el.getAttribute('href'),
    inAside: !!el.closest('.na-aside'),
    visible:
      r.width > 0 &&
      r.height > 0 &&
      s.visibility !== 'hidden' &&
      r.bottom > 0 &&
      r.right > 0 &&
      r.top < innerHeight &&
      r.left < innerWidth,
    indicator: outline || s.boxShadow !== 'none',
  };
}

test('keyboard only: reach the form, send a comment, hear the answer, follow a most-read link', async () => {
  const page = await open(SEED_PATH, ARTICLE_READY);
  await page.evaluate(() => {
    window.__sameDocument = true;
    window.__focused = [];
    document.addEventListener('focusin', (e) => window.__focused.push(e.target.getAttribute('name')), true);
  });
  await page.route(POST, (route) => route.fulfill(created('pending')));
  // The live region is in the accessibility tree before anything is said in it, or what is
  // said later is not heard: empty, it may take no room, but must not be display: none.
  const status = page.locator('.na-comment-form [role="status"][aria-live="polite"]');
  assert.equal(await status.count(), 1);
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.na-comment-form' });
  const { nodes } = await cdp.send('Accessibility.queryAXTree', { nodeId, role: 'status' });
  const live = nodes.filter((n) => !n.ignored && n.properties?.some((p) => p.name === 'live' && p.value.value === 'polite'));
  assert.equal(live.length, 1, `the empty status is a polite live region: ${JSON.stringify(nodes)}`);

  const path = [];
  const tab = async () => {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(describeFocus);
    path.push(f);
    assert.ok(f.tag !== 'BODY', `focus left the page after ${path.map((p) => p.text || p.id).join(' → ')}`);
    assert.ok(f.visible, `focused but not visible: ${JSON.stringify(f)}`);
    assert.ok(f.indicator, `focused without a visible indicator: ${JSON.stringify(f)}`);
    return f;
  };

  let f;
  for (let i = 0; i < 30 && f?.id !== 'na-comment-body'; i++) f = await tab();
  assert.equal(f.id, 'na-comment-body', `the comment box is reached: ${JSON.stringify(path)}`);
  await page.keyboard.type('Bài viết rất hữu ích, cảm ơn tòa soạn.');
  assert.equal((await tab()).id, 'na-comment-name');
  await page.keyboard.type('Nguyễn Văn An');
  f = await tab();
  assert.equal(f.text, 'Gửi bình luận');
  await page.keyboard.press('Enter');
  await status.filter({ hasText: 'đang chờ duyệt' }).waitFor();
  // Focus stays where the reader was, so the next Tab goes on from the form.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Gửi bình luận');

  // On to a most-read link to another article.
  const here = new URL(page.url()).pathname;
  for (let i = 0; i < 30 && !(f.inAside && f.tag === 'A' && f.href !== here); i++) f = await tab();
  assert.ok(f.inAside && f.tag === 'A' && f.href !== here, `a most-read link is reached: ${JSON.stringify(path)}`);
  const title = await page.evaluate(() => document.activeElement.querySelector('.na-rank-title').textContent);
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.querySelector('.na-main h1')?.textContent === t, title);
  assert.equal(new URL(page.url()).pathname, f.href);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no document reload');
  await page.waitForFunction(() => document.activeElement?.matches('.na-main h1'));

  assert.ok(!(await page.evaluate(() => window.__focused.includes('website'))), 'the honeypot never had focus');
  assert.deepEqual(page.errors, []);
  await page.close();
});

/** Everything that must stay readable when text is larger: inside the viewport, not clipped. */
async function assertReflows(page, what) {
  const problems = await page.evaluate(() => {
    const out = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) {
      out.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    }
    const keys = [
      '.na-main h1',
      '.na-lead',
      '.na-body > p',
      '.na-breadcrumb',
      '.na-meta',
      '.na-figure figcaption',
      '.na-byline',
      '.na-field label',
      '#na-comment-body',
      '#na-comment-name',
      '.na-comment-form .na-button',
      '.na-field-error:not(:empty)',
      '.na-form-status:not(:empty)',
      '.na-comment-body',
      '.na-rank-title',
      '.na-list-title',
      '.na-notfound p',
    ];
    const width = root.clientWidth;
    for (const selector of keys) {
      for (const el of document.querySelectorAll(selector)) {
        const r = el.getBoundingClientRect();
        const name = `${selector} «${(el.textContent || el.placeholder || '').trim().slice(0, 30)}»`;
        if (r.left < -1 || r.right > width + 1) out.push(`${name} is outside the viewport: ${r.left}–${r.right} of ${width}`);
        if (el.scrollWidth > el.clientWidth + 1) out.push(`${name} is clipped: ${el.scrollWidth} > ${el.clientWidth}`);
        // The comment box's hint wraps, so all of it must fit in its rows. A one-line field
        // cannot wrap: «Vui lòng nhập tên của bạn ở đây» is cut at 200% on a phone, while the
        // label above it, checked here, says the same.
        if (el.tagName === 'TEXTAREA' && el.placeholder) {
          const s = getComputedStyle(el);
          const c = document.createElement('canvas').getContext('2d');
          c.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
          const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
          const needed = c.measureText(el.placeholder).width;
          if (needed > room * el.rows) out.push(`${name}: the placeholder is cut: ${needed} > ${room} × ${el.rows}`);
        }
      }
    }
    return out;
  });
  assert.deepEqual(problems, [], `${what}:\n${problems.join('\n')}`);
}

const RESIZE_VIEWS = [
  [SEED_PATH, ARTICLE_READY],
  ['/', ['.na-list li a', '.na-most-read .na-rank a']],
  ['/a/b/c', ['.na-notfound h1']],
];

test('text at 200% (the root font size doubled) on a phone: nothing scrolls sideways or is cut', async () => {
  const page = await newPage(ctx);
  await page.setViewportSize({ width: 390, height: 800 });
  for (const [path, ready] of RESIZE_VIEWS) {
    await open(path, ready, page);
    const before = await page.evaluate(() => document.querySelector('.na-main h1').getBoundingClientRect().height);
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    // The text really is bigger: the title takes more room.
    const after = await page.evaluate(() => document.querySelector('.na-main h1').getBoundingClientRect().height);
    assert.ok(after > before * 1.5, `${path}: the title grows (${before} → ${after})`);
    await assertReflows(page, `${path} at 200% text`);
    if (path === SEED_PATH) {
      // The form's messages at that size too.
      await page.getByRole('button', { name: 'Gửi bình luận' }).click();
      await page.locator('#na-comment-name-error', { hasText: 'Vui lòng nhập tên' }).waitFor();
      await assertReflows(page, `${path} at 200% text, errors shown`);
    }
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('browser zoom at 200% (a 1280 × 800 window is 640 × 400 CSS pixels): nothing scrolls sideways or is cut', async () => {
  const page = await ctx.browser.newPage({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  for (const [path, ready] of RESIZE_VIEWS) {
    await open(path, ready, page);
    await assertReflows(page, `${path} at 200% zoom`);
  }
  await page.close();
});

// Replies and likes (contract v2): the reply form open, in its states, and a like given.
const LIKES = `**/api/articles/${SEED}/comments/*/likes`;
const THREAD_ID = SEED_COMMENTS.items.find((c) => c.replies?.items?.length)?.id ?? SEED_COMMENTS.items[0].id;

test('axe: the reply form open (empty, refused, pending), a like given, the other order, the rest of a thread', async () => {
  const page = await open(SEED_PATH, [...ARTICLE_READY, '.na-reply']);
  await page.route(LIKES, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"likes":99}' }));
  await page.locator(`[id="bl-${THREAD_ID}"] > .na-comment-actions .na-reply`).click();
  await page.waitForFunction(() => document.activeElement?.id === 'na-reply-body');
  await assertAxe(page, 'reply form open');
  const form = page.locator('form.na-comment-form[aria-label]');
  await form.locator('button[type=submit]').click();
  await page.locator('#na-reply-name-error', { hasText: /\S/ }).waitFor();
  await assertAxe(page, 'reply form, empty fields (errors shown)');
  await page.route(POST, (route) => route.fulfill(created('pending')));
  await page.locator('#na-reply-body').fill('Đồng ý');
  await page.locator('#na-reply-name').fill('Lan');
  await form.locator('button[type=submit]').click();
  await form.locator('[role=status]', { hasText: 'đang chờ duyệt' }).waitFor();
  await assertAxe(page, 'reply form, pending (201)');

  const like = page.locator(`[id="bl-${THREAD_ID}"] > .na-comment-actions .na-like`);
  await like.click();
  await page.waitForFunction(() => [...document.querySelectorAll('.na-like')].some((b) => b.textContent.includes('99')));
  assert.equal(await like.getAttribute('aria-pressed'), 'true');
  await assertAxe(page, 'a like given (aria-pressed)');

  const more = page.locator('.na-more-replies');
  if (await more.count()) {
    await more.first().click();
    await page.waitForFunction(() => !document.querySelector('.na-more-replies'));
    await assertAxe(page, 'the rest of a thread loaded');
  }
  await page.locator('.na-order button[data-order="top"]').click();
  await page.waitForFunction(() => document.querySelector('.na-order [data-order="top"]')?.getAttribute('aria-pressed') === 'true' && document.querySelector('.na-comment-list > li'));
  await page.waitForFunction(() => !document.querySelector('.news-app .na-status'));
  await assertAxe(page, '«Quan tâm nhất»');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('axe: a static host that takes no likes (the counts as text)', async () => {
  const page = await open(SEED_PATH, [...ARTICLE_READY, '.na-like']);
  // The static server answers the POST with 404: the buttons go, the counts stay.
  await page.locator('.na-like').first().click();
  await page.waitForFunction(() => !document.querySelector('.na-like'));
  await assertAxe(page, 'likes refused (404)');
  await page.close();
});

test('keyboard only: Tab to a «Trả lời», Enter opens the reply form, type, Escape closes it', async () => {
  const page = await open(SEED_PATH, [...ARTICLE_READY, '.na-reply']);
  const path = [];
  let f;
  for (let i = 0; i < 60 && !(f?.tag === 'BUTTON' && f.text === 'Trả lời'); i++) {
    await page.keyboard.press('Tab');
    f = await page.evaluate(describeFocus);
    path.push(f.text || f.id || f.tag);
    assert.ok(f.tag !== 'BODY', `focus left the page after ${path.join(' → ')}`);
  }
  assert.equal(f.text, 'Trả lời', `a «Trả lời» is reached: ${path.join(' → ')}`);
  assert.ok(f.visible && f.indicator, `«Trả lời» focused and visibly so: ${JSON.stringify(f)}`);
  const thread = await page.evaluate(() => document.activeElement.dataset.reply);
  const button = await page.evaluateHandle(() => document.activeElement);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'na-reply-body');
  assert.equal(await page.evaluate((t) => !!document.activeElement.closest(`[id="bl-${t}"]`), thread), true, 'under its thread');
  const inBox = await page.evaluate(describeFocus);
  assert.ok(inBox.visible && inBox.indicator, `the box focused and visibly so: ${JSON.stringify(inBox)}`);
  await page.keyboard.type('Tôi đồng ý với ý kiến này.');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'na-reply-name');
  await page.keyboard.type('Bình');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#na-reply-body')?.checkVisibility());
  await page.waitForFunction((b) => document.activeElement === b, button);
  // Enter again: what was typed is there.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'na-reply-body');
  assert.equal(await page.locator('#na-reply-body').inputValue(), 'Tôi đồng ý với ý kiến này.');
  assert.equal(await page.locator('#na-reply-name').inputValue(), 'Bình');
  await page.keyboard.press('Escape');
  await page.waitForFunction((b) => document.activeElement === b, button);
  assert.deepEqual(page.errors, []);
  await page.close();
});
