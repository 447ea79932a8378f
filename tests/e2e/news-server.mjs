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
 * Starts `news-server serve` on its own database in a temp directory: resolves to `ctx` with
 * `base` (its origin), `cli(...args)` (the CLI on the same database), `db`, `dir`, and
 * `stop()` (filling `ctx` when one is given). `serve` are more flags of `serve` (or a
 * function of `ctx` giving them), and `setup(ctx)` (may be async) runs against the database before the server starts; it may set
 * `ctx.addr`, where the server listens (else a free port), and `ctx.content`, the content
 * folder it serves (else the demo's, `public/api`, which a test must not change).
 */
export async function startNewsServer(serve = [], setup = () => {}, ctx = {}) {
  ctx.dir = mkdtempSync(join(tmpdir(), 'news-e2e-'));
  ctx.db = join(ctx.dir, 'news.db');
  ctx.cli = (...args) => execFileSync(SERVER, [...args, '--db', ctx.db], { encoding: 'utf8' });
  ctx.stop = () => {
    ctx.server?.kill('SIGKILL');
    rmSync(ctx.dir, { recursive: true, force: true });
  };
  await setup(ctx);
  const more = typeof serve === 'function' ? serve(ctx) : serve;
  ctx.server = spawn(
    SERVER,
    ['serve', '--addr', ctx.addr || '127.0.0.1:0', '--dist', DIST, '--content', ctx.content || join(ROOT, 'public/api'), '--db', ctx.db, ...more],
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
  return ctx;
}

/**
 * `ctx.base` is the server's origin, `ctx.browser` a Chromium, `ctx.cli(...args)` the CLI
 * (its output), `ctx.db` the database; `serve` and `setup` as `startNewsServer` has them
 * (`setup` gets this `ctx`).
 */
export function useNewsServer(serve = [], setup = () => {}) {
  const ctx = {};
  before(async () => {
    await startNewsServer(serve, setup, ctx);
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    ctx.stop?.();
  });
  return ctx;
}
