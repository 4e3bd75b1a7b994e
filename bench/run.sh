#!/usr/bin/env bash
# Hyperion benchmark: one markdown table of req/s, p50, p99 and errors at several concurrencies
# for (1) nginx direct, (2) through Hyperion, (3) through the Portkey gateway. Loopback only.
# Every process it starts is stopped on exit (normal end, failure or Ctrl-C).
#
# Environment (all optional):
#   BENCH_DURATION=15        seconds per measured wrk run
#   BENCH_WARMUP=20          seconds of c=100 warm-up for the JVM (Hyperion)
#   BENCH_WARMUP_OTHER=5     seconds of c=100 warm-up for direct and Portkey
#   BENCH_CONCURRENCY="1 100 1000"
#   BENCH_TARGETS="direct hyperion portkey"
#   BENCH_TIMEOUT=10s        wrk per-request timeout (slower requests count as errors)
#   UPSTREAM_PORT=18081  HYPERION_PORT=18080  HYPERION_HTTPS_PORT=18443  PORTKEY_PORT=8787
#   HYPERION_BUILD=copy      copy   : build a snapshot of the repo in bench/.work/build (default;
#                                     does not touch the repo's own target/ nor a server there)
#                            inplace: build in the repo root (target/liberty/wlp)
#                            skip   : no build; use HYPERION_WLP (default: the copy's, then the repo's)
#   HYPERION_READY_TIMEOUT=120  seconds to wait for the gateway to answer
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work"

BENCH_DURATION=${BENCH_DURATION:-15}
BENCH_WARMUP=${BENCH_WARMUP:-20}
BENCH_WARMUP_OTHER=${BENCH_WARMUP_OTHER:-5}
BENCH_CONCURRENCY=${BENCH_CONCURRENCY:-"1 100 1000"}
BENCH_TARGETS=${BENCH_TARGETS:-"direct hyperion portkey"}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-10s}
UPSTREAM_PORT=${UPSTREAM_PORT:-18081}
HYPERION_PORT=${HYPERION_PORT:-18080}
HYPERION_HTTPS_PORT=${HYPERION_HTTPS_PORT:-18443}
PORTKEY_PORT=${PORTKEY_PORT:-8787}
HYPERION_BUILD=${HYPERION_BUILD:-copy}
HYPERION_READY_TIMEOUT=${HYPERION_READY_TIMEOUT:-120}

RUN_ID=$(date +%Y%m%d-%H%M%S)
RESULTS="$WORK/results/$RUN_ID"
mkdir -p "$RESULTS"

log()  { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { log "ERROR: $*"; exit 1; }
want() { [[ " $BENCH_TARGETS " == *" $1 "* ]]; }

# --------------------------------------------------------------------------- cleanup
NGINX_PID=""
PORTKEY_PID=""
WRK_PID=""
HYPERION_WLP=""
HYPERION_STARTED=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  [[ -n $WRK_PID ]] && kill -TERM "$WRK_PID" 2>/dev/null
  if [[ $HYPERION_STARTED == 1 && -n $HYPERION_WLP ]]; then
    log "stopping Hyperion (server stop hyperion)"
    "$HYPERION_WLP/bin/server" stop hyperion >"$RESULTS/hyperion-stop.log" 2>&1
    local pidf="$HYPERION_WLP/usr/servers/.pid/hyperion.pid" hpid
    if [[ -f $pidf ]]; then
      hpid=$(cat "$pidf")
      if kill -0 "$hpid" 2>/dev/null; then
        log "Hyperion JVM $hpid still alive after stop: killing it"
        kill -TERM "$hpid"; sleep 2; kill -KILL "$hpid" 2>/dev/null
      fi
    fi
  fi
  if [[ -n $PORTKEY_PID ]] && kill -0 "$PORTKEY_PID" 2>/dev/null; then
    log "stopping Portkey ($PORTKEY_PID)"
    kill -TERM "$PORTKEY_PID"
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$PORTKEY_PID" 2>/dev/null || break; sleep 0.3; done
    kill -KILL "$PORTKEY_PID" 2>/dev/null
  fi
  if [[ -n $NGINX_PID ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    log "stopping nginx ($NGINX_PID)"
    kill -TERM "$NGINX_PID"   # fast shutdown; the master takes its worker down with it
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.3; done
    kill -KILL "$NGINX_PID" 2>/dev/null
  fi
  wait 2>/dev/null
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# --------------------------------------------------------------------------- prerequisites
need_apt=()
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || need_apt+=(nginx-light)
command -v wrk   >/dev/null 2>&1 || need_apt+=(wrk)
command -v curl  >/dev/null 2>&1 || need_apt+=(curl)
if ((${#need_apt[@]})); then
  log "installing missing prerequisites: ${need_apt[*]}"
  SUDO=""; [[ $EUID -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"; then
    # nginx-light is a transitional/absent package on some Debian releases
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]/nginx-light/nginx}"
  fi
fi
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $NGINX_BIN ]] || die "nginx not found"
if want portkey; then
  command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are needed for Portkey"
fi
if want hyperion && [[ $HYPERION_BUILD != skip ]]; then
  command -v mvn >/dev/null && command -v java >/dev/null || die "java and mvn are needed for Hyperion"
fi

# c=1000 needs more descriptors than the usual 1024 (wrk, nginx, Portkey and the JVM inherit this).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
log "open-files limit: $(ulimit -n)"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$UPSTREAM_PORT" $(want hyperion && echo "$HYPERION_PORT") $(want portkey && echo "$PORTKEY_PORT"); do
  port_free "$p" || die "port $p on 127.0.0.1 is already in use (stop whatever listens there, or override the *_PORT variables)"
done

# --------------------------------------------------------------------------- Hyperion build
# Build first, before anything is measured, so the compiler does not steal CPU from a run.
HYPERION_FAIL=""
build_hyperion() {
  local dir
  case $HYPERION_BUILD in
    copy)
      dir="$WORK/build"
      mkdir -p "$dir"
      log "snapshotting the repo into $dir (HYPERION_BUILD=copy)"
      # Everything but VCS data, build output and the bench itself; keep target/liberty so the
      # Liberty runtime is not unpacked again on every run, but drop old classes and WARs.
      rsync -a --delete --exclude=/.git --exclude=/target --exclude=/bench --exclude=node_modules \
        "$REPO_DIR/" "$dir/"
      rm -rf "$dir/target/classes" "$dir/target/hyperion" "$dir"/target/*.war
      ;;
    inplace) dir="$REPO_DIR" ;;
    *) die "unknown HYPERION_BUILD=$HYPERION_BUILD" ;;
  esac
  log "building Hyperion: mvn -q -DskipTests package liberty:create liberty:deploy (in $dir; log: $RESULTS/hyperion-build.log)"
  local t0=$SECONDS
  if ! (cd "$dir" && mvn -q -B -DskipTests -Dhttp.port="$HYPERION_PORT" -Dhttps.port="$HYPERION_HTTPS_PORT" \
          package liberty:create liberty:deploy) >"$RESULTS/hyperion-build.log" 2>&1; then
    tail -n 30 "$RESULTS/hyperion-build.log" >&2
    return 1
  fi
  log "Hyperion built in $((SECONDS - t0)) s"
  HYPERION_WLP="$dir/target/liberty/wlp"
}

if want hyperion; then
  if [[ $HYPERION_BUILD == skip ]]; then
    HYPERION_WLP=${HYPERION_WLP:-}
    [[ -z $HYPERION_WLP && -x $WORK/build/target/liberty/wlp/bin/server ]] && HYPERION_WLP="$WORK/build/target/liberty/wlp"
    [[ -z $HYPERION_WLP && -x $REPO_DIR/target/liberty/wlp/bin/server ]] && HYPERION_WLP="$REPO_DIR/target/liberty/wlp"
    [[ -n $HYPERION_WLP ]] || HYPERION_FAIL="no built server found (HYPERION_BUILD=skip)"
  else
    build_hyperion || HYPERION_FAIL="build failed (see $RESULTS/hyperion-build.log)"
  fi
  [[ -z $HYPERION_FAIL ]] || log "Hyperion: $HYPERION_FAIL -- its rows will be empty"
fi

# --------------------------------------------------------------------------- upstream: nginx
UPSTREAM_BODY='{"id":"chatcmpl-bench","object":"chat.completion","created":1770933883,"model":"gpt-4.1-nano-2025-04-14","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the bench upstream.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":16,"completion_tokens":7,"total_tokens":23},"service_tier":"default","system_fingerprint":"fp_bench"}'

start_nginx() {
  local d="$WORK/nginx"
  rm -rf "$d"; mkdir -p "$d/logs" "$d/tmp"
  cat >"$d/nginx.conf" <<EOF
# generated by bench/run.sh
worker_processes 1;
worker_rlimit_nofile $(ulimit -n);
daemon off;
pid $d/nginx.pid;
error_log $d/logs/error.log warn;
events { worker_connections 8192; multi_accept on; }
http {
  access_log off;
  client_body_temp_path $d/tmp/client_body;
  proxy_temp_path       $d/tmp/proxy;
  fastcgi_temp_path     $d/tmp/fastcgi;
  uwsgi_temp_path       $d/tmp/uwsgi;
  scgi_temp_path        $d/tmp/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  server {
    listen 127.0.0.1:$UPSTREAM_PORT backlog=4096;
    location = /v1/chat/completions {
      default_type application/json;
      return 200 '$UPSTREAM_BODY';
    }
    location / { return 404; }
  }
}
EOF
  "$NGINX_BIN" -t -q -p "$d" -e "$d/logs/error.log" -c "$d/nginx.conf" || die "nginx config test failed"
  "$NGINX_BIN" -p "$d" -e "$d/logs/error.log" -c "$d/nginx.conf" >"$d/logs/stdout.log" 2>&1 &
  NGINX_PID=$!
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$UPSTREAM_PORT") 2>/dev/null && return 0
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$d/logs/error.log" >&2; die "nginx exited"; }
    sleep 0.1
  done
  die "nginx did not start listening on $UPSTREAM_PORT"
}

# --------------------------------------------------------------------------- Portkey
start_portkey() {
  local entry="$BENCH_DIR/node_modules/@portkey-ai/gateway/build/start-server.js"
  if [[ ! -f $entry ]]; then
    log "installing @portkey-ai/gateway into bench/node_modules (npm install)"
    (cd "$BENCH_DIR" && npm install --no-audit --no-fund) >"$RESULTS/npm-install.log" 2>&1 \
      || { tail -n 20 "$RESULTS/npm-install.log" >&2; die "npm install failed"; }
  fi
  [[ -f $entry ]] || die "Portkey entry point not found: $entry"
  # --require bind-loopback.cjs: Portkey has no host option and would listen on all interfaces.
  (cd "$BENCH_DIR" && exec node --require ./bind-loopback.cjs "$entry" --headless --port="$PORTKEY_PORT") \
    >"$RESULTS/portkey.log" 2>&1 &
  PORTKEY_PID=$!
  for _ in $(seq 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORTKEY_PORT") 2>/dev/null && break
    kill -0 "$PORTKEY_PID" 2>/dev/null || { tail -n 20 "$RESULTS/portkey.log" >&2; die "Portkey exited"; }
    sleep 0.2
  done
  if ss -ltnH "sport = :$PORTKEY_PORT" 2>/dev/null | awk '{print $4}' | grep -qv '^127\.0\.0\.1:'; then
    die "Portkey listens on a non-loopback address: $(ss -ltnH "sport = :$PORTKEY_PORT")"
  fi
}

# --------------------------------------------------------------------------- Hyperion start
start_hyperion() {
  local srv="$HYPERION_WLP/usr/servers/hyperion"
  [[ -d $srv ]] || { HYPERION_FAIL="no server dir $srv"; return 1; }
  # The YAML world, with the upstream port rewritten if UPSTREAM_PORT was overridden.
  sed "s/127\.0\.0\.1:18081/127.0.0.1:$UPSTREAM_PORT/g" "$BENCH_DIR/gateway-bench.yaml" >"$WORK/gateway-bench.yaml"
  export HYPERION_CONFIG_PATH="$WORK/gateway-bench.yaml"
  export HYPERION_BOOTSTRAP_KEY HYPERION_AUTH_BOOTSTRAP_KEY
  HYPERION_BOOTSTRAP_KEY="hk-bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  # MicroProfile Config's own environment name for hyperion.auth.bootstrap-key is
  # HYPERION_AUTH_BOOTSTRAP_KEY; set it too so the key works whichever name the gateway reads.
  HYPERION_AUTH_BOOTSTRAP_KEY=$HYPERION_BOOTSTRAP_KEY
  # Ports and loopback binding: bootstrap.properties beats the server.xml defaultValue's.
  local bp="$srv/bootstrap.properties"
  touch "$bp"
  sed -i -E '/^(http\.port|https\.port|http\.host)[[:space:]]*=/d' "$bp"
  printf 'http.port=%s\nhttps.port=%s\nhttp.host=127.0.0.1\n' "$HYPERION_PORT" "$HYPERION_HTTPS_PORT" >>"$bp"
  # `server start` inherits the exported environment; server.env repeats it for safety.
  printf 'HYPERION_CONFIG_PATH=%s\nHYPERION_BOOTSTRAP_KEY=%s\nHYPERION_AUTH_BOOTSTRAP_KEY=%s\n' \
    "$HYPERION_CONFIG_PATH" "$HYPERION_BOOTSTRAP_KEY" "$HYPERION_BOOTSTRAP_KEY" >"$srv/server.env"
  log "starting Hyperion: $HYPERION_WLP/bin/server start hyperion (port $HYPERION_PORT)"
  HYPERION_STARTED=1
  if ! "$HYPERION_WLP/bin/server" start hyperion >"$RESULTS/hyperion-start.log" 2>&1; then
    cat "$RESULTS/hyperion-start.log" >&2
    HYPERION_FAIL="server start failed"; return 1
  fi
  local t0=$SECONDS code
  while ((SECONDS - t0 < HYPERION_READY_TIMEOUT)); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$HYPERION_PORT/health/ready" || true)
    [[ $code == 200 ]] && break
    code=$(chat_status "http://127.0.0.1:$HYPERION_PORT/v1/chat/completions" "$HYPERION_BOOTSTRAP_KEY")
    [[ $code == 200 ]] && break
    sleep 1
  done
  if [[ $code != 200 ]]; then
    tail -n 30 "$srv/logs/messages.log" >&2 2>/dev/null || true
    HYPERION_FAIL="not ready after ${HYPERION_READY_TIMEOUT} s"; return 1
  fi
  log "Hyperion ready after $((SECONDS - t0)) s"
}

REQ_BODY='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}]}'
chat_status() { # url key [extra curl args...]
  local url=$1 key=$2; shift 2
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST "$url" \
    -H 'Content-Type: application/json' -H "Authorization: Bearer $key" "$@" -d "$REQ_BODY" || true
}
verify() { # name url key [extra curl args...]: one real request must answer 200 with the upstream's text
  local name=$1 url=$2 key=$3; shift 3
  local out="$RESULTS/verify-$name.txt" code
  code=$(curl -s -o "$out" -w '%{http_code}' --max-time 10 -X POST "$url" \
    -H 'Content-Type: application/json' -H "Authorization: Bearer $key" "$@" -d "$REQ_BODY" || true)
  log "verify $name: HTTP $code $(head -c 300 "$out" 2>/dev/null)"
  [[ $code == 200 ]] && grep -q 'Hello from the bench upstream.' "$out"
}

# --------------------------------------------------------------------------- wrk
declare -A RPS P50 P99 ERR
run_wrk() { # label conc duration url key [extra wrk args...] -> sets WRK_RESULT (not run in $(...): keeps signals prompt)
  local label=$1 c=$2 d=$3 url=$4 key=$5; shift 5
  local t=2; ((c < 100)) && t=1; ((c < t)) && t=$c
  local out="$RESULTS/wrk-$label-c$c.txt"
  # In the background + wait, so that a signal to this script is handled at once (the trap
  # then kills wrk) instead of after the run.
  BENCH_KEY=$key wrk -t"$t" -c"$c" -d"${d}s" --timeout "$BENCH_TIMEOUT" --latency \
    -s "$BENCH_DIR/post.lua" "$@" "$url" >"$out" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || true
  WRK_PID=""
  WRK_RESULT=$(grep '^BENCH_RESULT' "$out" | tail -n 1 || true)
}
measure() { # target url key [extra wrk args...]
  local target=$1 url=$2 key=$3; shift 3
  local warm=$BENCH_WARMUP_OTHER
  [[ $target == hyperion ]] && warm=$BENCH_WARMUP
  if ((warm > 0)); then
    log "$target: warm-up ${warm} s at c=100"
    run_wrk "$target-warmup" 100 "$warm" "$url" "$key" "$@"
  fi
  local c line
  for c in $BENCH_CONCURRENCY; do
    log "$target: c=$c for ${BENCH_DURATION} s"
    run_wrk "$target" "$c" "$BENCH_DURATION" "$url" "$key" "$@"
    line=$WRK_RESULT
    if [[ -z $line ]]; then
      log "$target c=$c: wrk produced no result (see $RESULTS/wrk-$target-c$c.txt)"
      continue
    fi
    local -A f=()
    local kv
    for kv in ${line#BENCH_RESULT }; do f[${kv%%=*}]=${kv#*=}; done
    RPS[$target:$c]=${f[rps]}
    P50[$target:$c]=${f[p50_us]}
    P99[$target:$c]=${f[p99_us]}
    ERR[$target:$c]=$(( f[connect] + f[read] + f[write] + f[status] + f[timeout] ))
    log "$target c=$c: ${f[rps]} req/s, p50 ${f[p50_us]} us, p99 ${f[p99_us]} us, errors ${ERR[$target:$c]} (non-2xx ${f[status]}, timeouts ${f[timeout]})"
  done
}

# --------------------------------------------------------------------------- run
start_nginx
verify direct "http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions" bench || die "nginx upstream does not answer as expected"

PORTKEY_HDRS=(-H "x-portkey-provider: openai" -H "x-portkey-custom-host: http://127.0.0.1:$UPSTREAM_PORT/v1")
if want portkey; then
  start_portkey
  ok=0
  for _ in 1 2 3 4 5; do
    verify portkey "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" sk-bench-anything "${PORTKEY_HDRS[@]}" && { ok=1; break; }
    sleep 1
  done
  ((ok)) || die "Portkey does not relay the upstream answer"
fi

if want hyperion && [[ -z $HYPERION_FAIL ]]; then
  if start_hyperion; then
    verify hyperion "http://127.0.0.1:$HYPERION_PORT/v1/chat/completions" "$HYPERION_BOOTSTRAP_KEY" \
      || HYPERION_FAIL="a chat request through Hyperion did not return the upstream's answer"
  fi
  [[ -z $HYPERION_FAIL ]] || log "Hyperion: $HYPERION_FAIL -- skipping its runs"
fi

want direct && measure direct "http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions" bench
if want hyperion && [[ -z $HYPERION_FAIL ]]; then
  measure hyperion "http://127.0.0.1:$HYPERION_PORT/v1/chat/completions" "$HYPERION_BOOTSTRAP_KEY"
fi
want portkey && measure portkey "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" sk-bench-anything "${PORTKEY_HDRS[@]}"

# --------------------------------------------------------------------------- report
rss_mb() { # pid -> "RSS MB (peak MB)"
  [[ -n ${1:-} && -r /proc/$1/status ]] || { echo "n/a"; return; }
  awk '/^VmRSS:/{r=$2} /^VmHWM:/{h=$2} END{printf "%.0f MB (peak %.0f MB)", r/1024, h/1024}' "/proc/$1/status"
}
ms() { [[ -n ${1:-} ]] && awk -v u="$1" 'BEGIN{printf "%.3f", u/1000}' || echo "n/a"; }

HYPERION_PID=""
[[ -n $HYPERION_WLP && -f $HYPERION_WLP/usr/servers/.pid/hyperion.pid ]] && HYPERION_PID=$(cat "$HYPERION_WLP/usr/servers/.pid/hyperion.pid")

declare -A NAME=([direct]="direct (nginx)" [hyperion]="Hyperion" [portkey]="Portkey")
{
  echo
  echo "Hyperion benchmark $RUN_ID -- $(nproc) cores, loopback, ${BENCH_DURATION} s per run, wrk (1 thread at c=1, 2 above)"
  echo
  echo "| target | concurrency | requests/s | p50 (ms) | p99 (ms) | errors |"
  echo "|---|---:|---:|---:|---:|---:|"
  for target in direct hyperion portkey; do
    want "$target" || continue
    for c in $BENCH_CONCURRENCY; do
      k="$target:$c"
      if [[ -n ${RPS[$k]:-} ]]; then
        printf '| %s | %s | %.0f | %s | %s | %s |\n' "${NAME[$target]}" "$c" "${RPS[$k]}" "$(ms "${P50[$k]}")" "$(ms "${P99[$k]}")" "${ERR[$k]}"
      else
        printf '| %s | %s | n/a | n/a | n/a | n/a |\n' "${NAME[$target]}" "$c"
      fi
    done
  done
  echo
  [[ -n $HYPERION_FAIL ]] && want hyperion && echo "Hyperion not measured: $HYPERION_FAIL"
  want hyperion && echo "Resident memory after the runs: Hyperion JVM $(rss_mb "$HYPERION_PID")"
  want portkey  && echo "Resident memory after the runs: Portkey (node) $(rss_mb "$PORTKEY_PID")"
  for target in hyperion portkey; do
    want "$target" || continue
    if [[ -n ${P50[$target:1]:-} && -n ${P50[direct:1]:-} ]]; then
      echo "added p50 at c=1 (${NAME[$target]} - direct): $(( P50[$target:1] - P50[direct:1] )) µs"
    fi
  done
  echo
  echo "(errors = non-2xx answers + socket connect/read/write errors + timeouts > $BENCH_TIMEOUT; raw wrk output in ${RESULTS#"$REPO_DIR"/})"
} | tee "$RESULTS/results.md"

[[ -z $HYPERION_FAIL ]] || { want hyperion && exit 2; }
exit 0
