// The engines the journeys run in, each `{ name, open }` (open() → a Session, session.mjs).
// `NEWS_ENGINES=firefox,webkit` narrows the list to those named.
import * as puppeteer from './puppeteer.mjs';

const ALL = [
  { name: 'chromium', open: () => puppeteer.open('chromium') },
  { name: 'firefox', open: () => puppeteer.open('firefox') },
];

const wanted = process.env.NEWS_ENGINES?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = wanted?.filter((w) => !ALL.some((e) => e.name === w)) ?? [];
if (unknown.length) throw new Error(`NEWS_ENGINES names no engine here: ${unknown.join(', ')}`);

export const ENGINES = wanted ? ALL.filter((e) => wanted.includes(e.name)) : ALL;
