#!/usr/bin/env bash
# Hyperion benchmark: one markdown table of req/s, p50, p99, errors and CPU time per request, at
# several concurrencies, for
#   direct    nginx answering a fixed chat.completion (the upstream of every other row)
#   servlet   a trivial servlet in the same Liberty server as the gateway (bench/ceiling)
#   jaxrs     a trivial JAX-RS resource in that server: the platform's ceiling for the gateway
#   proxy     (only when asked for in BENCH_TARGETS) a trivial JAX-RS resource in that server that
#             forwards to nginx with the JDK client: the platform's ceiling for a proxy
#   nettyproxy (only when asked for) the same over Netty's HTTP codec, the gateway's upstream
#             client stack: the platform's ceiling for a proxy as the gateway is built now
#   hyperion  the gateway with its full pipeline: a key with RPM/TPM/concurrency limits and a
#             money budget (policy reserves and settles every request), the org's exact cache on
#             but missing (every prompt is new), the request log and metering on
#   lean      the gateway for a key without limits or budget in an org with the cache off (the
#             request log is server-wide and stays on)
#   portkey   the Portkey gateway from npm in front of the same nginx
# Targets are measured in interleaved rounds (every target at one concurrency, then the next
# concurrency, then the next round) and the table shows each figure's median over the rounds.
# Loopback only. Every process it starts is stopped on exit (normal end, failure or Ctrl-C).
#
# Environment (all optional):
#   BENCH_DURATION=15        seconds per measured wrk run
#   BENCH_ROUNDS=3           interleaved rounds (medians are reported)
#   BENCH_WARMUP=20          seconds of c=100 warm-up for each gateway row (JIT)
#   BENCH_WARMUP_OTHER=5     seconds of c=100 warm-up for the other rows
#   BENCH_WARMUP_MAX=180     then more gateway warm-up, 10 s a row at a time, until the JIT's C2
#                            compiler is quiet (< 2 % of a core over a round) or this many seconds
#   BENCH_CONCURRENCY="1 100 1000"
#   BENCH_TARGETS="direct servlet jaxrs hyperion lean portkey"
#   BENCH_TIMEOUT=10s        wrk per-request timeout (slower requests count as errors)
#   UPSTREAM_PORT=18081  HYPERION_PORT=18080  HYPERION_HTTPS_PORT=18443  PORTKEY_PORT=8787
#   HYPERION_BUILD=copy      copy   : build a snapshot of the repo in bench/.work/build (default;
#                                     does not touch the repo's own target/ nor a server there)
#                            inplace: build in the repo root (target/liberty/wlp)
#                            skip   : no build; use HYPERION_WLP (default: the copy's, then the repo's)
#   HYPERION_READY_TIMEOUT=120  seconds to wait for the gateway to answer
#   BENCH_DB=h2              the gateway's database: h2 (embedded, the default setup; a new one
#                            under bench/.work per run), derby (embedded Derby, likewise) or
#                            postgres (a fresh hyperion_bench database on 127.0.0.1:5432, user
#                            postgres, trust auth)
#   BENCH_FULL_POLICY=on BENCH_FULL_CACHE=on
#                            off: the "full" row's key without limits and budget / its org without
#                            the exact cache, to see one stage's cost at a time
#   BENCH_POLICY_STORE=memory
#                            where the gateway counts limits and budgets: memory (in the JVM, the
#                            embedded default) or redis (redis://127.0.0.1:6379, as several
#                            instances share them; HYPERION_POLICY_REDIS, in server.env)
#   HYPERION_UPSTREAM_HTTP_CLIENT=netty
#                            the gateway's upstream client (jdk: the JDK HttpClient), inherited by
#                            the server like the rest of the environment
#   BENCH_JFR=0              1: record a JFR profile (settings=profile) of the gateway JVM during
#                            each gateway row's first-round run at c=100, saved beside the results
#                            as <target>-c100.jfr (a profile costs a few % of throughput)
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=jit.sh
source "$BENCH_DIR/jit.sh"
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work"

BENCH_DURATION=${BENCH_DURATION:-15}
BENCH_WARMUP=${BENCH_WARMUP:-20}
BENCH_WARMUP_OTHER=${BENCH_WARMUP_OTHER:-5}
BENCH_ROUNDS=${BENCH_ROUNDS:-3}
BENCH_CONCURRENCY=${BENCH_CONCURRENCY:-"1 100 1000"}
BENCH_TARGETS=${BENCH_TARGETS:-"direct servlet jaxrs hyperion lean portkey"}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-10s}
UPSTREAM_PORT=${UPSTREAM_PORT:-18081}
HYPERION_PORT=${HYPERION_PORT:-18080}
HYPERION_HTTPS_PORT=${HYPERION_HTTPS_PORT:-18443}
PORTKEY_PORT=${PORTKEY_PORT:-8787}
HYPERION_BUILD=${HYPERION_BUILD:-copy}
HYPERION_READY_TIMEOUT=${HYPERION_READY_TIMEOUT:-120}
BENCH_JFR=${BENCH_JFR:-0}
BENCH_WARMUP_MAX=${BENCH_WARMUP_MAX:-180}
BENCH_DB=${BENCH_DB:-h2}
BENCH_FULL_POLICY=${BENCH_FULL_POLICY:-on}
BENCH_FULL_CACHE=${BENCH_FULL_CACHE:-on}
BENCH_POLICY_STORE=${BENCH_POLICY_STORE:-memory}

RUN_ID=$(date +%Y%m%d-%H%M%S)
RESULTS="$WORK/results/$RUN_ID"
mkdir -p "$RESULTS"

log()  { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { log "ERROR: $*"; exit 1; }
want() { [[ " $BENCH_TARGETS " == *" $1 "* ]]; }
# The rows served by the Liberty server that runs the gateway.
want_liberty() { want servlet || want jaxrs || want proxy || want nettyproxy || want hyperion || want lean; }

# --------------------------------------------------------------------------- cleanup
NGINX_PID=""
PORTKEY_PID=""
WRK_PID=""
HYPERION_WLP_GIVEN=${HYPERION_WLP:-}  # HYPERION_BUILD=skip uses it; the builds set their own
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
command -v jq    >/dev/null 2>&1 || need_apt+=(jq)
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
if want_liberty && [[ $HYPERION_BUILD != skip ]]; then
  command -v mvn >/dev/null && command -v java >/dev/null || die "java and mvn are needed for Hyperion"
fi

# c=1000 needs more descriptors than the usual 1024 (wrk, nginx, Portkey and the JVM inherit this).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
log "open-files limit: $(ulimit -n)"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$UPSTREAM_PORT" $(want_liberty && echo "$HYPERION_PORT") $(want portkey && echo "$PORTKEY_PORT"); do
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
      rm -rf "$dir/target/classes" "$dir/target/hyperion" "$dir"/target/*.war \
        "$dir"/target/liberty/wlp/usr/servers/hyperion/{apps,dropins}/hyperion.war
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
  build_ceiling "$dir"
}

# The ceiling WAR (bench/ceiling: a trivial servlet and a trivial JAX-RS resource), compiled
# against the project's own Jakarta EE API jars and dropped into the gateway's server.
build_ceiling() { # build dir
  local dir=$1 out="$WORK/ceiling" cp
  rm -rf "$out"; mkdir -p "$out/war/WEB-INF/classes"
  (cd "$dir" && mvn -q -B dependency:build-classpath -Dmdep.includeScope=provided \
      -Dmdep.outputFile="$out/classpath.txt") >"$RESULTS/ceiling-build.log" 2>&1 \
    || { tail -n 20 "$RESULTS/ceiling-build.log" >&2; return 1; }
  cp=$(cat "$out/classpath.txt")
  javac --release 17 -nowarn -cp "$cp" -d "$out/war/WEB-INF/classes" \
    "$BENCH_DIR"/ceiling/src/bench/ceiling/*.java >>"$RESULTS/ceiling-build.log" 2>&1 \
    || { tail -n 20 "$RESULTS/ceiling-build.log" >&2; return 1; }
  cp "$BENCH_DIR/ceiling/WEB-INF/beans.xml" "$out/war/WEB-INF/"
  (cd "$out/war" && jar cf "$out/ceiling.war" .)
  mkdir -p "$HYPERION_WLP/usr/servers/hyperion/dropins"
  cp "$out/ceiling.war" "$HYPERION_WLP/usr/servers/hyperion/dropins/ceiling.war"
  log "ceiling WAR deployed: /ceiling/servlet/... and /ceiling/rest/..."
}

if want_liberty; then
  if [[ $HYPERION_BUILD == skip ]]; then
    HYPERION_WLP=$HYPERION_WLP_GIVEN
    [[ -z $HYPERION_WLP && -x $WORK/build/target/liberty/wlp/bin/server ]] && HYPERION_WLP="$WORK/build/target/liberty/wlp"
    [[ -z $HYPERION_WLP && -x $REPO_DIR/target/liberty/wlp/bin/server ]] && HYPERION_WLP="$REPO_DIR/target/liberty/wlp"
    [[ -n $HYPERION_WLP ]] || HYPERION_FAIL="no built server found (HYPERION_BUILD=skip)"
    if [[ -z $HYPERION_FAIL ]] && { want servlet || want jaxrs || want proxy || want nettyproxy; }; then
      build_ceiling "$REPO_DIR" || HYPERION_FAIL="the ceiling WAR could not be built"
    fi
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
  # A database of the run's own, so runs compare and the server's own data is left alone.
  case $BENCH_DB in
    derby)
      rm -rf "$WORK"/derby-*
      export DB_URL="jdbc:derby:$WORK/derby-$RUN_ID;create=true" DB_USER=hyperion DB_PASSWORD=
      ;;
    h2)
      rm -rf "$WORK"/h2-*
      export DB_URL="jdbc:h2:$WORK/h2-$RUN_ID/hyperion;WRITE_DELAY=0" DB_USER=hyperion DB_PASSWORD=
      ;;
    postgres)
      psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS hyperion_bench" \
        -c "CREATE DATABASE hyperion_bench" >/dev/null \
        || { HYPERION_FAIL="PostgreSQL on 127.0.0.1:5432 is not reachable"; return 1; }
      export DB_URL="jdbc:postgresql://127.0.0.1:5432/hyperion_bench" DB_USER=postgres DB_PASSWORD=
      # Any database but the embedded one needs the key pepper shared by all instances.
      export HYPERION_AUTH_KEY_PEPPER="bench-pepper-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
      ;;
    *) die "unknown BENCH_DB=$BENCH_DB" ;;
  esac
  # Ports and loopback binding: bootstrap.properties beats the server.xml defaultValue's.
  local bp="$srv/bootstrap.properties"
  touch "$bp"
  sed -i -E '/^(http\.port|https\.port|http\.host)[[:space:]]*=/d' "$bp"
  printf 'http.port=%s\nhttps.port=%s\nhttp.host=127.0.0.1\n' "$HYPERION_PORT" "$HYPERION_HTTPS_PORT" >>"$bp"
  # `server start` inherits the exported environment; server.env repeats it for safety.
  printf 'HYPERION_CONFIG_PATH=%s\nHYPERION_BOOTSTRAP_KEY=%s\nHYPERION_AUTH_BOOTSTRAP_KEY=%s\nDB_URL=%s\nDB_USER=%s\nDB_PASSWORD=%s\n' \
    "$HYPERION_CONFIG_PATH" "$HYPERION_BOOTSTRAP_KEY" "$HYPERION_BOOTSTRAP_KEY" "$DB_URL" "$DB_USER" "$DB_PASSWORD" >"$srv/server.env"
  # The proxy ceiling's upstream (bench/ceiling/CeilingProxyResource).
  printf 'BENCH_UPSTREAM_URL=http://127.0.0.1:%s/v1/chat/completions\n' "$UPSTREAM_PORT" >>"$srv/server.env"
  if [[ -n ${HYPERION_AUTH_KEY_PEPPER:-} ]]; then
    printf 'HYPERION_AUTH_KEY_PEPPER=%s\n' "$HYPERION_AUTH_KEY_PEPPER" >>"$srv/server.env"
  fi
  case $BENCH_POLICY_STORE in
    memory) unset HYPERION_POLICY_REDIS ;;
    redis)
      [[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]] \
        || { HYPERION_FAIL="Redis on 127.0.0.1:6379 is not reachable"; return 1; }
      export HYPERION_POLICY_REDIS=redis://127.0.0.1:6379
      printf 'HYPERION_POLICY_REDIS=%s\n' "$HYPERION_POLICY_REDIS" >>"$srv/server.env"
      ;;
    *) die "unknown BENCH_POLICY_STORE=$BENCH_POLICY_STORE" ;;
  esac
  log "starting Hyperion: $HYPERION_WLP/bin/server start hyperion (port $HYPERION_PORT)"
  HYPERION_STARTED=1
  # Liberty's server script adds JVM_ARGS to jvm.options: deep stacks for the JFR profiles.
  [[ $BENCH_JFR == 1 ]] && export JVM_ARGS="${JVM_ARGS:-} -XX:FlightRecorderOptions:stackdepth=256"
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

# --------------------------------------------------------------------------- tenants
# The gateway rows' keys: "full" (limits at the key level and a money budget, all far above what
# a run uses, so every request is reserved and settled but none refused; the org's exact cache
# on) and "lean" (no limits, no budget, the org's cache off).
admin() { # method path [body] -> json
  curl -fsS --max-time 30 -X "$1" -H "Authorization: Bearer $HYPERION_BOOTSTRAP_KEY" \
    -H 'Content-Type: application/json' ${3:+-d "$3"} "http://127.0.0.1:$HYPERION_PORT$2"
}
FULL_KEY=""
LEAN_KEY=""
create_tenants() {
  local org user key
  org=$(admin POST /admin/api/orgs "{\"name\":\"bench-full-$RANDOM$RANDOM\"}" | jq -r .id)
  user=$(admin POST "/admin/api/orgs/$org/users" "{\"email\":\"full-$RANDOM@bench.test\",\"role\":\"MEMBER\"}" | jq -r .id)
  if [[ $BENCH_FULL_POLICY == on ]]; then
    key=$(admin POST "/admin/api/orgs/$org/keys" "{\"name\":\"full\",\"userId\":\"$user\",\"limits\":{\"requestsPerMinute\":100000000,\"tokensPerMinute\":2000000000,\"maxConcurrentRequests\":100000}}")
  else
    key=$(admin POST "/admin/api/orgs/$org/keys" "{\"name\":\"full\",\"userId\":\"$user\"}")
  fi
  FULL_KEY=$(jq -r .key <<<"$key")
  if [[ $BENCH_FULL_POLICY == on ]]; then
    admin POST "/admin/api/orgs/$org/budgets" "{\"name\":\"bench\",\"amountUsd\":1000000,\"period\":\"month\",\"hardCutoff\":true,\"subjectLevel\":\"key\",\"subjectId\":\"$(jq -r .details.id <<<"$key")\"}" >/dev/null
  fi
  local exact=false; [[ $BENCH_FULL_CACHE == on ]] && exact=true
  admin PATCH "/admin/api/orgs/$org/cache/settings" "{\"exactEnabled\": $exact, \"semanticEnabled\": false}" >/dev/null
  org=$(admin POST /admin/api/orgs "{\"name\":\"bench-lean-$RANDOM$RANDOM\"}" | jq -r .id)
  user=$(admin POST "/admin/api/orgs/$org/users" "{\"email\":\"lean-$RANDOM@bench.test\",\"role\":\"MEMBER\"}" | jq -r .id)
  LEAN_KEY=$(admin POST "/admin/api/orgs/$org/keys" "{\"name\":\"lean\",\"userId\":\"$user\"}" | jq -r .key)
  admin PATCH "/admin/api/orgs/$org/cache/settings" '{"exactEnabled": false, "semanticEnabled": false}' >/dev/null
  [[ $FULL_KEY == hk-* && $LEAN_KEY == hk-* ]]
}

# --------------------------------------------------------------------------- targets
declare -A URL KEY SCRIPT
URL[direct]="http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions"
URL[servlet]="http://127.0.0.1:$HYPERION_PORT/ceiling/servlet/v1/chat/completions"
URL[jaxrs]="http://127.0.0.1:$HYPERION_PORT/ceiling/rest/v1/chat/completions"
URL[proxy]="http://127.0.0.1:$HYPERION_PORT/ceiling/rest/proxy/v1/chat/completions"
URL[nettyproxy]="http://127.0.0.1:$HYPERION_PORT/ceiling/rest/netty-proxy/v1/chat/completions"
URL[hyperion]="http://127.0.0.1:$HYPERION_PORT/v1/chat/completions"
URL[lean]="http://127.0.0.1:$HYPERION_PORT/v1/chat/completions"
URL[portkey]="http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions"
for t in direct servlet jaxrs proxy nettyproxy portkey; do SCRIPT[$t]="$BENCH_DIR/post.lua"; done
SCRIPT[hyperion]="$BENCH_DIR/post-unique.lua"
SCRIPT[lean]="$BENCH_DIR/post-unique.lua"
PORTKEY_HDRS=(-H "x-portkey-provider: openai" -H "x-portkey-custom-host: http://127.0.0.1:$UPSTREAM_PORT/v1")
extra_args() { [[ $1 == portkey ]] && printf '%s\n' "${PORTKEY_HDRS[@]}"; true; }

# CPU time (user + system, µs) of a process and its children: /proc/<pid>/stat fields 14-17.
TICK=$(getconf CLK_TCK)
cpu_us() { # pid...
  local total=0 pid f
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    f=$(sed 's/^.*) //' "/proc/$pid/stat")
    total=$(( total + $(awk '{print $12 + $13 + $14 + $15}' <<<"$f") ))
  done
  echo $(( total * 1000000 / TICK ))
}
pids_of() { # target -> the pids whose CPU counts for it
  case $1 in
    direct) echo "$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')" ;;
    portkey) echo "$PORTKEY_PID" ;;
    *) echo "$HYPERION_PID" ;;
  esac
}
rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# --------------------------------------------------------------------------- wrk
declare -A RPS P50 P99 ERR CPU
run_wrk() { # label conc duration target -> sets WRK_RESULT (not run in $(...): keeps signals prompt)
  local label=$1 c=$2 d=$3 target=$4
  local t=2; ((c < 100)) && t=1; ((c < t)) && t=$c
  local out="$RESULTS/wrk-$label-c$c.txt" extra=()
  mapfile -t extra < <(extra_args "$target")
  # In the background + wait, so that a signal to this script is handled at once (the trap
  # then kills wrk) instead of after the run.
  BENCH_KEY=${KEY[$target]} wrk -t"$t" -c"$c" -d"${d}s" --timeout "$BENCH_TIMEOUT" --latency \
    -s "${SCRIPT[$target]}" "${extra[@]}" "${URL[$target]}" >"$out" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || true
  WRK_PID=""
  WRK_RESULT=$(grep '^BENCH_RESULT' "$out" | tail -n 1 || true)
}
measure() { # target conc round
  local target=$1 c=$2 r=$3 line before after
  log "$target: c=$c for ${BENCH_DURATION} s (round $r)"
  # shellcheck disable=SC2046
  before=$(cpu_us $(pids_of "$target"))
  if [[ $BENCH_JFR == 1 && $c == 100 && $r == 1 && ( $target == hyperion || $target == lean ) ]]; then
    jcmd "$HYPERION_PID" JFR.start name="$target" settings=profile duration="${BENCH_DURATION}s" \
      filename="$RESULTS/$target-c100.jfr" >/dev/null && log "$target: JFR → $RESULTS/$target-c100.jfr"
  fi
  run_wrk "$target-r$r" "$c" "$BENCH_DURATION" "$target"
  # shellcheck disable=SC2046
  after=$(cpu_us $(pids_of "$target"))
  line=$WRK_RESULT
  if [[ -z $line ]]; then
    log "$target c=$c: wrk produced no result (see $RESULTS/wrk-$target-r$r-c$c.txt)"
    return
  fi
  local -A f=()
  local kv k="$target:$c:$r"
  for kv in ${line#BENCH_RESULT }; do f[${kv%%=*}]=${kv#*=}; done
  if ((f[requests] == 0)); then
    log "$target c=$c: no request completed within the run (see $RESULTS/wrk-$target-r$r-c$c.txt)"
    return
  fi
  RPS[$k]=${f[rps]}
  P50[$k]=${f[p50_us]}
  P99[$k]=${f[p99_us]}
  ERR[$k]=$(( f[connect] + f[read] + f[write] + f[status] + f[timeout] ))
  CPU[$k]=$(( f[requests] > 0 ? (after - before) / f[requests] : 0 ))
  log "$target c=$c: ${f[rps]} req/s, p50 ${f[p50_us]} us, p99 ${f[p99_us]} us, errors ${ERR[$k]}, cpu ${CPU[$k]} us/req"
}
median() { # numbers... -> the median (the lower middle for an even count)
  printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END{if (NR) print v[int((NR+1)/2)]}'
}
med() { # array-name target conc -> the median over the rounds ("" when none)
  local -n a=$1
  local vals=() r
  for ((r = 1; r <= BENCH_ROUNDS; r++)); do [[ -n ${a[$2:$3:$r]:-} ]] && vals+=("${a[$2:$3:$r]}"); done
  ((${#vals[@]})) && median "${vals[@]}" || echo ""
}

# --------------------------------------------------------------------------- run
start_nginx
verify direct "${URL[direct]}" bench || die "nginx upstream does not answer as expected"
KEY[direct]=bench

if want portkey; then
  start_portkey
  ok=0
  for _ in 1 2 3 4 5; do
    verify portkey "${URL[portkey]}" sk-bench-anything "${PORTKEY_HDRS[@]}" && { ok=1; break; }
    sleep 1
  done
  ((ok)) || die "Portkey does not relay the upstream answer"
  KEY[portkey]=sk-bench-anything
fi

HYPERION_PID=""
RSS_IDLE=0 RSS_WARM=0 RSS_C1000=0
if want_liberty && [[ -z $HYPERION_FAIL ]]; then
  if start_hyperion; then
    HYPERION_PID=$(cat "$HYPERION_WLP/usr/servers/.pid/hyperion.pid")
    create_tenants || HYPERION_FAIL="the bench tenants could not be created"
  fi
  if [[ -z $HYPERION_FAIL ]]; then
    KEY[servlet]=bench KEY[jaxrs]=bench KEY[proxy]=bench KEY[nettyproxy]=bench KEY[hyperion]=$FULL_KEY KEY[lean]=$LEAN_KEY
    want hyperion && { verify hyperion "${URL[hyperion]}" "$FULL_KEY" \
      || HYPERION_FAIL="a chat request through Hyperion did not return the upstream's answer"; }
    want jaxrs && { verify jaxrs "${URL[jaxrs]}" bench || HYPERION_FAIL="the JAX-RS ceiling does not answer"; }
    want servlet && { verify servlet "${URL[servlet]}" bench || HYPERION_FAIL="the servlet ceiling does not answer"; }
    want proxy && { verify proxy "${URL[proxy]}" bench || HYPERION_FAIL="the proxy ceiling does not relay the upstream"; }
    want nettyproxy && { verify nettyproxy "${URL[nettyproxy]}" bench || HYPERION_FAIL="the Netty proxy ceiling does not relay the upstream"; }
    RSS_IDLE=$(rss_kb "$HYPERION_PID")
  fi
  [[ -z $HYPERION_FAIL ]] || log "Hyperion: $HYPERION_FAIL -- skipping the Liberty rows"
fi

TARGETS=()
for t in direct servlet jaxrs proxy nettyproxy hyperion lean portkey; do
  want "$t" || continue
  case $t in servlet|jaxrs|proxy|nettyproxy|hyperion|lean) [[ -z $HYPERION_FAIL ]] || continue ;; esac
  TARGETS+=("$t")
done
for t in "${TARGETS[@]}"; do
  warm=$BENCH_WARMUP_OTHER
  [[ $t == hyperion || $t == lean ]] && warm=$BENCH_WARMUP
  ((warm > 0)) || continue
  log "$t: warm-up ${warm} s at c=100"
  run_wrk "$t-warmup" 100 "$warm" "$t"
done
# After the fixed warm-up the JIT may still be compiling (bench/jit.sh). Keep warming both gateway
# rows in turn, 10 s each, until the C2 compiler used under 2 % of a core over a round, or
# BENCH_WARMUP_MAX seconds in all.
if [[ -n $HYPERION_PID ]] && { want hyperion || want lean; }; then
  warmed=0
  while ((warmed < BENCH_WARMUP_MAX)); do
    c2_before=$(c2_cpu_us "$HYPERION_PID"); round_s=0
    for t in hyperion lean; do
      want "$t" || continue
      run_wrk "$t-warmup-jit" 100 10 "$t"; round_s=$((round_s + 10))
    done
    warmed=$((warmed + round_s))
    c2=$(( $(c2_cpu_us "$HYPERION_PID") - c2_before ))
    log "JIT warm-up: C2 compiled for $((c2 / 1000)) ms in the last ${round_s} s"
    c2_quiet "$c2" "$round_s" && break
  done
fi
[[ -n $HYPERION_PID ]] && RSS_WARM=$(rss_kb "$HYPERION_PID")
for ((round = 1; round <= BENCH_ROUNDS; round++)); do
  for c in $BENCH_CONCURRENCY; do
    for t in "${TARGETS[@]}"; do
      measure "$t" "$c" "$round"
      if [[ $c == 1000 && -n $HYPERION_PID ]]; then
        rss=$(rss_kb "$HYPERION_PID"); ((rss > RSS_C1000)) && RSS_C1000=$rss
      fi
    done
  done
done

# --------------------------------------------------------------------------- report
ms() { [[ -n ${1:-} ]] && awk -v u="$1" 'BEGIN{printf "%.3f", u/1000}' || echo "n/a"; }
mb() { ((${1:-0} > 0)) && awk -v k="$1" 'BEGIN{printf "%.0f MB", k/1024}' || echo "n/a"; }
ratio() { [[ -n ${1:-} && -n ${2:-} && $2 != 0 ]] && awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}' || echo "n/a"; }
declare -A NAME=([direct]="direct (nginx)" [servlet]="trivial servlet" [jaxrs]="trivial JAX-RS"
  [proxy]="trivial JAX-RS proxy (JDK client)" [nettyproxy]="trivial JAX-RS proxy (Netty client)"
  [hyperion]="**Hyperion, full pipeline**" [lean]="Hyperion, policy/cache off" [portkey]="Portkey")
{
  echo
  echo "Hyperion benchmark $RUN_ID -- $(nproc) cores, loopback, $BENCH_ROUNDS interleaved rounds of ${BENCH_DURATION} s (medians), wrk (1 thread at c=1, 2 above), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Gateway: database $BENCH_DB, limits and budgets counted in $BENCH_POLICY_STORE, full row's policy $BENCH_FULL_POLICY and exact cache $BENCH_FULL_CACHE, JVM_ARGS '${JVM_ARGS:-}'"
  echo
  echo "| target | concurrency | requests/s | p50 (ms) | p99 (ms) | errors | CPU µs/request |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for t in "${TARGETS[@]}"; do
    for c in $BENCH_CONCURRENCY; do
      rps=$(med RPS "$t" "$c")
      if [[ -n $rps ]]; then
        printf '| %s | %s | %.0f | %s | %s | %s | %s |\n' "${NAME[$t]}" "$c" "$rps" \
          "$(ms "$(med P50 "$t" "$c")")" "$(ms "$(med P99 "$t" "$c")")" "$(med ERR "$t" "$c")" "$(med CPU "$t" "$c")"
      else
        printf '| %s | %s | n/a | n/a | n/a | n/a | n/a |\n' "${NAME[$t]}" "$c"
      fi
    done
  done
  echo
  [[ -n $HYPERION_FAIL ]] && want_liberty && echo "Liberty rows not measured: $HYPERION_FAIL"
  if [[ -n $HYPERION_PID ]]; then
    echo "Gateway JVM resident memory: idle $(mb "$RSS_IDLE"), after warm-up $(mb "$RSS_WARM"), at c=1000 $(mb "$RSS_C1000") (peak $(awk '/^VmHWM:/{printf "%.0f MB", $2/1024}' "/proc/$HYPERION_PID/status" 2>/dev/null))"
  fi
  want portkey && [[ -r /proc/$PORTKEY_PID/status ]] && echo "Portkey (node) resident memory: $(awk '/^VmRSS:/{printf "%.0f MB", $2/1024}' "/proc/$PORTKEY_PID/status")"
  d1=$(med P50 direct 1)
  for t in servlet jaxrs proxy nettyproxy hyperion lean portkey; do
    want "$t" || continue
    p=$(med P50 "$t" 1)
    [[ -n $p && -n $d1 ]] && echo "added p50 at c=1 (${NAME[$t]} - direct): $(( p - d1 )) µs"
  done
  if want hyperion && want jaxrs; then
    h1=$(med P50 hyperion 1) j1=$(med P50 jaxrs 1)
    echo
    echo "Targets (issue 16):"
    echo "- full pipeline c=100 throughput / trivial JAX-RS: $(ratio "$(med RPS hyperion 100)" "$(med RPS jaxrs 100)") (target ≥ 0.60)"
    want portkey && echo "- full pipeline c=100 throughput / Portkey: $(ratio "$(med RPS hyperion 100)" "$(med RPS portkey 100)") (target ≥ 8)"
    [[ -n $h1 && -n $j1 && -n $d1 ]] && echo "- added p50 at c=1, Hyperion / trivial JAX-RS: $(ratio $((h1 - d1)) $((j1 - d1))) (target ≤ 1.5)"
    echo "- c=1000: errors $(med ERR hyperion 1000) (target 0), p99 / c=100 p99: $(ratio "$(med P99 hyperion 1000)" "$(med P99 hyperion 100)") (target ≤ 10)"
  fi
  if want proxy && want jaxrs; then
    echo "- (for scale) trivial JAX-RS proxy c=100 throughput / trivial JAX-RS: $(ratio "$(med RPS proxy 100)" "$(med RPS jaxrs 100)")"
  fi
  if want nettyproxy && want jaxrs; then
    echo "- (for scale) trivial JAX-RS proxy over Netty c=100 throughput / trivial JAX-RS: $(ratio "$(med RPS nettyproxy 100)" "$(med RPS jaxrs 100)")"
  fi
  echo
  echo "(errors = non-2xx answers + socket connect/read/write errors + timeouts > $BENCH_TIMEOUT; CPU = the target's process user+system time over the run / requests; raw wrk output in ${RESULTS#"$REPO_DIR"/})"
} | tee "$RESULTS/results.md"

[[ -z $HYPERION_FAIL ]] || { want_liberty && exit 2; }
exit 0
