// The moderation desk in Chromium, against the reference server (a real SQLite database):
// log in (and a wrong password first), a tampered CSRF token refused, a pending reply
// approved with the keyboard (j then a) and then on the reader's page, hidden from it, and
// the audit log; the desk's pages pass axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SEED, SEED_PATH } from './harness.mjs';
import { SERVER, useNewsServer } from './news-server.mjs';

const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const PASSWORD = 'mật khẩu thử nghiệm 2026';
// Not a terminal: the password is one line of standard input.
const ctx = useNewsServer([], ({ db }) =>
  execFileSync(SERVER, ['user', 'add', 'bien-tap', '--db', db], { input: `${PASSWORD}\n` }),
);
/** One browser context for the whole file: its cookie jar is the moderator's. */
async function moderator() {
  ctx.context ??= await ctx.browser.newContext();
  return ctx.context;
}

/** A page of the moderator's context (or `context`) that records errors (a CSP violation is one). */
async function deskPage(context) {
  const page = await (context ?? (await moderator())).newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => {
    // The browser asks for /favicon.ico on its own; the build has none.
    const favicon = m.location().url?.endsWith('/favicon.ico');
    if (m.type() === 'error' && !favicon) page.errors.push(`${m.text()} (${m.location().url})`);
  });
  return page;
}

/** A reader's comment, pending; a reply to `parent` when given (set in the database: the
 * readers' reply form is another branch's work). */
async function pendingComment(body, parent) {
  const res = await fetch(`${ctx.base}/api/articles/${SEED}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ author_name: 'Độc giả Hội An', body, website: '', parent_id: parent }),
  });
  assert.equal(res.status, 201);
  const { comment } = await res.json();
  return comment.id;
}

async function readerPage() {
  const res = await fetch(ctx.base + SEED_PATH);
  assert.equal(res.status, 200);
  return res.text();
}

/** The ids readers get on the seed's first comment page: comments and the replies shown. */
async function readerIds() {
  const res = await fetch(`${ctx.base}/api/articles/${SEED}/comments.json`);
  return (await res.json()).items.flatMap((c) => [c.id, ...(c.replies?.items ?? []).map((r) => r.id)]);
}

async function assertAxe(page, what) {
  await page.addScriptTag({ path: AXE });
  const { violations } = await page.evaluate(
    (values) => window.axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] }),
    TAGS,
  );
  const report = violations.map((v) => `\n${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.equal(violations.length, 0, `${what}:${report.join('')}`);
}

test('a wrong password is told, the right one opens the queue', async () => {
  const page = await deskPage();
  await page.goto(`${ctx.base}/quan-tri/`);
  assert.match(page.url(), /\/quan-tri\/dang-nhap$/);
  await page.getByLabel('Tên đăng nhập').fill('bien-tap');
  await page.getByLabel('Mật khẩu').fill('không phải mật khẩu');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng.' }).waitFor();
  assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), 'bien-tap', 'the name is kept');

  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { level: 1, name: /Hàng chờ duyệt/ }).waitFor();
  assert.equal(await page.getByText('Tài khoản:').textContent(), 'Tài khoản: bien-tap');
  const cookies = await (await moderator()).cookies();
  const session = cookies.find((c) => c.name === 'quan_tri_phien');
  assert.ok(session, 'a session cookie');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');
  assert.equal(session.path, '/quan-tri');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a form with a tampered CSRF token is refused and changes nothing', async () => {
  const id = await pendingComment(`Giữ nguyên chờ duyệt ${Date.now()}`);
  const page = await deskPage();
  await page.goto(`${ctx.base}/quan-tri/`);
  const item = page.locator(`.muc[data-id="${id}"]`);
  await item.waitFor();
  await page.evaluate(() => {
    document.querySelector('#hang-doi input[name="csrf"]').value = 'gia-mao';
  });
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/quan-tri/duyet')),
    item.getByRole('button', { name: 'Duyệt' }).click(),
  ]);
  assert.equal(answer.status(), 403);
  await page.getByRole('heading', { level: 1, name: 'Yêu cầu bị từ chối' }).waitFor();
  assert.ok(!(await readerIds()).includes(id), 'not published');
  await page.goto(`${ctx.base}/quan-tri/`);
  await page.locator(`.muc[data-id="${id}"]`).waitFor();
  // Put back out of the way of the next test's keyboard.
  await page.locator(`.muc[data-id="${id}"]`).getByRole('button', { name: 'Từ chối' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã từ chối 1 bình luận.' }).waitFor();
  await page.close();
});

test('j then a approves a pending reply: it is on the reader\'s page; hidden, it leaves; the log shows both', async () => {
  const text = `Trả lời bằng bàn phím ${Date.now()}`;
  // A thread without replies yet, so that this one is among the first shown.
  const id = await pendingComment(text, 'c-0013');
  const page = await deskPage();
  await page.goto(`${ctx.base}/quan-tri/`);
  const first = page.locator('.muc').first();
  assert.equal(await first.getAttribute('data-id'), id, 'newest first');
  await first.getByText('Trả lời bình luận của').waitFor();
  assert.ok(await page.getByText('a duyệt bình luận đang chọn').isVisible(), 'the shortcuts are shown');
  assert.ok(!(await readerPage()).includes(text));

  await page.keyboard.press('j');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), id);
  await Promise.all([page.waitForURL(/xong=duyet&so=1/), page.keyboard.press('a')]);
  await page.getByRole('status').filter({ hasText: 'Đã duyệt 1 bình luận.' }).waitFor();
  assert.ok((await readerIds()).includes(id), 'in comments.json');
  assert.ok((await readerPage()).includes(text), "in the reader's page");
  // A reader sees it under the comment it answers, in the app.
  const reader = await ctx.browser.newPage();
  await reader.goto(ctx.base + SEED_PATH);
  await reader.locator('.news-app[data-news-ready] #bl-c-0013 .na-replies', { hasText: text }).waitFor();
  await reader.close();

  await page.getByRole('link', { name: 'Đã đăng' }).click();
  await page.getByLabel(/Tìm theo bài viết/).fill(SEED);
  await page.getByRole('button', { name: 'Tìm' }).click();
  const found = page.locator('.muc', { hasText: text });
  await found.getByRole('button', { name: 'Ẩn bình luận này' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã ẩn 1 bình luận.' }).waitFor();
  assert.equal(await page.locator('.muc', { hasText: text }).count(), 0);
  assert.ok(!(await readerIds()).includes(id), 'gone from comments.json');
  assert.ok(!(await readerPage()).includes(text), "gone from the reader's page");

  await page.getByRole('link', { name: 'Nhật ký' }).click();
  const rows = page.locator('tr.dong', { hasText: id });
  await rows.first().waitFor();
  assert.deepEqual(
    await rows.locator('td:nth-child(3)').allTextContents(),
    ['Ẩn', 'Duyệt'],
    'newest first',
  );
  assert.deepEqual(await rows.locator('td:nth-child(2)').allTextContents(), ['bien-tap', 'bien-tap']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('axe: the login page, the queue, the published list and the log', async () => {
  // axe is injected as a script, which the desk's CSP (rightly) refuses: this context only
  // bypasses it.
  const context = await ctx.browser.newContext({ bypassCSP: true });
  const page = await deskPage(context);
  await page.goto(`${ctx.base}/quan-tri/dang-nhap`);
  await assertAxe(page, 'login');
  await page.getByLabel('Tên đăng nhập').fill('bien-tap');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await pendingComment('Một bình luận để hàng chờ không trống', 'c-0015');
  await page.goto(`${ctx.base}/quan-tri/`);
  await page.locator('.muc').first().waitFor();
  await assertAxe(page, 'queue');
  await page.goto(`${ctx.base}/quan-tri/da-dang`);
  await assertAxe(page, 'published');
  await page.goto(`${ctx.base}/quan-tri/nhat-ky`);
  await assertAxe(page, 'log');
  await context.close();
});
