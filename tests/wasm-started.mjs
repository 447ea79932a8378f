// For the tests and the benchmark alike: when the app's wasm had started.

/**
 * Runs in a page before its own scripts (`addInitScript`): records in `window.__wasmStarted`
 * the time boot.js hands over the started wasm (`window.__newsWasm`), its `main` having run.
 */
export function recordWasmStart() {
  let wasm;
  Object.defineProperty(window, '__newsWasm', {
    configurable: true,
    get: () => wasm,
    set: (v) => {
      wasm = v;
      window.__wasmStarted = performance.now();
    },
  });
}
