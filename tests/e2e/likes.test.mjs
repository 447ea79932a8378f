// «Thích» and the choice of order (contract v2) as a reader uses them: on the static host
// with the likes endpoint stubbed (and as the static host answers it, 404), then on the
// reference server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { newPage, SEED, SEED_COMMENTS, SEED_PATH, useBrowser } from './harness.mjs';
import { useNewsServer } from './news-server.mjs';

const ctx = useBrowser();
const real = useNewsServer();
const LIKES = `**/api/articles/${SEED}/comments/*/likes`;
const TOP_JSON = `**/api/articles/${SEED}/comments-top.json`;
const FAILED = 'Chưa thích được bình luận, vui lòng thử lại.';
const TOP = JSON.parse(
  readFileSync(new URL(`../../public/api/articles/${SEED}/comments-top.json`, import.meta.url), 'utf8'),
);

/** Every comment and reply the seed's first page shows, with its likes (absent = 0). */
const SHOWN = SEED_COMMENTS.items.flatMap((c) => [c, ...(c.replies?.items ?? [])]);
const likesOf = (c) => c.likes ?? 0;
/** The comment liked in these tests: a top-level one that has likes already. */
const TARGET = SEED_COMMENTS.items.find((c) => likesOf(c) > 0) ?? SEED_COMMENTS.items[0];
const N = likesOf(TARGET);

const li = (id) => `[id="bl-${id}"]`;
const likeButton = (page, id) => page.locator(`${li(id)} > .na-comment-actions .na-like`);
const count = async (page, id) => Number(await likeButton(page, id).locator('span').textContent());
const pressed = (page, id) => likeButton(page, id).getAttribute('aria-pressed');
const status = (page) => page.locator('.na-comments > [role="status"]');
const ids = (page) => page.locator('.na-comment-list > li').evaluateAll((els) => els.map((e) => e.id.replace(/^bl-/, '')));

async function open(base = ctx.base, browser = ctx.browser, before) {
  const page = await newPage({ browser });
  page.likes = [];
  page.on('request', (r) => {
    if (/\/likes$/.test(r.url())) page.likes.push({ method: r.method(), url: r.url(), headers: r.headers() });
  });
  if (before) await before(page);
  await page.goto(base + SEED_PATH);
  await page.locator('.na-comment-list .na-reply').first().waitFor();
  return page;
}

/** Routes the likes endpoint; each request waits for `answer(route)` to be called by the test. */
async function hold(page) {
  const waiting = [];
  const arrived = [];
  await page.route(LIKES, (route) => {
    waiting.push(route);
    arrived.shift()?.();
  });
  return async () => {
    if (!waiting.length) await new Promise((ok) => arrived.push(ok));
    return waiting.shift();
  };
}

test('«Thích» shows at once, the server’s count wins, DELETE takes it back; token and path as the contract says', async () => {
  const page = await open();
  assert.equal(await pressed(page, TARGET.id), 'false');
  assert.equal(await count(page, TARGET.id), N);
  assert.equal((await likeButton(page, TARGET.id).textContent()).trim(), `Thích ${N}`);
  // Every comment and reply shown has its button with its count.
  for (const c of SHOWN) assert.equal(await count(page, c.id), likesOf(c), c.id);

  const next = await hold(page);
  await likeButton(page, TARGET.id).click();
  const route = await next();
  // Before any answer: pressed, one more.
  assert.equal(await pressed(page, TARGET.id), 'true');
  assert.equal(await count(page, TARGET.id), N + 1);
  const req = route.request();
  assert.equal(req.method(), 'POST');
  assert.equal(new URL(req.url()).pathname, `/api/articles/${SEED}/comments/${TARGET.id}/likes`);
  const token = req.headers()['x-reader-token'];
  assert.ok(token && token.length >= 16, `a reader token of 16+ characters: ${token}`);
  // The server counts other readers too: its number is shown.
  await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ likes: N + 40 }) });
  await page.waitForFunction(([sel, n]) => document.querySelector(sel)?.textContent === String(n), [`${li(TARGET.id)} > .na-comment-actions .na-like span`, N + 40]);
  assert.equal(await pressed(page, TARGET.id), 'true');
  // Focus stays on the button (the list is not drawn again).
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.like), TARGET.id);

  await likeButton(page, TARGET.id).click();
  const back = await next();
  assert.equal(back.request().method(), 'DELETE');
  assert.equal(new URL(back.request().url()).pathname, `/api/articles/${SEED}/comments/${TARGET.id}/likes`);
  assert.equal(back.request().headers()['x-reader-token'], token, 'the same reader');
  assert.equal(await pressed(page, TARGET.id), 'false');
  assert.equal(await count(page, TARGET.id), N + 39);
  await back.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ likes: N + 2 }) });
  await page.waitForFunction(([sel, n]) => document.querySelector(sel)?.textContent === String(n), [`${li(TARGET.id)} > .na-comment-actions .na-like span`, N + 2]);
  assert.equal(await pressed(page, TARGET.id), 'false');
  assert.equal(await status(page).textContent(), '');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a like that fails (500, no network) is undone with a message; a liked comment stays liked after a reload', async () => {
  const page = await open();
  const reply = SHOWN.find((c) => !SEED_COMMENTS.items.includes(c));
  for (const fail of [(r) => r.fulfill({ status: 500, body: 'oops' }), (r) => r.abort('internetdisconnected')]) {
    await page.unrouteAll();
    await page.route(LIKES, fail);
    await likeButton(page, TARGET.id).click();
    await status(page).filter({ hasText: FAILED }).waitFor();
    assert.equal(await pressed(page, TARGET.id), 'false');
    assert.equal(await count(page, TARGET.id), N);
    assert.equal(await status(page).getAttribute('aria-live'), 'polite');
    assert.ok(await likeButton(page, TARGET.id).isVisible(), 'the buttons stay: the host takes likes');
    // The message goes with the next like.
    await page.unrouteAll();
    await page.route(LIKES, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"likes":1}' }));
    await likeButton(page, reply.id).click();
    await page.waitForFunction(() => document.querySelector('.na-comments > [role="status"]').textContent === '');
    await page.waitForFunction((id) => document.querySelector(`[id="bl-${id}"] .na-like span`).textContent === '1', reply.id);
    assert.equal(await pressed(page, reply.id), 'true');
    await page.unrouteAll();
    await page.route(LIKES, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ likes: likesOf(reply) }) }));
    await likeButton(page, reply.id).click();
    await page.waitForFunction((id) => document.querySelector(`[id="bl-${id}"] .na-like`).getAttribute('aria-pressed') === 'false', reply.id);
  }

  // Liked, then the page again: still liked (this device remembers), the others not.
  await page.unrouteAll();
  await page.route(LIKES, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ likes: N + 1 }) }));
  await likeButton(page, reply.id).click();
  await page.waitForFunction((id) => document.querySelector(`[id="bl-${id}"] .na-like`).getAttribute('aria-pressed') === 'true', reply.id);
  await page.reload();
  await page.locator('.na-comment-list .na-like').first().waitFor();
  assert.equal(await pressed(page, reply.id), 'true');
  const others = await page.locator('.na-like[aria-pressed="true"]').evaluateAll((bs) => bs.map((b) => b.dataset.like));
  assert.deepEqual(others, [reply.id]);
  await page.close();
});

test('a static host that answers 404 or 405: the like buttons go, the counts stay as text', async () => {
  for (const answer of [null, 405]) {
    // null: as the static server answers a POST, 404 with its 404.html.
    const page = await open(ctx.base, ctx.browser, async (p) => {
      if (answer) await p.route(LIKES, (r) => r.fulfill({ status: answer, body: '' }));
    });
    const before = await page.locator('.na-like').count();
    assert.equal(before, SHOWN.length);
    await likeButton(page, TARGET.id).click();
    await page.waitForFunction(() => document.querySelectorAll('.na-like').length === 0);
    assert.equal(page.likes.length, 1, `${answer}: one request`);
    assert.equal(page.likes[0].method, 'POST');
    for (const c of SHOWN) {
      const text = page.locator(`${li(c.id)} > .na-comment-actions .na-likes`);
      if (likesOf(c) > 0) assert.equal(await text.textContent(), `${likesOf(c)} lượt thích`, `${answer}: ${c.id}`);
      else assert.equal(await text.count(), 0, `${answer}: ${c.id} has none`);
    }
    // Not an error the reader is told about, and «Trả lời» stays.
    assert.equal(await status(page).textContent(), '');
    assert.equal(await page.locator('.na-comment-list .na-reply').count(), SHOWN.length);
    await page.close();
  }
});

test('a static host refusing a like while the reply form is open: the form and what is typed stay on screen', async () => {
  const page = await open();
  const thread = SEED_COMMENTS.items.find((c) => c.id !== TARGET.id) ?? TARGET;
  await page.locator(`${li(thread.id)} > .na-comment-actions .na-reply`).click();
  await page.waitForFunction(() => document.activeElement?.id === 'na-reply-body');
  await page.locator('#na-reply-body').fill('Đang viết dở');
  // The static server answers the POST with 404: the like buttons go.
  await likeButton(page, TARGET.id).click();
  await page.waitForFunction(() => document.querySelectorAll('.na-like').length === 0);
  await page.waitForTimeout(300);
  assert.equal(await page.locator(`${li(thread.id)} #na-reply-body`).count(), 1, 'the reply form is still under its thread');
  assert.ok(await page.locator('#na-reply-body').isVisible());
  assert.equal(await page.locator('#na-reply-body').inputValue(), 'Đang viết dở');
  await page.close();
});

test('the order: «Quan tâm nhất» shows comments-top.json, «Mới nhất» comments.json; aria-pressed follows', async () => {
  // The demo file itself is most liked first (ties: newest first).
  const key = (c) => [likesOf(c), Date.parse(c.created_at)];
  for (let i = 1; i < TOP.items.length; i++) {
    const [a, b] = [key(TOP.items[i - 1]), key(TOP.items[i])];
    assert.ok(a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]), `comments-top.json in order at ${i}`);
  }
  const newest = SEED_COMMENTS.items.map((c) => c.id);
  const group = (page) => page.locator('.na-order[role="group"]');
  const button = (page, order) => group(page).locator(`button[data-order="${order}"]`);

  // As served; then with a comments-top.json whose order differs from the newest (the
  // demo's two orders may happen to be the same): the likes reversed.
  const reordered = [...SEED_COMMENTS.items].reverse().map((c, i) => ({ ...c, likes: 100 - i }));
  for (const top of [TOP, { ...TOP, items: reordered, total: SEED_COMMENTS.total }]) {
    const page = await open(ctx.base, ctx.browser, async (p) => {
      if (top !== TOP) await p.route(TOP_JSON, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(top) }));
    });
    await group(page).waitFor();
    assert.ok(await group(page).isVisible());
    assert.equal((await button(page, 'new').textContent()).trim(), 'Mới nhất');
    assert.equal((await button(page, 'top').textContent()).trim(), 'Quan tâm nhất');
    assert.equal(await button(page, 'new').getAttribute('aria-pressed'), 'true');
    assert.equal(await button(page, 'top').getAttribute('aria-pressed'), 'false');
    assert.deepEqual(await ids(page), newest);

    const want = top.items.map((c) => c.id);
    await button(page, 'top').click();
    await page.waitForFunction((w) => [...document.querySelectorAll('.na-comment-list > li')].map((e) => e.id).join() === w.map((i) => `bl-${i}`).join(), want);
    assert.equal(await button(page, 'top').getAttribute('aria-pressed'), 'true');
    assert.equal(await button(page, 'new').getAttribute('aria-pressed'), 'false');
    const counts = await page.locator('.na-comment-list > li > .na-comment-actions .na-like span').evaluateAll((s) => s.map((e) => Number(e.textContent)));
    assert.deepEqual(counts, top.items.map(likesOf));
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'most liked first');
    // Their replies come along.
    for (const c of top.items) {
      assert.equal(await page.locator(`${li(c.id)} > ol.na-replies > li`).count(), c.replies?.items?.length ?? 0);
    }

    await button(page, 'new').click();
    await page.waitForFunction((w) => [...document.querySelectorAll('.na-comment-list > li')].map((e) => e.id).join() === w.map((i) => `bl-${i}`).join(), newest);
    assert.equal(await button(page, 'new').getAttribute('aria-pressed'), 'true');
    assert.equal(await button(page, 'top').getAttribute('aria-pressed'), 'false');
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('choosing an order: focus stays on the chosen button once the comments are there', async () => {
  const page = await open();
  await page.locator('.na-order[role="group"]').waitFor();
  const want = TOP.items.map((c) => `bl-${c.id}`).join();
  await page.locator('button[data-order="top"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((w) => [...document.querySelectorAll('.na-comment-list > li')].map((e) => e.id).join() === w, want);
  await page.waitForTimeout(300);
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.order), 'top', `focus is on ${focused}`);
  await page.close();
});

test('a host without comments-top.json (404): no choice of order', async () => {
  const page = await newPage(ctx);
  let asked = 0;
  await page.route(TOP_JSON, (r) => {
    asked += 1;
    return r.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' });
  });
  const answered = page.waitForResponse((r) => r.url().endsWith('/comments-top.json'));
  await page.goto(ctx.base + SEED_PATH);
  await page.locator('.na-comment-list .na-reply').first().waitFor();
  await answered;
  // Time for the app to act on the answer (the positive case above shows it within this).
  await page.waitForTimeout(500);
  assert.equal(asked, 1, 'the host was asked');
  assert.equal(await page.locator('.na-order').count(), 0);
  assert.equal(await page.locator('[data-order]').count(), 0);
  assert.deepEqual(await ids(page), SEED_COMMENTS.items.map((c) => c.id));
  await page.close();
});

test('the reference server: a like counts (in the page and in comments.json), and is taken back', async () => {
  const page = await open(real.base, real.browser);
  const served = async () => {
    const res = await fetch(`${real.base}/api/articles/${SEED}/comments.json`, { cache: 'no-store' });
    return likesOf((await res.json()).items.find((c) => c.id === TARGET.id));
  };
  assert.equal(await served(), N, 'the server imported the demo likes');
  assert.equal(await count(page, TARGET.id), N);

  const liked = page.waitForResponse((r) => r.url().endsWith(`/comments/${TARGET.id}/likes`) && r.request().method() === 'POST');
  await likeButton(page, TARGET.id).click();
  const res = await liked;
  assert.equal(res.status(), 200);
  assert.deepEqual(await res.json(), { likes: N + 1 });
  assert.equal(await pressed(page, TARGET.id), 'true');
  assert.equal(await count(page, TARGET.id), N + 1);
  assert.equal(await served(), N + 1);
  await page.reload();
  await page.locator('.na-comment-list .na-like').first().waitFor();
  assert.equal(await count(page, TARGET.id), N + 1, 'after a reload too');
  assert.equal(await pressed(page, TARGET.id), 'true');

  const unliked = page.waitForResponse((r) => r.url().endsWith(`/comments/${TARGET.id}/likes`) && r.request().method() === 'DELETE');
  await likeButton(page, TARGET.id).click();
  assert.equal((await unliked).status(), 200);
  assert.equal(await pressed(page, TARGET.id), 'false');
  assert.equal(await count(page, TARGET.id), N);
  assert.equal(await served(), N);
  assert.equal(await status(page).textContent(), '');
  assert.deepEqual(page.errors, []);
  await page.close();
});
