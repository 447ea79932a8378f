// WebKit's driver works end to end before the shared journeys arrive: the release build on
// the plain static host, the seed article read, and a «Đọc nhiều» link opening its article
// in place. To be removed once the journeys (engines.test.mjs) run in WebKit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../static-server.mjs';
import { ADOPTED, DIST, SEED_PATH } from '../e2e/harness.mjs';
import { open } from './drivers/webkit.mjs';

let server;
let origin;
before(async () => {
  server = await serve({ dir: DIST });
  origin = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((ok) => server.close(ok)));

test('WebKit: the seed article, then a most-read article opened in place', async () => {
  const s = await open();
  try {
    await s.goto(origin + SEED_PATH);
    await s.waitFor(() => document.querySelector('h1')?.textContent.startsWith('Khối thi đua'));
    await s.waitFor(ADOPTED);

    // The titles under the «Đọc nhiều» heading, as a reader sees them.
    const titles = await s.waitFor(() => {
      const h = [...document.querySelectorAll('h2')].find((e) => e.textContent.trim() === 'Đọc nhiều');
      const links = h ? [...h.parentElement.querySelectorAll('a[href]')] : [];
      return links.length > 1 && links.map((a) => a.textContent.replace(/\s+/g, ' ').trim());
    });
    const seed = await s.eval(() => document.querySelector('h1').textContent);
    const title = titles.map((t) => t.replace(/^\d+\s*/, '')).find((t) => !seed.includes(t) && t.length > 10);
    assert.ok(title, `another article among ${titles.join(' | ')}`);

    await s.eval(() => (window.__sameDocument = true));
    await s.click({ role: 'link', name: title });
    await s.waitFor((t) => document.querySelector('h1')?.textContent.includes(t), title);
    assert.notEqual(await s.url(), origin + SEED_PATH);
    assert.equal(await s.eval(() => window.__sameDocument), true, 'no document reload');
    assert.deepEqual(await s.errors(), []);
  } finally {
    await s.close();
  }
});
