// Search on a static host (issue 26): the release build and `prerender`'s output served by
// the plain static server, which has no search.json (404). The app searches the static
// index prerender wrote, fetching only the files of the query's syllables: «dien ban»
// finds «Điện Bàn», its title match above body matches; «da nang» finds «Đà Nẵng» in a
// body; a deep link loads directly; a hostile query gets a message and stays in the box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newPage, useBrowser } from './harness.mjs';

const ctx = useBrowser();

const API = fileURLToPath(new URL('../../public/api', import.meta.url));
const ARTICLES = readdirSync(join(API, 'articles'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(API, 'articles', f), 'utf8')));
/** An article's whole text, as a reader reads it (the body's inline markup and entities out). */
const text = (a) =>
  [a.title, a.lead, ...a.body.map((b) => b.html ?? b.text ?? '')]
    .join(' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ');
/** The page's errors but the 404s a static host answers: no search.json, no file of a
 * syllable no article has. */
const errors = (page) => page.errors.filter((e) => !/ 404 .*\/api\/search[./]/.test(e));

const results = (page) => page.locator('.na-results > li');
// A title as it reads, without the word a screen reader hears for its format (v3, «Ảnh»).
const titles = (page) =>
  results(page)
    .locator('h2')
    .evaluateAll((els) => els.map((el) => el.textContent.replace(el.querySelector('.na-visually-hidden')?.textContent ?? '', '')));

test('a static host: «dien ban» finds «Điện Bàn», the title match first, from the files of its syllables only', async () => {
  const page = await newPage(ctx);
  await page.goto(ctx.base + '/');
  ctx.server.seen.length = 0;
  const box = page.getByRole('search').getByLabel('Tìm kiếm');
  await box.fill('dien ban');
  await box.press('Enter');
  const withIt = ARTICLES.filter((a) => text(a).includes('Điện Bàn'));
  assert.ok(withIt.length > 1);
  const count = page.getByText(/^Tìm thấy \d+ kết quả cho “dien ban”$/);
  await count.waitFor();
  const shown = await titles(page);
  assert.equal(await count.textContent(), `Tìm thấy ${shown.length} kết quả cho “dien ban”`);
  // The title match first; every article with the name among the results (with those
  // whose «điện» and «bạn» are apart, after them: crates/search_text's rank).
  const inTitle = withIt.find((a) => a.title.includes('Điện Bàn'));
  assert.equal(shown[0], inTitle.title, 'the title match first');
  for (const a of withIt) assert.ok(shown.includes(a.title), `${a.title} not in ${JSON.stringify(shown)}`);
  assert.deepEqual(await results(page).first().locator('h2 mark').allTextContents(), ['Điện', 'Bàn']);
  // The search's requests: no search.json answered, then the index's facts, the two
  // syllables, their pair, and the summaries; nothing else of the index.
  const asked = ctx.server.seen.filter((p) => p.includes('/api/search'));
  assert.ok(asked.includes('/api/search.json'), asked.join(' '));
  const index = asked.filter((p) => p.startsWith('/api/search/')).toSorted();
  assert.deepEqual(
    index.filter((p) => !p.startsWith('/api/search/docs/')),
    ['/api/search/index.bin', '/api/search/pairs/dien.bin', '/api/search/terms/ban.bin', '/api/search/terms/dien.bin'],
  );
  assert.ok(index.some((p) => p.startsWith('/api/search/docs/')));
  assert.deepEqual(errors(page), []);
  await page.close();
});

test('a static host: a deep link loads directly; «Đà Nẵng» in a body is found without marks; a query of punctuation is refused', async () => {
  const page = await newPage(ctx);
  await page.goto(ctx.base + '/tim-kiem?q=' + encodeURIComponent('da nang'));
  const withIt = ARTICLES.filter((a) => text(a).includes('Đà Nẵng'));
  assert.equal(withIt.length, 1);
  await page.getByText(/^Tìm thấy \d+ kết quả cho “da nang”$/).waitFor();
  // The phrase, in a body, above «đã» and «nắng» scattered.
  assert.equal((await titles(page))[0], withIt[0].title);
  assert.equal(await page.getByRole('search').getByLabel('Tìm kiếm').inputValue(), 'da nang');

  // «hội» typed with its marks ranks the articles that have «hội» as typed first.
  await page.goto(ctx.base + '/tim-kiem?q=' + encodeURIComponent('hội'));
  await page.getByText(/^Tìm thấy \d+ kết quả cho “hội”$/).waitFor();
  assert.match((await titles(page))[0], /hội/i);

  await page.goto(ctx.base + '/tim-kiem?q=' + encodeURIComponent('"*():-'));
  // Refused as the server refuses it (422): nothing in it to search.
  await page.getByText(/^Không tìm được với từ khóa này/).waitFor();
  assert.equal(await page.getByRole('search').getByLabel('Tìm kiếm').inputValue(), '"*():-');
  assert.equal(await results(page).count(), 0);

  await page.goto(ctx.base + '/tim-kiem?q=zzqxw');
  await page.getByText('Không tìm thấy kết quả phù hợp').waitFor();
  assert.deepEqual(errors(page), []);
  await page.close();
});

test("a static host: a topic's deep link loads directly with the tag's name and only its articles", async () => {
  const tags = ARTICLES.flatMap((a) => a.tags ?? []);
  const tag = tags.find((t) => tags.filter((u) => u.slug === t.slug).length > 1);
  const tagged = ARTICLES.filter((a) => a.tags?.some((t) => t.slug === tag.slug));
  const page = await newPage(ctx);
  await page.goto(`${ctx.base}/chu-de/${tag.slug}`);
  await page.getByRole('heading', { level: 1, name: tag.name }).waitFor();
  const titles = page.locator('.na-main').getByRole('heading', { level: 2 });
  await titles.first().waitFor();
  assert.deepEqual((await titles.allTextContents()).toSorted(), tagged.map((a) => a.title).toSorted());
  assert.deepEqual(errors(page), []);
  await page.close();
});
