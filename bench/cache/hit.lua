-- wrk script: one fixed chat request, so after the first answer every request is an exact (L1)
-- cache hit. The bearer key comes from $BENCH_KEY. done() prints run.sh's BENCH_RESULT line.
wrk.method = "POST"
wrk.body   = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello from the cache bench"}]}'
wrk.headers["Content-Type"]  = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "bench-key")

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d rps=%.2f p50_us=%d p99_us=%d max_us=%d " ..
    "connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
