// The reader's journeys (journeys.mjs) in every engine (drivers/index.mjs): one `describe`
// per engine, each journey a test on a fresh profile. Run from tests/:
//   node --test --test-concurrency=1 engines/
// NEWS_ENGINES=firefox,webkit narrows the engines. Each engine's wall time is printed last.
import { after, before, describe, test } from 'node:test';
import { ENGINES } from './drivers/index.mjs';
import { JOURNEYS, NotHere } from './journeys.mjs';
import { startEnv } from './env.mjs';
import { KNOWN } from './known.mjs';

let env;
const times = {};
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.stop();
  for (const [name, ms] of Object.entries(times)) console.log(`engine ${name}: ${(ms / 1000).toFixed(1)} s`);
});

for (const engine of ENGINES) {
  describe(engine.name, () => {
    let started;
    before(() => {
      started = Date.now();
    });
    after(() => {
      times[engine.name] = Date.now() - started;
    });
    for (const [title, journey] of JOURNEYS) {
      test(title, { todo: KNOWN[engine.name]?.[journey.name] }, async (t) => {
        const session = await engine.open();
        try {
          // A journey about a feature says which way the engine went.
          const note = await journey(session, env);
          if (note) t.diagnostic(note);
        } catch (e) {
          if (!(e instanceof NotHere)) throw e;
          t.skip(e.message);
        } finally {
          await session.close();
        }
      });
    }
  });
}
