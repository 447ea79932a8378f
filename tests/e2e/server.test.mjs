// The release build served by the reference server (crates' `news-server`, a real SQLite
// database): a comment goes from the reader's form to moderation to the page, and the view
// beacon ranks most-read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, SEED, SEED_COUNT, SEED_PATH } from './harness.mjs';
import { useNewsServer } from './news-server.mjs';

// Ranked on every request: the test reads the ranking right after the beacons (the 5-second
// memory of the default is tested in server/tests/attacks.rs). Loopback is a trusted proxy:
// a test can be a second reader (X-Forwarded-For).
const ctx = useNewsServer(['--ranking-refresh-secs', '0', '--trusted-proxy', '127.0.0.1']);
const cli = ctx.cli;

test('post a comment, see it wait, approve it with the subcommand, see it published', async () => {
  const page = await newPage(ctx);
  await page.goto(ctx.base + SEED_PATH);
  await page.locator('.na-comment').first().waitFor();
  assert.equal(await page.locator('.na-comments h2').textContent(), `Bình luận (${SEED_COUNT})`);
  const body = `Ý kiến thật gửi lúc ${Date.now()}\nDòng thứ hai <b>không phải HTML</b>`;
  await page.getByLabel('Bình luận của bạn').fill(body);
  await page.getByLabel('Tên của bạn').fill('  Độc giả Tam Kỳ  ');
  await page.getByRole('button', { name: 'Gửi bình luận' }).click();
  await page.locator('.na-comment-form [role="status"]', { hasText: 'đang chờ duyệt' }).waitFor();
  assert.equal(await page.locator('.na-comment', { hasText: 'Ý kiến thật' }).count(), 0);

  const line = cli('pending').split('\n').find((l) => l.includes('Ý kiến thật gửi lúc'));
  assert.ok(line, 'the comment waits for moderation');
  const id = line.split('\t')[0];
  assert.match(line, /Độc giả Tam Kỳ/);
  cli('approve', id);
  assert.ok(!cli('pending').includes(id));

  await page.reload();
  const mine = page.locator('.na-comment').first();
  await mine.filter({ hasText: 'Ý kiến thật' }).waitFor();
  assert.equal(await mine.locator('strong').textContent(), 'Độc giả Tam Kỳ');
  assert.equal(await mine.locator('.na-comment-body').textContent(), body.trim());
  assert.equal(await mine.locator('.na-comment-body b').count(), 0, 'plain text, not markup');
  assert.equal(await page.locator('.na-comments h2').textContent(), `Bình luận (${SEED_COUNT + 1})`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('opening articles sends a view beacon, and most-read ranks by views', async () => {
  const slug = 'tiep-nhan-hon-500-don-vi-mau-trong-ngay-hoi-xuan-hong';
  const page = await newPage(ctx);
  const beacons = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith(`/api/articles/${slug}/views`)) beacons.push(r.url());
  });
  // Three opens, one beacon each; the server counts one reader's view of an article once
  // (the seed, opened by the test before, has one too): among equals, the latest ranks first.
  for (let i = 0; i < 3; i += 1) {
    await page.goto(`${ctx.base}/xa-hoi/${slug}`);
    await page.locator('h1').waitFor();
  }
  assert.equal(beacons.length, 3, "one beacon per article opened");
  // A second reader of the same article: two views against the seed's one, so the order
  // does not hang on which view was the latest (a tie, within the same second).
  const second = await fetch(`${ctx.base}/api/articles/${slug}/views`, {
    method: 'POST',
    headers: { 'X-Forwarded-For': '203.0.113.9' },
  });
  assert.equal(second.status, 204);
  await page.waitForFunction(
    async ([base, s]) => {
      const list = await (await fetch(`${base}/api/most-read.json`)).json();
      return list.items[0]?.slug === s;
    },
    [ctx.base, slug],
  );
  // The reader's page ranks it first too (the page's list, or the app's once it has
  // adopted the page).
  await page.goto(ctx.base + '/');
  await page.waitForFunction(
    (href) => document.querySelector('aside .na-rank li a')?.getAttribute('href') === href,
    `/xa-hoi/${slug}`,
  );
  await page.close();
});
