#!/usr/bin/env bash
# Response cache through the whole HTTP path, against the zero-latency nginx upstream of run.sh:
#   1. throughput at c=100 (wrk) of exact (L1) cache hits, of cache misses (every prompt new:
#      lookup + upstream + write-back) and of bypassed requests (hyperion.cache.mode=bypass), with
#      the number of requests nginx received during the hit run (must be 0: a hit opens no
#      upstream connection);
#   2. the embedding model: load time (the gateway's own measure) and the JVM's resident memory
#      before and after it loaded (the model is loaded on the first semantic lookup);
#   3. L2 lookup latency (bench/cache/L2Probe.java, sequential): the cache stage's duration from
#      Server-Timing, which includes the embedding, and the round trip, p50/p99.
# Builds this repo into bench/.work/cache-build (a copy: the repo's own target/ is untouched),
# starts its server on 127.0.0.1 with a random bootstrap key, prints markdown tables and stops
# everything it started on exit.
#
# Environment (optional): BENCH_DURATION=15  BENCH_WARMUP=20  BENCH_ROUNDS=2  UPSTREAM_PORT=18091
#   HYPERION_PORT=18090  CLUSTER_PORT=5701  HYPERION_BUILD=copy|skip  HYPERION_READY_TIMEOUT=900
#   MVN_OFFLINE=-o
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/cache-http"
BUILD="$BENCH_DIR/.work/cache-build"
BENCH_DURATION=${BENCH_DURATION:-15}
BENCH_WARMUP=${BENCH_WARMUP:-20}
BENCH_ROUNDS=${BENCH_ROUNDS:-2}
UPSTREAM_PORT=${UPSTREAM_PORT:-18091}
HYPERION_PORT=${HYPERION_PORT:-18090}
CLUSTER_PORT=${CLUSTER_PORT:-5701}
HYPERION_BUILD=${HYPERION_BUILD:-copy}
URL="http://127.0.0.1:$HYPERION_PORT"
KEY="hk-CachBnch_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WLP="$BUILD/target/liberty/wlp"
SERVER="$WLP/usr/servers/hyperion"
mkdir -p "$WORK"
log() { printf '[cache-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

NGINX_PID=""
STARTED=0
cleanup() {
  set +e
  [[ $STARTED == 1 ]] && "$WLP/bin/server" stop hyperion >"$WORK/stop.log" 2>&1
  [[ -n $NGINX_PID ]] && kill -TERM "$NGINX_PID" 2>/dev/null
  wait 2>/dev/null
}
trap cleanup EXIT

# --------------------------------------------------------------------------- build
if [[ $HYPERION_BUILD == copy ]]; then
  log "building a snapshot of the repo in $BUILD"
  mkdir -p "$BUILD"
  rsync -a --delete --exclude=/.git --exclude=/target --exclude=/bench --exclude=node_modules \
    "$REPO_DIR/" "$BUILD/"
  rm -rf "$BUILD/target/classes" "$BUILD/target/hyperion" "$BUILD"/target/*.war
  (cd "$BUILD" && mvn -q -B ${MVN_OFFLINE:-} -DskipTests -Dhttp.port="$HYPERION_PORT" \
    -Dhttps.port="$((HYPERION_PORT + 1))" package liberty:create liberty:deploy) \
    >"$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log" >&2; exit 1; }
fi
[[ -x $WLP/bin/server ]] || { log "no server in $WLP"; exit 1; }

# --------------------------------------------------------------------------- nginx upstream
BODY='{"id":"chatcmpl-bench","object":"chat.completion","created":1770933883,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the bench upstream.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":16,"completion_tokens":7,"total_tokens":23},"service_tier":"default","system_fingerprint":"fp_bench"}'
N="$WORK/nginx"
rm -rf "$N"; mkdir -p "$N/logs" "$N/tmp"
cat >"$N/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $N/nginx.pid;
error_log $N/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log $N/logs/access.log;
  client_body_temp_path $N/tmp/cb; proxy_temp_path $N/tmp/p; fastcgi_temp_path $N/tmp/f;
  uwsgi_temp_path $N/tmp/u; scgi_temp_path $N/tmp/s;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$UPSTREAM_PORT backlog=4096;
    location = /v1/chat/completions { default_type application/json; return 200 '$BODY'; }
    location / { return 404; }
  }
}
EOF
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
"$NGINX_BIN" -p "$N" -e "$N/logs/error.log" -c "$N/nginx.conf" >"$N/logs/stdout.log" 2>&1 &
NGINX_PID=$!
upstream_requests() { wc -l <"$N/logs/access.log" 2>/dev/null || echo 0; }
# Waits until nginx has logged the upstream calls of requests still in flight when wrk stopped
# (the gateway finishes them after wrk closed its connections).
settle_upstream() {
  local last=-1 now
  now=$(upstream_requests)
  while [[ $now != "$last" ]]; do last=$now; sleep 1; now=$(upstream_requests); done
}

# --------------------------------------------------------------------------- gateway
sed "s/127\.0\.0\.1:18081/127.0.0.1:$UPSTREAM_PORT/g" "$BENCH_DIR/gateway-bench.yaml" >"$WORK/gateway.yaml"
touch "$SERVER/bootstrap.properties"
sed -i -E '/^(http\.port|https\.port|http\.host)[[:space:]]*=/d' "$SERVER/bootstrap.properties"
printf 'http.port=%s\nhttps.port=%s\nhttp.host=127.0.0.1\n' "$HYPERION_PORT" "$((HYPERION_PORT + 1))" \
  >>"$SERVER/bootstrap.properties"
printf 'HYPERION_CONFIG_PATH=%s\nHYPERION_AUTH_BOOTSTRAP_KEY=%s\nHYPERION_BOOTSTRAP_KEY=%s\n' \
  "$WORK/gateway.yaml" "$KEY" "$KEY" >"$SERVER/server.env"
# The embedded Hazelcast member's first port (it takes the next free one from there).
printf 'HYPERION_CLUSTER_PORT=%s\n' "$CLUSTER_PORT" >>"$SERVER/server.env"
# A fresh embedded database: the bootstrap key is created with it, so a server reused with
# HYPERION_BUILD=skip would otherwise still hold the previous run's key and refuse this one.
rm -rf "$SERVER/derby"
STARTED=1
"$WLP/bin/server" start hyperion >"$WORK/start.log" 2>&1
READY=0
for _ in $(seq 1 ${HYPERION_READY_TIMEOUT:-900}); do
  curl -fsS -o /dev/null -H "Authorization: Bearer $KEY" "$URL/v1/models" 2>/dev/null && { READY=1; break; }
  sleep 1
done
[[ $READY == 1 ]] || { log "the gateway did not answer within ${HYPERION_READY_TIMEOUT:-900} s"; exit 1; }
PID=$(cat "$WLP/usr/servers/.pid/hyperion.pid")
rss_mb() { awk '/^VmRSS:/{printf "%.0f", $2/1024}' "/proc/$PID/status"; }
ORG=org_default  # the bootstrap key's organisation (TenancyBootstrap)
log "gateway up (pid $PID), bootstrap organisation $ORG"
curl -fsS -o /dev/null -X PATCH -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"exactEnabled": true, "semanticEnabled": false, "maxEntries": 1000000}' \
  "$URL/admin/api/orgs/$ORG/cache/settings"

declare -A RPS P50 P99 ERRS
wrk_run() { # label duration script [env...]
  local label=$1 d=$2 script=$3 out="$WORK/wrk-$1.txt"
  env BENCH_KEY="$KEY" "${@:4}" wrk -t2 -c100 -d"${d}s" --timeout 10s --latency -s "$script" \
    "$URL/v1/chat/completions" >"$out" 2>&1 || true
  local line; line=$(grep '^BENCH_RESULT' "$out" | tail -n 1)
  local -A f=(); local kv
  for kv in ${line#BENCH_RESULT }; do f[${kv%%=*}]=${kv#*=}; done
  RPS[$label]=${f[rps]:-0}; P50[$label]=${f[p50_us]:-0}; P99[$label]=${f[p99_us]:-0}
  ERRS[$label]=$(( ${f[connect]:-0} + ${f[read]:-0} + ${f[write]:-0} + ${f[status]:-0} + ${f[timeout]:-0} ))
  log "$label: ${RPS[$label]} req/s, p50 ${P50[$label]} us, p99 ${P99[$label]} us, errors ${ERRS[$label]}"
}

log "warm-up ${BENCH_WARMUP} s (misses, then hits)"
wrk_run warmup-miss "$((BENCH_WARMUP / 2))" "$BENCH_DIR/cache/miss.lua"
wrk_run warmup-hit "$((BENCH_WARMUP / 2))" "$BENCH_DIR/cache/hit.lua"
HIT_CHECK=$(curl -s -D - -o /dev/null -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello from the cache bench"}]}' \
  "$URL/v1/chat/completions" | tr -d '\r' | grep -i '^x-hyperion-cache' | tr '\n' ' ')
log "hit request headers: $HIT_CHECK"
# The JIT keeps warming long after the warm-up on a busy machine, so whichever kind runs first
# looks slower: hits, bypasses and misses take turns for BENCH_ROUNDS rounds and the table reports
# the last round.
for round in $(seq 1 "$BENCH_ROUNDS"); do
  log "round $round of $BENCH_ROUNDS"
  settle_upstream
  BEFORE=$(upstream_requests)
  wrk_run hit "$BENCH_DURATION" "$BENCH_DIR/cache/hit.lua"
  UPSTREAM_DURING_HITS=$(( $(upstream_requests) - BEFORE ))
  wrk_run bypass "$BENCH_DURATION" "$BENCH_DIR/cache/miss.lua" BENCH_MODE=bypass
  wrk_run miss "$BENCH_DURATION" "$BENCH_DIR/cache/miss.lua"
done

# --------------------------------------------------------------------------- semantic tier
RSS_BEFORE=$(rss_mb)
curl -fsS -o /dev/null -X PATCH -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"semanticEnabled": true}' "$URL/admin/api/orgs/$ORG/cache/settings"
java "$BENCH_DIR/cache/L2Probe.java" "$URL" "$KEY" "$REPO_DIR/src/test/resources/cache/semantic-pairs.tsv" \
  >"$WORK/l2.md"
RSS_AFTER=$(rss_mb)
LOAD_MS=$(curl -fsS -H "Authorization: Bearer $KEY" "$URL/admin/api/orgs/$ORG/cache/stats" \
  | grep -oE '"embeddingModelLoadMillis" *: *[0-9]+' | grep -oE '[0-9]+$' || echo "n/a")

ms() { awk -v u="$1" 'BEGIN{printf "%.2f", u/1000}'; }
{
  echo
  echo "Response cache through the HTTP path -- $(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), wrk c=100 ${BENCH_DURATION} s (round $BENCH_ROUNDS of $BENCH_ROUNDS), nginx zero-latency upstream"
  echo
  echo "| requests | requests/s | p50 (ms) | p99 (ms) | errors |"
  echo "|---|---:|---:|---:|---:|"
  for l in hit miss bypass; do
    printf '| %s | %.0f | %s | %s | %s |\n' "$l" "${RPS[$l]}" "$(ms "${P50[$l]}")" "$(ms "${P99[$l]}")" "${ERRS[$l]}"
  done
  echo
  awk -v h="${RPS[hit]}" -v m="${RPS[miss]}" 'BEGIN{ if (m > 0) printf "L1 hit / miss throughput: %.2fx\n", h/m }'
  echo "upstream requests nginx received during the hit run: $UPSTREAM_DURING_HITS"
  echo "embedding model: loaded in $LOAD_MS ms; JVM RSS $RSS_BEFORE MB before the first semantic lookup, $RSS_AFTER MB after the L2 probe"
  echo
  cat "$WORK/l2.md"
} | tee "$WORK/results.md"
