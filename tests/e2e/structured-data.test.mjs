// Structured data for search engines' news results: every article page carries schema.org's
// `NewsArticle` in JSON-LD (`page::head`, the same code as the head tags), as the server sends
// it and as the app keeps it on in-app navigation. Each field is read back with JSON.parse and
// checked against the article's JSON. The reference server knows the site's address here
// (`--site-url`), so the addresses (image, logo, the page) are all there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { newPage } from './harness.mjs';
import { useNewsServer } from './news-server.mjs';

const SITE = 'https://tin.example.vn/';
const ctx = useNewsServer(['--site-url', SITE]);
const article = (slug) =>
  JSON.parse(readFileSync(new URL(`../../public/api/articles/${slug}.json`, import.meta.url), 'utf8'));
// An article with a picture, two authors and an update.
const HOI_AN = article('pho-co-hoi-an-lung-linh-dem-ram-thang-gieng');

/** The page's JSON-LD: exactly one script of it, parsed. */
async function jsonLd(page) {
  const texts = await page.locator('script[type="application/ld+json"]').allTextContents();
  assert.equal(texts.length, 1, 'one JSON-LD script');
  return JSON.parse(texts[0]);
}

/** Checks every field of `ld` against the article `a`. */
function assertNewsArticle(ld, a) {
  assert.equal(ld['@context'], 'https://schema.org');
  assert.equal(ld['@type'], 'NewsArticle');
  assert.equal(ld.headline, a.title);
  assert.equal(ld.description, a.lead ?? a.title);
  // What a share shows: the hero, else the body's first image, else the publisher's logo.
  const picture = a.hero?.src ?? a.body.find((b) => b.type === 'image')?.src;
  assert.deepEqual(ld.image, [picture ? `${SITE}api/${picture}` : `${SITE}logo.svg`]);
  // The same moments, written in Vietnam time with their offset.
  for (const [field, value] of [
    ['datePublished', a.published_at],
    ['dateModified', a.updated_at ?? a.published_at],
  ]) {
    assert.match(ld[field], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/, field);
    assert.equal(Date.parse(ld[field]), Date.parse(value), field);
  }
  assert.deepEqual(
    ld.author,
    a.authors.length ? a.authors.map((x) => ({ '@type': 'Person', name: x.name })) : undefined,
  );
  assert.deepEqual(ld.publisher, {
    '@type': 'Organization',
    name: 'Tin tức',
    logo: { '@type': 'ImageObject', url: `${SITE}logo.svg` },
  });
  assert.deepEqual(ld.mainEntityOfPage, { '@type': 'WebPage', '@id': a.url ?? `${SITE}${a.category.slug}/${a.slug}` });
}

test('the served page carries the article as NewsArticle, and the app keeps it on in-app navigation', async () => {
  const context = await ctx.browser.newContext({ javaScriptEnabled: false });
  const served = await context.newPage();
  await served.goto(`${ctx.base}/${HOI_AN.category.slug}/${HOI_AN.slug}`);
  assertNewsArticle(await jsonLd(served), HOI_AN);
  const sent = await served.locator('script[type="application/ld+json"]').textContent();
  await context.close();

  const page = await newPage(ctx);
  await page.goto(`${ctx.base}/${HOI_AN.category.slug}/${HOI_AN.slug}`);
  // The app, having adopted the page, writes the same.
  assert.equal(await page.locator('script[type="application/ld+json"]').textContent(), sent);

  // Another article, in the app: its own data, nothing left of the first.
  const link = page.locator('.na-rank a').filter({ hasNotText: HOI_AN.title }).first();
  const slug = (await link.getAttribute('href')).split('/').pop();
  const next = article(slug);
  await link.click();
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, next.title);
  assertNewsArticle(await jsonLd(page), next);

  // The front page has its own, `WebSite` with its `SearchAction` (v3), nothing of the
  // article's.
  await page.locator('.na-breadcrumb a').first().click();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Tin mới');
  assert.equal(await page.locator('script[type="application/ld+json"]').count(), 1);
  const site = await jsonLd(page);
  assert.equal(site['@type'], 'WebSite');
  assert.equal(site.headline, undefined);
  assert.equal(site.potentialAction['@type'], 'SearchAction');
  await page.goBack();
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, next.title);
  assertNewsArticle(await jsonLd(page), next);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a title that closes the script stays data: one script, the title as written', async () => {
  const page = await newPage(ctx);
  const evil = `${HOI_AN.title} </script><script>window.__pwned = 1</script><!--`;
  const other = article('nong-dan-dien-ban-ra-dong-cham-soc-lua-dong-xuan');
  await page.route(`**/api/articles/${other.slug}.json`, (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...other, title: evil }) }),
  );
  await page.goto(`${ctx.base}/${HOI_AN.category.slug}/${HOI_AN.slug}`);
  await page.locator(`.na-rank a[href$="/${other.slug}"]`).click();
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, evil);
  const ld = await jsonLd(page);
  assertNewsArticle(ld, { ...other, title: evil });
  assert.ok(!(await page.locator('script[type="application/ld+json"]').innerHTML()).includes('<'), 'every < escaped');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.errors, []);
  await page.close();
});
