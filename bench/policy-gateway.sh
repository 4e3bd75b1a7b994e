#!/usr/bin/env bash
# The policy stage through the running gateway: for each store (in-process, then Redis) starts
# Hyperion in front of a zero-latency nginx upstream, and measures, for a key without limits and a
# key with limits at the key level (RPM, TPM, concurrency and a money budget, all far above what
# the run uses, so every request is reserved and settled but none refused):
#   - throughput, p50 and p99 at concurrency 100 (wrk, after a warm-up);
#   - the policy stage's own time, p50/p99 of Server-Timing policy;dur, at c=1 and c=100.
# Prints one markdown table. Every process it starts is stopped on exit. Loopback only; Redis keys
# go under a random prefix that is deleted afterwards.
#
# Environment (optional):
#   BENCH_DURATION=15  BENCH_WARMUP=20  BENCH_CONCURRENCY=100  POLICY_TIMING_CALLS=3000
#   POLICY_STORES="local redis"  BENCH_REDIS=redis://127.0.0.1:6379  (also: redis-exact, Redis
#   with every reservation waiting for its answer: hyperion.policy.redis-admit-ahead=0)
#   HYPERION_READY_TIMEOUT=600 (seconds; app start-up took 258 s on a busy 2-core machine)
#   UPSTREAM_PORT=18092  HYPERION_PORT=18090 (https on HYPERION_PORT+1)  HYPERION_BUILD=copy|skip  MVN_OFFLINE=-o
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/policy-gateway"
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-20}
CONC=${BENCH_CONCURRENCY:-100}
TIMING_CALLS=${POLICY_TIMING_CALLS:-3000}
STORES=${POLICY_STORES:-"local redis"}
REDIS_URL=${BENCH_REDIS:-redis://127.0.0.1:6379}
UPSTREAM_PORT=${UPSTREAM_PORT:-18092}
HYPERION_PORT=${HYPERION_PORT:-18090}
HYPERION_BUILD=${HYPERION_BUILD:-copy}
READY_TIMEOUT=${HYPERION_READY_TIMEOUT:-600}
RUN_ID=$(date +%Y%m%d-%H%M%S)
RESULTS="$WORK/results/$RUN_ID"
PREFIX="hyperion-bench:$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$RESULTS"
log() { printf '[policy-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
for tool in wrk curl jq java mvn; do command -v "$tool" >/dev/null || die "$tool is needed"; done
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $NGINX_BIN ]] || die "nginx is needed (apt-get install nginx-light)"

WLP="$WORK/build/target/liberty/wlp"
SERVER="$WLP/usr/servers/hyperion"
NGINX_PID=""
HYPERION_UP=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  ((HYPERION_UP)) && "$WLP/bin/server" stop hyperion >/dev/null 2>&1
  [[ -n $NGINX_PID ]] && kill -TERM "$NGINX_PID" 2>/dev/null
  if [[ " $STORES " == *" redis"* ]] && command -v redis-cli >/dev/null; then
    local hostport=${REDIS_URL#redis://}
    redis-cli -h "${hostport%%:*}" -p "${hostport##*:}" --scan --pattern "$PREFIX:*" 2>/dev/null \
      | xargs -r -n 500 redis-cli -h "${hostport%%:*}" -p "${hostport##*:}" del >/dev/null 2>&1
  fi
  wait 2>/dev/null
  exit "$rc"
}
trap cleanup EXIT
trap 'log interrupted; exit 130' INT TERM
ulimit -n 65536 2>/dev/null || true

# ------------------------------------------------------------------ build (a copy: the repo's own
# target/ may be in use by an in-server test)
if [[ $HYPERION_BUILD == copy ]]; then
  mkdir -p "$WORK/build"
  rsync -a --delete --exclude=/.git --exclude=/target --exclude=/bench --exclude=node_modules \
    "$REPO_DIR/" "$WORK/build/"
  log "building Hyperion in $WORK/build (log: $RESULTS/build.log)"
  (cd "$WORK/build" && mvn -q -B ${MVN_OFFLINE:-} -DskipTests -Dhttp.port="$HYPERION_PORT" \
    -Dhttps.port="$((HYPERION_PORT + 1))" package liberty:create liberty:deploy) \
    >"$RESULTS/build.log" 2>&1 || { tail -n 30 "$RESULTS/build.log" >&2; die "build failed"; }
fi
[[ -x $WLP/bin/server ]] || die "no built server in $WLP"

# ------------------------------------------------------------------ upstream: nginx, fixed answer
BODY='{"id":"chatcmpl-bench","object":"chat.completion","created":1770933883,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the bench upstream."},"finish_reason":"stop"}],"usage":{"prompt_tokens":16,"completion_tokens":7,"total_tokens":23}}'
mkdir -p "$WORK/nginx/logs" "$WORK/nginx/tmp"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$UPSTREAM_PORT backlog=4096;
    location = /v1/chat/completions { default_type application/json; return 200 '$BODY'; }
  }
}
EOF
"$NGINX_BIN" -p "$WORK/nginx" -e "$WORK/nginx/logs/error.log" -c "$WORK/nginx/nginx.conf" &
NGINX_PID=$!
sed "s/127\.0\.0\.1:18081/127.0.0.1:$UPSTREAM_PORT/g" "$BENCH_DIR/gateway-bench.yaml" >"$WORK/gateway.yaml"

# ------------------------------------------------------------------ gateway
KEY="hk-bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
URL="http://127.0.0.1:$HYPERION_PORT"
start_server() { # store
  local bp="$SERVER/bootstrap.properties"
  touch "$bp"
  sed -i -E '/^(http\.port|https\.port|http\.host)[[:space:]]*=/d' "$bp"
  printf 'http.port=%s\nhttps.port=%s\nhttp.host=127.0.0.1\n' "$HYPERION_PORT" "$((HYPERION_PORT + 1))" >>"$bp"
  {
    printf 'HYPERION_CONFIG_PATH=%s\nHYPERION_BOOTSTRAP_KEY=%s\n' "$WORK/gateway.yaml" "$KEY"
    if [[ $1 == redis* ]]; then
      printf 'HYPERION_POLICY_REDIS=%s\nHYPERION_POLICY_REDIS_PREFIX=%s\n' "$REDIS_URL" "$PREFIX"
    fi
    # redis-exact: every reservation waits for Redis (no grants ahead of its answer).
    [[ $1 == redis-exact ]] && printf 'HYPERION_POLICY_REDIS_ADMIT_AHEAD=0\n'
    true
  } >"$SERVER/server.env"
  log "starting Hyperion with the $1 policy store"
  HYPERION_UP=1
  "$WLP/bin/server" start hyperion >"$RESULTS/start-$1.log" 2>&1 || die "server start failed"
  local t0=$SECONDS
  while ((SECONDS - t0 < READY_TIMEOUT)); do
    curl -fs -o /dev/null -H "Authorization: Bearer $KEY" "$URL/v1/models" && { log "ready after $((SECONDS - t0)) s"; return 0; }
    sleep 1
  done
  die "Hyperion did not answer within $READY_TIMEOUT s"
}
stop_server() {
  "$WLP/bin/server" stop hyperion >/dev/null 2>&1 || true
  HYPERION_UP=0
}
admin() { # method path body -> json
  curl -fsS -X "$1" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} "$URL$2"
}
# Creates (once per server: the in-process store starts empty) an org with one key without limits
# and one with limits at the key level and a budget attached to it.
tenants() {
  local org user
  org=$(admin POST /admin/api/orgs "{\"name\":\"bench-$RANDOM$RANDOM\"}" | jq -r .id)
  user=$(admin POST "/admin/api/orgs/$org/users" "{\"email\":\"bench-$RANDOM@bench.test\",\"role\":\"MEMBER\"}" | jq -r .id)
  FREE_KEY=$(admin POST "/admin/api/orgs/$org/keys" "{\"name\":\"free\",\"userId\":\"$user\"}" | jq -r .key)
  local limited
  limited=$(admin POST "/admin/api/orgs/$org/keys" "{\"name\":\"limited\",\"userId\":\"$user\",\"limits\":{\"requestsPerMinute\":10000000,\"tokensPerMinute\":2000000000,\"maxConcurrentRequests\":10000}}")
  LIMITED_KEY=$(jq -r .key <<<"$limited")
  admin POST "/admin/api/orgs/$org/budgets" "{\"name\":\"bench\",\"amountUsd\":1000000,\"period\":\"month\",\"hardCutoff\":true,\"subjectLevel\":\"key\",\"subjectId\":\"$(jq -r .details.id <<<"$limited")\"}" >/dev/null
}
declare -A ROW
measure() { # store label key
  local out="$RESULTS/wrk-$1-$2.txt" line timing1 timing100
  log "$1/$2: c=$CONC for ${DURATION} s"
  BENCH_KEY=$3 wrk -t2 -c"$CONC" -d"${DURATION}s" --timeout 10s --latency -s "$BENCH_DIR/post.lua" \
    "$URL/v1/chat/completions" >"$out" 2>&1 || true
  line=$(grep '^BENCH_RESULT' "$out" | tail -n 1)
  local -A f=()
  local kv
  for kv in ${line#BENCH_RESULT }; do f[${kv%%=*}]=${kv#*=}; done
  timing1=$(java "$BENCH_DIR/policy/PolicyStageTiming.java" "$URL" "$3" "$TIMING_CALLS" 1)
  timing100=$(java "$BENCH_DIR/policy/PolicyStageTiming.java" "$URL" "$3" "$((TIMING_CALLS * 3))" "$CONC")
  local -A t1=() t100=()
  for kv in ${timing1#POLICY_TIMING }; do t1[${kv%%=*}]=${kv#*=}; done
  for kv in ${timing100#POLICY_TIMING }; do t100[${kv%%=*}]=${kv#*=}; done
  ROW[$1:$2]=$(printf '%.0f|%.2f|%.2f|%s|%s / %s|%s / %s' "${f[rps]}" "$(bc -l <<<"${f[p50_us]}/1000")" \
    "$(bc -l <<<"${f[p99_us]}/1000")" "$((f[status] + f[timeout] + f[connect] + f[read] + f[write]))" \
    "${t1[p50_us]}" "${t1[p99_us]}" "${t100[p50_us]}" "${t100[p99_us]}")
  RPS[$1:$2]=${f[rps]}
  log "$1/$2: ${ROW[$1:$2]}"
}
declare -A RPS
for store in $STORES; do
  start_server "$store"
  tenants
  # Both keys warm the JVM before either is measured: the first key measured would otherwise pay
  # for the JIT (measured: a 5x difference on a busy machine).
  for key in "$FREE_KEY" "$LIMITED_KEY"; do
    log "$store: warm-up ${WARMUP} s at c=$CONC"
    BENCH_KEY=$key wrk -t2 -c"$CONC" -d"${WARMUP}s" --timeout 10s -s "$BENCH_DIR/post.lua" \
      "$URL/v1/chat/completions" >/dev/null 2>&1 || true
  done
  for label in free limited; do
    key=$FREE_KEY
    [[ $label == limited ]] && key=$LIMITED_KEY
    measure "$store" "$label" "$key"
  done
  stop_server
done

{
  echo
  echo "Policy stage through the gateway, $RUN_ID: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), c=$CONC, ${DURATION} s per run"
  echo
  echo "| store | key | requests/s | p50 (ms) | p99 (ms) | errors | policy;dur c=1 p50 / p99 (µs) | policy;dur c=$CONC p50 / p99 (µs) | vs no limits |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  for store in $STORES; do
    for label in free limited; do
      IFS='|' read -r rps p50 p99 err t1 t100 <<<"${ROW[$store:$label]}"
      ratio=$(bc -l <<<"100 * ${RPS[$store:$label]} / ${RPS[$store:free]}")
      printf '| %s | %s | %s | %s | %s | %s | %s | %s | %.0f%% |\n' "$store" \
        "$([[ $label == free ]] && echo "no limits" || echo "limits + budget")" "$rps" "$p50" "$p99" "$err" "$t1" "$t100" "$ratio"
    done
  done
} | tee "$RESULTS/results.md"
