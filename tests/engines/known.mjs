// Journeys an engine fails because of the PRODUCT (or the engine), by engine and journey
// function name: the test runs as `todo` with this reason, so it is seen but does not fail
// the suite. Remove an entry once its journey passes there.
export const KNOWN = {
  firefox: {
    offlineSaved:
      'Firefox (153 ESR) fails an offline navigation whose navigation preload fails, before the ' +
      'worker can answer: public/sw.js enables navigation preload, so the reload shows ' +
      'Firefox’s «Problem loading page», not the saved copy (it does with preload disabled)',
  },
};
