// The benchmark's video step (issue 28): the demo's video article, prerendered, on the
// benchmark's CDN under the throttled phone profile (Lighthouse's mobile: 1.6 Mbps, 150 ms,
// 4× CPU). What a reader downloads before pressing play, by kind (the page, code, CSS, the
// poster and other images, the captions, the video itself: none expected), and the time
// from pressing play (Space on the focused player) to its first frame shown
// (`requestVideoFrameCallback`). Run alone: `node bench/video.mjs [--runs N]`; run.mjs runs
// it as its `video` step.
import { fileURLToPath } from 'node:url';
import { launch, newContext, throttledPage } from './browser.mjs';
import { startCdn } from './cdn-server.mjs';
import { DIST, RUNS, log } from './config.mjs';
import { median } from './stats.mjs';

export const VIDEO_PATH = '/xa-hoi/tam-ky-ra-quan-lam-sach-bai-bien-tam-thanh';

/** What a path is, for the bytes' table. */
function kind(path) {
  if (/\/video\/[^/]*\.vtt$/.test(path)) return 'captions';
  if (/\/video\//.test(path)) return 'video';
  if (/\/images\//.test(path)) return 'poster and images';
  if (/\.wasm$/.test(path)) return 'wasm';
  if (/\.js$/.test(path)) return 'js';
  if (/\.css$/.test(path)) return 'css';
  if (/\.json$/.test(path)) return 'json';
  return 'html and other';
}

/** Bytes on the wire (as the CDN sent them: brotli where it could) by kind. */
function byKind(stats) {
  const out = {};
  for (const s of stats) out[kind(s.path)] = (out[kind(s.path)] ?? 0) + s.bytes;
  return out;
}

/** `runs` visits: the bytes before play (the last visit's) and the time to the first frame. */
export async function videoBench(browser, cdn, runs = RUNS) {
  const firstFrame = [];
  let before = {};
  let after = {};
  for (let i = 0; i < runs; i++) {
    const context = await newContext(browser, 'block');
    const page = await throttledPage(context);
    cdn.resetStats();
    await page.goto(cdn.origin + VIDEO_PATH, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForFunction(() => document.querySelector('[data-news-ready]'), null, { timeout: 120_000 });
    // Whatever the page fetches once adopted (the app's parts, «Đọc nhiều»…) comes first.
    await page.waitForLoadState('networkidle');
    before = byKind(cdn.stats);
    cdn.resetStats();
    const player = page.locator('video');
    await player.focus();
    await page.evaluate(() => {
      window.__t = {};
      document.addEventListener('keydown', () => (window.__t.press ??= performance.now()), true);
      document.querySelector('video').requestVideoFrameCallback((now) => (window.__t.frame = now));
    });
    await page.keyboard.press('Space');
    await page.waitForFunction(() => window.__t.frame, null, { timeout: 120_000 });
    firstFrame.push(await page.evaluate(() => window.__t.frame - window.__t.press));
    after = byKind(cdn.stats);
    await context.close();
  }
  return {
    runs,
    bytes_before_play: before,
    bytes_after_play_to_first_frame: after,
    first_frame_ms: { median: Math.round(median(firstFrame)), runs: firstFrame.map(Math.round) },
  };
}

/** The step's table, for a reader. */
export function videoTable(r) {
  const kinds = [...new Set([...Object.keys(r.bytes_before_play), ...Object.keys(r.bytes_after_play_to_first_frame)])];
  const rows = kinds.map((k) => `| ${k} | ${r.bytes_before_play[k] ?? 0} | ${r.bytes_after_play_to_first_frame[k] ?? 0} |`);
  return [
    `Video article (${VIDEO_PATH}), prerendered, throttled phone profile, ${r.runs} runs`,
    '',
    '| kind | bytes before play | bytes from play to first frame |',
    '|---|---|---|',
    ...rows,
    '',
    `Time from pressing play to the first frame: median ${r.first_frame_ms.median} ms (${r.first_frame_ms.runs.join(', ')})`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const browser = await launch();
  const cdn = await startCdn({ dir: DIST });
  try {
    log(`video: ${cdn.origin}${VIDEO_PATH}`);
    console.log(videoTable(await videoBench(browser, cdn)));
  } finally {
    await browser.close();
    await cdn.close();
  }
}
