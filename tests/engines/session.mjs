// What every engine's driver gives a journey (tests/engines/drivers/*.mjs), so one journey
// runs unchanged in Chromium, Firefox and WebKit. A journey finds elements the way a person
// does (role and name, label, text), in the page, by `FIND` below, then acts on them through
// the engine's own input (a real click, real keys), never by calling the page's handlers.
//
// A driver's `open()` resolves to a Session, a fresh profile each time (no storage shared):
//
//   name                         'chromium' | 'firefox' | 'webkit'
//   goto(url)                    navigates; resolves once the load event has fired
//   url()                        the page's URL now (a promise)
//   eval(fn, ...args)            runs `fn` (a function, sent as its source) in the page with
//                                JSON arguments; resolves to its JSON result (awaits a promise)
//   waitFor(fn, ...args)         polls `eval(fn, ...args)` until truthy (15 s, then throws with
//                                the function's source); resolves to that value
//   click(target)                finds `target` (see FIND), scrolls it into view, clicks it
//   fill(target, text)           focuses the field, empties it and types `text` as keys
//   press(key)                   one key to the focused element: 'Enter', 'Tab', 'Escape'…
//   errors()                     uncaught page errors seen so far (where the engine reports
//                                them; an empty list where it cannot)
//   close()                      ends the session and its browser
//
// A target is `{ role, name }` (name: a substring of the accessible name, or a RegExp
// source as `{ role, name, exact: true }` for equality), `{ label }` (a form field by its
// label's text), `{ text }` (the innermost visible element whose text contains it), or a CSS
// selector string where no person-facing handle exists.

/**
 * Finds a target in the page; sent as source to the page by each driver. Returns the element
 * or null. Kept to what the three engines share (no `:has`, no `ariaLabelledByElements`).
 */
export const FIND = function find(target) {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return (r.width > 0 || r.height > 0) && getComputedStyle(el).visibility !== 'hidden';
  };
  const text = (el) => (el.textContent || '').replace(/\s+/g, ' ').trim();
  const name = (el) => {
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\s+/).map((id) => text(document.getElementById(id) || document.createElement('i'))).join(' ');
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label').trim();
    if (el.labels && el.labels.length) return text(el.labels[0]);
    if (el.getAttribute('alt')) return el.getAttribute('alt');
    return text(el) || el.getAttribute('title') || el.getAttribute('placeholder') || '';
  };
  const ROLES = {
    link: 'a[href]',
    button: 'button, [role=button], input[type=submit], input[type=button]',
    heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
    textbox: 'textarea, input:not([type]), input[type=text], input[type=email], input[type=search], [role=textbox]',
    checkbox: 'input[type=checkbox], [role=checkbox]',
    navigation: 'nav, [role=navigation]',
    dialog: 'dialog, [role=dialog]',
    status: '[role=status], output',
    alert: '[role=alert]',
    img: 'img, [role=img]',
    figure: 'figure',
    time: 'time',
    list: 'ul, ol, [role=list]',
  };
  const matches = (el) => {
    if (target.name === undefined) return true;
    const n = name(el).replace(/\s+/g, ' ').trim();
    return target.exact ? n === target.name : n.includes(target.name);
  };
  if (typeof target === 'string') return document.querySelector(target);
  if (target.role) {
    const all = [...document.querySelectorAll(ROLES[target.role] || `[role=${target.role}]`)];
    return all.find((el) => visible(el) && matches(el)) || null;
  }
  if (target.label) {
    const label = [...document.querySelectorAll('label')].find((l) => text(l).includes(target.label));
    if (label) return label.control || label.querySelector('input, textarea, select');
    return [...document.querySelectorAll('[aria-label]')].find((el) => el.getAttribute('aria-label').includes(target.label)) || null;
  }
  if (target.text) {
    const all = [...document.querySelectorAll('body *')].filter((el) => visible(el) && text(el).includes(target.text));
    return all.find((el) => ![...el.children].some((c) => text(c).includes(target.text))) || null;
  }
  throw new Error(`not a target: ${JSON.stringify(target)}`);
};

/** How long `waitFor` polls before it fails the journey. */
export const WAIT_MS = 15_000;

/** Polls `probe()` until it resolves truthy, shared by the drivers' `waitFor`. */
export async function poll(probe, what, ms = WAIT_MS) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}; last: ${last}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
