// The processes a driver starts (Xvfb, WebKitWebDriver) die with the test process, however it
// ends: at exit, and on the signals a runner or a person stops it with (Node's default for
// those skips 'exit'); its temporary folders go too. MiniBrowser, WebKitWebDriver's child,
// quits when its display goes.
import { rmSync } from 'node:fs';

const live = new Set();
const folders = new Set();

function killAll() {
  for (const p of live) p.kill('SIGKILL');
  live.clear();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
  folders.clear();
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    // Then the signal's own ending, as if no handler had been there.
    process.kill(process.pid, signal);
  });
}

/**
 * Keeps `proc` (a ChildProcess) to be killed if the test process ends first; resolves
 * `stop()`'s promise once it has exited, SIGTERM first.
 */
export function own(proc) {
  live.add(proc);
  const exited = new Promise((ok) => proc.once('exit', ok));
  return async function stop() {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    await exited;
    live.delete(proc);
  };
}

/** Keeps the folder `path` to be removed if the test process ends first; returns the release. */
export function ownFolder(path) {
  folders.add(path);
  return () => folders.delete(path);
}
