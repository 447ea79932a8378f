// What the journeys share: the demo content they expect, and opening a page as a reader does.
import { readFileSync } from 'node:fs';
import { ADOPTED, SEED } from '../../e2e/harness.mjs';

export { ADOPTED, SEED, SEED_PATH } from '../../e2e/harness.mjs';

/** A file of the demo content (public/api), as the host serves it. */
export const api = (path) => JSON.parse(readFileSync(new URL(`../../../public/api/${path}`, import.meta.url), 'utf8'));
/** The seed article's JSON. */
export const ARTICLE = api(`articles/${SEED}.json`);

/**
 * Thrown by a journey when the engine lacks what it is about (a feature detected in the page):
 * the test is then skipped with this reason, and its twin for such engines runs instead.
 */
export class NotHere extends Error {}

/** Opens `url` and waits until the app runs the page (a wasm that never starts fails here). */
export async function open(session, url) {
  await session.goto(url);
  await session.waitFor(ADOPTED);
}

/** Opens the page again, as the reader's reload does. */
export async function reload(session) {
  await open(session, await session.url());
}

/** Waits until the page's <h1> reads `title`. */
export const heading = (session, title) => session.waitFor((t) => document.querySelector('h1')?.textContent === t, title);

/** Page errors but those of a network that is gone (offline journeys). */
export const realErrors = (session) =>
  session.errors().filter((e) => !/NetworkError|Failed to fetch|Load failed|net::ERR_|FetchEvent/i.test(e));
