// What a load waits for before the article's text is painted: each page loaded as in the
// page loads (the same visits: cold, repeat with the worker kept, not kept, blocked) with a
// DevTools trace under the same throttling. For each load: its renderer main thread's work
// by kind from navigation start to the title paint, the longest tasks in that span, and the
// resource timings of what the first paint waits for (the stylesheet, boot.js), in that load.
import { loadAndMeasure } from './browser.mjs';
import { log } from './config.mjs';
import { modesOf, visits } from './pages.mjs';
import { round } from './stats.mjs';

const TRACE_KINDS = {
  'HTML parse': ['ParseHTML'],
  style: ['UpdateLayoutTree', 'ParseAuthorStyleSheet'],
  layout: ['Layout'],
  paint: ['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit'],
  script: ['EvaluateScript', 'v8.evaluateModule', 'v8.compile', 'v8.compileModule', 'CompileScript'],
  'wasm compile': ['v8.wasm.compileLazy', 'wasm.CompileLazy', 'v8.wasm.streamFromResponseCallback', 'wasm.SyncCompile', 'v8.wasm.compileConsume', 'wasm.ProcessModuleHeader'],
  'calls (events, timers, wasm)': ['FunctionCall', 'TimerFire', 'EventDispatch', 'FireAnimationFrame'],
};
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink.user_timing', 'loading', 'toplevel'];

async function traced(page, load) {
  const chunks = [];
  const collect = (e) => chunks.push(...e.value);
  page.cdp.on('Tracing.dataCollected', collect);
  const done = new Promise((ok) => page.cdp.once('Tracing.tracingComplete', ok));
  await page.cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
  const figures = await load();
  await page.cdp.send('Tracing.end');
  await done;
  page.cdp.off('Tracing.dataCollected', collect);
  return { figures, events: chunks };
}

/** The main thread's complete events from navigation start to `untilMs` after it. */
function mainThread(events, untilMs) {
  const start = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame);
  if (!start) return null;
  const until = start.ts + untilMs * 1000;
  const within = events.filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X' && e.dur != null && e.ts >= start.ts && e.ts < until);
  return { from: start.ts, until, within };
}

// The longest tasks, each with the longest event it holds (what it mostly did).
function longest({ from, within }, n = 3) {
  return within
    .filter((e) => e.name === 'RunTask')
    .sort((a, b) => b.dur - a.dur)
    .slice(0, n)
    .map((t) => {
      const inner = within
        .filter((e) => e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur && !/^(RunTask|ThreadController|BlinkScheduler)/.test(e.name))
        .sort((a, b) => b.dur - a.dur)[0];
      return { at: round((t.ts - from) / 1000), ms: round(t.dur / 1000, 1), doing: inner?.name ?? '?' };
    });
}

async function traceOnce(tab, page) {
  const { figures: f, events } = await traced(tab, () => loadAndMeasure(tab, page.url, page));
  const main = f.title_paint == null ? null : mainThread(events, f.title_paint);
  if (!main) return null;
  const ms = (list) => round(list.reduce((a, e) => a + Math.min(e.dur, main.until - e.ts), 0) / 1000, 1);
  const kinds = Object.fromEntries(Object.entries(TRACE_KINDS).map(([k, names]) => [k, ms(main.within.filter((e) => names.includes(e.name)))]));
  return {
    title_paint: round(f.title_paint),
    html_end: round(f.html_end),
    busy: ms(main.within.filter((e) => e.name === 'RunTask')),
    kinds,
    longest: longest(main),
    blocking: f.blocking.map((r) => ({ ...r, start: round(r.start), response: round(r.response), end: round(r.end) })),
  };
}

export async function traces(browser, pages) {
  const out = {};
  for (const page of pages) {
    out[page.name] = {};
    for (const workers of modesOf(page)) Object.assign(out[page.name], (await visits(browser, page, workers, traceOnce)).figures);
    for (const [key, t] of Object.entries(out[page.name])) log(`trace ${page.name} ${key}: title ${t?.title_paint} ms, busy ${t?.busy} ms`);
  }
  return out;
}

const base = (path) => path.split('/').pop();

export function tracesTable(tr, pages) {
  const L = ['', 'Traces: one load each, the renderer main thread from navigation start to the title paint (ms)'];
  for (const p of pages.filter((x) => tr[x.name])) {
    for (const [key, t] of Object.entries(tr[p.name])) {
      if (!t) continue;
      const kinds = Object.entries(t.kinds).filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(', ');
      L.push(`  ${p.label}, ${key.replace(/_/g, ' ')}: title ${t.title_paint}, HTML end ${t.html_end}; busy ${t.busy}: ${kinds}`);
      L.push(`    longest: ${t.longest.map((x) => `${x.ms} at ${x.at} (${x.doing})`).join(', ')}`);
      const res = t.blocking.map((r) => `${base(r.path)} ${r.start}–${r.end} (${r.from}${r.render_blocking === 'blocking' ? ', blocking' : ''})`);
      L.push(`    waits for: ${res.join(', ') || '–'}`);
    }
  }
  return L;
}
