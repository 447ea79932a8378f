// A journey that must watch a page from its first parse (no id twice at any moment, what the
// stylesheet does before the app adopts the page) cannot ask every driver for an init script
// (WebKit's WebDriver has none): instead the page is served through this proxy, which puts
// the journey's script first in each HTML page's head (right after its charset). Everything else passes unchanged.
import { createServer } from 'node:http';

/** `html` with `script` before anything but the charset (the build's pages have no <head> tag). */
function first(html, script) {
  const at = html.match(/<meta charset=[^>]*>|<head[^>]*>|<html[^>]*>/i);
  if (!at) return script + html;
  const end = at.index + at[0].length;
  return html.slice(0, end) + script + html.slice(end);
}

/**
 * Serves `upstream` (an origin) on a new origin, `fn`'s source run first in every HTML page.
 * Resolves to `{ origin, close() }`.
 */
export async function withHeadScript(upstream, fn) {
  const script = `<script>(${fn})();</script>`;
  const server = createServer(async (req, res) => {
    try {
      const up = await fetch(upstream + req.url, { headers: { accept: req.headers.accept ?? '*/*' } });
      const type = up.headers.get('content-type') ?? 'application/octet-stream';
      const headers = { 'content-type': type, 'cache-control': up.headers.get('cache-control') ?? 'no-cache' };
      let body = Buffer.from(await up.arrayBuffer());
      if (type.startsWith('text/html')) body = Buffer.from(first(body.toString('utf8'), script));
      res.writeHead(up.status, headers).end(body);
    } catch (e) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(ok);
      }),
  };
}
