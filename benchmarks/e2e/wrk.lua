-- wrk script for run.sh.
--
-- WRK_CHECKLY=1: every request carries `tracestate: checkly=true` and a fresh W3C `traceparent`,
-- as a Checkly check's requests do. WRK_FOREIGN=1: a fresh sampled `traceparent` and another
-- system's `tracestate`, as requests from a traced neighbour do. Otherwise wrk sends its plain,
-- pre-built GET request.
--
-- done() prints one machine-readable line:
--   RESULT rps=<requests/s> p50_us=<µs> p99_us=<µs> requests=<n> errors=<socket errors + non-2xx/3xx>

local checkly = os.getenv("WRK_CHECKLY") == "1"
local foreign = os.getenv("WRK_FOREIGN") == "1"

if checkly or foreign then
  local random = math.random
  local format = string.format

  init = function(args)
    -- A different sequence per thread (wrk runs one Lua state per thread).
    math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  end

  request = function()
    local traceparent = format("00-%08x%08x%08x%08x-%08x%08x-01",
      random(0, 0x7fffffff), random(0, 0x7fffffff), random(0, 0x7fffffff), random(1, 0x7fffffff),
      random(0, 0x7fffffff), random(1, 0x7fffffff))
    wrk.headers["traceparent"] = traceparent
    wrk.headers["tracestate"] = checkly and "checkly=true" or "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"
    return wrk.format(nil, nil, nil, nil)
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT rps=%.1f p50_us=%d p99_us=%d requests=%d errors=%d\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(99),
    summary.requests, errors))
end
