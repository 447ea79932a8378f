// Replies as a reader uses them (contract v2): the seed's replies under their comments,
// «Xem thêm N trả lời», the reply form under the thread answered, and its answers (stubbed
// on the static host; then the reference server, with moderation by its CLI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { newPage, SEED, SEED_COMMENTS, SEED_COUNT, SEED_PATH, useBrowser } from './harness.mjs';
import { useNewsServer } from './news-server.mjs';

const ctx = useBrowser();
const real = useNewsServer();
const POST = `**/api/articles/${SEED}/comments`;
const api = (path) => JSON.parse(readFileSync(new URL(`../../public/api/${path}`, import.meta.url), 'utf8'));

// Derived from the demo data, so that a change to it changes what is expected.
const WITH_REPLIES = SEED_COMMENTS.items.filter((c) => c.replies?.items?.length);
/** A thread with more replies than it shows, and the rest of them. */
const LONG = SEED_COMMENTS.items.find((c) => c.replies?.next && c.replies.total > c.replies.items.length);
const REST = LONG && api(LONG.replies.next);
/** The thread answered in the stubbed tests: one that shows replies (one of them answered too). */
const THREAD = WITH_REPLIES[0];
const A_REPLY = THREAD?.replies.items[0];
/** Another thread, to move the form to. */
const OTHER = SEED_COMMENTS.items.find((c) => c.id !== THREAD?.id);

const li = (id) => `[id="bl-${id}"]`;
const FORM = `form.na-comment-form[aria-label]`;
const heading = (page) => page.locator('.na-comments h2').textContent();

async function open(base = ctx.base, browser = ctx.browser) {
  const page = await newPage({ browser });
  page.posts = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/comments$/.test(new URL(r.url()).pathname)) page.posts.push(r.postData());
  });
  await page.goto(base + SEED_PATH);
  await page.locator('.na-comment-list .na-reply').first().waitFor();
  return page;
}

/** Presses «Trả lời» on comment `id` and waits for the reply form's box to have focus. */
async function reply(page, id) {
  await page.locator(`${li(id)} > .na-comment-actions .na-reply`).click();
  await page.waitForFunction(() => document.activeElement?.id === 'na-reply-body');
}

const ids = (page, selector) => page.locator(selector).evaluateAll((els) => els.map((e) => e.id.replace(/^bl-/, '')));

const created = (status, comment) => ({
  status: 201,
  contentType: 'application/json',
  body: JSON.stringify({ status, comment }),
});

test('the demo data has what these tests need', () => {
  assert.ok(WITH_REPLIES.length > 0, 'a thread with replies');
  assert.ok(LONG && REST.items.length > 0, 'a thread with more replies than it shows, and the rest');
  assert.ok(OTHER, 'two threads');
});

test('replies under their comments, oldest first; «Xem thêm N trả lời» loads the rest and focus goes to it', async () => {
  const page = await open();
  for (const c of SEED_COMMENTS.items) {
    const shown = await ids(page, `${li(c.id)} > ol.na-replies > li.na-comment`);
    assert.deepEqual(shown, (c.replies?.items ?? []).map((r) => r.id), `the replies of ${c.id}`);
    // Every «Trả lời» in a thread, its replies' too, answers the thread.
    const targets = await page.locator(`${li(c.id)} .na-reply`).evaluateAll((bs) => bs.map((b) => b.dataset.reply));
    assert.deepEqual(targets, Array(1 + shown.length).fill(c.id));
  }
  const more = page.locator(`${li(LONG.id)} > .na-more-replies`);
  const hidden = LONG.replies.total - LONG.replies.items.length;
  assert.equal((await more.textContent()).trim(), `Xem thêm ${hidden} trả lời`);
  // No other thread offers more.
  assert.equal(await page.locator('.na-more-replies').count(), 1);
  const before = await heading(page);

  await more.click();
  const all = [...LONG.replies.items, ...REST.items.filter((r) => !LONG.replies.items.some((s) => s.id === r.id))];
  const replies = `${li(LONG.id)} > ol.na-replies > li.na-comment`;
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [replies, all.length]);
  assert.equal(all.length, LONG.replies.total, 'the rest is all of the thread');
  assert.deepEqual(await ids(page, replies), all.map((r) => r.id));
  const times = await page.locator(`${replies} > .na-comment-meta time`).evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime'))));
  assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first');
  for (const r of REST.items) {
    assert.equal(await page.locator(`${li(r.id)} .na-comment-body`).textContent(), r.body);
  }
  assert.equal(await page.locator('.na-more-replies').count(), 0, 'the button is gone');
  assert.equal(await heading(page), before, 'the count already counted them');
  // Focus: on the first loaded reply's button, not lost to the page.
  await page.waitForFunction(() => document.activeElement?.tagName === 'BUTTON');
  const focused = await page.evaluate(() => document.activeElement.closest('li.na-comment')?.id);
  assert.equal(focused, `bl-${REST.items[0].id}`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('«Trả lời» opens one labelled form under its thread; a reply’s «Trả lời» answers the same thread', async () => {
  const page = await open();
  assert.equal(await page.locator('#na-reply-body').count(), 0, 'no reply form before «Trả lời»');
  await reply(page, THREAD.id);
  const form = page.locator(`${li(THREAD.id)} ${FORM}`);
  assert.equal(await form.count(), 1, 'inside the thread');
  assert.ok(await form.isVisible());
  assert.equal(await form.getAttribute('aria-label'), 'Trả lời bình luận');
  // Labelled like the main form, with its own ids.
  const main = page.locator('#na-comment-body').locator('xpath=ancestor::form');
  for (const [field, mainField] of [['#na-reply-body', '#na-comment-body'], ['#na-reply-name', '#na-comment-name']]) {
    const label = (sel) => page.locator(`label[for="${sel.slice(1)}"]`).textContent();
    assert.equal(await label(field), await label(mainField));
    assert.equal(await page.locator(field).getAttribute('placeholder'), await page.locator(mainField).getAttribute('placeholder'));
  }
  assert.equal(await main.count(), 1);
  assert.equal(await form.getByLabel(await page.locator('label[for="na-reply-body"]').textContent()).getAttribute('id'), 'na-reply-body');

  // Another thread: the same single form moves there.
  await reply(page, OTHER.id);
  assert.equal(await page.locator('#na-reply-body').count(), 1, 'one reply form on the page');
  assert.equal(await page.locator(`${li(OTHER.id)} ${FORM}`).count(), 1);
  assert.equal(await page.locator(`${li(THREAD.id)} ${FORM}`).count(), 0);

  // A reply's «Trả lời»: the form for its thread, and the POST names the thread.
  await page.route(POST, (route) =>
    route.fulfill(created('pending', { id: 'r-stub', author_name: 'Hà', body: 'Đồng ý', created_at: '2023-02-03T01:00:00Z' })),
  );
  await reply(page, A_REPLY.id);
  assert.equal(await page.locator(`${li(THREAD.id)} ${FORM}`).count(), 1);
  await page.locator('#na-reply-body').fill('Đồng ý với bạn');
  await page.locator('#na-reply-name').fill('Hà');
  await page.locator(`${FORM} button[type=submit]`).click();
  await page.locator(`${FORM} [role=status]`, { hasText: 'đang chờ duyệt' }).waitFor();
  assert.equal(page.posts.length, 1);
  assert.deepEqual(JSON.parse(page.posts[0]), { author_name: 'Hà', body: 'Đồng ý với bạn', website: '', parent_id: THREAD.id });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('Escape and «Hủy» close the form, focus goes back to «Trả lời», the draft stays (also across a reload)', async () => {
  const page = await open();
  const back = `${li(THREAD.id)} > .na-comment-actions .na-reply`;
  const box = page.locator('#na-reply-body');
  await reply(page, THREAD.id);
  await box.fill('Bản nháp trả lời');
  await page.locator('#na-reply-name').fill('Minh');
  await page.locator('#na-reply-name').press('Escape');
  await page.waitForFunction(() => !document.querySelector('#na-reply-body')?.checkVisibility());
  await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), back);

  await reply(page, THREAD.id);
  assert.equal(await box.inputValue(), 'Bản nháp trả lời');
  assert.equal(await page.locator('#na-reply-name').inputValue(), 'Minh');
  await page.locator(`${FORM} .na-cancel`).click();
  assert.equal((await page.locator(`${FORM} .na-cancel`).textContent()).trim(), 'Hủy');
  await page.waitForFunction(() => !document.querySelector('#na-reply-body')?.checkVisibility());
  await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), back);

  // The draft is this thread's: another thread's form starts empty.
  await reply(page, OTHER.id);
  assert.equal(await box.inputValue(), '');
  await box.press('Escape');

  await page.reload();
  await page.locator('.na-comment-list .na-reply').first().waitFor();
  assert.equal(await page.locator('#na-reply-body:visible').count(), 0, 'closed after a reload');
  await reply(page, THREAD.id);
  assert.equal(await box.inputValue(), 'Bản nháp trả lời');
  assert.equal(await page.locator('#na-reply-name').inputValue(), 'Minh');
  // The main form's draft is not the reply's.
  assert.equal(await page.locator('#na-comment-body').inputValue(), '');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a reply sent: pending is not shown, published appears under its thread and is counted', async () => {
  const page = await open();
  const replies = `${li(THREAD.id)} > ol.na-replies > li.na-comment`;
  const shown = THREAD.replies.items.length;
  const answers = [
    created('pending', { id: 'r-pending', author_name: 'Lan', body: 'Chờ duyệt nhé', created_at: '2023-02-03T01:00:00Z' }),
    created('published', { id: 'r-published', author_name: 'Quân', body: 'Đã đăng ngay', created_at: '2023-02-04T01:00:00Z' }),
  ];
  await page.route(POST, (route) => route.fulfill(answers.shift()));
  await reply(page, THREAD.id);
  await page.locator('#na-reply-body').fill('Chờ duyệt nhé');
  await page.locator('#na-reply-name').fill('Lan');
  await page.locator(`${FORM} button[type=submit]`).click();
  const status = page.locator(`${FORM} [role=status]`);
  await status.filter({ hasText: 'đang chờ duyệt' }).waitFor();
  assert.equal(await page.locator('.na-comment', { hasText: 'Chờ duyệt nhé' }).count(), 0, 'pending is not published');
  assert.equal(await page.locator(replies).count(), shown);
  assert.equal(await heading(page), `Bình luận (${SEED_COUNT})`);
  assert.equal(await page.locator('#na-reply-body').inputValue(), '', 'cleared after the 201');

  await page.locator('#na-reply-body').fill('Đã đăng ngay');
  await page.locator('#na-reply-name').fill('Quân');
  await page.locator(`${FORM} button[type=submit]`).click();
  await page.locator(`${replies}[id="bl-r-published"]`).waitFor();
  assert.deepEqual(await ids(page, replies), [...THREAD.replies.items.map((r) => r.id), 'r-published'], 'last: the newest reply');
  assert.equal(await page.locator(`${li('r-published')} .na-comment-body`).textContent(), 'Đã đăng ngay');
  assert.equal(await heading(page), `Bình luận (${SEED_COUNT + 1})`);
  assert.equal(await page.locator('#na-reply-body').count(), 1);
  assert.equal(page.posts.length, 2);
  assert.equal(JSON.parse(page.posts[1]).parent_id, THREAD.id);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a reply published: focus stays on the reply form’s «Gửi bình luận», as in the main form', async () => {
  const page = await open();
  await page.route(POST, (route) =>
    route.fulfill(created('published', { id: 'r-focus', author_name: 'Quân', body: 'Đã đăng', created_at: '2023-02-04T01:00:00Z' })),
  );
  await reply(page, THREAD.id);
  await page.locator('#na-reply-body').fill('Đã đăng');
  await page.locator('#na-reply-name').fill('Quân');
  await page.locator('#na-reply-name').press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('form')?.getAttribute('aria-label')), 'Trả lời bình luận');
  await page.keyboard.press('Enter');
  await page.locator(`${li('r-focus')}`).waitFor();
  await page.waitForTimeout(300);
  const focused = await page.evaluate(() => `${document.activeElement.tagName} ${document.activeElement.textContent.slice(0, 40)}`);
  assert.equal(
    await page.evaluate(() => document.activeElement.matches('form[aria-label] button[type=submit]')),
    true,
    `focus is on ${focused}`,
  );
  await page.close();
});

test('422 for the thread shows its message; empty fields show the main form’s messages and send nothing', async () => {
  const page = await open();
  const message = 'Bình luận này không còn nhận trả lời';
  await page.route(POST, (route) =>
    route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ errors: { parent_id: message } }) }),
  );
  await reply(page, THREAD.id);
  const send = page.locator(`${FORM} button[type=submit]`);
  await page.locator('#na-reply-body').fill('   ');
  await send.click();
  await page.locator('#na-reply-body-error', { hasText: 'Vui lòng nhập bình luận của bạn' }).waitFor();
  assert.equal(await page.locator('#na-reply-name-error').textContent(), 'Vui lòng nhập tên của bạn ở đây');
  assert.equal(await page.locator('#na-reply-body').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'na-reply-body');
  // The same words as the main form's.
  await page.locator('#na-comment-body').fill(' ');
  await page.locator('#na-comment-body').locator('xpath=ancestor::form').locator('button[type=submit]').click();
  await page.locator('#na-comment-body-error', { hasText: /\S/ }).waitFor();
  assert.equal(await page.locator('#na-comment-body-error').textContent(), await page.locator('#na-reply-body-error').textContent());
  assert.equal(await page.locator('#na-comment-name-error').textContent(), await page.locator('#na-reply-name-error').textContent());
  assert.deepEqual(page.posts, [], 'nothing sent');

  await page.locator('#na-reply-body').fill('Trả lời muộn');
  await page.locator('#na-reply-name').fill('Hòa');
  await send.click();
  await page.locator(`${FORM} [role=status]`, { hasText: message }).waitFor();
  assert.equal(page.posts.length, 1);
  assert.equal(await page.locator('#na-reply-body').inputValue(), 'Trả lời muộn', 'what was typed is kept');
  assert.equal(await page.locator('.na-comment', { hasText: 'Trả lời muộn' }).count(), 0);
  await page.close();
});

test('the reference server: a reply waits for moderation, is approved with the CLI, then shows under its comment', async () => {
  // A thread whose replies all fit on the page (none is best): the new one is then shown.
  const thread = [...SEED_COMMENTS.items].sort((a, b) => (a.replies?.total ?? 0) - (b.replies?.total ?? 0))[0];
  const page = await open(real.base, real.browser);
  assert.equal(await heading(page), `Bình luận (${SEED_COUNT})`);
  const body = `Trả lời thật lúc ${Date.now()}`;
  await reply(page, thread.id);
  await page.locator('#na-reply-body').fill(body);
  await page.locator('#na-reply-name').fill('Độc giả Hội An');
  await page.locator(`${FORM} button[type=submit]`).click();
  await page.locator(`${FORM} [role=status]`, { hasText: 'đang chờ duyệt' }).waitFor();
  assert.equal(await page.locator('.na-comment', { hasText: body }).count(), 0);
  assert.deepEqual(JSON.parse(page.posts[0]).parent_id, thread.id);

  const line = real.cli('pending').split('\n').find((l) => l.includes(body));
  assert.ok(line, 'the reply waits for moderation');
  const id = line.split('\t')[0];
  real.cli('approve', id);
  assert.ok(!real.cli('pending').includes(id));

  await page.reload();
  const mine = page.locator(`${li(thread.id)} > ol.na-replies > li.na-comment`).last();
  await mine.filter({ hasText: body }).waitFor();
  assert.equal(await mine.getAttribute('id'), `bl-${id}`);
  assert.equal(await mine.locator('strong').textContent(), 'Độc giả Hội An');
  assert.equal(await mine.locator('.na-reply').getAttribute('data-reply'), thread.id);
  assert.equal(await page.locator('.na-comment-list > li', { hasText: body }).count(), 1, 'under its comment only');
  assert.equal(await heading(page), `Bình luận (${SEED_COUNT + 1})`);
  assert.deepEqual(page.errors, []);
  await page.close();
});
