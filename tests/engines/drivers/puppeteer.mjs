// Chromium (over CDP) and Firefox (over WebDriver BiDi) through puppeteer-core, as Debian
// installs them: the Session of session.mjs, so a journey runs unchanged in either.
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, CHROMIUM } from '../../chromium.mjs';
import { FIND, poll } from '../session.mjs';

export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

// The machine's network is closed: nothing Firefox would fetch on its own (updates, safe
// browsing lists, captive-portal probes, telemetry) may make a journey wait.
const FIREFOX_PREFS = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'toolkit.telemetry.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
};

/** How each engine is launched; puppeteer gives each launch a new temporary profile. */
const LAUNCH = {
  chromium: () => ({ browser: 'chrome', executablePath: CHROMIUM, args: CHROME_ARGS, headless: true }),
  firefox: () => ({ browser: 'firefox', executablePath: FIREFOX, headless: true, extraPrefsFirefox: FIREFOX_PREFS }),
};

/** Waits until `target` (see FIND) is in the page; resolves to its ElementHandle. */
async function element(page, target) {
  return poll(async () => {
    const handle = await page.evaluateHandle(FIND, target);
    const el = handle.asElement();
    if (!el) await handle.dispose();
    return el;
  }, `the element ${JSON.stringify(target)}`);
}

/** Opens `engine` ('chromium' | 'firefox') on a fresh profile: a Session (session.mjs). */
export async function open(engine) {
  const browser = await puppeteer.launch(LAUNCH[engine]());
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e?.message ?? e)));
  const evaluate = (fn, args) => page.evaluate(fn, ...args);
  return {
    name: engine,
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    // The page's own answer: pushState moves it without an event every protocol reports.
    url: () => page.evaluate(() => location.href),
    eval: (fn, ...args) => evaluate(fn, args),
    waitFor: (fn, ...args) => poll(() => evaluate(fn, args), String(fn)),
    async click(target) {
      const el = await element(page, target);
      await el.scrollIntoView();
      await el.click();
      await el.dispose();
    },
    async fill(target, text) {
      const el = await element(page, target);
      await el.scrollIntoView();
      await el.focus();
      // Selected, then one Backspace: the field empties as a person's keys would empty it.
      await el.evaluate((f) => f.select?.());
      await page.keyboard.press('Backspace');
      await page.keyboard.type(text);
      await el.dispose();
    },
    press: (key) => page.keyboard.press(key),
    errors: () => [...errors],
    close: () => browser.close(),
  };
}
