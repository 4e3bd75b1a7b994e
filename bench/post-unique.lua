-- wrk script: like post.lua, but every request asks something new (a per-thread prefix and a
-- counter in the prompt), so a response cache is consulted and written but never answers.
-- The bearer key comes from $BENCH_KEY; done() prints the BENCH_RESULT line run.sh parses.
local counter = 0
local prefix = "t"

function setup(thread)
  thread:set("prefix", string.format("%d-%d", os.time(), math.random(1, 1e9)))
end

function init(args)
  prefix = _G.prefix or prefix
end

local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "bench-key"),
}

function request()
  counter = counter + 1
  local body = string.format(
    '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello %s-%d"}]}',
    prefix, counter)
  return wrk.format("POST", nil, headers, body)
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
