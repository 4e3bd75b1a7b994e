#!/usr/bin/env bash
# Cost of tracing on the request path, through a real Hyperion in front of a zero-latency nginx
# upstream (which also answers OTLP/HTTP exports with 200). Up to three server configurations, one
# after the other, on the same Liberty install:
#   before  BEFORE_WAR (a build of the commit before tracing) in dropins/, server.xml without the
#           mpTelemetry feature: the baseline (skipped when BEFORE_WAR is unset)
#   off     this build, deployed as declared in hyperion-app.xml, tracing off (the default)
#   on      the same with OTEL_SDK_DISABLED=false, every request exported (OTLP/HTTP to nginx)
# For each: BENCH_WARMUP sequential requests, then the Server-Timing (x-hyperion-debug: 1) of
# BENCH_TIMINGS sequential requests (exact cache off: each one goes upstream): p50/p99 of the
# upstream stage, of the total, and of the gateway's own time (total minus upstream). Prints a
# markdown table. Loopback only; every process it starts is stopped on exit.
#
# Needs: mvn -DskipTests package liberty:create (target/hyperion.war, target/liberty/wlp with the
# "hyperion" server), nginx, curl.
# Environment (optional): BEFORE_WAR=path  BENCH_WARMUP=300  BENCH_TIMINGS=400
#   HYPERION_PORT=19510 HYPERION_HTTPS_PORT=19511 UPSTREAM_PORT=19512 HYPERION_READY_TIMEOUT=600
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work"
BENCH_WARMUP=${BENCH_WARMUP:-300}
BENCH_TIMINGS=${BENCH_TIMINGS:-400}
HYPERION_PORT=${HYPERION_PORT:-19510}
HYPERION_HTTPS_PORT=${HYPERION_HTTPS_PORT:-19511}
UPSTREAM_PORT=${UPSTREAM_PORT:-19512}
HYPERION_READY_TIMEOUT=${HYPERION_READY_TIMEOUT:-600}
WLP=${WLP:-$REPO_DIR/target/liberty/wlp}
WAR=${WAR:-$REPO_DIR/target/hyperion.war}
RESULTS="$WORK/results/tracing-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RESULTS"
log() { printf '[tracing %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

TEMPLATE="$WLP/usr/servers/hyperion"
SERVER=bench-tracing
SRV="$WLP/usr/servers/$SERVER"
[[ -d $TEMPLATE && -f $WAR ]] || die "run mvn -DskipTests package liberty:create first"
NGINX_PID=""
RUNNING=0
stop_hyperion() {
  if ((RUNNING)); then
    "$WLP/bin/server" stop "$SERVER" >>"$RESULTS/hyperion-stop.log" 2>&1 || true
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
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)

UPSTREAM_BODY='{"id":"chatcmpl-bench","object":"chat.completion","created":1770933883,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":2,"total_tokens":14}}'
NGX="$WORK/nginx-tracing"
mkdir -p "$NGX/logs" "$NGX/tmp"
cat >"$NGX/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $NGX/nginx.pid;
error_log $NGX/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $NGX/tmp/body;
  proxy_temp_path $NGX/tmp/proxy;
  fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi;
  scgi_temp_path $NGX/tmp/scgi;
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    location = /v1/chat/completions { default_type application/json; return 200 '$UPSTREAM_BODY'; }
    location = /v1/traces { default_type application/x-protobuf; return 200 ''; }
  }
}
NGINX
"$NGINX_BIN" -p "$NGX" -c "$NGX/nginx.conf" >"$RESULTS/nginx.log" 2>&1 &
NGINX_PID=$!
sleep 1
kill -0 "$NGINX_PID" 2>/dev/null || die "nginx did not start (port $UPSTREAM_PORT busy?)"

BODY='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}]}'
KEY="hk-bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
URL="http://127.0.0.1:$HYPERION_PORT"
post() { curl -s --max-time 10 -X POST "$URL/v1/chat/completions" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $KEY" -d "$BODY" "$@"; }

start_hyperion() { # label
  rm -rf "$SRV"
  mkdir -p "$SRV/dropins" "$SRV/apps"
  cp "$TEMPLATE/jvm.options" "$SRV/" 2>/dev/null || true
  cp -r "$TEMPLATE/lib" "$SRV/lib"
  if [[ $1 == before ]]; then
    grep -v -e 'mpTelemetry-1.1' -e 'hyperion-app.xml' "$TEMPLATE/server.xml" >"$SRV/server.xml"
    cp "$BEFORE_WAR" "$SRV/dropins/hyperion.war"
  else
    cp "$TEMPLATE/server.xml" "$TEMPLATE/hyperion-app.xml" "$SRV/"
    cp "$WAR" "$SRV/apps/hyperion.war"
  fi
  printf 'http.port=%s\nhttps.port=%s\nhttp.host=127.0.0.1\n' "$HYPERION_PORT" "$HYPERION_HTTPS_PORT" \
    >"$SRV/bootstrap.properties"
  sed "s/127\.0\.0\.1:18081/127.0.0.1:$UPSTREAM_PORT/g" "$BENCH_DIR/gateway-bench.yaml" >"$WORK/gateway-tracing.yaml"
  {
    printf 'HYPERION_CONFIG_PATH=%s\nHYPERION_AUTH_BOOTSTRAP_KEY=%s\n' "$WORK/gateway-tracing.yaml" "$KEY"
    printf 'HYPERION_CLUSTER_PORT=%s\nHYPERION_CLUSTER_NAME=bench-tracing\n' "$((UPSTREAM_PORT + 1))"
    # Every request goes upstream (the same body would otherwise be an exact-cache hit).
    printf 'HYPERION_CACHE_DEFAULT_EXACT_ENABLED=false\n'
    if [[ $1 == on ]]; then
      printf 'OTEL_SDK_DISABLED=false\nOTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf\n'
      printf 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://127.0.0.1:%s/v1/traces\n' "$UPSTREAM_PORT"
    fi
  } >"$SRV/server.env"
  "$WLP/bin/server" start "$SERVER" >"$RESULTS/start-$1.log" 2>&1 || die "server start failed"
  RUNNING=1
  local t0=$SECONDS
  until [[ $(post -o /dev/null -w '%{http_code}') == 200 ]]; do
    ((SECONDS - t0 < HYPERION_READY_TIMEOUT)) || die "Hyperion not ready (see $SRV/logs/messages.log)"
    sleep 1
  done
}

declare -A UP50 UP99 TOTAL50 TOTAL99 OWN50 OWN99
measure() { # label
  local label=$1 i
  log "$label: $BENCH_WARMUP warm-up requests, then Server-Timing of $BENCH_TIMINGS"
  for ((i = 0; i < BENCH_WARMUP; i++)); do post -o /dev/null; done
  : >"$RESULTS/timing-$label.txt"
  for ((i = 0; i < BENCH_TIMINGS; i++)); do
    post -o /dev/null -D - -H 'x-hyperion-debug: 1' | tr -d '\r' | grep -i '^server-timing:' \
      >>"$RESULTS/timing-$label.txt" || true
  done
  read -r UP50[$label] UP99[$label] TOTAL50[$label] TOTAL99[$label] OWN50[$label] OWN99[$label] < <(
    awk '
      function dur(name,   m) { if (match($0, name ";dur=[0-9.]+")) { m = substr($0, RSTART, RLENGTH); sub(/.*dur=/, "", m); return m + 0 } return 0 }
      { up[NR] = dur("upstream"); tot[NR] = dur("total"); own[NR] = tot[NR] - up[NR] }
      function pct(a, n, p,   i, j, t, k) { for (i = 1; i <= n; i++) s[i] = a[i]
        for (i = 2; i <= n; i++) { t = s[i]; for (j = i - 1; j > 0 && s[j] > t; j--) s[j + 1] = s[j]; s[j + 1] = t }
        k = int(n * p + 0.999999); if (k < 1) k = 1; return s[k] }
      END { n = NR; printf "%.3f %.3f %.3f %.3f %.3f %.3f\n", pct(up, n, .5), pct(up, n, .99),
            pct(tot, n, .5), pct(tot, n, .99), pct(own, n, .5), pct(own, n, .99) }' \
      "$RESULTS/timing-$label.txt")
}

LABELS=()
[[ -n ${BEFORE_WAR:-} ]] && LABELS+=(before)
LABELS+=(off on)
for label in "${LABELS[@]}"; do
  start_hyperion "$label"
  measure "$label"
  stop_hyperion
done

{
  echo
  echo "Tracing cost -- $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), loopback, nginx upstream; Server-Timing over $BENCH_TIMINGS sequential requests after $BENCH_WARMUP warm-up (ms)"
  echo
  echo "| configuration | upstream p50 / p99 | total p50 / p99 | gateway (total - upstream) p50 / p99 |"
  echo "|---|---:|---:|---:|"
  for label in "${LABELS[@]}"; do
    printf '| %s | %s / %s | %s / %s | %s / %s |\n' "$label" "${UP50[$label]}" "${UP99[$label]}" \
      "${TOTAL50[$label]}" "${TOTAL99[$label]}" "${OWN50[$label]}" "${OWN99[$label]}"
  done
} | tee "$RESULTS/results.md"
