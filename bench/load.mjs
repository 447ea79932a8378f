// The load generator used when wrk is not installed: `connections` keep-alive connections,
// each sending its next request when the previous answer has arrived, for `seconds` (and at
// most `maxRequests` in all). Answers like bench/wrk.lua: statuses, latency percentiles, and
// the ids of the comments acknowledged with 201. Slower than wrk (one Node thread), so its
// throughput is a lower bound. `headers` (optional) gives each request's extra headers (the
// search bench names a new client in X-Forwarded-For for each, bench/search.mjs).
import { Agent, request } from 'node:http';

const BODY = JSON.stringify({ author_name: 'Bench', body: 'Bình luận của phép đo tải.', website: '' });

export async function nodeLoad({ url, post = false, connections = 32, seconds = 10, maxRequests = 2_000_000, headers = () => ({}) }) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const latencies = [];
  const statuses = {};
  const ids = [];
  const errors = { connect: 0, read: 0, write: 0, status: 0, timeout: 0 };
  let bytes = 0;
  let sent = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const one = () =>
    new Promise((ok) => {
      const t = performance.now();
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: post ? 'POST' : 'GET',
          headers: { ...(post ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) } : {}), ...headers() },
          timeout: 10_000,
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            latencies.push(performance.now() - t);
            statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
            const body = Buffer.concat(chunks);
            bytes += body.length;
            if (res.statusCode < 200 || res.statusCode > 399) errors.status++;
            if (res.statusCode === 201) {
              const id = /"id"\s*:\s*"([^"]+)"/.exec(body.toString())?.[1];
              if (id) ids.push(id);
            }
            ok();
          });
          res.on('error', () => {
            errors.read++;
            ok();
          });
        },
      );
      req.on('timeout', () => {
        errors.timeout++;
        req.destroy();
      });
      req.on('error', () => {
        errors.connect++;
        ok();
      });
      req.end(post ? BODY : undefined);
    });
  const worker = async () => {
    while (performance.now() < deadline && sent < maxRequests) {
      sent++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const duration = performance.now() - start;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : 0);
  const us = (ms) => Math.round(ms * 1000);
  return {
    ids,
    json: {
      requests: latencies.length,
      duration_us: us(duration),
      bytes,
      latency_us: {
        p50: us(pct(50)),
        p90: us(pct(90)),
        p99: us(pct(99)),
        max: us(latencies[latencies.length - 1] || 0),
        mean: latencies.length ? (latencies.reduce((a, b) => a + b, 0) / latencies.length) * 1000 : 0,
      },
      errors,
      statuses,
      acked: ids.length,
    },
  };
}
