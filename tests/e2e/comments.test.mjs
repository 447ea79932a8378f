// Comments as a reader uses them, on the release build from a static host; the server's
// answers to a post (422, 429, 503) are given by intercepted routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, SEED, SEED_COMMENTS as seedComments, SEED_COUNT as seedCount, SEED_PATH, useBrowser } from './harness.mjs';

const ctx = useBrowser();
const TOP = '.na-comment-list > li';
const POST = `**/api/articles/${SEED}/comments`;

async function open(path = SEED_PATH) {
  const page = await newPage(ctx);
  page.posts = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') page.posts.push(r.postData());
  });
  await page.goto(ctx.base + path);
  await page.locator('.na-comments h2').waitFor();
  return page;
}

test('the approved comments, the form with its labels, and a hidden honeypot', async () => {
  const page = await open();
  await page.locator('.na-comment').first().waitFor();
  assert.ok(seedCount > seedComments.items.length, 'the seed has replies');
  assert.equal(await page.locator('.na-comments h2').textContent(), `Bình luận (${seedCount})`);
  assert.equal(await page.locator(TOP).count(), seedComments.items.length);
  const times = await page.locator(`${TOP} > .na-comment-meta time`).evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime'))));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  // Labels are tied to their fields; the seed's words are the placeholders.
  const body = page.getByLabel('Bình luận của bạn');
  const name = page.getByLabel('Tên của bạn');
  assert.equal(await body.getAttribute('placeholder'), 'Vui lòng nhập bình luận của bạn');
  assert.equal(await name.getAttribute('placeholder'), 'Vui lòng nhập tên của bạn ở đây');
  // The honeypot is there for robots only.
  const hp = page.locator('input[name="website"]');
  assert.equal(await hp.count(), 1);
  const box = await page.locator('.na-hp').boundingBox();
  assert.ok(box.x + box.width <= 0, 'off-screen, where no person sees it');
  assert.equal(await page.locator('.na-hp').getAttribute('aria-hidden'), 'true');
  assert.equal(await hp.getAttribute('tabindex'), '-1');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('empty fields: the seed messages, and nothing is sent', async () => {
  const page = await open();
  await page.getByLabel('Bình luận của bạn').fill('   ');
  await page.getByRole('button', { name: 'Gửi bình luận' }).click();
  await page.locator('#na-comment-body-error', { hasText: 'Vui lòng nhập bình luận của bạn' }).waitFor();
  assert.equal(await page.locator('#na-comment-name-error').textContent(), 'Vui lòng nhập tên của bạn ở đây');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'na-comment-body');
  assert.deepEqual(page.posts, []);
  await page.close();
});

test('422 shows the server’s messages, 429 when to retry, 503 keeps everything typed', async () => {
  const page = await open();
  const answers = [
    { status: 422, contentType: 'application/json', body: JSON.stringify({ errors: { body: 'Bình luận có từ không phù hợp' } }) },
    { status: 429, contentType: 'application/json', headers: { 'Retry-After': '120' }, body: '{"retry_after":120}' },
    { status: 503, contentType: 'text/plain', body: 'Service Unavailable' },
  ];
  await page.route(POST, (route) => route.fulfill(answers.shift()));
  await page.getByLabel('Bình luận của bạn').fill('Một ý kiến\ncó hai dòng');
  await page.getByLabel('Tên của bạn').fill('Trần Văn Bình');
  const send = page.getByRole('button', { name: 'Gửi bình luận' });
  const status = page.locator('.na-comment-form [role="status"]');

  await send.click();
  await page.locator('#na-comment-body-error', { hasText: 'Bình luận có từ không phù hợp' }).waitFor();

  await send.click();
  await status.filter({ hasText: 'thử lại sau 2 phút' }).waitFor();

  await send.click();
  await status.filter({ hasText: 'Chưa gửi được bình luận' }).waitFor();
  assert.equal(await page.getByLabel('Bình luận của bạn').inputValue(), 'Một ý kiến\ncó hai dòng');
  assert.equal(await page.getByLabel('Tên của bạn').inputValue(), 'Trần Văn Bình');
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  assert.equal(page.posts.length, 3);
  assert.deepEqual(JSON.parse(page.posts[0]), { author_name: 'Trần Văn Bình', body: 'Một ý kiến\ncó hai dòng', website: '' });
  await page.close();
});

test('no network: nothing typed is lost, and a retry sends it', async () => {
  const page = await open();
  let offline = true;
  await page.route(POST, (route) =>
    offline
      ? route.abort('internetdisconnected')
      : route.fulfill({
          status: 201,
          contentType: 'application/json',
          body: JSON.stringify({ status: 'pending', comment: { id: 'c-x', author_name: 'Lan', body: 'Hay', created_at: '2023-02-03T01:00:00Z' } }),
        }),
  );
  await page.getByLabel('Bình luận của bạn').fill('Gửi khi mất mạng');
  await page.getByLabel('Tên của bạn').fill('Lan');
  await page.getByRole('button', { name: 'Gửi bình luận' }).click();
  const status = page.locator('.na-comment-form [role="status"]');
  await status.filter({ hasText: 'Chưa gửi được bình luận' }).waitFor();
  assert.equal(await page.getByLabel('Bình luận của bạn').inputValue(), 'Gửi khi mất mạng');
  offline = false;
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await status.filter({ hasText: 'đang chờ duyệt' }).waitFor();
  assert.equal(await page.getByLabel('Bình luận của bạn').inputValue(), '');
  assert.equal(await page.getByLabel('Tên của bạn').inputValue(), '');
  assert.equal(await page.getByRole('button', { name: 'Thử lại' }).count(), 0);
  // Pending is not published: the list is unchanged.
  assert.equal(await page.locator('.na-comment', { hasText: 'Gửi khi mất mạng' }).count(), 0);
  await page.close();
});

test('the draft survives a reload and is gone after the comment is accepted', async () => {
  const page = await open();
  await page.getByLabel('Bình luận của bạn').fill('Tôi đang viết dở thì tải lại trang');
  await page.getByLabel('Tên của bạn').fill('Ngọc');
  await page.reload();
  await page.locator('.na-comments h2').waitFor();
  await page.waitForFunction(() => document.querySelector('#na-comment-body').value !== '');
  assert.equal(await page.getByLabel('Bình luận của bạn').inputValue(), 'Tôi đang viết dở thì tải lại trang');
  assert.equal(await page.getByLabel('Tên của bạn').inputValue(), 'Ngọc');
  await page.route(POST, (route) =>
    route.fulfill({
      status: 201,
      contentType: 'application/json',
      body: JSON.stringify({ status: 'published', comment: { id: 'c-y', author_name: 'Ngọc', body: 'Tôi đang viết dở thì tải lại trang', created_at: '2023-02-03T01:00:00Z' } }),
    }),
  );
  await page.getByRole('button', { name: 'Gửi bình luận' }).click();
  await page.locator('.na-comment').first().filter({ hasText: 'Tôi đang viết dở' }).waitFor();
  assert.equal(await page.locator('.na-comments h2').textContent(), `Bình luận (${seedCount + 1})`);
  await page.reload();
  await page.locator('.na-comments h2').waitFor();
  assert.equal(await page.getByLabel('Bình luận của bạn').inputValue(), '');
  assert.equal(await page.getByLabel('Tên của bạn').inputValue(), '');
  await page.close();
});

test('older pages come with «Xem thêm bình luận»; comments off shows a note and no form', async () => {
  const page = await open('/van-hoa/pho-co-hoi-an-lung-linh-dem-ram-thang-gieng');
  await page.locator('.na-comment').first().waitFor();
  assert.equal(await page.locator(TOP).count(), 3);
  await page.getByRole('button', { name: 'Xem thêm bình luận' }).click();
  await page.waitForFunction((top) => document.querySelectorAll(top).length === 6, TOP);
  assert.equal(await page.getByRole('button', { name: 'Xem thêm bình luận' }).count(), 0);
  await page.close();

  const off = await newPage(ctx);
  await off.goto(ctx.base + '/chinh-tri/quang-nam-day-manh-cai-cach-hanh-chinh-nam-2023');
  await off.locator('.na-comments-off').waitFor();
  assert.equal(await off.locator('.na-comments form').count(), 0);
  assert.equal(await off.locator('.na-comment').count(), 0);
  await off.close();
});
