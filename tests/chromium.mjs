// How Chromium runs on these machines, for the tests and the benchmark alike: Debian's
// browser (no downloaded build), as root (no sandbox), no GPU, and nothing that reaches for
// the network on its own (the machine's network is closed).
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
