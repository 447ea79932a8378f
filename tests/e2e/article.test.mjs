// The article page as a reader gets it from the release build on a plain static host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asShell, newPage, SEED, SEED_PATH, useBrowser } from './harness.mjs';

const ctx = useBrowser();

test('the seed article reads as the portal shows it', async () => {
  const page = await newPage(ctx);
  const jsonRequests = [];
  page.on('request', (r) => {
    if (r.url().endsWith(`/api/articles/${SEED}.json`)) jsonRequests.push(r.url());
  });
  await page.goto(ctx.base + SEED_PATH);
  const h1 = page.locator('h1');
  await h1.waitFor();
  assert.equal(
    await h1.textContent(),
    'Khối thi đua các cơ quan công tác Đảng hội nghị tổng kết công tác thi đua năm 2022',
  );
  assert.equal(await page.title(), await h1.textContent());
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');

  const crumbs = page.locator('nav.na-breadcrumb a');
  assert.deepEqual(await crumbs.allTextContents(), ['Trang chủ', 'Chính Trị']);
  assert.equal(await crumbs.nth(0).getAttribute('href'), '/');
  assert.equal(await crumbs.nth(1).getAttribute('href'), '/chinh-tri');
  assert.equal(await page.locator('.na-category').textContent(), 'Chính Trị');

  const lead = await page.locator('.na-lead').textContent();
  assert.match(lead, /^Chiều nay 2\.2, Khối thi đua các cơ quan công tác Đảng tổ chức hội nghị/);
  assert.match(lead, /Nguyễn Thị Thu Lan dự hội nghị\.$/);

  const time = page.locator('header time');
  assert.equal(await time.textContent(), 'Thứ Năm, 02/02/2023, 16:30 (GMT+7)');
  assert.equal(await time.getAttribute('datetime'), '2023-02-02T16:30:00+07:00');

  const paragraphs = await page.locator('.na-body > p').allTextContents();
  assert.equal(paragraphs.length, 3);
  assert.match(paragraphs[0], /^Nhìn chung, trongnăm 2022, phong trào thi đua yêu nước/);
  assert.match(paragraphs[1], /tỉnh Quảng Nam năm 2022\.$/);
  assert.match(paragraphs[2], /^Trong năm 2023, các đơn vị trong khối phấn đấu/);

  // The image sits between the second and third paragraphs, with its caption.
  const order = await page.$$eval('.na-body > *', (els) => els.map((e) => e.tagName));
  assert.deepEqual(order, ['P', 'P', 'FIGURE', 'P']);
  assert.equal(
    (await page.locator('figure figcaption').textContent()).startsWith(
      'Khối thi đua các cơ quan công tác Đảng hội nghị tổng kết công tác thi đua năm 2022 chiều nay 2.2',
    ),
    true,
  );
  const img = page.locator('figure img');
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('figure img').complete);
  assert.ok((await img.evaluate((i) => i.naturalWidth)) > 0, 'the image loaded');
  assert.equal(await img.getAttribute('width'), '800');
  assert.ok((await img.getAttribute('alt')).length > 0);

  assert.equal(await page.locator('.na-byline').textContent(), 'Tác giả: Đại Quang');
  // The article came from boot.js's early fetch: one request, not one more after the wasm.
  assert.equal(jsonRequests.length, 1);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a missing article shows the not-found view with a link home', async () => {
  const page = await newPage(ctx);
  const res = await page.goto(ctx.base + '/chinh-tri/bai-viet-khong-ton-tai');
  // A static host answers a deep link with 404.html; the app decides what it is.
  assert.equal(res.status(), 404);
  const h1 = page.locator('h1');
  await h1.waitFor();
  assert.equal(await h1.textContent(), 'Không tìm thấy trang');
  assert.equal(await page.title(), 'Không tìm thấy trang');
  const home = page.getByRole('link', { name: 'Về trang chủ' });
  assert.equal(await home.getAttribute('href'), '/');
  await home.click();
  await page.waitForURL(ctx.base + '/');
  await page.locator('.na-list a').first().waitFor();
  await page.close();
});

test('a broken JSON file shows an error in Vietnamese, never a dead page', async () => {
  const page = await newPage(ctx);
  // An article the build did not prerender (a prerendered one stays on screen instead).
  await asShell(page, ctx.base, SEED_PATH);
  await page.route(`**/api/articles/${SEED}.json`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"slug": "x", "title": ' }),
  );
  await page.goto(ctx.base + SEED_PATH);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Dữ liệu nhận được bị lỗi/);
  assert.equal(await page.getByRole('button', { name: 'Thử lại' }).count(), 1);
  assert.deepEqual(page.errors.filter((e) => !/invalid data/.test(e)), []);
  await page.close();
});

test('a 500 shows «Thử lại», and «Thử lại» brings the article once the server is back', async () => {
  const page = await newPage(ctx);
  // An article the build did not prerender (a prerendered one stays on screen instead).
  await asShell(page, ctx.base, SEED_PATH);
  let calls = 0;
  await page.route(`**/api/articles/${SEED}.json`, (route) => {
    calls += 1;
    return calls === 1
      ? route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' })
      : route.continue();
  });
  await page.goto(ctx.base + SEED_PATH);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Máy chủ đang gặp sự cố.*500/);
  await page.getByRole('button', { name: 'Thử lại' }).click();
  // The error view has its own h1: wait for the article's.
  await page.locator('h1', { hasText: /^Khối thi đua/ }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.equal(calls, 2);
  await page.close();
});

test('no network: a message, and the article after «Thử lại» once back online', async () => {
  const page = await newPage(ctx);
  // An article the build did not prerender (a prerendered one stays on screen instead).
  await asShell(page, ctx.base, SEED_PATH);
  let fail = true;
  await page.route(`**/api/articles/${SEED}.json`, (route) =>
    fail ? route.abort('internetdisconnected') : route.continue(),
  );
  await page.goto(ctx.base + SEED_PATH);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Không kết nối được/);
  fail = false;
  await page.getByRole('button', { name: 'Thử lại' }).click();
  // The error view has its own h1: wait for the article's.
  await page.locator('h1', { hasText: /^Khối thi đua/ }).waitFor();
  await page.close();
});

test('hostile strings in the article stay text and run nothing', async () => {
  const page = await newPage(ctx);
  const evil = '<img src=x onerror="window.__pwned=1">';
  await page.route(`**/api/articles/${SEED}.json`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        slug: SEED,
        title: evil,
        lead: evil,
        category: { slug: 'chinh-tri', name: evil },
        published_at: '2023-02-02T16:30:00+07:00',
        authors: [{ name: evil }],
        body: [
          { type: 'paragraph', html: `${evil}<a href=" javascript:window.__pwned=1">x</a><script>window.__pwned=1</script>` },
          { type: 'image', src: 'javascript:window.__pwned=1', alt: evil, caption: evil },
          { type: 'quote', text: evil, cite: evil },
        ],
      }),
    }),
  );
  await page.goto(ctx.base + SEED_PATH);
  await page.locator('h1').waitFor();
  assert.equal(await page.locator('h1').textContent(), evil);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('.na-main img').count(), 0);
  assert.equal(await page.locator('.news-app script').count(), 0);
  const hrefs = await page.$$eval('.na-main a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.every((h) => !/script:/i.test(h)), hrefs.join(' '));
  await page.close();
});
