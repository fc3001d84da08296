-- wrk: send the request paths of $BENCH_PATHS (one a line) in turn, each thread from its own
-- share of the file, so that no path is sent twice while the file holds more than wrk sends.
-- Counts the answers the server's cache gave (X-Answer-Cache: hit) and the statuses.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  local f = assert(io.open(os.getenv("BENCH_PATHS")))
  for line in f:lines() do table.insert(paths, line) end
  f:close()
  local share = math.floor(#paths / tonumber(os.getenv("BENCH_THREADS") or "2"))
  i = (id or 0) * share
  n_paths, n_share = #paths, share
  sent, hits, misses, bad = 0, 0, 0, 0
end

function request()
  i = i % #paths + 1
  sent = sent + 1
  return wrk.format("GET", paths[i])
end

function response(status, headers, body)
  local cache = headers["X-Answer-Cache"]
  if cache == "hit" then hits = hits + 1 elseif cache == "miss" then misses = misses + 1 end
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local total = {sent = 0, hits = 0, misses = 0, bad = 0}
  local most = 0
  for _, t in ipairs(threads) do
    for k, _ in pairs(total) do total[k] = total[k] + t:get(k) end
    most = math.max(most, t:get("sent"))
  end
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
    .. '"max_us": %d, "errors_status": %d, "errors_other": %d, "sent": %d, "cache_hits": %d, '
    .. '"cache_misses": %d, "not_200": %d, "paths": %d, "share": %d, "most_by_a_thread": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, total.sent, total.hits, total.misses, total.bad, threads[1]:get("n_paths"),
    threads[1]:get("n_share"), most))
end
