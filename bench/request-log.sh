#!/usr/bin/env bash
# Cost of the request log and PII redaction on the hot path, through a real Hyperion in front of
# the zero-latency nginx upstream of run.sh. Three server configurations, one after another:
#   off     request log disabled (hyperion.audit.request-log.enabled=false)
#   log     request log on, bodies off (the default)
#   bodies  request log on with bodies (redacted in the writer) and PII mask mode on the prompt
#           (scanned and masked before the upstream, restored in the answer)
# For each: throughput and latency at c=100 (wrk), and the added stage time from Server-Timing
# (x-hyperion-debug: 1) over sequential requests: p50/p99 of the pii and write stages (write = the
# completion observers, request-log hand-off included) and of the total. Prints a markdown table.
# The prompt carries an e-mail address and a card number, so the mask mode has work to do.
# Loopback only; every process it starts is stopped on exit.
#
# Environment (optional): BENCH_DURATION=15  BENCH_WARMUP=20  BENCH_TIMINGS=2000
#   UPSTREAM_PORT=18081 HYPERION_PORT=18080 HYPERION_HTTPS_PORT=18443
#   HYPERION_BUILD=copy|skip (skip: reuse bench/.work/build from run.sh or this script)
#   HYPERION_READY_TIMEOUT=600 seconds to wait for the gateway to answer
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work"
BENCH_DURATION=${BENCH_DURATION:-15}
BENCH_WARMUP=${BENCH_WARMUP:-20}
BENCH_TIMINGS=${BENCH_TIMINGS:-2000}
UPSTREAM_PORT=${UPSTREAM_PORT:-18081}
HYPERION_PORT=${HYPERION_PORT:-18080}
HYPERION_HTTPS_PORT=${HYPERION_HTTPS_PORT:-18443}
HYPERION_BUILD=${HYPERION_BUILD:-copy}
HYPERION_READY_TIMEOUT=${HYPERION_READY_TIMEOUT:-600}
RESULTS="$WORK/results/request-log-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RESULTS"
log() { printf '[request-log %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

NGINX_PID=""
WLP="$WORK/build/target/liberty/wlp"
RUNNING=0
stop_hyperion() {
  if ((RUNNING)); then
    "$WLP/bin/server" stop hyperion >>"$RESULTS/hyperion-stop.log" 2>&1 || true
    RUNNING=0
  fi
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  stop_hyperion
  if [[ -n $NGINX_PID ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -TERM "$NGINX_PID"
    wait "$NGINX_PID" 2>/dev/null
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

for tool in nginx wrk curl mvn java; do
  command -v "$tool" >/dev/null 2>&1 || [[ $tool == nginx && -x /usr/sbin/nginx ]] \
    || die "$tool is needed (apt-get install nginx-light wrk curl; a JDK and Maven)"
done
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
ulimit -n 65536 2>/dev/null || true

# ------------------------------------------------------------------------------ build
if [[ $HYPERION_BUILD == copy ]]; then
  mkdir -p "$WORK/build"
  rsync -a --delete --exclude=/.git --exclude=/target --exclude=/bench --exclude=node_modules \
    "$REPO_DIR/" "$WORK/build/"
  rm -rf "$WORK/build/target/classes" "$WORK/build/target/hyperion" "$WORK"/build/target/*.war
  log "building Hyperion (log: $RESULTS/build.log)"
  (cd "$WORK/build" && mvn -q -B -DskipTests -Dhttp.port="$HYPERION_PORT" \
    -Dhttps.port="$HYPERION_HTTPS_PORT" package liberty:create liberty:deploy) \
    >"$RESULTS/build.log" 2>&1 || { tail -n 30 "$RESULTS/build.log" >&2; die "build failed"; }
fi
[[ -x $WLP/bin/server ]] || die "no built server in $WLP"

# ------------------------------------------------------------------------------ upstream
UPSTREAM_BODY='{"id":"chatcmpl-bench","object":"chat.completion","created":1770933883,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Noted: I will write to [EMAIL_1] about [CARD_1].","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":40,"completion_tokens":14,"total_tokens":54}}'
mkdir -p "$WORK/nginx-rl/logs" "$WORK/nginx-rl/tmp"
cat >"$WORK/nginx-rl/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx-rl/nginx.pid;
error_log $WORK/nginx-rl/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-rl/tmp/body;
  proxy_temp_path $WORK/nginx-rl/tmp/proxy;
  fastcgi_temp_path $WORK/nginx-rl/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx-rl/tmp/uwsgi;
  scgi_temp_path $WORK/nginx-rl/tmp/scgi;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$UPSTREAM_PORT backlog=4096;
    location = /v1/chat/completions { default_type application/json; return 200 '$UPSTREAM_BODY'; }
  }
}
EOF
"$NGINX_BIN" -p "$WORK/nginx-rl" -c "$WORK/nginx-rl/nginx.conf" >"$RESULTS/nginx.log" 2>&1 &
NGINX_PID=$!
sleep 1
kill -0 "$NGINX_PID" 2>/dev/null || die "nginx did not start (port $UPSTREAM_PORT busy?)"

PROMPT='Please write to jane.doe@example.com about the card 4111 1111 1111 1111 and confirm.'
BODY="{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"$PROMPT\"}]}"
KEY="hk-bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SRV="$WLP/usr/servers/hyperion"
URL="http://127.0.0.1:$HYPERION_PORT"

start_hyperion() { # request-log enabled: true|false
  sed "s/127\.0\.0\.1:18081/127.0.0.1:$UPSTREAM_PORT/g" "$BENCH_DIR/gateway-bench.yaml" >"$WORK/gateway-rl.yaml"
  local bp="$SRV/bootstrap.properties"
  touch "$bp"
  sed -i -E '/^(http\.port|https\.port|http\.host)[[:space:]]*=/d' "$bp"
  printf 'http.port=%s\nhttps.port=%s\nhttp.host=127.0.0.1\n' "$HYPERION_PORT" "$HYPERION_HTTPS_PORT" >>"$bp"
  printf 'HYPERION_CONFIG_PATH=%s\nHYPERION_AUTH_BOOTSTRAP_KEY=%s\nHYPERION_AUDIT_REQUEST_LOG_ENABLED=%s\n' \
    "$WORK/gateway-rl.yaml" "$KEY" "$1" >"$SRV/server.env"
  "$WLP/bin/server" start hyperion >"$RESULTS/start-$1.log" 2>&1 || die "server start failed"
  RUNNING=1
  local t0=$SECONDS
  until [[ $(post -o /dev/null -w '%{http_code}') == 200 ]]; do
    ((SECONDS - t0 < HYPERION_READY_TIMEOUT)) || die "Hyperion not ready (see $SRV/logs/messages.log)"
    sleep 1
  done
}
post() { curl -s --max-time 10 -X POST "$URL/v1/chat/completions" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $KEY" -d "$BODY" "$@"; }
settings() {
  local code
  code=$(curl -s -o "$RESULTS/settings.json" -w '%{http_code}' -X PATCH \
    "$URL/admin/api/orgs/org_default/compliance-settings" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $KEY" -d "$1")
  [[ $code == 200 ]] || die "compliance settings: HTTP $code $(cat "$RESULTS/settings.json")"
}

declare -A RPS P50 P99 PII50 PII99 WRITE50 WRITE99 TOTAL50 TOTAL99
measure() { # label
  local label=$1 lua="$WORK/request-log.lua"
  cat >"$lua" <<EOF
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KEY"
function done(summary, latency, requests)
  io.write(string.format("BENCH_RESULT %.2f %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), summary.errors.status + summary.errors.timeout))
end
EOF
  log "$label: warm-up ${BENCH_WARMUP} s, then c=100 for ${BENCH_DURATION} s"
  wrk -t2 -c100 -d"${BENCH_WARMUP}s" -s "$lua" "$URL/v1/chat/completions" >/dev/null 2>&1 || true
  wrk -t2 -c100 -d"${BENCH_DURATION}s" --latency -s "$lua" "$URL/v1/chat/completions" \
    >"$RESULTS/wrk-$label.txt" 2>&1 || true
  read -r _ rps p50 p99 errors < <(grep '^BENCH_RESULT' "$RESULTS/wrk-$label.txt")
  RPS[$label]=$rps; P50[$label]=$p50; P99[$label]=$p99
  ((errors == 0)) || log "$label: $errors non-2xx answers or timeouts under load"
  log "$label: Server-Timing over $BENCH_TIMINGS sequential requests"
  : >"$RESULTS/timing-$label.txt"
  for ((i = 0; i < BENCH_TIMINGS; i++)); do
    post -o /dev/null -D - -H 'x-hyperion-debug: 1' | tr -d '\r' | grep -i '^server-timing:' \
      >>"$RESULTS/timing-$label.txt" || true
  done
  read -r PII50[$label] PII99[$label] WRITE50[$label] WRITE99[$label] TOTAL50[$label] TOTAL99[$label] < <(
    awk '
      function dur(name,   m) { if (match($0, name ";dur=[0-9.]+")) { m = substr($0, RSTART, RLENGTH); sub(/.*dur=/, "", m); return m + 0 } return 0 }
      { pii[NR] = dur("pii"); wr[NR] = dur("write"); tot[NR] = dur("total") }
      function pct(a, n, p,   i, j, t, k) { for (i = 1; i <= n; i++) s[i] = a[i]
        for (i = 2; i <= n; i++) { t = s[i]; for (j = i - 1; j > 0 && s[j] > t; j--) s[j + 1] = s[j]; s[j + 1] = t }
        k = int(n * p + 0.999999); if (k < 1) k = 1; return s[k] }
      END { n = NR; printf "%.3f %.3f %.3f %.3f %.3f %.3f\n", pct(pii, n, .5), pct(pii, n, .99),
            pct(wr, n, .5), pct(wr, n, .99), pct(tot, n, .5), pct(tot, n, .99) }' "$RESULTS/timing-$label.txt")
}

start_hyperion false
settings '{"piiMode":"LOG_ONLY","logBodies":false}'
measure off
stop_hyperion
start_hyperion true
settings '{"piiMode":"LOG_ONLY","logBodies":false}'
measure log
settings '{"piiMode":"MASK","restoreAnswers":true,"logBodies":true}'
measure bodies
written=$(curl -s "$URL/metrics" | awk '/^hyperion_request_log_written/ {print $2}' | head -n 1)
dropped=$(curl -s "$URL/metrics" | awk '/^hyperion_request_log_dropped/ {print $2}' | head -n 1)

{
  echo
  echo "Request log and PII cost -- $(nproc) cores, loopback, nginx upstream, c=100 for ${BENCH_DURATION} s; Server-Timing over ${BENCH_TIMINGS} sequential requests (ms)"
  echo
  echo "| configuration | req/s (c=100) | p50 / p99 c=100 (ms) | pii p50 / p99 | write p50 / p99 | total p50 / p99 |"
  echo "|---|---:|---:|---:|---:|---:|"
  for label in off log bodies; do
    printf '| %s | %.0f | %.2f / %.2f | %s / %s | %s / %s | %s / %s |\n' "$label" "${RPS[$label]}" \
      "$(awk -v u="${P50[$label]}" 'BEGIN{print u/1000}')" "$(awk -v u="${P99[$label]}" 'BEGIN{print u/1000}')" \
      "${PII50[$label]}" "${PII99[$label]}" "${WRITE50[$label]}" "${WRITE99[$label]}" "${TOTAL50[$label]}" "${TOTAL99[$label]}"
  done
  echo
  echo "off: request log disabled; log: one record per request, no bodies; bodies: bodies stored (redacted in the writer) and the prompt masked/restored on the request path."
  echo "Request-log rows written ${written:-n/a}, dropped (queue full) ${dropped:-n/a}."
} | tee "$RESULTS/results.md"
