-- wrk script of the benchmark's server load (bench/run.mjs runs it): counts answers by
-- status, keeps the id of every comment acknowledged with 201 (written one per line to
-- $WRK_IDS), and prints one JSON line with throughput and latency percentiles.
-- POST when $WRK_POST is set: a valid comment, as the app sends it.
if os.getenv("WRK_POST") then
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"author_name":"Bench","body":"Bình luận của phép đo tải.","website":""}'
end

counts = {}
ids = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if status == 201 and body then
    local id = body:match('"id"%s*:%s*"([^"]+)"')
    if id then ids[#ids + 1] = id end
  end
end

function done(summary, latency, requests)
  local total, acked = {}, 0
  local out = os.getenv("WRK_IDS")
  local file = out and io.open(out, "w")
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("counts")) do
      total[status] = (total[status] or 0) + n
    end
    for _, id in ipairs(t:get("ids")) do
      acked = acked + 1
      if file then file:write(id, "\n") end
    end
  end
  if file then file:close() end
  local parts = {}
  for status, n in pairs(total) do
    parts[#parts + 1] = string.format('"%d":%d', status, n)
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f},' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"statuses":{%s},"acked":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, e.connect, e.read, e.write, e.status, e.timeout,
    table.concat(parts, ","), acked))
end
