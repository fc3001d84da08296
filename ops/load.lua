-- Rotate the request paths ops/load.py wrote (19 normal, 1 adversarial, ...); count statuses.
local paths = {}
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(os.getenv("LOAD_PATHS")))
  for line in f:lines() do table.insert(paths, line:sub(3)) end
  f:close()
  i = (id or 0) * 97
  counts = {}
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function response(status, headers, body)
  local k = tostring(status)
  counts[k] = (counts[k] or 0) + 1
end

function done(summary, latency, requests)
  local statuses = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("counts")) do statuses[k] = (statuses[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(statuses) do table.insert(parts, string.format('"%s": %d', k, v)) end
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "seconds": %.1f, "p50_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, ' ..
    '"max_ms": %.1f, "socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, table.concat(parts, ", ")))
end
