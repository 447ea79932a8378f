// Journeys an engine fails because of the PRODUCT (or the engine), by engine and journey
// function name: the test runs as `todo` with this reason, so it is seen but does not fail
// the suite. Remove an entry once its journey passes there.
// Firefox's offline reload (its navigation preload failing first) was one until public/sw.js
// left preload off in Firefox.
export const KNOWN = {};
