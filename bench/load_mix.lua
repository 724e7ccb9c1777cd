-- wrk script of bench/bench_load.py: each request is a random line of the file MIX_PATHS
-- (paths repeated by weight); done() prints the latency percentiles as one JSON line.
local paths = {}

function init(args)
  for line in io.lines(os.getenv("MIX_PATHS")) do
    paths[#paths + 1] = line
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], { ["Accept-Encoding"] = "gzip" })
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1000000
  io.write(string.format(
    'JSON {"requests": %d, "rps": %.2f, "p50": %.2f, "p95": %.2f, "p99": %.2f}\n',
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
