// The comment list changes in place (src/comments/patch.rs): what arrives after the list is
// shown never replaces the element a reader is on. Here the host's answer for the other
// order (comments-top.json), which brings the order control, comes late, while the reader
// is on a comment's «Thích».
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, SEED, SEED_PATH, useBrowser } from './harness.mjs';

const ctx = useBrowser();
// The order control as a reader meets it: a group named by its words (crates/page/src/words.rs).
const ORDER = { name: 'Thứ tự bình luận' };
const TOP_JSON = `**/api/articles/${SEED}/comments-top.json`;

/** Opens the seed with comments-top.json held `ms`; resolves `page.top` once it has answered. */
async function open(ms = 1500) {
  const page = await newPage(ctx);
  let answered;
  page.top = new Promise((ok) => { answered = ok; });
  await page.route(TOP_JSON, async (route) => {
    await new Promise((ok) => setTimeout(ok, ms));
    await route.continue();
    answered();
  });
  // `goto` waits until the app has adopted the page: its list, with the buttons, is shown.
  await page.goto(ctx.base + SEED_PATH);
  return page;
}

test('the order control arrives while «Thích» is focused: the same button stays, focused', async () => {
  const page = await open();
  const like = page.getByRole('button', { name: /^Thích \d+$/ }).first();
  await like.waitFor();
  const button = await like.elementHandle();
  await button.focus();
  assert.equal(await page.getByRole('group', ORDER).count(), 0, 'the order control is not there yet');
  assert.ok(await button.evaluate((el) => el === document.activeElement), 'focused');

  await page.top;
  await page.getByRole('group', ORDER).waitFor();
  assert.ok(await button.evaluate((el) => el.isConnected), 'the same «Thích» is still in the page');
  assert.ok(await button.evaluate((el) => el === document.activeElement), 'and still has the focus');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the order control arrives while a comment’s text is selected: the selection stays', async () => {
  const page = await open();
  const body = page.locator('.na-comment-list > li > .na-comment-body').first();
  await body.waitFor();
  const text = await body.evaluate((p) => {
    const range = document.createRange();
    range.selectNodeContents(p);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    window.selected = p;
    return getSelection().toString();
  });
  assert.ok(text.length > 0, 'some text is selected');
  await page.top;
  await page.getByRole('group', ORDER).waitFor();
  const after = await page.evaluate(() => ({
    text: getSelection().toString(),
    connected: window.selected.isConnected,
    inside: window.selected.contains(getSelection().anchorNode),
  }));
  assert.deepEqual(after, { text, connected: true, inside: true });
  await page.close();
});
