-- wrk script: every request asks something no request asked before (a per-run random tag, the
-- thread and a counter), so each one is a cache miss: exact lookup, upstream call, write-back.
-- BENCH_MODE=bypass sends hyperion.cache.mode=bypass instead (no lookup, no write-back).
local threads = {}
local counter = 0
local tag = ""
local mode = os.getenv("BENCH_MODE") or "default"

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
  tag = string.format("%08x", math.random(0, 0x7fffffff))
end

local key = "Bearer " .. (os.getenv("BENCH_KEY") or "bench-key")

function request()
  counter = counter + 1
  local body = string.format(
    '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello %s-%d-%d"}]%s}',
    tag, id or 0, counter,
    mode == "bypass" and ',"hyperion":{"cache":{"mode":"bypass"}}' or "")
  return wrk.format("POST", nil,
    {["Content-Type"] = "application/json", ["Authorization"] = key}, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d rps=%.2f p50_us=%d p99_us=%d max_us=%d " ..
    "connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
