// WebKit (Safari's engine) for the journeys: Debian's WebKitGTK, its WebDriver server
// (`WebKitWebDriver`) driving `MiniBrowser` in automation mode, spoken to through
// selenium-webdriver. MiniBrowser needs an X display, so each session has its own Xvfb, and
// its own home folder (a temporary one, removed at `close()`); automation mode gives every
// session an ephemeral profile, so no storage is shared.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, error, Key } from 'selenium-webdriver';
import { FIND, poll, WAIT_MS } from '../session.mjs';
import { own, ownFolder } from './children.mjs';
import { startXvfb } from './xvfb.mjs';

export const name = 'webkit';
export const WEBDRIVER = process.env.WEBKIT_WEBDRIVER || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** A loopback port nothing listens on now. */
function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Starts WebKitWebDriver on `display`; resolves to its address once `/status` answers. */
async function startDriver(display, home) {
  const port = await freePort();
  const proc = spawn(WEBDRIVER, [`--port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      DISPLAY: display,
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
      XDG_DATA_HOME: join(home, 'data'),
      // No GPU here, and GTK's accessibility bus is not running.
      LIBGL_ALWAYS_SOFTWARE: '1',
      NO_AT_BRIDGE: '1',
    },
  });
  const stop = own(proc);
  let log = '';
  proc.stderr.on('data', (d) => (log = (log + d).slice(-2000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await poll(async () => {
      if (proc.exitCode !== null) throw new Error(`WebKitWebDriver exited: ${log}`);
      return (await fetch(`${url}/status`)).ok;
    }, 'WebKitWebDriver to listen', 10_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, stop, log: () => log };
}

// The page's uncaught errors, recorded by the page itself: WebKitWebDriver has no log
// endpoint, no WebDriver BiDi (a session asking for `webSocketUrl` is refused) and no script
// run before a document's own, so the recorder is installed after each load (it survives
// in-app navigation), and an error thrown while a document loads is missed. Each call into
// the page takes what it recorded since, so `errors()` can answer at once, as the other
// drivers' does, with what was seen up to the last call.
const RECORD = `
  if (!window.__engineErrors) {
    window.__engineErrors = [];
    addEventListener('error', (e) => __engineErrors.push(String(e.message || e.error)));
    addEventListener('unhandledrejection', (e) => __engineErrors.push(
      e.reason instanceof Error ? e.reason + '\\n' + e.reason.stack : String(e.reason)));
  }
`;
const TAKE = '(window.__engineErrors || []).splice(0)';

// Runs a function's source in the page and hands back its result as JSON text, so a result
// means the same in every engine (undefined becomes null) and a thrown error comes back whole.
// The source is part of the script (no `eval` in the page, which a strict CSP would refuse).
const run = (source) => `
  ${RECORD}
  const done = arguments[arguments.length - 1];
  const reply = (o) => done(JSON.stringify({ ...o, errors: ${TAKE} }));
  Promise.resolve()
    .then(() => (${source})(...arguments[0]))
    .then((v) => reply({ value: v === undefined ? null : v }),
          (e) => reply({ error: e instanceof Error ? e + '\\n' + e.stack : String(e) }));
`;

/** WebDriver's key for a DOM key name ('Enter', 'ArrowDown'…) or a character. */
function key(k) {
  if (k.length === 1) return k;
  const special = { Backspace: Key.BACK_SPACE, ' ': Key.SPACE };
  const found = special[k] ?? Key[k.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()];
  if (!found) throw new Error(`no WebDriver key for ${k}`);
  return found;
}

class WebKitSession {
  name = name;
  seen = [];

  constructor(driver, stop) {
    this.driver = driver;
    this.stop = stop;
  }

  /**
   * Takes the errors the page recorded since the last call into `seen`. After a click or a
   * key that starts a new document, there may be no page to ask yet: the next call takes them.
   */
  async take() {
    try {
      this.seen.push(...((await this.driver.executeScript(`${RECORD}; return ${TAKE};`)) ?? []));
    } catch {
      // A document on its way: nothing recorded there yet.
    }
  }

  async goto(url) {
    await this.driver.get(url);
    await this.take();
  }

  url() {
    return this.driver.getCurrentUrl();
  }

  async eval(fn, ...args) {
    const out = JSON.parse(await this.driver.executeAsyncScript(run(fn.toString()), args));
    this.seen.push(...out.errors);
    if ('error' in out) throw new Error(`in the page: ${out.error}`);
    return out.value;
  }

  waitFor(fn, ...args) {
    return poll(() => this.eval(fn, ...args), fn.toString());
  }

  /** The element a person would find for `target`, waited for as a person would. */
  find(target) {
    return poll(
      () => this.driver.executeScript(`return (${FIND})(arguments[0])`, target),
      `an element for ${JSON.stringify(target)}`,
      WAIT_MS,
    );
  }

  /**
   * Runs `act(element)` on `target`'s element, found again if the app replaced it between
   * finding and acting (a stale reference), as a person would simply try again.
   */
  async on(target, act) {
    for (let tries = 0; ; tries++) {
      try {
        await act(await this.find(target));
        break;
      } catch (e) {
        if (!(e instanceof error.StaleElementReferenceError) || tries >= 3) throw e;
      }
    }
    await this.take();
  }

  click(target) {
    // WebDriver's click scrolls the element into view itself, then clicks its centre.
    return this.on(target, (el) => el.click());
  }

  fill(target, text) {
    return this.on(target, async (el) => {
      await el.click();
      // Selected, then one Backspace: the field empties as a person's keys would empty it.
      await this.driver.executeScript('arguments[0].select?.()', el);
      await el.sendKeys(Key.BACK_SPACE, text);
    });
  }

  async press(k) {
    await this.driver.actions().sendKeys(key(k)).perform();
    await this.take();
  }

  errors() {
    return [...this.seen];
  }

  async close() {
    try {
      await this.driver.quit();
    } finally {
      await this.stop();
    }
  }
}

/**
 * Starts a display, the WebDriver server and a MiniBrowser session; resolves to a Session.
 * `dark`: MiniBrowser's dark mode, where `prefers-color-scheme: dark` matches (WebDriver has
 * no way to emulate it).
 */
export async function open({ dark = false } = {}) {
  const home = await mkdtemp(join(tmpdir(), 'news-webkit-'));
  const forget = ownFolder(home);
  const xvfb = await startXvfb();
  let server;
  const stop = async () => {
    await server?.stop();
    await xvfb.stop();
    // The browser's helpers may still be writing their caches as they exit.
    await rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    forget();
  };
  try {
    server = await startDriver(xvfb.display, home);
    const driver = await new Builder()
      .usingServer(server.url)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', ...(dark ? ['--dark-mode'] : [])] },
      })
      .build();
    await driver.manage().setTimeouts({ script: WAIT_MS * 2, pageLoad: 60_000 });
    await driver.manage().window().setRect({ width: 1280, height: 900 });
    return new WebKitSession(driver, stop);
  } catch (e) {
    const log = server?.log() ?? '';
    await stop();
    throw new Error(`${e.message}${log ? `\nWebKitWebDriver: ${log}` : ''}`);
  }
}
