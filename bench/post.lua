-- wrk script: POST an OpenAI chat-completions request.
-- The bearer key comes from $BENCH_KEY; extra headers (e.g. Portkey's) are given with wrk -H.
-- done() prints one machine-readable line (latencies in microseconds) that run.sh parses;
-- wrk's own --latency report is printed above it for humans.
wrk.method = "POST"
wrk.body   = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}]}'
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
