// A virtual X display for a browser that needs one (WebKitGTK's MiniBrowser has no headless
// mode): Xvfb picks a free display number itself (`-displayfd`), so runs side by side never
// race for one, and `stop()` ends it; a process that ends without calling it still kills it.
import { spawn } from 'node:child_process';
import { own } from './children.mjs';

/** Starts Xvfb; resolves to `{ display: ':N', stop() }` once it accepts clients. */
export function startXvfb({ size = '1280x1024x24' } = {}) {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', size, '-nolisten', 'tcp', '-noreset'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const stop = own(xvfb);
  let log = '';
  xvfb.stderr.on('data', (d) => (log = (log + d).slice(-2000)));
  return new Promise((ok, fail) => {
    let out = '';
    xvfb.stdio[3].on('data', (d) => {
      out += d;
      // Xvfb writes the display number and a newline once it is ready.
      if (out.includes('\n')) ok({ display: `:${out.trim()}`, stop });
    });
    xvfb.once('exit', (code) => fail(new Error(`Xvfb exited (${code}): ${log.slice(-500)}`)));
    xvfb.once('error', fail);
  });
}
