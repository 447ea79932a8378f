// The reader's journeys in the order they run, `[title, journey]`: each journey is
// `(session, env)` (session.mjs, env.mjs) and the same in every engine. A journey about a
// feature an engine lacks throws `NotHere` there (the test is skipped with its reason), and
// its twin, about what the reader gets instead, runs. One that detects a feature returns
// which way the engine went (printed as the test's diagnostic).
import { articleFromJson, darkModeAndTextSize, inPlaceNavigation } from './journeys/reading.mjs';
import { comments } from './journeys/comments.mjs';
import { embedded, prerenderedAdopted } from './journeys/hosts.mjs';
import { filesFromTheWorker, offlineSaved, offlineWithoutWorker } from './journeys/offline.mjs';
import { photoStory } from './journeys/media.mjs';
import { contentVisibility, listenBySpeech, listenToRecording, renderBlocking } from './journeys/degrade.mjs';

export { NotHere } from './journeys/common.mjs';

export const JOURNEYS = [
  ['the article from the JSON: heading, Vietnam time, the figure and its caption', articleFromJson],
  ['a «Đọc nhiều» link opens its article in place; Back returns', inPlaceNavigation],
  ['comments on news-server: the prompts keep what was typed, a post waits for review, a reply, a like', comments],
  ['embedded in the portal’s page on another origin', embedded],
  ['a prerendered page is adopted with no id twice', prerenderedAdopted],
  ['dark mode and text size, kept across a reload', darkModeAndTextSize],
  ['offline with the service worker: the saved copy, «Bạn đang đọc bản đã lưu»', offlineSaved],
  ['offline without a service worker: the article online, the engine’s error page offline', offlineWithoutWorker],
  ['the build’s files from the worker’s cache: the static router (addRoutes) or the fetch handler', filesFromTheWorker],
  ['the first frame: in the reader’s scheme with blocking="render", the article painted without it', renderBlocking],
  ['below the first screen: content-visibility before the app, or all laid out', contentVisibility],
  ['«Nghe bài viết» without a recording: only with a Vietnamese voice', listenBySpeech],
  ['«Nghe bài viết» with a recording: it plays to its end, the button pressed meanwhile', listenToRecording],
  ['a photo story: the grid laid out, a thumbnail opens the dialog, the arrow pages, Escape closes, focus back', photoStory],
];
