// The reference server (`news-server`, a real SQLite database in a temp directory) for a
// test file, started as server.test.mjs does, with Chromium; `cli` runs its subcommands
// (pending, approve…) against the same database.
import { after, before } from 'node:test';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, launch } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SERVER = process.env.NEWS_SERVER || join(ROOT, 'target/debug/news-server');

/**
 * `ctx.base` is the server's origin, `ctx.browser` a Chromium, `ctx.cli(...args)` the CLI
 * (its output), `ctx.db` the database; `serve` are more flags of `serve`, and `setup(ctx)`
 * runs against the database before the server starts.
 */
export function useNewsServer(serve = [], setup = () => {}) {
  const ctx = {};
  ctx.cli = (...args) => execFileSync(SERVER, [...args, '--db', ctx.db], { encoding: 'utf8' });
  before(async () => {
    ctx.dir = mkdtempSync(join(tmpdir(), 'news-e2e-'));
    ctx.db = join(ctx.dir, 'news.db');
    setup(ctx);
    ctx.server = spawn(
      SERVER,
      ['serve', '--addr', '127.0.0.1:0', '--dist', DIST, '--content', join(ROOT, 'public/api'), '--db', ctx.db, ...serve],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    ctx.base = await new Promise((ok, fail) => {
      let out = '';
      ctx.server.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/listening on (http:\/\/\S+)/);
        if (m) ok(m[1]);
      });
      ctx.server.on('exit', (code) => fail(new Error(`news-server exited with ${code}`)));
    });
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    ctx.server?.kill('SIGKILL');
    rmSync(ctx.dir, { recursive: true, force: true });
  });
  return ctx;
}
